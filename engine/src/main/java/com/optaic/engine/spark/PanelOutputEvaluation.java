package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link SparkEvaluator.Request} into its output path: a directory of Parquet parts committed all at
 * once (see {@link OutputDirectory}), or one Arrow IPC or CSV file assembled on the driver from the parts; a
 * failed job leaves no output.
 */
final class PanelOutputEvaluation {

    private final SparkBlockJob job;

    PanelOutputEvaluation(SparkBlockJob job) {
        this.job = requireNonNull(job, "job is null");
    }

    SparkEvaluator.Result evaluate(
            BlockInput input,
            FieldCatalog catalog,
            PanelReader.Layout layout,
            SparkEvaluator.Request request,
            long t0) {
        ExpressionText text = ExpressionText.of(request.expressions());
        Program program = EvaluationInputs.compile(text, catalog);
        int blockDates = blockDates(request.blockDates(), layout, request.from(), request.to());
        List<DateBlock> blocks =
                BlockPlanner.plan(layout.calendar(), program, request.from(), request.to(), blockDates);
        // A single file (Arrow IPC, CSV) is assembled on the driver from part files written beside it.
        boolean singleFile = SparkEvaluator.isSingleFile(request.output());
        OutputDirectory output = OutputDirectory.create(request.output(), singleFile);
        long t1 = System.nanoTime();
        List<BlockResult> parts;
        try {
            parts = blocks.isEmpty()
                    ? List.of(writeEmpty(program, output.staging()))
                    : job.run(
                            new BlockTask(input, text, catalog, StorageLocation.local(output.staging()), false),
                            blocks,
                            blockDates);
        } catch (Exception e) {
            output.abort();
            throw SparkBlockJob.failure(input.describe(), e);
        }
        long t2 = System.nanoTime();
        if (singleFile) {
            try {
                new PanelWriter().write(new PanelReader(Set.of()).read(output.staging()), request.output());
            } finally {
                output.abort();
            }
        } else {
            output.commit();
        }
        long t3 = System.nanoTime();
        long rows = parts.stream().mapToLong(BlockResult::rows).sum();
        return new SparkEvaluator.Result(
                singleFile ? request.output().toAbsolutePath().normalize() : output.target(),
                program,
                blocks,
                parts,
                rows,
                t1 - t0,
                t2 - t1,
                t3 - t2);
    }

    private int blockDates(int requested, PanelReader.Layout layout, LocalDate from, LocalDate to) {
        if (requested > 0) {
            return requested;
        }
        int[] range = BlockPlanner.rowRange(layout.calendar(), from, to);
        return BlockPlanner.defaultBlockDates(range[1] - range[0], layout.assetsPerDate(), job.defaultParallelism());
    }

    /** An empty range still gives a readable output: one part file with the columns and no rows. */
    private static BlockResult writeEmpty(Program program, Path directory) {
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        program.outputs().keySet().forEach(name -> columns.put(name, new double[0]));
        Panel empty = new Panel(new int[0], new String[0], null, Map.of(), Map.of());
        String name = new DateBlock(0, 0, 0, 1, 1, 0, 0, 0, 0).partFileName();
        new PanelWriter().write(empty, 0, 0, columns, directory.resolve(name));
        return new BlockResult(0, name, 0, 0, 0, 0, 0, null);
    }
}
