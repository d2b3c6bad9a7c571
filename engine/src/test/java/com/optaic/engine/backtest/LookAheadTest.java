package com.optaic.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.data.Panel;
import com.optaic.engine.synthetic.SyntheticMarket;
import org.junit.jupiter.api.Test;

/**
 * The defaults cannot look ahead: a signal built from tomorrow's return (a LABEL, which may read the future)
 * earns nothing after the default lag, while trading it on the same bar, which only {@code allow_same_bar}
 * permits, earns implausibly much.
 */
class LookAheadTest {
    @Test
    void tomorrowsReturnEarnsNothingAfterTheDefaultLag() {
        Panel prices = SyntheticMarket.generate(200, 756, 11);
        MarketData market = MarketData.of(prices);
        SignalBook tomorrow = SignalBook.evaluate(market, prices, "LABEL fwd = REF(close, -1) / close - 1", "fwd");
        Simulator simulator = new Simulator(market);
        BacktestSpec defaults = TestingMarkets.spec("rule", "top_bottom", "n", "20");
        BacktestPath lagged = simulator.path(tomorrow, defaults);
        BacktestPath sameBar = simulator.path(
                tomorrow,
                TestingMarkets.spec("rule", "top_bottom", "n", "20", "signal_lag", "0", "allow_same_bar", "true"));

        double[] r = lagged.netReturns();
        double mean = mean(r);
        double standardError = std(r, mean) / Math.sqrt(r.length);
        // Without look-ahead the mean daily return is noise: within 4 standard errors of 0, and tiny.
        assertThat(Math.abs(mean)).isLessThan(4 * standardError);
        assertThat(Math.abs(mean)).isLessThan(5e-4);
        // With it, every day earns the top-minus-bottom spread of known returns: far beyond noise.
        double[] cheat = sameBar.netReturns();
        double cheatMean = mean(cheat);
        assertThat(cheatMean).isGreaterThan(100 * standardError).isGreaterThan(0.01);
        double sharpe = new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC)).compute(sameBar)[3];
        assertThat(sharpe).isGreaterThan(20);
    }

    private static double mean(double[] r) {
        double sum = 0;
        for (int t = 1; t < r.length; t++) {
            sum += r[t];
        }
        return sum / (r.length - 1);
    }

    private static double std(double[] r, double mean) {
        double sum = 0;
        for (int t = 1; t < r.length; t++) {
            sum += (r[t] - mean) * (r[t] - mean);
        }
        return Math.sqrt(sum / (r.length - 2));
    }
}
