package com.optaic.jobs.bench;

import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.backtest.sweep.BacktestSweep;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.engine.data.Panel;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.engines.ClusterSettings;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The sweep benchmark of the backtest issue: 1,000 combinations (10 signal windows x 5 N x 4 lags x 5
 * commissions) over a synthetic 500 x 2,520 panel, daily rebalancing with every cost part on, as Spark
 * tasks. Prints the wall time of the sweep (signals, broadcast, tasks, collect), the peak heap and the load.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "A backtest parameter sweep on Spark: 1,000 combinations over a synthetic panel.",
            "Last line: bench backtest: combinations=<n> seconds=<s> peak_heap_mib=<m>"
        })
final class BacktestBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--assets", defaultValue = "500")
    int assets;

    @Option(names = "--days", defaultValue = "2520")
    int days;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL")
    String master;

    @Option(names = "--tasks", defaultValue = "0", description = "Spark tasks (default: 4 per core).")
    int tasks;

    @Option(
            names = "--repeats",
            defaultValue = "1",
            description = "Timed sweeps after the first; the last line reports the best.")
    int repeats;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean started = !SparkSessions.isRunning();
        long t0 = System.nanoTime();
        // a cluster master gets the application jar (-Doptaic.cluster.jar) and HADOOP_CONF_DIR's settings
        SparkSession spark = SparkSessions.getOrCreate(master, ClusterSettings.forMaster(master, System.getenv()));
        Panel prices = SyntheticMarket.generate(assets, days, 7);
        out.printf(
                Locale.ROOT,
                "machine: %d cores, load average %.2f, max heap %d MiB; spark %s, master %s;"
                        + " panel %d assets x %d days (setup %.1fs)%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20,
                spark.version(),
                master,
                assets,
                days,
                (System.nanoTime() - t0) / 1e9);
        SweepGrid grid = grid();
        try {
            double best = Double.POSITIVE_INFINITY;
            SweepResult result = null;
            for (int r = 0; r <= repeats; r++) {
                long start = System.nanoTime();
                result = new BacktestSweep(spark)
                        .run(prices, grid, new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC)), tasks);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r > 0 || repeats == 0) {
                    best = Math.min(best, seconds);
                }
                out.printf(
                        Locale.ROOT,
                        "%s: %d combinations, %d distinct signals in %d tasks: %.1fs (signals %.1fs,"
                                + " spark job %.1fs; simulation CPU %.1fs), load average %.2f%n",
                        r == 0 ? "first sweep" : "sweep " + r,
                        grid.size(),
                        result.timings().signals(),
                        result.timings().tasks(),
                        seconds,
                        result.timings().signalNanos() / 1e9,
                        result.timings().jobNanos() / 1e9,
                        result.timings().simulationCpuNanos() / 1e9,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (repeats == 0) {
                    best = seconds;
                }
            }
            int bestSharpe = 0;
            for (int c = 1; c < grid.size(); c++) {
                if (result.metric(c, "sharpe") > result.metric(bestSharpe, "sharpe")) {
                    bestSharpe = c;
                }
            }
            out.printf(
                    Locale.ROOT,
                    "best Sharpe %.3f: %s %s%n",
                    result.metric(bestSharpe, "sharpe"),
                    result.combinations().get(bestSharpe).signalValues(),
                    result.combinations().get(bestSharpe).config());
            out.printf(
                    Locale.ROOT,
                    "bench backtest: combinations=%d seconds=%.1f peak_heap_mib=%d%n",
                    grid.size(),
                    best,
                    peakHeap() >> 20);
            out.flush();
            return 0;
        } finally {
            if (started) {
                spark.stop();
            }
        }
    }

    /** 10 reversal windows x N in {10, 20, 50, 100, 200} x lag in {1, 2, 3, 5} x commission in {0, 1, 5, 10, 20} bps. */
    static SweepGrid grid() {
        Map<String, List<String>> signal = new LinkedHashMap<>();
        signal.put("window", List.of("5", "10", "15", "20", "40", "60", "80", "100", "120", "250"));
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("n", List.of("10", "20", "50", "100", "200"));
        settings.put("signal_lag", List.of("1", "2", "3", "5"));
        settings.put("commission_bps", List.of("0", "1", "5", "10", "20"));
        Map<String, String> base = Map.of(
                "rule",
                "top_bottom",
                "side",
                "long_short",
                "rebalance",
                "daily",
                "half_spread_bps",
                "2",
                "impact_k",
                "0.1",
                "participation_cap",
                "0.1",
                "borrow_bps",
                "50",
                "max_weight",
                "0.05");
        return new SweepGrid("rev = -1 * (close / REF(close, {window}) - 1)", "rev", signal, base, settings);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
