package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.DatasetEvaluation;
import com.optaic.engine.eval.DatasetPlan;
import com.optaic.engine.io.PanelReader;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    private final PanelOutputEvaluation panels;
    private final DatasetVersionEvaluation datasets;

    public SparkEvaluator(SparkSession spark) {
        SparkBlockJob job = new SparkBlockJob(requireNonNull(spark, "spark is null"));
        this.panels = new PanelOutputEvaluation(job);
        this.datasets = new DatasetVersionEvaluation(job);
    }

    /**
     * What to evaluate.
     *
     * @param input a long Parquet panel: a {@code .parquet} file or a directory of them
     * @param from first output date, null for the input's first
     * @param to last output date, null for the input's last
     * @param output the output directory, created or replaced (a path ending in {@code .parquet} is a directory too);
     *     or a {@code .arrow} (Arrow IPC) or {@code .csv} file, assembled on the driver from the tasks' parts
     * @param groupFields numeric columns to read as labels (string columns always are), as {@link PanelReader}
     * @param blockDates dates per block, 0 for {@link BlockPlanner#defaultBlockDates}
     */
    public record Request(
            Path input,
            ExpressionFile expressions,
            LocalDate from,
            LocalDate to,
            Path output,
            Set<String> groupFields,
            int blockDates) {
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
    }

    /**
     * What an evaluation did.
     *
     * @param parts one per block, in date order
     * @param rows rows written in all parts
     * @param planNanos time to read the footers, compile and plan; {@code jobNanos} the Spark job;
     *     {@code commitNanos} moving the output into place
     */
    public record Result(
            Path output,
            Program program,
            List<DateBlock> blocks,
            List<BlockResult> parts,
            long rows,
            long planNanos,
            long jobNanos,
            long commitNanos) {
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
        Map<String, Boolean> fields = new PanelReader(request.groupFields())
                .fields(request.input())
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.NOT_PARQUET,
                        "Cannot evaluate '" + request.input()
                                + "' on Spark: the Spark engine reads Parquet, a .parquet file or a directory of .parquet"
                                + " files"));
        Set<String> numeric = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        fields.forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
        FieldCatalog catalog = new FieldCatalog(numeric, groups);
        BlockInput.ParquetFiles input = BlockInput.ParquetFiles.of(request.input(), request.groupFields());
        return panels.evaluate(
                input, catalog, new PanelReader(request.groupFields()).layout(input.paths()), request, t0);
    }

    /**
     * As {@link #evaluate(Request)} over a dataset version's files instead of a Parquet path: the request's
     * input is ignored, the output is written as the request says (a directory of parts, or one file).
     */
    public Result evaluate(Path root, VersionManifest version, Request request) {
        return evaluate(StorageLocation.local(requireNonNull(root, "root is null")), version, request);
    }

    /** As {@link #evaluate(Path, VersionManifest, Request)} under a storage root on any file system. */
    public Result evaluate(StorageLocation root, VersionManifest version, Request request) {
        requireNonNull(root, "root is null");
        requireNonNull(version, "version is null");
        requireNonNull(request, "request is null");
        long t0 = System.nanoTime();
        PanelReader.Layout layout = EvaluationInputs.layout(DatasetReader.ofResolvedVersions(root), version);
        return panels.evaluate(
                BlockInput.DatasetVersion.of(root, version), DatasetPlan.catalog(version), layout, request, t0);
    }

    /** Whether an output path names one file (Arrow IPC or CSV) rather than a directory of Parquet parts. */
    public static boolean isSingleFile(Path output) {
        String name = String.valueOf(output.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".arrow") || name.endsWith(".csv");
    }

    /**
     * Evaluating over a dataset version into an output dataset, as {@link DatasetEvaluation} does in process.
     *
     * @param root the storage root of both datasets; {@code catalog} their versions
     * @param inputVersion the input version, null for the latest
     * @param rebuild recompute every date instead of appending the input's dates after the output's last
     * @param asOf the as-of date of the output version
     * @param blockDates dates per block, 0 for {@link BlockPlanner#defaultBlockDates}
     * @param from first output date, null for no bound (an append computes from the day after the output's last
     *     date, or from this one if it is later)
     * @param to last output date, null for the input's last
     */
    public record DatasetRequest(
            StorageLocation root,
            VersionCatalog catalog,
            String input,
            Long inputVersion,
            String output,
            ExpressionFile expressions,
            boolean rebuild,
            LocalDate asOf,
            int blockDates,
            LocalDate from,
            LocalDate to) {
        /** Under a local directory root. */
        public DatasetRequest(
                Path root,
                VersionCatalog catalog,
                String input,
                Long inputVersion,
                String output,
                ExpressionFile expressions,
                boolean rebuild,
                LocalDate asOf,
                int blockDates) {
            this(
                    StorageLocation.local(requireNonNull(root, "root is null")),
                    catalog,
                    input,
                    inputVersion,
                    output,
                    expressions,
                    rebuild,
                    asOf,
                    blockDates);
        }

        /** Every date of the input. */
        public DatasetRequest(
                StorageLocation root,
                VersionCatalog catalog,
                String input,
                Long inputVersion,
                String output,
                ExpressionFile expressions,
                boolean rebuild,
                LocalDate asOf,
                int blockDates) {
            this(root, catalog, input, inputVersion, output, expressions, rebuild, asOf, blockDates, null, null);
        }

        public DatasetRequest {
            requireNonNull(root, "root is null");
            requireNonNull(catalog, "catalog is null");
            requireNonNull(input, "input is null");
            requireNonNull(output, "output is null");
            requireNonNull(expressions, "expressions is null");
            requireNonNull(asOf, "asOf is null");
            if (blockDates < 0) {
                throw new IllegalArgumentException("blockDates must not be negative: " + blockDates);
            }
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("from " + from + " is after to " + to);
            }
        }

        /** Only the output dates in [from, to] (either null for open). */
        public DatasetRequest withRange(LocalDate from, LocalDate to) {
            return new DatasetRequest(
                    root, catalog, input, inputVersion, output, expressions, rebuild, asOf, blockDates, from, to);
        }
    }

    /**
     * What an evaluation into a dataset did.
     *
     * @param input the input version read
     * @param output the output's version after the run: the new one, or the latest when nothing was new
     * @param rowsAdded rows of the new version's new files (0 when nothing was committed)
     * @param datesAppended dates with a row in the new files
     */
    public record DatasetResult(
            VersionManifest input,
            VersionManifest output,
            Program program,
            long rowsAdded,
            int datesAppended,
            List<DateBlock> blocks,
            List<BlockResult> parts,
            long planNanos,
            long jobNanos,
            long commitNanos) {
        public DatasetResult {
            requireNonNull(input, "input is null");
            requireNonNull(output, "output is null");
            requireNonNull(program, "program is null");
            blocks = List.copyOf(blocks);
            parts = List.copyOf(parts);
        }

        /** Per output field, the rows of the new files with a finite value (counted by the tasks). */
        public Map<String, Long> finiteValues() {
            Map<String, Long> finite = new LinkedHashMap<>();
            program.outputs().keySet().forEach(name -> finite.put(name, 0L));
            for (BlockResult part : parts) {
                if (part.written() != null) {
                    part.written().finiteValues().forEach((name, count) -> finite.merge(name, count, Long::sum));
                }
            }
            return finite;
        }
    }

    /**
     * Brings the output dataset up to date with the input version: a full version, or (when the output has one
     * and no rebuild is asked for) only the input's later dates plus their halo, appended as a new version; either
     * limited to the request's date range. A range without a row of the input fails with {@code NO_ROWS}. Each
     * task writes its part into the new version's own data directory and describes it; the manifest is committed
     * only if every task succeeded, so a failure leaves no new version. Values equal {@link DatasetEvaluation}'s
     * bit for bit (EMA to about 1e-15 relative).
     */
    public DatasetResult evaluate(DatasetRequest request) {
        requireNonNull(request, "request is null");
        return datasets.evaluate(request);
    }
}
