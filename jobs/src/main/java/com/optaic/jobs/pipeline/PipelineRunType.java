package com.optaic.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.data.PanelRows;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.Registry;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A PipelineRun of a DatasetInstance: the source built from the {@code pipeline} slot's code_ref and the
 * instance's {@code pipeline} config produces a panel, and the run writes the dates after the dataset's last
 * date as an appended version (or the whole panel as a rebuilt one, with instance config {@code "mode":
 * "rebuild"} or run param {@code "rebuild": true}). Metrics: {@code rows_added}, {@code dates_added},
 * {@code last_date}; the frame adds the version.
 */
public final class PipelineRunType implements RunType {
    private final Registry<PipelineSource> sources;

    public PipelineRunType(Registry<PipelineSource> sources) {
        this.sources = requireNonNull(sources, "sources is null");
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
    public RunWork resolve(RunContext context) {
        DefinitionVersion definition = context.definition("pipeline");
        PipelineSource source = sources.build(definition.codeRef(), context.snapshot().config().path("pipeline"));
        UUID datasetId = context.snapshot().instanceId();
        boolean rebuild = context.snapshot().params().path("rebuild")
                .asBoolean("rebuild".equals(context.snapshot().config().path("mode").asText("append")));
        Run subject = context.reproduces().orElse(context.run());
        Optional<LocalDate> asOf = subject.nominalDate();
        Optional<VersionManifest> base = base(context, datasetId);
        String name = StoreDatasets.datasetName(datasetId);
        return () -> {
            Panel panel = source.read(asOf);
            if (!rebuild && base.isPresent()) {
                panel = PanelRows.after(panel, base.get().maxDate());
            }
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("source", definition.codeRef());
            metrics.put("mode", rebuild ? "rebuild" : "append");
            if (panel.dateCount() == 0 || panel.presentCount() == 0) {
                metrics.put("rows_added", 0);
                metrics.put("dates_added", 0);
                base.ifPresent(b -> metrics.put("last_date", b.maxDate().toString()));
                return new StagedResult(Optional.empty(), metrics);
            }
            LocalDate lastDate = panel.date(panel.dateCount() - 1);
            StagedCatalog catalog = new StagedCatalog(name, base);
            DatasetWriter writer = new DatasetWriter(context.storage().datasets(), catalog);
            VersionManifest manifest = rebuild ? writer.rebuild(name, panel, asOf.orElse(lastDate))
                    : writer.append(name, panel, asOf.orElse(lastDate));
            long rowsAdded = panel.presentCount();
            metrics.put("rows_added", rowsAdded);
            metrics.put("dates_added", panel.dateCount());
            metrics.put("assets", panel.assetCount());
            metrics.put("last_date", manifest.maxDate().toString());
            metrics.put("rows_total", manifest.rows());
            return new StagedResult(Optional.of(new StagedResult.StagedVersion(datasetId, manifest,
                    !rebuild && base.isPresent(), rowsAdded, StoreDatasets.contentHash(manifest))), metrics);
        };
    }

    /**
     * What the run appends to: the dataset's latest version, or for a reproduction the version the original run
     * appended to, so that it recomputes the same version.
     */
    private static Optional<VersionManifest> base(RunContext context, UUID datasetId) {
        if (context.reproduces().isPresent()) {
            List<DataVersion> outputs = context.store().runs().outputs(context.actor(),
                    context.reproduces().get().resource().id());
            if (!outputs.isEmpty()) {
                return outputs.get(0).previousVersionId()
                        .map(id -> StoreDatasets.toEngine(context.store().dataVersions().getById(context.actor(), id)));
            }
        }
        return StoreDatasets.latest(context.store(), context.actor(), datasetId).map(StoreDatasets::toEngine);
    }
}
