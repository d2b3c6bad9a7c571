package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.FilePartitioning;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.dataset.VersionStaging;
import com.optaic.engine.eval.DatasetPlan;
import com.optaic.engine.io.PanelReader;
import com.optaic.operators.plan.Program;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link SparkEvaluator.DatasetRequest}: plans the dates the output dataset lacks, runs one task per
 * block into a staged version and commits its manifest only if every task succeeded, so a failure leaves no new
 * version.
 */
final class DatasetVersionEvaluation {

    private final SparkBlockJob job;

    DatasetVersionEvaluation(SparkBlockJob job) {
        this.job = requireNonNull(job, "job is null");
    }

    SparkEvaluator.DatasetResult evaluate(SparkEvaluator.DatasetRequest request) {
        long t0 = System.nanoTime();
        DatasetReader reader = new DatasetReader(request.root(), request.catalog());
        DatasetPlan plan = DatasetPlan.of(
                reader,
                request.input(),
                request.inputVersion(),
                request.catalog(),
                request.output(),
                request.expressions(),
                request.rebuild());
        if (plan.upToDate()) {
            return new SparkEvaluator.DatasetResult(
                    plan.input(),
                    plan.done().get(),
                    plan.program(),
                    0,
                    0,
                    List.of(),
                    List.of(),
                    System.nanoTime() - t0,
                    0,
                    0);
        }
        ExpressionText text = ExpressionText.of(request.expressions());
        Program program = EvaluationInputs.compile(text, plan.catalog());
        BlockInput.DatasetVersion input = BlockInput.DatasetVersion.of(request.root(), plan.input());
        PanelReader.Layout layout = EvaluationInputs.layout(reader, plan.input());
        LocalDate from =
                plan.from() == null || (request.from() != null && request.from().isAfter(plan.from()))
                        ? request.from()
                        : plan.from();
        // Blocks as the writer's files (a year each) unless a size is asked for: the same version on any cluster.
        List<DateBlock> blocks = request.blockDates() > 0
                ? BlockPlanner.plan(layout.calendar(), program, from, request.to(), request.blockDates())
                : BlockPlanner.planByPartition(
                        layout.calendar(),
                        program,
                        from,
                        request.to(),
                        FilePartitioning.byYear(),
                        layout.assetsPerDate(),
                        BlockPlanner.MAX_BLOCK_CELLS);
        int blockDates = blocks.stream()
                .mapToInt(b -> b.outputTo() - b.outputFrom())
                .max()
                .orElse(0);
        VersionStaging staging = VersionStaging.begin(
                request.root(),
                request.catalog(),
                request.output(),
                plan.appends() ? Operation.APPEND : Operation.REBUILD);
        long t1 = System.nanoTime();
        List<BlockResult> parts;
        try {
            parts = job.run(new BlockTask(input, text, plan.catalog(), staging.location(), true), blocks, blockDates);
        } catch (Exception e) {
            staging.abort();
            throw SparkBlockJob.failure(input.describe(), e);
        }
        long t2 = System.nanoTime();
        List<String> fields = List.copyOf(program.outputs().keySet());
        List<DataFile> files = dataFiles(staging, parts, fields);
        if (files.isEmpty() && plan.appends()) {
            staging.abort();
            return new SparkEvaluator.DatasetResult(
                    plan.input(), plan.done().get(), program, 0, 0, blocks, parts, t1 - t0, t2 - t1, 0);
        }
        Map<String, FieldType> schema = new LinkedHashMap<>();
        fields.forEach(name -> schema.put(name, FieldType.NUMERIC));
        VersionManifest committed = staging.commit(files, schema, request.asOf(), Clock.systemUTC());
        long t3 = System.nanoTime();
        return new SparkEvaluator.DatasetResult(
                plan.input(),
                committed,
                program,
                files.stream().mapToLong(DataFile::rows).sum(),
                files.stream().mapToInt(DataFile::dates).sum(),
                blocks,
                parts,
                t1 - t0,
                t2 - t1,
                t3 - t2);
    }

    /** The staged version's data files, one per part a task wrote and described. */
    private static List<DataFile> dataFiles(VersionStaging staging, List<BlockResult> parts, List<String> fields) {
        List<DataFile> files = new ArrayList<>();
        for (BlockResult part : parts) {
            BlockResult.Written written = part.written();
            if (written != null) {
                files.add(staging.dataFile(
                        part.partFile(),
                        part.rows(),
                        written.bytes(),
                        written.sha256(),
                        LocalDate.ofEpochDay(written.firstDay()),
                        LocalDate.ofEpochDay(written.lastDay()),
                        fields,
                        written.dates()));
            }
        }
        return files;
    }
}
