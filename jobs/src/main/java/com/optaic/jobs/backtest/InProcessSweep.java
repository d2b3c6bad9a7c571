package com.optaic.jobs.backtest;

import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.SignalBook;
import com.optaic.engine.backtest.Simulator;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.engine.data.Panel;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's combinations run one after another in this process, for {@code optaic backtest --grid}: the same
 * grid, simulator and {@link SweepMetrics} as a sweep BacktestRun's Spark tasks, without Spark (a command
 * line sweep is small; a large one belongs in a run).
 */
public final class InProcessSweep {
    private InProcessSweep() {}

    /** Each distinct signal is evaluated once; the combinations reuse one simulator's work arrays. */
    public static SweepResult run(
            Panel prices,
            Panel signalData,
            BacktestConfig.Signal signal,
            BacktestConfig.Grid grid,
            SweepMetrics metrics) {
        long t0 = System.nanoTime();
        SweepGrid sweepGrid = grid.sweepGrid();
        MarketData market = MarketData.of(prices);
        List<SignalBook> signals = new ArrayList<>();
        for (int s = 0; s < sweepGrid.signalCount(); s++) {
            signals.add(
                    signal.expression().isPresent()
                            ? SignalBook.evaluate(market, signalData, sweepGrid.signalText(s), sweepGrid.signalName())
                            : SignalBook.align(
                                    market, signalData, signal.field().orElseThrow()));
        }
        long t1 = System.nanoTime();
        List<SweepGrid.Combination> combinations = sweepGrid.combinations();
        Simulator simulator = new Simulator(market);
        double[][] values = new double[combinations.size()][];
        double[][] equity = new double[combinations.size()][];
        for (SweepGrid.Combination c : combinations) {
            BacktestPath path = simulator.path(signals.get(c.signalIndex()), BacktestSpec.parse(c.config()));
            values[c.index()] = metrics.compute(path);
            equity[c.index()] = path.equity();
        }
        long t2 = System.nanoTime();
        return new SweepResult(
                market.epochDays().clone(),
                combinations,
                metrics.names(),
                values,
                equity,
                new SweepResult.Timings(signals.size(), 1, t1 - t0, t2 - t1, t2 - t1));
    }
}
