package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Evaluates expressions over a long Parquet panel on Spark, one task per {@link DateBlock}: each task reads
 * its dates plus halo and only the fields the program reads, runs the same kernels as the in-process
 * evaluator (time-series per asset, cross-sectional and group per date, inside the block: no shuffle, no
 * Spark SQL), and writes its output dates as one part file. The output is a directory of Parquet part files
 * ({@code part-00000.parquet}, ...; readable by {@code PanelReader} and by Spark) holding
 * {@code date, asset, <outputs>} for every input row in the requested range.
 *
 * <p>Results equal an in-process evaluation over the whole calendar bit for bit, except EMA, which agrees to
 * about 1e-15 relative after the warm-up {@link BlockPlanner} documents. The output appears complete or not at all (see {@link OutputDirectory}): a failed
 * task fails the job, and the job leaves no output. Input and output paths must be visible to every
 * executor under the same name (local disk for {@code local[*]}, a shared mount on a cluster).
 */
public final class SparkEvaluator {
    static final ErrorCode NOT_PARQUET = ErrorCode.user("NOT_PARQUET");
    static final ErrorCode NOTHING_TO_EVALUATE = ErrorCode.user("NOTHING_TO_EVALUATE");

    private final SparkSession spark;

    public SparkEvaluator(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /**
     * What to evaluate.
     *
     * @param input a long Parquet panel: a {@code .parquet} file or a directory of them
     * @param from first output date, null for the input's first
     * @param to last output date, null for the input's last
     * @param output the output directory, created or replaced (a path ending in {@code .parquet} is a directory too)
     * @param groupFields numeric columns to read as labels (string columns always are), as {@link PanelReader}
     * @param blockDates dates per block, 0 for {@link BlockPlanner#defaultBlockDates}
     */
    public record Request(Path input, ExpressionFile expressions, LocalDate from, LocalDate to, Path output,
                          Set<String> groupFields, int blockDates) {
        public Request {
            requireNonNull(input, "input is null");
            requireNonNull(expressions, "expressions is null");
            requireNonNull(output, "output is null");
            groupFields = Set.copyOf(requireNonNull(groupFields, "groupFields is null"));
            if (blockDates < 0) {
                throw new IllegalArgumentException("blockDates must not be negative: " + blockDates);
            }
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("from " + from + " is after to " + to);
            }
        }

        public static Request of(Path input, ExpressionFile expressions, Path output) {
            return new Request(input, expressions, null, null, output, PanelReader.DEFAULT_GROUP_FIELDS, 0);
        }

        public Request withRange(LocalDate from, LocalDate to) {
            return new Request(input, expressions, from, to, output, groupFields, blockDates);
        }

        public Request withBlockDates(int blockDates) {
            return new Request(input, expressions, from, to, output, groupFields, blockDates);
        }

        public Request withGroupFields(Set<String> groupFields) {
            return new Request(input, expressions, from, to, output, groupFields, blockDates);
        }
    }

    /**
     * What an evaluation did.
     *
     * @param parts one per block, in date order
     * @param rows rows written in all parts
     * @param planNanos time to read the footers, compile and plan; {@code jobNanos} the Spark job;
     *     {@code commitNanos} moving the output into place
     */
    public record Result(Path output, Program program, List<DateBlock> blocks, List<BlockResult> parts, long rows,
                         long planNanos, long jobNanos, long commitNanos) {
        public Result {
            requireNonNull(output, "output is null");
            requireNonNull(program, "program is null");
            blocks = List.copyOf(blocks);
            parts = List.copyOf(parts);
        }
    }

    public Result evaluate(Request request) {
        requireNonNull(request, "request is null");
        long t0 = System.nanoTime();
        Map<String, Boolean> fields = new PanelReader(request.groupFields()).fields(request.input())
                .orElseThrow(() -> new OptaicException(NOT_PARQUET, "Cannot evaluate '" + request.input()
                        + "' on Spark: the Spark engine reads Parquet, a .parquet file or a directory of .parquet"
                        + " files"));
        Set<String> numeric = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        fields.forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
        FieldCatalog catalog = new FieldCatalog(numeric, groups);
        ExpressionText text = ExpressionText.of(request.expressions());
        Program program = text.compile(catalog);
        if (program.outputs().isEmpty()) {
            throw new OptaicException(NOTHING_TO_EVALUATE, "Nothing to evaluate: no expressions were given");
        }
        ParquetDateRange.Layout layout = ParquetDateRange.layout(request.input());
        int[] range = BlockPlanner.rowRange(layout.calendar(), request.from(), request.to());
        int blockDates = request.blockDates() > 0 ? request.blockDates()
                : BlockPlanner.defaultBlockDates(range[1] - range[0], layout.assetsPerDate(),
                        spark.sparkContext().defaultParallelism());
        List<DateBlock> blocks = BlockPlanner.plan(layout.calendar(), program, request.from(), request.to(),
                blockDates);
        OutputDirectory output = OutputDirectory.create(request.output());
        long t1 = System.nanoTime();
        List<BlockResult> parts;
        try {
            parts = blocks.isEmpty() ? List.of(writeEmpty(program, output.staging()))
                    : run(new BlockTask(request.input(), text, catalog, output.staging()), blocks, blockDates);
        } catch (Exception e) {
            output.abort();
            throw failure(request, e);
        }
        long t2 = System.nanoTime();
        output.commit();
        long t3 = System.nanoTime();
        long rows = parts.stream().mapToLong(BlockResult::rows).sum();
        return new Result(output.target(), program, blocks, parts, rows, t1 - t0, t2 - t1, t3 - t2);
    }

    private List<BlockResult> run(BlockTask task, List<DateBlock> blocks, int blockDates) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        context.setJobDescription("optaic eval: " + blocks.size() + " blocks of up to " + blockDates + " dates");
        try {
            List<BlockResult> parts = new ArrayList<>(context.parallelize(blocks, blocks.size()).map(task).collect());
            parts.sort(Comparator.comparingInt(BlockResult::index));
            return parts;
        } finally {
            context.setJobDescription(null);
        }
    }

    /** An empty range still gives a readable output: one part file with the columns and no rows. */
    private static BlockResult writeEmpty(Program program, Path directory) {
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        program.outputs().keySet().forEach(name -> columns.put(name, new double[0]));
        Panel empty = new Panel(new int[0], new String[0], null, Map.of(), Map.of());
        String name = new DateBlock(0, 0, 0, 1, 1, 0, 0, 0, 0).partFileName();
        new PanelWriter().write(empty, 0, 0, columns, directory.resolve(name));
        return new BlockResult(0, name, 0, 0, 0, 0, 0);
    }

    /** The user's error when a task raised one, else a Spark failure with the root cause. */
    private static OptaicException failure(Request request, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SparkErrors.TaskFailure failure) {
                return failure.toException();
            }
            if (cause instanceof OptaicException optaic) {
                return optaic;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new OptaicException(SparkErrors.SPARK_JOB_FAILED, "Cannot evaluate '" + request.input()
                + "' on Spark: the job failed (" + SparkErrors.describe(root) + "); no output was written", e);
    }
}
