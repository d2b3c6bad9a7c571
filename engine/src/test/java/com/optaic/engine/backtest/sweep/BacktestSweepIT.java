package com.optaic.engine.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.SignalBook;
import com.optaic.engine.backtest.Simulator;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.data.Panel;
import com.optaic.engine.spark.TestingSpark;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep on Spark local[2] equals running each combination alone in process, bit for bit. */
class BacktestSweepIT {
    @Test
    void everyCombinationEqualsItsOwnBacktest() {
        Panel prices = SyntheticMarket.generate(60, 300, 5);
        Map<String, List<String>> signal = new LinkedHashMap<>();
        signal.put("window", List.of("5", "20"));
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("n", List.of("5", "10"));
        settings.put("signal_lag", List.of("1", "2"));
        settings.put("commission_bps", List.of("0", "10"));
        SweepGrid grid = new SweepGrid(
                "mom = close / REF(close, {window}) - 1",
                "mom",
                signal,
                Map.of("rebalance", "weekly", "participation_cap", "0.01", "borrow_bps", "50"),
                settings);
        SweepMetrics metrics = new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC));

        SweepResult result = new BacktestSweep(TestingSpark.session()).run(prices, grid, metrics, 5);

        assertThat(result.combinations()).hasSize(16);
        assertThat(result.timings().signals()).isEqualTo(2);
        assertThat(result.timings().tasks()).isEqualTo(5);
        MarketData market = MarketData.of(prices);
        Simulator simulator = new Simulator(market);
        for (SweepGrid.Combination combination : result.combinations()) {
            SignalBook book = SignalBook.evaluate(market, prices, grid.signalText(combination.signalIndex()), "mom");
            BacktestPath alone = simulator
                    .run(book, BacktestSpec.parse(combination.config()))
                    .path();
            assertThat(result.equity()[combination.index()])
                    .as(combination.id())
                    .isEqualTo(alone.equity());
            assertThat(result.metrics()[combination.index()])
                    .as(combination.id())
                    .isEqualTo(metrics.compute(alone));
        }
        // Costs cost: the same combination with 10 bps ends lower than with 0.
        assertThat(result.metric(1, "total_return")).isLessThan(result.metric(0, "total_return"));
        Panel curves = result.equityPanel();
        assertThat(curves.assets()).hasSize(16).startsWith("c00000");
        assertThat(curves.dateCount()).isEqualTo(300);
        assertThat(curves.requireNumeric("equity")[300 * 3 + 299]).isEqualTo(result.equity()[3][299]);
    }

    @Test
    void signalsFromAnotherPanelOrGivenAsABookSweepLikeTheirExpressionOverThePrices() {
        Panel prices = SyntheticMarket.generate(30, 150, 3);
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("n", List.of("3", "5"));
        settings.put("signal_lag", List.of("1", "2"));
        SweepMetrics metrics = new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC));
        BacktestSweep sweep = new BacktestSweep(TestingSpark.session());
        SweepResult expected = sweep.run(
                prices,
                new SweepGrid("mom = REF(close, 5) / close - 1", "mom", Map.of(), Map.of(), settings),
                metrics,
                2);

        // Over a panel whose close is 1 / close, close / REF(close, 5) - 1 is the expected signal.
        double[] close = prices.requireNumeric("close");
        double[] inverse = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            inverse[i] = 1 / close[i];
        }
        Panel inverted =
                new Panel(prices.epochDays(), prices.assets(), prices.presence(), Map.of("close", inverse), Map.of());
        SweepResult overOtherPanel = sweep.run(
                prices,
                inverted,
                new SweepGrid("mom = close / REF(close, 5) - 1", "mom", Map.of(), Map.of(), settings),
                metrics,
                2);
        MarketData market = MarketData.of(prices);
        SweepResult givenBook = sweep.run(
                market,
                SignalBook.evaluate(market, prices, "mom = REF(close, 5) / close - 1", "mom"),
                new SweepGrid("", "mom", Map.of(), Map.of(), settings),
                metrics,
                2);

        for (SweepResult result : List.of(overOtherPanel, givenBook)) {
            assertThat(result.combinations()).hasSize(4);
            for (int c = 0; c < 4; c++) {
                assertThat(result.metrics()[c]).as("c%d", c).containsExactly(expected.metrics()[c]);
                assertThat(result.equity()[c]).as("c%d", c).containsExactly(expected.equity()[c]);
            }
        }
    }
}
