package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.Function;

/**
 * The work of one Spark task: read a block's dates (halo included) and the fields the program reads,
 * compile the expressions from their text, evaluate them with the in-process kernels, drop the halo and
 * write the output dates as one Parquet part file. Holds only text and paths, so it serialises trivially.
 *
 * <p>For a dataset version ({@code dataFiles}), a block without a row writes no file, and a written file is
 * forced to disk and described (size, SHA-256, dates) for the manifest the driver commits.
 */
final class BlockTask implements Function<DateBlock, BlockResult> {
    private static final long serialVersionUID = 1L;

    private final BlockInput input;
    private final ExpressionText expressions;
    private final List<String> catalogNumeric;
    private final List<String> catalogGroups;
    private final String outputDirectory;
    private final boolean dataFiles;

    /**
     * @param catalog the fields of the whole input, which the driver compiled against (a field lookup in a
     *     block must resolve as it did there, e.g. {@code returns} as a column or as a formula)
     * @param dataFiles whether the parts become files of a dataset version (described, none when empty)
     */
    BlockTask(
            BlockInput input,
            ExpressionText expressions,
            FieldCatalog catalog,
            StorageLocation outputDirectory,
            boolean dataFiles) {
        this.input = requireNonNull(input, "input is null");
        this.expressions = requireNonNull(expressions, "expressions is null");
        this.catalogNumeric = List.copyOf(new TreeSet<>(catalog.numeric()));
        this.catalogGroups = List.copyOf(new TreeSet<>(catalog.groups()));
        this.outputDirectory =
                requireNonNull(outputDirectory, "outputDirectory is null").toString();
        this.dataFiles = dataFiles;
    }

    @Override
    public BlockResult call(DateBlock block) {
        try {
            return run(block);
        } catch (OptaicException e) {
            throw new SparkErrors.TaskFailure(new OptaicException(
                    e.code(), e.getMessage() + " (block " + block.index() + ", dates " + block.outputDates() + ")", e));
        }
    }

    BlockResult run(DateBlock block) {
        Program program = expressions.compile(new FieldCatalog(Set.copyOf(catalogNumeric), Set.copyOf(catalogGroups)));
        long t0 = System.nanoTime();
        Set<String> fields = new TreeSet<>(program.numericInputs());
        fields.addAll(program.groupInputs());
        PanelReader.RangeRead read = input.read(block.computeFromDay(), block.computeToDay(), fields);
        Panel panel = read.panel();
        if (panel.dateCount() != block.computeRows()) {
            throw new OptaicException(
                    EngineErrorCode.INPUT_CHANGED,
                    "Cannot evaluate " + input.describe() + ": its dates changed"
                            + " while it was being evaluated (" + panel.dateCount() + " dates where the plan had "
                            + block.computeRows() + ")");
        }
        long t1 = System.nanoTime();
        // The block's first row in the whole calendar: the kernels align to it, so rows equal a whole run's.
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, null, null, block.computeFrom());
        long t2 = System.nanoTime();
        int rowFrom = block.outputFrom() - block.computeFrom();
        int rowTo = block.outputTo() - block.computeFrom();
        Panel computed = evaluation.panel();
        long rows = computed.presentCount(rowFrom, rowTo);
        StorageLocation part = StorageLocation.of(outputDirectory).resolve(block.partFileName());
        if (dataFiles && rows == 0) {
            return new BlockResult(block.index(), null, 0, read.rowsDecoded(), t1 - t0, t2 - t1, 0, null);
        }
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>(evaluation.columns());
        if (part.localPath().isPresent()) {
            new PanelWriter()
                    .write(computed, rowFrom, rowTo, columns, part.localPath().get());
        } else {
            new PanelWriter().writeParquet(computed, rowFrom, rowTo, columns, part.outputFile());
        }
        BlockResult.Written written = null;
        if (dataFiles) {
            try {
                written = describe(computed, rowFrom, rowTo, columns, part);
            } catch (IOException e) {
                throw SparkErrors.cannotWrite(part, e);
            }
        }
        long t3 = System.nanoTime();
        return new BlockResult(
                block.index(), block.partFileName(), rows, read.rowsDecoded(), t1 - t0, t2 - t1, t3 - t2, written);
    }

    /**
     * Forces the part to disk and describes it for a manifest (size, SHA-256, first and last date, dates) and for
     * coverage (finite values per column), so the driver need not read it back.
     */
    private static BlockResult.Written describe(
            Panel panel, int rowFrom, int rowTo, LinkedHashMap<String, double[]> columns, StorageLocation part)
            throws IOException {
        int first = -1;
        int last = -1;
        int dates = 0;
        for (int t = rowFrom; t < rowTo; t++) {
            if (panel.presentCount(t, t + 1) > 0) {
                first = first < 0 ? t : first;
                last = t;
                dates++;
            }
        }
        LinkedHashMap<String, Long> finite = new LinkedHashMap<>();
        int calendar = panel.dateCount();
        boolean[] present = panel.presence();
        columns.forEach((name, values) -> {
            long count = 0;
            for (int a = 0; a < panel.assetCount(); a++) {
                for (int i = a * calendar + rowFrom; i < a * calendar + rowTo; i++) {
                    count += present[i] && Double.isFinite(values[i]) ? 1 : 0;
                }
            }
            finite.put(name, count);
        });
        part.fsync();
        return new BlockResult.Written(
                part.size(), part.sha256(), panel.epochDays()[first], panel.epochDays()[last], dates, finite);
    }
}
