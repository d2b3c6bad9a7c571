package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.operators.plan.ExpressionFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@link ExperimentEngine} on Spark through {@link SparkEvaluator}: the input panel is written as one Parquet file
 * in a scratch directory, evaluated in blocks of dates (one Spark task each), and the part files read back into the
 * input's shape, so the results equal {@link LocalExperimentEngine}'s bit for bit; the exception is EMA, which
 * Spark blocks start after a finite warm-up (dropped weight below 1e-16, see the engine's BlockPlanner) where the
 * local engine reads the whole history, so EMA outputs agree to about 1e-15 relative. The work runs in a Spark job group
 * named after the run ({@code setJobGroup(..., interruptOnCancel = true)}), which a cancel stops with
 * {@code cancelJobGroup}. Spark starts on first use (master {@code OPTAIC_SPARK_MASTER}, default {@code local[*]}).
 */
public final class SparkExperimentEngine implements ExperimentEngine {
    private final String master;
    private final Path scratch;
    private final ThreadLocal<Map<String, String>> facts = ThreadLocal.withInitial(Map::of);

    /** @param scratch where the input and output files of an evaluation live while it runs (deleted after) */
    public SparkExperimentEngine(String master, Path scratch) {
        this.master = requireNonNull(master, "master is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to) {
        return evaluate(input, expressions, from, to, CancellationToken.none());
    }

    @Override
    public Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to,
                          CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        Path directory = createScratch();
        try {
            Path inputFile = directory.resolve("input.parquet");
            Path outputDirectory = directory.resolve("output");
            new PanelWriter().write(input, inputFile);
            SparkSession spark = SparkSessions.getOrCreate(master);
            SparkContext context = spark.sparkContext();
            facts.set(Map.of("spark_application_id", context.applicationId(), "spark_master", context.master()));
            String group = "optaic-" + cancellation.label().replace(' ', '-');
            context.setJobGroup(group, "optaic " + cancellation.label(), true);
            try (CancellationToken.Registration stop = cancellation.onCancel(() -> context.cancelJobGroup(group))) {
                cancellation.throwIfCancelled();
                new SparkEvaluator(spark).evaluate(SparkEvaluator.Request.of(inputFile, expressions, outputDirectory)
                        .withRange(from, to));
            } catch (RuntimeException e) {
                cancellation.throwIfCancelled(); // a cancelled job group fails its job: report the cancel
                throw e;
            } finally {
                context.clearJobGroup();
            }
            cancellation.throwIfCancelled();
            return inInputShape(input, new PanelReader().read(outputDirectory), from, to);
        } finally {
            delete(directory);
        }
    }

    @Override
    public Map<String, String> executionFacts() {
        return facts.get();
    }

    /**
     * The Spark output (a row per input row in range) as the local engine returns it: the input's dates in range, its
     * assets in its order and its presence, NaN where a present cell has no value.
     */
    static Panel inInputShape(Panel input, Panel output, LocalDate from, LocalDate to) {
        int[] range = input.rowRange(from, to);
        int rows = range[1] - range[0];
        int assets = input.assetCount();
        int dates = input.dateCount();
        boolean[] present = new boolean[rows * assets];
        for (int a = 0; a < assets; a++) {
            System.arraycopy(input.presence(), a * dates + range[0], present, a * rows, rows);
        }
        Map<String, Integer> assetIndex = new HashMap<>();
        for (int a = 0; a < assets; a++) {
            assetIndex.put(input.assets()[a], a);
        }
        int[] days = Arrays.copyOfRange(input.epochDays(), range[0], range[1]);
        int outDates = output.dateCount();
        int[] rowOf = new int[outDates];
        for (int t = 0; t < outDates; t++) {
            rowOf[t] = Arrays.binarySearch(days, output.epochDays()[t]);
        }
        Map<String, double[]> fields = new LinkedHashMap<>();
        output.numericFields().forEach((name, values) -> {
            double[] shaped = new double[rows * assets];
            Arrays.fill(shaped, Double.NaN);
            for (int o = 0; o < output.assetCount(); o++) {
                int a = assetIndex.get(output.assets()[o]);
                for (int t = 0; t < outDates; t++) {
                    if (output.isPresent(o, t)) {
                        shaped[a * rows + rowOf[t]] = values[o * outDates + t];
                    }
                }
            }
            fields.put(name, shaped);
        });
        return new Panel(days, input.assets(), present, fields, Map.of());
    }

    private Path createScratch() {
        try {
            Files.createDirectories(scratch);
            return Files.createTempDirectory(scratch, "spark-experiment-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory under " + scratch, e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch files of a finished evaluation; a leftover is harmless.
        }
    }
}
