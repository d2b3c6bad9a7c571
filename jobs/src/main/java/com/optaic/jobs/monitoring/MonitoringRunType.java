package com.optaic.jobs.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.drift.DriftCalculator;
import com.optaic.engine.drift.DriftReport;
import com.optaic.engine.drift.FeatureDrift;
import com.optaic.engine.drift.PredictionQuality;
import com.optaic.engine.drift.ReferenceProfile;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.NewAlert;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A MonitoringRun of a DatasetInstance or a ModelInstance ({@link MonitoringConfig}, the config's
 * {@code monitoring} member): the watched dataset's version frozen in the snapshot is split into a reference
 * window and a current window; every feature of the current window is compared with the reference
 * ({@link DriftCalculator}), and for a model the predictions' IC and rank IC against realised forward returns
 * are measured in both windows. The per-feature table and a {@code _dataset} row, dated on the current window's
 * last date, are appended to the output dataset (one date per run, so its versions hold the drift history);
 * the run's metrics summarise them; alerts (PSI over {@code psi_warn}/{@code psi_alert}, a feature's drift
 * verdict, the dataset's drift) are recorded by publish and POSTed to the webhook if there is one.
 */
public final class MonitoringRunType implements RunType<MonitoringConfig> {
    /** The asset name of the dataset-level row of the output table. */
    public static final String DATASET_ROW = "_dataset";

    /** The output table's numeric fields, in order. */
    public static final List<String> FIELDS = List.of(
            "n_reference",
            "n_current",
            "null_share_reference",
            "null_share_current",
            "psi",
            "js",
            "ks_statistic",
            "ks_pvalue",
            "wasserstein",
            "out_of_range_share",
            "method_ks",
            "score",
            "threshold",
            "drift",
            "n_drifted",
            "share_drifted");

    @Override
    public ResourceType runType() {
        return ResourceType.MonitoringRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.DatasetInstance;
    }

    @Override
    public boolean serves(ResourceType type) {
        return type == ResourceType.DatasetInstance || type == ResourceType.ModelInstance;
    }

    @Override
    public boolean defaultForInstance() {
        return false;
    }

    @Override
    public MonitoringConfig parseConfig(JsonNode config) {
        return MonitoringConfig.parse(config);
    }

    @Override
    public List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        MonitoringConfig config = MonitoringConfig.parse(instance.config());
        UUID watched = watched(config, instance.resource());
        List<UUID> versions = new ArrayList<>();
        versions.add(StoreDatasets.latestInput(store, actor, instance, watched).id());
        if (config.returns().isPresent() && !config.returns().get().dataset().equals(watched)) {
            versions.add(StoreDatasets.latestInput(
                            store, actor, instance, config.returns().get().dataset())
                    .id());
        }
        return versions;
    }

    /** The dataset a run watches: the config's {@code dataset}, else the DatasetInstance itself. */
    private static UUID watched(MonitoringConfig config, Resource instance) {
        if (config.dataset().isPresent()) {
            return config.dataset().get();
        }
        if (instance.type() != ResourceType.DatasetInstance) {
            throw MonitoringConfig.bad(
                    "dataset", "is required on a " + instance.type() + ": the dataset of its predictions to watch");
        }
        return instance.id();
    }

    @Override
    public RunWork resolve(MonitoringConfig config, RunContext context) {
        Resource instance = context.store()
                .resources()
                .get(context.actor(), context.snapshot().instanceId());
        UUID watched = watched(config, instance);
        Map<UUID, DataVersion> inputs = new HashMap<>();
        for (UUID versionId : context.snapshot().inputDataVersions()) {
            DataVersion version = context.store().dataVersions().getById(context.actor(), versionId);
            inputs.put(version.datasetId(), version);
        }
        List<UUID> needed = new ArrayList<>(List.of(watched));
        config.returns().ifPresent(r -> needed.add(r.dataset()));
        for (UUID dataset : needed) {
            if (!inputs.containsKey(dataset)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "The run's snapshot has no version of dataset " + dataset
                                + ", which the MonitoringRun config reads; start a new run");
            }
        }
        UUID output = config.output()
                .orElseGet(() -> ownDataset(context.store(), context.actor(), instance, "-drift", "output"));
        if (output.equals(watched)) {
            throw MonitoringConfig.bad("output", "is the watched dataset itself; name another dataset");
        }
        Optional<VersionManifest> base = StoreDatasets.runBase(context, output);
        if (config.storedProfile()) {
            UUID profile = ownDataset(context.store(), context.actor(), instance, "-profile", "profile");
            Optional<VersionManifest> profileBase = StoreDatasets.runBase(context, profile);
            return () -> ProfiledMonitoring.execute(
                    context, config, inputs.get(watched), watched, output, base, profile, profileBase);
        }
        return () -> execute(context, config, inputs, watched, output, base);
    }

    private static StagedResult execute(
            RunContext context,
            MonitoringConfig config,
            Map<UUID, DataVersion> inputs,
            UUID watched,
            UUID output,
            Optional<VersionManifest> base) {
        DataVersion version = inputs.get(watched);
        Panel panel = StoreDatasets.read(context.storage(), StoreDatasets.toEngine(version));
        context.cancellation().throwIfCancelled();
        Windows windows = Windows.of(config, panel, watched);
        List<String> features = config.features()
                .orElseGet(() -> List.copyOf(panel.numericFields().keySet()));
        for (String feature : features) {
            if (panel.numeric(feature).isEmpty()) {
                throw MonitoringConfig.bad(
                        "features",
                        "names '" + feature + "', which is not a numeric field of dataset " + watched + " version "
                                + version.version() + "; it has "
                                + panel.numericFields().keySet());
            }
        }
        if (features.isEmpty()) {
            throw MonitoringConfig.bad("features", "is empty: dataset " + watched + " has no numeric field");
        }
        DriftCalculator calculator = new DriftCalculator(config.drift());
        List<ReferenceProfile> profiles = new ArrayList<>();
        Map<String, double[]> current = new LinkedHashMap<>();
        for (String feature : features) {
            double[] values = panel.requireNumeric(feature);
            profiles.add(ReferenceProfile.of(
                    feature,
                    windows.reference().values(panel, values),
                    config.drift().bins()));
            current.put(feature, windows.current().values(panel, values));
        }
        DriftReport report = calculator.compare(profiles, current);
        context.cancellation().throwIfCancelled();

        ObjectNode metrics = StagedResult.newMetrics();
        config.returns().ifPresent(returns -> predictionQuality(context, inputs, returns, panel, windows, metrics));
        return finish(
                context,
                config,
                report,
                watched,
                version.version(),
                windows.reference().label(),
                windows.current().label(),
                windows.current().lastDate(panel),
                output,
                base,
                metrics,
                List.of());
    }

    /**
     * The run's result from its report: metrics, alerts, and the drift table appended to the output dataset
     * (after any other staged version, such as a new reference profile).
     */
    static StagedResult finish(
            RunContext context,
            MonitoringConfig config,
            DriftReport report,
            UUID watched,
            long version,
            String referenceLabel,
            String currentLabel,
            LocalDate asOf,
            UUID output,
            Optional<VersionManifest> base,
            ObjectNode metrics,
            List<StagedResult.StagedVersion> others) {
        metrics.put("dataset", watched.toString());
        metrics.put("dataset_version", version);
        metrics.put("reference_window", referenceLabel);
        metrics.put("current_window", currentLabel);
        metrics.put("n_features", report.nFeatures());
        metrics.put("n_drifted", report.nDrifted());
        metrics.put("share_drifted", report.shareDrifted());
        metrics.put("dataset_drift", report.datasetDrift());
        ObjectNode perFeature = metrics.putObject("features");
        for (FeatureDrift f : report.features()) {
            ObjectNode node = perFeature.putObject(f.feature());
            node.put("psi", f.psi());
            node.put("js", f.js());
            node.put("ks_pvalue", f.ksPvalue());
            node.put("wasserstein", f.wasserstein());
            node.put("method", f.method());
            node.put("drift", f.drift());
        }
        String window = "current " + currentLabel + " vs reference " + referenceLabel;
        List<NewAlert> alerts = Alerts.of(report, config, window);
        metrics.put("alerts_raised", alerts.size());

        Panel table = table(report, asOf);
        String name = StoreDatasets.datasetName(output);
        if (base.isPresent() && !base.get().maxDate().isBefore(asOf)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Cannot record the drift of the current window ending " + asOf + ": output dataset " + output
                            + " already holds the drift through " + base.get().maxDate()
                            + "; a MonitoringRun appends one date after the last (wait for new data)");
        }
        VersionManifest manifest = new DatasetWriter(context.storage().datasets(), new StagedCatalog(name, base))
                .append(name, table, asOf);
        metrics.put("output_rows", table.assetCount());
        List<StagedResult.StagedVersion> staged = new ArrayList<>();
        staged.add(new StagedResult.StagedVersion(
                output, manifest, base.isPresent(), table.assetCount(), StoreDatasets.contentHash(manifest)));
        staged.addAll(others);
        return new StagedResult(staged, metrics, alerts, config.webhook());
    }

    /** One row per feature and a {@code _dataset} row, on one date. */
    static Panel table(DriftReport report, LocalDate date) {
        int rows = report.features().size() + 1;
        String[] assets = new String[rows];
        Map<String, double[]> fields = new LinkedHashMap<>();
        for (String field : FIELDS) {
            double[] column = new double[rows];
            Arrays.fill(column, Double.NaN);
            fields.put(field, column);
        }
        for (int i = 0; i < report.features().size(); i++) {
            FeatureDrift f = report.features().get(i);
            assets[i] = f.feature();
            fields.get("n_reference")[i] = f.nReference();
            fields.get("n_current")[i] = f.nCurrent();
            fields.get("null_share_reference")[i] = f.nullShareReference();
            fields.get("null_share_current")[i] = f.nullShareCurrent();
            fields.get("psi")[i] = f.psi();
            fields.get("js")[i] = f.js();
            fields.get("ks_statistic")[i] = f.ksStatistic();
            fields.get("ks_pvalue")[i] = f.ksPvalue();
            fields.get("wasserstein")[i] = f.wasserstein();
            fields.get("out_of_range_share")[i] = f.outOfRangeShare();
            fields.get("method_ks")[i] = f.method().equals(FeatureDrift.KS) ? 1 : 0;
            fields.get("score")[i] = f.score();
            fields.get("threshold")[i] = f.threshold();
            fields.get("drift")[i] = f.drift() ? 1 : 0;
        }
        int last = rows - 1;
        assets[last] = DATASET_ROW;
        fields.get("n_drifted")[last] = report.nDrifted();
        fields.get("share_drifted")[last] = report.shareDrifted();
        fields.get("drift")[last] = report.datasetDrift() ? 1 : 0;
        // assets sorted, as panels keep them; the rows follow
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> assets[a].compareTo(assets[b]));
        String[] sortedAssets = new String[rows];
        Map<String, double[]> sortedFields = new LinkedHashMap<>();
        fields.forEach((field, column) -> {
            double[] sorted = new double[rows];
            for (int i = 0; i < rows; i++) {
                sorted[i] = column[order[i]];
            }
            sortedFields.put(field, sorted);
        });
        for (int i = 0; i < rows; i++) {
            sortedAssets[i] = assets[order[i]];
        }
        return new Panel(new int[] {(int) date.toEpochDay()}, sortedAssets, null, sortedFields, Map.of());
    }

    private static void predictionQuality(
            RunContext context,
            Map<UUID, DataVersion> inputs,
            MonitoringConfig.Returns returns,
            Panel predictions,
            Windows windows,
            ObjectNode metrics) {
        if (predictions.numeric(returns.prediction()).isEmpty()) {
            throw MonitoringConfig.bad(
                    "returns.prediction",
                    "'" + returns.prediction() + "' is not a numeric field of the watched dataset; it has "
                            + predictions.numericFields().keySet());
        }
        Panel prices = StoreDatasets.read(context.storage(), StoreDatasets.toEngine(inputs.get(returns.dataset())));
        if (prices.numeric(returns.field()).isEmpty()) {
            throw MonitoringConfig.bad(
                    "returns.field",
                    "'" + returns.field() + "' is not a numeric field of dataset " + returns.dataset() + "; it has "
                            + prices.numericFields().keySet());
        }
        ObjectNode quality = metrics.putObject("prediction_quality");
        quality.put("prediction", returns.prediction());
        quality.put("returns_field", returns.field());
        quality.put("horizon", returns.horizon());
        for (Map.Entry<String, Windows.Window> entry : Map.of(
                        "reference", windows.reference(), "current", windows.current())
                .entrySet()) {
            PredictionQuality.Series series = PredictionQuality.of(
                    ForwardReturns.predictions(predictions, returns.prediction(), entry.getValue()),
                    ForwardReturns.realised(predictions, prices, returns.field(), returns.horizon(), entry.getValue()));
            ObjectNode node = quality.putObject(entry.getKey());
            putNumber(node, "ic_mean", series.meanIc());
            putNumber(node, "rank_ic_mean", series.meanRankIc());
            node.put("dates", series.dates());
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** A dataset of the run's own, {@code <instance><suffix>} beside the instance, created by its first run. */
    private static UUID ownDataset(MetadataStore store, Actor actor, Resource instance, String suffix, String member) {
        UUID parent = instance.parentId()
                .orElseThrow(() -> new IllegalStateException(instance.type() + " " + instance.id() + " has no parent"));
        String name = instance.name() + suffix;
        Optional<Resource> found = store.resources().findChild(actor, parent, name);
        if (found.isPresent()) {
            if (found.get().type() != ResourceType.DatasetInstance) {
                throw MonitoringConfig.bad(
                        member,
                        "needs the dataset '" + name + "', which is taken by a "
                                + found.get().type() + " in the same project; rename that resource");
            }
            return found.get().id();
        }
        try {
            return store.instances()
                    .create(
                            actor,
                            new NewInstance(
                                    parent,
                                    ResourceType.DatasetInstance,
                                    name,
                                    "Monitoring " + member + " of " + instance.type() + " '" + instance.name() + "'",
                                    Map.of(),
                                    JsonNodeFactory.instance.objectNode()))
                    .resource()
                    .id();
        } catch (OptaicException e) {
            if (!e.code().equals(MetadataErrorCode.ALREADY_EXISTS)) {
                throw e;
            }
            return store.resources()
                    .findChild(actor, parent, name)
                    .map(Resource::id)
                    .orElseThrow(() -> e);
        }
    }
}
