package com.optaic.jobs.cli;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.kernels.CrossSectionKernel;
import com.optaic.operators.kernels.CrossSectionKernels;
import com.optaic.operators.kernels.TimeSeriesKernel;
import com.optaic.operators.kernels.TimeSeriesKernels;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Benchmarks, outside the test suite: kernel costs per element, and the end-to-end eval workload. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the kernels and the eval path.",
        subcommands = {BenchCommand.Kernels.class, BenchCommand.EndToEnd.class})
final class BenchCommand implements Runnable {
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = "ns per element of each kernel family at windows 5, 20 and 250, next to a read+write baseline pass.")
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
            out.printf(Locale.ROOT, "kernel ns/element, single thread, %d assets x %d days, median of %d%n", assets, days, repeats);
            double baseline = median(repeats, () -> {
                for (int a = 0; a < assets; a++) {
                    int off = a * days;
                    for (int i = off; i < off + days; i++) {
                        result[i] = close[i] * 1.0000001;
                    }
                }
            }) / cells;
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
                    }) / cells;
                }
                out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f%n", family.getKey(), perWindow[0], perWindow[1], perWindow[2]);
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
                }) / cells;
                out.printf(Locale.ROOT, "%-22s %8.2f %8s %8s%n", family.getKey(), ns, "-", "-");
            }
        }
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
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

        @Option(names = "--dir", description = "Where to put the input and output files (default: a temporary directory).")
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
                out.printf(Locale.ROOT, "input: %s (%d rows, %.1f MB)%n", input, generated.presentCount(), Files.size(input) / 1e6);
                ExpressionFile expressions = ExpressionFile.parse("bench", String.join("\n", EIGHT));
                List<double[]> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    Panel panel = PanelEvaluation.readFor(new PanelReader(), input, expressions);
                    long t1 = System.nanoTime();
                    Program program = PanelEvaluation.compile(panel, expressions);
                    PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, null, null);
                    long t2 = System.nanoTime();
                    new PanelWriter().write(evaluation.panel(), evaluation.rowFrom(), evaluation.rowTo(),
                            new LinkedHashMap<>(evaluation.columns()), output);
                    long t3 = System.nanoTime();
                    double[] run = {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9};
                    runs.add(run);
                    out.printf(Locale.ROOT, "run %d: read %.3fs  evaluate %.3fs  write %.3fs  total %.3fs%n",
                            r + 1, run[0], run[1], run[2], run[3]);
                }
                double[] totals = runs.stream().mapToDouble(r -> r[3]).sorted().toArray();
                out.printf(Locale.ROOT, "bench e2e: %d assets x %d days, 8 expressions, median total %.3fs (first run %.3fs)%n",
                        assets, days, totals[totals.length / 2], runs.get(0)[3]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
