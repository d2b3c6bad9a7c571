package com.optaic.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.ingest.DatasetIngestion;
import com.optaic.engine.ingest.IngestEngine;
import com.optaic.engine.ingest.IngestSource;
import com.optaic.jobs.data.Compaction;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.engines.SparkJobGroup;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.Registry;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * A PipelineRun of a DatasetInstance ({@link PipelineConfig}): the source built from the {@code pipeline} slot's
 * code_ref and the instance's {@code pipeline} config is ingested, on the engine {@link Engines} chooses (Spark by
 * default), and the run writes the dates after the dataset's last date as an appended version (or everything as a rebuilt one, with
 * instance config {@code "mode": "rebuild"} or run param {@code "rebuild": true}); source rows dated on or before
 * the dataset's last date follow the config's {@code corrections} policy. Metrics: {@code rows_added},
 * {@code rows_ignored} (an append's earlier rows, not written),
 * {@code dates_added}, {@code last_date}, {@code engine}, {@code tasks}; the frame adds the version. With run param
 * {@code "compact": true} the run reads no source: it compacts the dataset ({@link Compaction}). A cancel is
 * checked before and after the ingestion and stops its Spark jobs ({@link SparkJobGroup}).
 */
public final class PipelineRunType implements RunType<PipelineConfig> {
    private final Registry<PipelineSource> sources;
    private final Engines engines;
    private final Map<String, String> env;
    private final boolean shared;

    /** Sources may read any file but the run's storage root (see {@link SourceRoots}). */
    public PipelineRunType(Registry<PipelineSource> sources, Engines engines) {
        this(sources, engines, Map.of(), false);
    }

    /**
     * Sources confined by {@link SourceRoots#fromEnvironment}: {@code shared} when this process executes other
     * principals' runs ({@code serve}).
     */
    public PipelineRunType(Registry<PipelineSource> sources, Engines engines, Map<String, String> env, boolean shared) {
        this.sources = requireNonNull(sources, "sources is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.env = Map.copyOf(env);
        this.shared = shared;
    }

    @Override
    public ResourceType runType() {
        return ResourceType.PipelineRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.DatasetInstance;
    }

    @Override
    public PipelineConfig parseConfig(JsonNode config) {
        return PipelineConfig.parse(config);
    }

    /** Resolves with the run's params ({@code engine}, {@code compact}, ...) applied to the instance config. */
    @Override
    public RunWork resolve(PipelineConfig instanceConfig, RunContext context) {
        PipelineConfig config = instanceConfig.withParams(context.snapshot().params());
        DefinitionVersion definition = context.definition("pipeline");
        PipelineSource source = sources.build(definition.codeRef(), config.source());
        SourceRoots roots = SourceRoots.fromEnvironment(env, context.storage(), shared);
        UUID datasetId = context.snapshot().instanceId();
        boolean compact = config.compact();
        boolean rebuild = config.rebuild();
        Engines.Choice engine = engines.choose(runType(), config.engine());
        CancellationToken cancellation = context.cancellation();
        Run subject = context.reproduces().orElse(context.run());
        Optional<LocalDate> asOf = subject.nominalDate();
        Optional<VersionManifest> base = StoreDatasets.runBase(context, datasetId);
        String name = StoreDatasets.datasetName(datasetId);
        if (compact) {
            return () -> Compaction.stage(context, datasetId, base);
        }
        return () -> {
            cancellation.throwIfCancelled();
            StagedCatalog catalog = new StagedCatalog(name, base);
            IngestSource input = roots.confine(source.open(asOf));
            Operation operation = rebuild ? Operation.REBUILD : Operation.APPEND;
            DatasetIngestion.Result result;
            if (engine.onSpark()) {
                SparkSession spark = engine.session();
                result = SparkJobGroup.run(
                        spark,
                        cancellation,
                        () -> new DatasetIngestion(context.storage().datasets(), catalog, IngestEngine.spark(spark))
                                .ingest(name, input, operation, asOf, config.corrections()));
            } else {
                result = new DatasetIngestion(context.storage().datasets(), catalog, IngestEngine.local())
                        .ingest(name, input, operation, asOf, config.corrections());
            }
            cancellation.throwIfCancelled();
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("source", definition.codeRef());
            boolean restated = result.rowsCorrected() > 0;
            metrics.put("mode", rebuild ? "rebuild" : restated ? "restate" : "append");
            metrics.put("engine", engine.name());
            metrics.put("tasks", result.tasks());
            metrics.put("rows_added", result.rowsAdded());
            if (!rebuild) {
                metrics.put("corrections", config.corrections().wireName());
                metrics.put("rows_ignored", result.rowsIgnored());
                metrics.put("rows_corrected", result.rowsCorrected());
            }
            metrics.put("dates_added", result.datesAdded());
            result.lastDate().ifPresent(date -> metrics.put("last_date", date.toString()));
            if (result.manifest().isEmpty()) {
                return new StagedResult(Optional.empty(), metrics);
            }
            VersionManifest manifest = result.manifest().get();
            metrics.put("assets", result.assets());
            metrics.put("rows_total", manifest.rows());
            return new StagedResult(
                    Optional.of(new StagedResult.StagedVersion(
                            datasetId,
                            manifest,
                            !rebuild && !restated && base.isPresent(),
                            result.rowsAdded(),
                            StoreDatasets.contentHash(manifest))),
                    metrics);
        };
    }
}
