package com.optaic.engine.portfolio;

import static com.optaic.engine.portfolio.TestingPortfolio.close;
import static com.optaic.engine.portfolio.TestingPortfolio.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Monthly re-optimisation over a trailing 252-day window against {@code generate.py}'s rolling section. */
class RollingOptimizationTest {
    @Test
    void monthEndWindowsOfCompleteAssetsMatchTheReference() {
        Panel prices = new PanelReader().readWide(Map.of("close", TestingPortfolio.PRICES));
        List<RollingOptimization.Window> windows = RollingOptimization.windows(prices, "close", 252);
        assertThat((double) windows.size()).isEqualTo(expected("rolling_windows", "count", ""));
        // the three reference dates and every 25th window (the run IT optimises all of them on Spark)
        List<String> reference = List.of("2005-06-30", "2013-06-28", "2018-03-29");
        List<RollingOptimization.Window> some = new java.util.ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (i % 25 == 0 || reference.contains(windows.get(i).date().toString())) {
                some.add(windows.get(i));
            }
        }
        List<RollingOptimization.WindowResult> results =
                RollingOptimization.optimizeAll(some, OptimizerSpec.of("min_volatility"));
        Panel weights = RollingOptimization.weightsPanel(prices.assets(), some, results);
        assertThat(weights.dateCount()).isEqualTo(some.size());
        double[] w = weights.requireNumeric(RollingOptimization.WEIGHT_FIELD);
        int dates = weights.dateCount();
        for (int t = 0; t < dates; t++) {
            double sum = 0;
            for (int a = 0; a < weights.assetCount(); a++) {
                sum += w[a * dates + t];
            }
            assertThat(sum).as("weights on %s", weights.date(t)).isCloseTo(1.0, within(1e-9));
            int row = Arrays.binarySearch(prices.epochDays(), weights.epochDays()[t]);
            assertThat(prices.date(row + 1).getMonth())
                    .as("%s is a month end", weights.date(t))
                    .isNotEqualTo(weights.date(t).getMonth());
        }
        for (String day : reference) {
            int t = Arrays.binarySearch(
                    weights.epochDays(), (int) LocalDate.parse(day).toEpochDay());
            assertThat(t).as(day).isGreaterThanOrEqualTo(0);
            for (int a = 0; a < weights.assetCount(); a++) {
                close(
                        w[a * dates + t],
                        expected("rolling_min_volatility", day, weights.assets()[a]),
                        0,
                        1e-6,
                        day + " " + weights.assets()[a]);
            }
        }
    }

    @Test
    void windowsSeeNothingAfterTheirDate() {
        Panel prices = new PanelReader().readWide(Map.of("close", TestingPortfolio.PRICES));
        for (RollingOptimization.Window window : RollingOptimization.windows(prices, "close", 60)) {
            int last = Arrays.binarySearch(prices.epochDays(), window.epochDay());
            int a = Arrays.asList(prices.assets()).indexOf(window.assets()[0]);
            double lastPrice = prices.requireNumeric("close")[a * prices.dateCount() + last];
            assertThat(window.prices()[window.rows() - 1]).isEqualTo(lastPrice);
            assertThat(window.rows()).isEqualTo(61);
        }
    }
}
