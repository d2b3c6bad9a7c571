package com.optaic.jobs.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.drift.DriftReport;
import com.optaic.engine.drift.FeatureDrift;
import com.optaic.engine.drift.GridSummary;
import com.optaic.engine.drift.SketchDrift;
import com.optaic.engine.drift.SketchProfile;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.DataVersion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A MonitoringRun with {@code "profile": true}: the reference window is summarised once into
 * {@link SketchProfile}s (exact quantile grid of {@code 100 x bins} levels, bin shares), kept as a version of
 * the instance's {@code <instance>-profile} dataset; later runs find that version and read only the current
 * window's dates of the watched version, counted on the profile's grid ({@link GridSummary},
 * {@link SketchDrift}: KS D on the grid, within 1/L of the exact D's value there). A profile of another
 * reference window, bin count or feature set is computed again and stored as the next version.
 */
final class ProfiledMonitoring {
    private ProfiledMonitoring() {}

    static StagedResult execute(
            RunContext context,
            MonitoringConfig config,
            DataVersion version,
            UUID watched,
            UUID output,
            Optional<VersionManifest> base,
            UUID profileDataset,
            Optional<VersionManifest> profileBase) {
        VersionManifest manifest = StoreDatasets.toEngine(version);
        int bins = config.drift().bins();
        int levels = 100 * bins;
        LocalDate from = config.reference().from().orElseThrow();
        LocalDate to = config.reference().to().orElseThrow();
        List<String> features = config.features()
                .orElseGet(() -> manifest.schema().entrySet().stream()
                        .filter(e -> e.getValue() == FieldType.NUMERIC)
                        .map(Map.Entry::getKey)
                        .toList());
        ObjectNode metrics = StagedResult.newMetrics();
        List<StagedResult.StagedVersion> others = new ArrayList<>();
        Optional<List<SketchProfile>> stored = profileBase.flatMap(p ->
                ProfilePanels.fromPanel(StoreDatasets.read(context.storage(), p), features, from, to, bins, levels));
        List<SketchProfile> profiles;
        if (stored.isPresent()) {
            profiles = stored.get();
            metrics.put("profile", "stored version " + profileBase.get().version());
        } else {
            Panel reference = read(context, manifest, from, to);
            if (reference.dateCount() == 0) {
                throw MonitoringConfig.bad(
                        "reference", "holds no date of dataset " + watched + " (" + from + ".." + to + ")");
            }
            profiles = new ArrayList<>();
            for (String feature : features) {
                requireField(reference, feature, watched);
                Windows.Window all = new Windows.Window(
                        "reference",
                        0,
                        reference.dateCount(),
                        reference.date(0),
                        reference.date(reference.dateCount() - 1));
                profiles.add(SketchProfile.exact(
                        feature, all.values(reference, reference.requireNumeric(feature)), bins, levels));
            }
            String name = StoreDatasets.datasetName(profileDataset);
            VersionManifest written = new DatasetWriter(
                            context.storage().datasets(), new StagedCatalog(name, profileBase))
                    .rebuild(name, ProfilePanels.toPanel(profiles, from, to), to);
            others.add(new StagedResult.StagedVersion(
                    profileDataset, written, false, written.rows(), StoreDatasets.contentHash(written)));
            metrics.put("profile", "computed");
        }
        context.cancellation().throwIfCancelled();

        Panel current = currentWindow(context, config, manifest);
        if (current.dateCount() == 0) {
            throw MonitoringConfig.bad("current", "holds no date of dataset " + watched);
        }
        Windows.Window window = new Windows.Window(
                "current", 0, current.dateCount(), current.date(0), current.date(current.dateCount() - 1));
        SketchDrift drift = new SketchDrift(config.drift());
        List<FeatureDrift> compared = new ArrayList<>();
        for (SketchProfile profile : profiles) {
            requireField(current, profile.feature(), watched);
            GridSummary summary = new GridSummary(profile.quantiles());
            for (double v : window.values(current, current.requireNumeric(profile.feature()))) {
                summary.add(v);
            }
            compared.add(drift.compare(profile, summary));
        }
        metrics.put("current_rows_read", current.presentCount());
        return MonitoringRunType.finish(
                context,
                config,
                DriftReport.of(compared, config.drift()),
                watched,
                version.version(),
                from + ".." + to,
                window.label(),
                window.last(),
                output,
                base,
                metrics,
                others);
    }

    private static Panel read(RunContext context, VersionManifest manifest, LocalDate from, LocalDate to) {
        return StoreDatasets.reader(context.storage(), manifest)
                .read(manifest, DatasetQuery.all().between(from, to))
                .panel();
    }

    /**
     * The current window's dates only: {@code from}..{@code to}, or the last {@code days} dates, read as the
     * 2 x days + 10 calendar days before the last date (all of it if that holds fewer dates).
     */
    private static Panel currentWindow(RunContext context, MonitoringConfig config, VersionManifest manifest) {
        MonitoringConfig.Window spec = config.current();
        if (spec.days().isEmpty()) {
            return read(context, manifest, spec.from().get(), spec.to().get());
        }
        int days = spec.days().get();
        LocalDate last = manifest.maxDate();
        Panel slice = read(context, manifest, last.minusDays(2L * days + 10), last);
        if (slice.dateCount() < days) {
            slice = read(context, manifest, manifest.minDate(), last);
        }
        int first = Math.max(0, slice.dateCount() - days);
        return slice.rows(first, slice.dateCount());
    }

    private static void requireField(Panel panel, String feature, UUID dataset) {
        if (panel.numeric(feature).isEmpty()) {
            throw MonitoringConfig.bad(
                    "features",
                    "names '" + feature + "', which is not a numeric field of dataset " + dataset + "; it has "
                            + panel.numericFields().keySet());
        }
    }
}
