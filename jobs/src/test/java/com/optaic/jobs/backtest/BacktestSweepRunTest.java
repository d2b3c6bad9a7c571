package com.optaic.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.engine.data.Panel;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestSweepRunTest {
    @Test
    void theMetricsTableHasARowPerCombinationWithNumbersAndLabels() {
        Map<String, List<String>> signal = new LinkedHashMap<>();
        signal.put("window", List.of("5", "20"));
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("side", List.of("long_only", "long_short"));
        BacktestConfig.Grid grid =
                new BacktestConfig.Grid("signal = delay(close, {window})", signal, Map.of("n", "3"), settings);
        List<SweepGrid.Combination> combinations = grid.sweepGrid().combinations();
        double[][] metrics = {{0.1, 1.0}, {0.2, Double.NaN}, {0.3, 3.0}, {0.4, 4.0}};
        Panel prices = SyntheticMarket.generate(3, 10, 1);
        MarketData market = MarketData.of(prices);
        SweepResult result = new SweepResult(
                market.epochDays(),
                combinations,
                List.of("total_return", "sharpe"),
                metrics,
                new double[4][10],
                new SweepResult.Timings(2, 1, 0, 0, 0));

        Panel table = BacktestSweepRun.metricsTable(grid, result, market);

        assertThat(table.assets()).containsExactly("c00000", "c00001", "c00002", "c00003");
        assertThat(table.epochDays()).containsExactly(prices.epochDays()[9]);
        assertThat(table.requireNumeric("window")).containsExactly(5, 5, 20, 20);
        Panel.GroupColumn side = table.groupFields().get("side");
        assertThat(side.codes()).hasSize(4);
        assertThat(side.labels()[(int) side.codes()[0]]).isEqualTo("long_only");
        assertThat(side.labels()[(int) side.codes()[3]]).isEqualTo("long_short");
        assertThat(table.requireNumeric("total_return")).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(table.requireNumeric("sharpe")[1]).isNaN();
        assertThat(table.numericFields().keySet()).containsExactly("window", "total_return", "sharpe");
    }
}
