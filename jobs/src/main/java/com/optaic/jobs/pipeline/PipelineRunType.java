package com.optaic.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.ingest.DatasetIngestion;
import com.optaic.jobs.data.Compaction;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.Registry;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A PipelineRun of a DatasetInstance: the source built from the {@code pipeline} slot's code_ref and the
 * instance's {@code pipeline} config is ingested, on Spark by default (see {@link IngestEngines}), and the run
 * writes the dates after the dataset's last date as an appended version (or everything as a rebuilt one, with
 * instance config {@code "mode": "rebuild"} or run param {@code "rebuild": true}). Metrics: {@code rows_added},
 * {@code dates_added}, {@code last_date}, {@code engine}, {@code tasks}; the frame adds the version. With run param
 * {@code "compact": true} the run reads no source: it compacts the dataset ({@link Compaction}).
 */
public final class PipelineRunType implements RunType<JsonNode> {
    private final Registry<PipelineSource> sources;
    private final Optional<String> defaultMaster;

    public PipelineRunType(Registry<PipelineSource> sources) {
        this(sources, Optional.empty());
    }

    /** @param defaultMaster the Spark master of runs whose config names none ({@code OPTAIC_SPARK_MASTER}) */
    public PipelineRunType(Registry<PipelineSource> sources, Optional<String> defaultMaster) {
        this.sources = requireNonNull(sources, "sources is null");
        this.defaultMaster = requireNonNull(defaultMaster, "defaultMaster is null").filter(m -> !m.isBlank());
    }

    @Override
    public ResourceType runType() {
        return ResourceType.PipelineRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.DatasetInstance;
    }

    /** Its config is read member by member in {@link #resolve}. */
    @Override
    public JsonNode parseConfig(JsonNode config) {
        return config;
    }

    @Override
    public RunWork resolve(JsonNode config, RunContext context) {
        DefinitionVersion definition = context.definition("pipeline");
        PipelineSource source = sources.build(definition.codeRef(), config.path("pipeline"));
        UUID datasetId = context.snapshot().instanceId();
        boolean compact = Compaction.requested(context.snapshot().params(), "PipelineRun");
        boolean rebuild = !compact && context.snapshot().params().path("rebuild")
                .asBoolean("rebuild".equals(config.path("mode").asText("append")));
        IngestEngines.Choice engine = IngestEngines.choose(config, context.snapshot().params(),
                defaultMaster);
        Run subject = context.reproduces().orElse(context.run());
        Optional<LocalDate> asOf = subject.nominalDate();
        Optional<VersionManifest> base = StoreDatasets.runBase(context, datasetId);
        String name = StoreDatasets.datasetName(datasetId);
        if (compact) {
            return () -> Compaction.stage(context, datasetId, base);
        }
        return () -> {
            StagedCatalog catalog = new StagedCatalog(name, base);
            DatasetIngestion.Result result = new DatasetIngestion(context.storage().datasets(), catalog,
                    engine.start()).ingest(name, source.open(asOf), rebuild ? Operation.REBUILD : Operation.APPEND,
                    asOf);
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("source", definition.codeRef());
            metrics.put("mode", rebuild ? "rebuild" : "append");
            metrics.put("engine", result.engine());
            metrics.put("tasks", result.tasks());
            metrics.put("rows_added", result.rowsAdded());
            metrics.put("dates_added", result.datesAdded());
            result.lastDate().ifPresent(date -> metrics.put("last_date", date.toString()));
            if (result.manifest().isEmpty()) {
                return new StagedResult(Optional.empty(), metrics);
            }
            VersionManifest manifest = result.manifest().get();
            metrics.put("assets", result.assets());
            metrics.put("rows_total", manifest.rows());
            return new StagedResult(Optional.of(new StagedResult.StagedVersion(datasetId, manifest,
                    !rebuild && base.isPresent(), result.rowsAdded(), StoreDatasets.contentHash(manifest))), metrics);
        };
    }
}
