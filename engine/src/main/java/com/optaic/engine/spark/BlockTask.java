package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.Function;

/**
 * The work of one Spark task: read a block's dates (halo included) and the fields the program reads,
 * compile the expressions from their text, evaluate them with the in-process kernels, drop the halo and
 * write the output dates as one Parquet part file. Holds only text and paths, so it serialises trivially.
 */
final class BlockTask implements Function<DateBlock, BlockResult> {
    private static final long serialVersionUID = 1L;
    static final ErrorCode INPUT_CHANGED = ErrorCode.user("INPUT_CHANGED");

    private final String input;
    private final ExpressionText expressions;
    private final List<String> catalogNumeric;
    private final List<String> catalogGroups;
    private final String outputDirectory;

    /**
     * @param catalog the fields of the whole input, which the driver compiled against (a field lookup in a
     *     block must resolve as it did there, e.g. {@code returns} as a column or as a formula)
     */
    BlockTask(Path input, ExpressionText expressions, FieldCatalog catalog, Path outputDirectory) {
        this.input = requireNonNull(input, "input is null").toString();
        this.expressions = requireNonNull(expressions, "expressions is null");
        this.catalogNumeric = List.copyOf(new TreeSet<>(catalog.numeric()));
        this.catalogGroups = List.copyOf(new TreeSet<>(catalog.groups()));
        this.outputDirectory = requireNonNull(outputDirectory, "outputDirectory is null").toString();
    }

    @Override
    public BlockResult call(DateBlock block) {
        try {
            return run(block);
        } catch (OptaicException e) {
            throw new SparkErrors.TaskFailure(new OptaicException(e.code(), e.getMessage()
                    + " (block " + block.index() + ", dates " + block.outputDates() + ")", e));
        }
    }

    BlockResult run(DateBlock block) {
        Program program = expressions.compile(new FieldCatalog(Set.copyOf(catalogNumeric), Set.copyOf(catalogGroups)));
        long t0 = System.nanoTime();
        ParquetDateRange.Slice slice = ParquetDateRange.read(Path.of(input), block.computeFromDay(),
                block.computeToDay(), program.numericInputs(), program.groupInputs());
        Panel panel = slice.panel();
        if (panel.dateCount() != block.computeRows()) {
            throw new OptaicException(INPUT_CHANGED, "Cannot evaluate '" + input + "': its dates changed while it"
                    + " was being evaluated (" + panel.dateCount() + " dates where the plan had " + block.computeRows()
                    + ")");
        }
        long t1 = System.nanoTime();
        // The block's first row in the whole calendar: the kernels align to it, so rows equal a whole run's.
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, null, null, block.computeFrom());
        long t2 = System.nanoTime();
        int rowFrom = block.outputFrom() - block.computeFrom();
        int rowTo = block.outputTo() - block.computeFrom();
        Path part = Path.of(outputDirectory).resolve(block.partFileName());
        new PanelWriter().write(evaluation.panel(), rowFrom, rowTo, new LinkedHashMap<>(evaluation.columns()), part);
        long t3 = System.nanoTime();
        return new BlockResult(block.index(), block.partFileName(), evaluation.panel().presentCount(rowFrom, rowTo),
                slice.rowsDecoded(), t1 - t0, t2 - t1, t3 - t2);
    }
}
