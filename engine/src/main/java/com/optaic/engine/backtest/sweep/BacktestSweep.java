package com.optaic.engine.backtest.sweep;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.SignalBook;
import com.optaic.engine.backtest.Simulator;
import com.optaic.engine.data.Panel;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every combination of a {@link SweepGrid} as Spark tasks. The driver evaluates and ranks each distinct
 * signal once (in process, as previews do) and broadcasts the market and the signals together; the
 * combinations are split into tasks, each of which runs its combinations one after another on one
 * {@link Simulator} (work arrays reused) and returns only their summary numbers and equity curves.
 */
public final class BacktestSweep {
    private final SparkSession spark;

    public BacktestSweep(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** What every task reads: shipped once per executor as a broadcast variable. */
    record Shared(MarketData market, List<SignalBook> signals) implements Serializable {}

    /** One combination's outcome, as a task returns it. */
    record Outcome(int index, double[] metrics, double[] equity, long cpuNanos) implements Serializable {}

    /**
     * @param prices the price panel, which the signal expressions are also evaluated over
     * @param tasks Spark tasks to split the combinations into; 0 for four per core of the default parallelism
     */
    public SweepResult run(Panel prices, SweepGrid grid, PathMetrics metrics, int tasks) {
        return run(prices, prices, grid, metrics, tasks);
    }

    /**
     * A sweep whose signal expressions are evaluated over another panel than the prices (a BacktestRun's
     * signal dataset), aligned to the prices by date and asset.
     */
    public SweepResult run(Panel prices, Panel signalData, SweepGrid grid, PathMetrics metrics, int tasks) {
        requireNonNull(prices, "prices is null");
        requireNonNull(signalData, "signalData is null");
        requireNonNull(grid, "grid is null");
        long t0 = System.nanoTime();
        MarketData market = MarketData.of(prices);
        List<SignalBook> signals = IntStream.range(0, grid.signalCount())
                .parallel()
                .mapToObj(s -> SignalBook.evaluate(market, signalData, grid.signalText(s), grid.signalName()))
                .toList();
        return run(market, signals, grid, metrics, tasks, System.nanoTime() - t0);
    }

    /**
     * A sweep of the settings alone over one given signal (a signal or weights dataset field): the grid has no
     * signal parameters.
     */
    public SweepResult run(MarketData market, SignalBook signal, SweepGrid grid, PathMetrics metrics, int tasks) {
        requireNonNull(signal, "signal is null");
        if (grid.signalCount() != 1 || !grid.signalParameters().isEmpty()) {
            throw new IllegalArgumentException("a sweep over a given signal has no signal parameters");
        }
        return run(market, List.of(signal), grid, metrics, tasks, 0);
    }

    private SweepResult run(
            MarketData market,
            List<SignalBook> signals,
            SweepGrid grid,
            PathMetrics metrics,
            int tasks,
            long signalNanos) {
        requireNonNull(market, "market is null");
        requireNonNull(grid, "grid is null");
        requireNonNull(metrics, "metrics is null");
        List<SweepGrid.Combination> combinations = grid.combinations();
        long t1 = System.nanoTime();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(combinations.size(), tasks > 0 ? tasks : 4 * context.defaultParallelism()));
        Broadcast<Shared> shared = context.broadcast(new Shared(market, signals));
        List<Outcome> outcomes;
        context.setJobDescription(
                "optaic backtest sweep: " + combinations.size() + " combinations in " + slices + " tasks");
        try {
            outcomes = context.parallelize(combinations, slices)
                    .mapPartitions(part -> runAll(shared.value(), part, metrics).iterator())
                    .collect();
        } catch (Exception e) {
            throw failure(e);
        } finally {
            context.setJobDescription(null);
            shared.destroy();
        }
        long t2 = System.nanoTime();
        double[][] values = new double[combinations.size()][];
        double[][] equity = new double[combinations.size()][];
        long cpu = 0;
        for (Outcome outcome : outcomes) {
            cpu += outcome.cpuNanos();
            values[outcome.index()] = outcome.metrics();
            equity[outcome.index()] = outcome.equity();
        }
        return new SweepResult(
                market.epochDays().clone(),
                combinations,
                metrics.names(),
                values,
                equity,
                new SweepResult.Timings(signals.size(), slices, signalNanos, t2 - t1, cpu));
    }

    /** The work of one task; also the in-process path (tests compare the two). */
    static List<Outcome> runAll(Shared shared, Iterator<SweepGrid.Combination> combinations, PathMetrics metrics) {
        Simulator simulator = new Simulator(shared.market());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Outcome> out = new ArrayList<>();
        while (combinations.hasNext()) {
            long cpu = threads.getCurrentThreadCpuTime();
            SweepGrid.Combination combination = combinations.next();
            BacktestSpec spec = BacktestSpec.parse(combination.config());
            BacktestPath path = simulator.path(shared.signals().get(combination.signalIndex()), spec);
            double[] values = metrics.compute(path);
            out.add(new Outcome(combination.index(), values, path.equity(), threads.getCurrentThreadCpuTime() - cpu));
        }
        return out;
    }

    /** The user's error when a task raised one (its message survives as text), else the Spark failure. */
    private static OptaicException failure(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptaicException optaic) {
                return optaic;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new OptaicException(
                EngineErrorCode.SWEEP_FAILED, "The backtest sweep failed on Spark: " + root.getMessage(), e);
    }
}
