package com.optaic.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.cli.Main;
import com.optaic.operators.kernels.CrossSectionKernel;
import com.optaic.operators.kernels.CrossSectionKernels;
import com.optaic.operators.kernels.TimeSeriesKernel;
import com.optaic.operators.kernels.TimeSeriesKernels;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmarks, outside the test suite and the production command line: kernel costs per element, the end-to-end
 * eval workload, evaluation on Spark against the same expressions written as Spark SQL window functions, and the
 * backtest sweep. {@link #main} runs them from the test class path (see docs/benchmarks.md).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure the kernels and the eval path.",
        subcommands = {
            BenchCommand.Kernels.class,
            BenchCommand.EndToEnd.class,
            BenchCommand.SparkEval.class,
            BacktestBench.class,
            VerifyBench.class,
            DriftBench.class
        })
public final class BenchCommand implements Runnable {
    /** The eight expressions of the operator issue's benchmark. */
    static final List<String> EIGHT = List.of(
            "ret1 = close/REF(close,1)-1",
            "ma20 = MEAN(close,20)",
            "sd20 = STD(close,20)",
            "z20 = (close-MEAN(close,20))/STD(close,20)",
            "corr10 = CORR(close,volume,10)",
            "rank_delta5 = RANK(DELTA(close,5))",
            "tsrank10 = TS_RANK(volume,10)",
            "intraday = (close-open)/((high-low)+0.001)");

    @Spec
    CommandSpec spec;

    /** Runs a benchmark, e.g. {@code kernels --assets 200}; exits with its code as {@code optaic} would. */
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Main.execute(new CommandLine(new BenchCommand()), args, out, err);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "kernels",
            mixinStandardHelpOptions = true,
            description =
                    "ns per element of each kernel family at windows 5, 20 and 250, next to a read+write baseline pass.")
    static final class Kernels implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--assets", defaultValue = "2000")
        int assets;

        @Option(names = "--days", defaultValue = "2520")
        int days;

        @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per kernel; the median is reported.")
        int repeats;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Panel panel = SyntheticMarket.generate(assets, days, 7);
            double[] close = panel.requireNumeric("close");
            double[] volume = panel.requireNumeric("volume");
            double[] result = new double[close.length];
            long cells = close.length;
            out.printf(
                    Locale.ROOT,
                    "kernel ns/element, single thread, %d assets x %d days, median of %d%n",
                    assets,
                    days,
                    repeats);
            double baseline = median(repeats, () -> {
                        for (int a = 0; a < assets; a++) {
                            int off = a * days;
                            for (int i = off; i < off + days; i++) {
                                result[i] = close[i] * 1.0000001;
                            }
                        }
                    })
                    / cells;
            out.printf(Locale.ROOT, "%-22s %8s %8s %8s%n", "family", "d=5", "d=20", "d=250");
            out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f%n", "baseline read+write", baseline, baseline, baseline);
            Map<String, TimeSeriesKernel> families = new LinkedHashMap<>();
            families.put("TS_SUM", TimeSeriesKernels::sum);
            families.put("TS_MEAN", TimeSeriesKernels::mean);
            families.put("TS_STD", TimeSeriesKernels::std);
            families.put("TS_SKEW", TimeSeriesKernels::skew);
            families.put("TS_KURT", TimeSeriesKernels::kurt);
            families.put("TS_CORR (pair)", TimeSeriesKernels::corr);
            families.put("TS_COV (pair)", TimeSeriesKernels::cov);
            families.put("DECAY_LINEAR", TimeSeriesKernels::decayLinear);
            families.put("TS_SLOPE", TimeSeriesKernels::slope);
            families.put("TS_MAX (deque)", TimeSeriesKernels::max);
            families.put("TS_ARGMAX (deque)", TimeSeriesKernels::argmax);
            families.put("TS_PRODUCT", TimeSeriesKernels::product);
            families.put("TS_COUNT", TimeSeriesKernels::count);
            families.put("EMA", TimeSeriesKernels::ema);
            families.put("REF", TimeSeriesKernels::ref);
            families.put("TS_RANK (log n)", TimeSeriesKernels::rank);
            families.put("TS_MEDIAN (log n)", TimeSeriesKernels::median);
            families.put("TS_MAD (log n)", TimeSeriesKernels::mad);
            for (Map.Entry<String, TimeSeriesKernel> family : families.entrySet()) {
                double[] perWindow = new double[3];
                int[] windows = {5, 20, 250};
                for (int w = 0; w < 3; w++) {
                    int d = windows[w];
                    TimeSeriesKernel kernel = family.getValue();
                    perWindow[w] = median(repeats, () -> {
                                for (int a = 0; a < assets; a++) {
                                    kernel.apply(close, volume, a * days, days, 0, d, null, result);
                                }
                            })
                            / cells;
                }
                out.printf(
                        Locale.ROOT,
                        "%-22s %8.2f %8.2f %8.2f%n",
                        family.getKey(),
                        perWindow[0],
                        perWindow[1],
                        perWindow[2]);
            }
            Map<String, CrossSectionKernel> crossSections = new LinkedHashMap<>();
            crossSections.put("RANK (per date)", CrossSectionKernels::rank);
            crossSections.put("ZSCORE (per date)", CrossSectionKernels::zscore);
            int tile = 16; // as the evaluator gathers: 16 dates per pass over the assets
            double[][] columns = new double[tile][assets];
            double[][] columnsOut = new double[tile][assets];
            double[] params = {1};
            for (Map.Entry<String, CrossSectionKernel> family : crossSections.entrySet()) {
                double ns = median(repeats, () -> {
                            for (int t0 = 0; t0 < days; t0 += tile) {
                                int width = Math.min(tile, days - t0);
                                for (int a = 0; a < assets; a++) {
                                    for (int k = 0; k < width; k++) {
                                        columns[k][a] = close[a * days + t0 + k];
                                    }
                                }
                                for (int k = 0; k < width; k++) {
                                    family.getValue().apply(columns[k], assets, params, columnsOut[k]);
                                }
                                for (int a = 0; a < assets; a++) {
                                    for (int k = 0; k < width; k++) {
                                        result[a * days + t0 + k] = columnsOut[k][a];
                                    }
                                }
                            }
                        })
                        / cells;
                out.printf(Locale.ROOT, "%-22s %8.2f %8s %8s%n", family.getKey(), ns, "-", "-");
            }
        }
    }

    @Command(
            name = "e2e",
            mixinStandardHelpOptions = true,
            description = "optaic eval of the 8 benchmark expressions: Parquet in, Parquet out, timed end to end.")
    static final class EndToEnd implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--assets", defaultValue = "2000")
        int assets;

        @Option(names = "--days", defaultValue = "2520")
        int days;

        @Option(names = "--repeats", defaultValue = "5")
        int repeats;

        @Option(
                names = "--dir",
                description = "Where to put the input and output files (default: a temporary directory).")
        Path dir;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("optaic-bench");
                Path input = work.resolve("panel.parquet");
                Path output = work.resolve("factors.parquet");
                Panel generated = SyntheticMarket.generate(assets, days, 7);
                new PanelWriter().write(generated, input);
                out.printf(
                        Locale.ROOT,
                        "input: %s (%d rows, %.1f MB)%n",
                        input,
                        generated.presentCount(),
                        Files.size(input) / 1e6);
                ExpressionFile expressions = ExpressionFile.parse("bench", String.join("\n", EIGHT));
                List<double[]> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    Panel panel = PanelEvaluation.readFor(new PanelReader(), input, expressions);
                    long t1 = System.nanoTime();
                    Program program = PanelEvaluation.compile(panel, expressions);
                    PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, null, null);
                    long t2 = System.nanoTime();
                    new PanelWriter()
                            .write(
                                    evaluation.panel(),
                                    evaluation.rowFrom(),
                                    evaluation.rowTo(),
                                    new LinkedHashMap<>(evaluation.columns()),
                                    output);
                    long t3 = System.nanoTime();
                    double[] run = {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9};
                    runs.add(run);
                    out.printf(
                            Locale.ROOT,
                            "run %d: read %.3fs  evaluate %.3fs  write %.3fs  total %.3fs%n",
                            r + 1,
                            run[0],
                            run[1],
                            run[2],
                            run[3]);
                }
                double[] totals = runs.stream().mapToDouble(r -> r[3]).sorted().toArray();
                out.printf(
                        Locale.ROOT,
                        "bench e2e: %d assets x %d days, 8 expressions, median total %.3fs (first run %.3fs)%n",
                        assets,
                        days,
                        totals[totals.length / 2],
                        runs.get(0)[3]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "The 8 benchmark expressions on one Parquet panel, end to end (read, evaluate, write Parquet),",
                "in one process: optaic on Spark, the same expressions as Spark SQL window functions, and the",
                "in-process evaluator. Warm (one untimed run of each), median of --repeats. Checks that optaic and",
                "Spark SQL agree on every row. Last line: bench eval: spark-sql=<s> optaic=<s> ratio=<spark-sql/optaic>"
            })
    static final class SparkEval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "PATH",
                description = "A long Parquet panel (file or directory) with open, high, low, close, volume. "
                        + "Default: a synthetic panel of --assets x --days.")
        Path data;

        @Option(names = "--assets", defaultValue = "2000")
        int assets;

        @Option(names = "--days", defaultValue = "2520")
        int days;

        @Option(
                names = "--master",
                defaultValue = "local[2]",
                paramLabel = "URL",
                description = "Spark master (default local[2]).")
        String master;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed runs of each; the median is reported.")
        int repeats;

        @Option(
                names = "--dir",
                description = "Where to put the synthetic input and the outputs (default: a temporary "
                        + "directory, deleted at the end).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            boolean temporary = dir == null;
            Path work = temporary ? Files.createTempDirectory("optaic-bench-eval") : Files.createDirectories(dir);
            boolean started = !SparkSessions.isRunning();
            SparkSession spark = SparkSessions.getOrCreate(master);
            try {
                Path input = data;
                if (input == null) {
                    input = work.resolve("panel.parquet");
                    Panel generated = SyntheticMarket.generate(assets, days, 7);
                    new PanelWriter().write(generated, input);
                    out.printf(
                            Locale.ROOT,
                            "input: synthetic %d assets x %d days, %s (%d rows, %.1f MB)%n",
                            assets,
                            days,
                            input,
                            generated.presentCount(),
                            Files.size(input) / 1e6);
                } else {
                    out.printf(Locale.ROOT, "input: %s%n", input);
                }
                out.printf(
                        Locale.ROOT,
                        "machine: %d cores, load average %.2f; spark %s, master %s%n",
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        spark.version(),
                        master);
                ExpressionFile eight = ExpressionFile.parse("bench", String.join("\n", EIGHT));
                Path optaicOut = work.resolve("optaic.parquet");
                Path sqlOut = work.resolve("spark-sql.parquet");
                Path localOut = work.resolve("in-process.parquet");
                Path source = input;
                Map<String, Runnable> engines = new LinkedHashMap<>();
                List<SparkEvaluator.Result> optaicResults = new ArrayList<>();
                engines.put(
                        "optaic on spark",
                        () -> optaicResults.add(new SparkEvaluator(spark)
                                .evaluate(SparkEvaluator.Request.of(source, eight, optaicOut))));
                engines.put("spark sql windows", () -> SparkSqlWindows.write(spark, source, sqlOut));
                engines.put("in-process", () -> {
                    Panel panel = PanelEvaluation.readFor(new PanelReader(), source, eight);
                    PanelEvaluation evaluation =
                            PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, eight), null, null);
                    new PanelWriter()
                            .write(
                                    evaluation.panel(),
                                    evaluation.rowFrom(),
                                    evaluation.rowTo(),
                                    new LinkedHashMap<>(evaluation.columns()),
                                    localOut);
                });
                Map<String, double[]> times = new LinkedHashMap<>();
                engines.forEach((name, run) -> {
                    double seconds = time(run);
                    out.printf(Locale.ROOT, "%-18s warm-up %8.3fs%n", name, seconds);
                    times.put(name, new double[repeats]);
                });
                for (int r = 0; r < repeats; r++) {
                    for (Map.Entry<String, Runnable> engine : engines.entrySet()) {
                        double seconds = time(engine.getValue());
                        times.get(engine.getKey())[r] = seconds;
                        out.printf(Locale.ROOT, "%-18s run %d  %8.3fs%n", engine.getKey(), r + 1, seconds);
                    }
                }
                SparkEvaluator.Result last = optaicResults.get(optaicResults.size() - 1);
                out.printf(
                        Locale.ROOT,
                        "optaic on spark, last run: %d tasks of up to %d dates; plan %.3fs, job %.3fs,"
                                + " commit %.3fs; task time read %.2fs, evaluate %.2fs, write %.2fs (%d input rows decoded"
                                + " for %d output rows)%n",
                        last.blocks().size(),
                        last.blocks().stream()
                                .mapToInt(b -> b.outputRows())
                                .max()
                                .orElse(0),
                        last.planNanos() / 1e9,
                        last.jobNanos() / 1e9,
                        last.commitNanos() / 1e9,
                        last.parts().stream().mapToLong(p -> p.readNanos()).sum() / 1e9,
                        last.parts().stream().mapToLong(p -> p.evaluateNanos()).sum() / 1e9,
                        last.parts().stream().mapToLong(p -> p.writeNanos()).sum() / 1e9,
                        last.parts().stream().mapToLong(p -> p.rowsDecoded()).sum(),
                        last.rows());
                boolean agree = agree(out, optaicOut, sqlOut, localOut);
                double sql = median(times.get("spark sql windows"));
                double optaic = median(times.get("optaic on spark"));
                double local = median(times.get("in-process"));
                out.printf(
                        Locale.ROOT,
                        "in-process: %.3fs; optaic on spark / in-process = %.2f (target <= 2)%n",
                        local,
                        optaic / local);
                out.printf(
                        Locale.ROOT, "bench eval: spark-sql=%.3f optaic=%.3f ratio=%.1f%n", sql, optaic, sql / optaic);
                out.flush();
                return agree ? 0 : 1;
            } finally {
                if (started) {
                    spark.stop();
                }
                if (temporary) {
                    deleteRecursively(work);
                }
            }
        }

        private static double time(Runnable run) {
            long t0 = System.nanoTime();
            run.run();
            return (System.nanoTime() - t0) / 1e9;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        /**
         * Compares the outputs cell by cell: optaic on Spark against Spark SQL (every row, which includes any
         * sample) and against the in-process evaluator; prints the largest absolute difference per expression.
         */
        private static boolean agree(PrintWriter out, Path optaicOut, Path sqlOut, Path localOut) {
            Panel optaic = new PanelReader().read(optaicOut);
            Panel sql = new PanelReader().read(sqlOut);
            Panel local = new PanelReader().read(localOut);
            boolean agree = Arrays.equals(optaic.epochDays(), sql.epochDays())
                    && Arrays.equals(optaic.assets(), sql.assets())
                    && Arrays.equals(optaic.presence(), sql.presence());
            out.printf(
                    Locale.ROOT,
                    "agreement on %d rows x %d expressions (optaic vs spark sql; optaic vs in-process):%n",
                    optaic.presentCount(),
                    optaic.numericFields().size());
            double worst = 0;
            for (String name : optaic.numericFields().keySet()) {
                double[] a = optaic.requireNumeric(name);
                double[] b = sql.requireNumeric(name);
                double[] c = local.requireNumeric(name);
                double maxSql = 0;
                double maxLocal = 0;
                long nullMismatches = 0;
                for (int i = 0; i < a.length; i++) {
                    if (!optaic.presence()[i]) {
                        continue;
                    }
                    if (Double.isNaN(a[i]) != Double.isNaN(b[i]) || Double.isNaN(a[i]) != Double.isNaN(c[i])) {
                        nullMismatches++;
                    } else if (!Double.isNaN(a[i])) {
                        maxSql = Math.max(maxSql, Math.abs(a[i] - b[i]));
                        maxLocal = Math.max(maxLocal, Math.abs(a[i] - c[i]));
                    }
                }
                worst = Math.max(worst, maxSql);
                boolean ok = nullMismatches == 0 && maxSql <= 1e-9 && maxLocal == 0;
                agree &= ok;
                out.printf(
                        Locale.ROOT,
                        "  %-12s max |diff| %.3g / %.3g, null pattern %s%s%n",
                        name,
                        maxSql,
                        maxLocal,
                        nullMismatches == 0 ? "equal" : nullMismatches + " cells differ",
                        ok ? "" : "  <- DISAGREE");
            }
            out.printf(
                    Locale.ROOT,
                    "agreement: %s, max abs difference optaic vs spark sql %.3g%n",
                    agree ? "yes" : "NO",
                    worst);
            return agree;
        }
    }

    /**
     * The 8 benchmark expressions written as a Spark SQL user would: window functions over each asset's rows
     * ordered by date, and a per-date window for the cross-sectional rank. Windows are guarded like ours
     * (pandas' {@code min_periods = d}): a window that is short or holds a null gives null. The windows count
     * the asset's rows, which are the calendar's rows on a panel without gaps (the synthetic one).
     */
    static final class SparkSqlWindows {
        private SparkSqlWindows() {}

        static void write(SparkSession spark, Path input, Path output) {
            Dataset<Row> panel = spark.read()
                    .parquet(input.toString())
                    .select("date", "asset", "open", "high", "low", "close", "volume");
            WindowSpec byAsset = Window.partitionBy("asset").orderBy("date");
            Column close = col("close");
            Column volume = col("volume");
            Column mean20 = guarded(functions.avg(close), close, byAsset, 20);
            Column std20 = guarded(functions.stddev_samp(close), close, byAsset, 20);
            Column bothPresent = when(close.isNotNull().and(volume.isNotNull()), lit(1));
            Column corr10 = when(
                    count(bothPresent).over(rows(byAsset, 10)).equalTo(10),
                    functions.corr(close, volume).over(rows(byAsset, 10)));
            Column delta5 = close.minus(lag(close, 5).over(byAsset));
            Dataset<Row> windows = panel.withColumn(
                            "ret1",
                            functions
                                    .try_divide(close, lag(close, 1).over(byAsset))
                                    .minus(1))
                    .withColumn("ma20", mean20)
                    .withColumn("sd20", std20)
                    .withColumn("z20", functions.try_divide(close.minus(mean20), std20))
                    .withColumn("corr10", corr10)
                    .withColumn("delta5", delta5)
                    .withColumn(
                            "volume_w10",
                            when(
                                    count(volume).over(rows(byAsset, 10)).equalTo(10),
                                    functions.collect_list(volume).over(rows(byAsset, 10))))
                    .withColumn(
                            "intraday",
                            functions.try_divide(
                                    close.minus(col("open")),
                                    col("high").minus(col("low")).plus(0.001)));
            // TS_RANK: today's rank within the window, ties averaged, over d (pandas' rolling rank, pct=True).
            Column tsRank = expr("(size(filter(volume_w10, v -> v < volume))"
                    + " + (size(filter(volume_w10, v -> v = volume)) + 1) / 2.0D) / 10.0D");
            // RANK: pandas' rank(pct=True) per date over the present values: (lowest rank + (ties - 1) / 2) / n.
            Column delta = col("delta5");
            WindowSpec byDate = Window.partitionBy("date");
            Column lowestRank = rank().over(byDate.orderBy(delta.asc_nulls_last()));
            Column ties = count(lit(1)).over(Window.partitionBy(col("date"), delta));
            Column present = count(delta).over(byDate);
            Column rankDelta5 = when(
                    delta.isNotNull(),
                    lowestRank.plus(ties.minus(1).divide(2.0)).divide(present));
            windows.select(
                            col("date"),
                            col("asset"),
                            col("ret1"),
                            col("ma20"),
                            col("sd20"),
                            col("z20"),
                            col("corr10"),
                            rankDelta5.as("rank_delta5"),
                            when(col("volume_w10").isNotNull(), tsRank).as("tsrank10"),
                            col("intraday"))
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(output.toString());
        }

        private static WindowSpec rows(WindowSpec byAsset, int d) {
            return byAsset.rowsBetween(-(d - 1), 0);
        }

        /** {@code aggregate} over the last d rows, null unless all d are present. */
        private static Column guarded(Column aggregate, Column x, WindowSpec byAsset, int d) {
            return when(count(x).over(rows(byAsset, d)).equalTo(d), aggregate.over(rows(byAsset, d)));
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Median wall time in ns of {@code repeats} runs, after untimed warm-up runs (JIT compilation). */
    static double median(int repeats, Runnable task) {
        for (int i = 0; i < 3; i++) {
            task.run();
        }
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            task.run();
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
