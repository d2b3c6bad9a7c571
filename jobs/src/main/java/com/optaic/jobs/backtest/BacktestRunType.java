package com.optaic.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.Simulator;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.backtest.BacktestConfig.Output;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.EngineSelection;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.engines.RunEngine;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A BacktestRun of a BacktestInstance ({@link BacktestConfig}): the signal (an expression evaluated in process
 * over a dataset version, or a field of one) traded by the engine's {@link Simulator} on the prices dataset
 * version, both frozen in the run's snapshot. Each output dataset ({@link OutputDatasets}: those the config
 * names, else the run's own) gets a rebuilt version (an empty table, such as trades of a run that never traded,
 * is not written); the run's metrics hold the conventions, the spec with its execution timing, the net and gross
 * performance and the signal's IC, rank IC and quantile spreads at each horizon. A config with a {@code grid}
 * runs as a sweep instead ({@link BacktestSweepRun}).
 */
public final class BacktestRunType implements RunType<BacktestConfig> {
    /** The default of the largest grid a run accepts, {@code OPTAIC_SWEEP_MAX_COMBINATIONS}. */
    public static final int MAX_COMBINATIONS = 10_000;

    private final Engines engines;
    private final int maxCombinations;

    /**
     * @param engines where a sweep runs: the BacktestRun default engine, on Spark
     * @param maxCombinations the largest grid a sweep may have; a bigger one fails the run before any work
     */
    public BacktestRunType(Engines engines, int maxCombinations) {
        this.engines = Objects.requireNonNull(engines, "engines is null");
        if (maxCombinations < 1) {
            throw new IllegalArgumentException("maxCombinations must be positive, got " + maxCombinations);
        }
        this.maxCombinations = maxCombinations;
    }

    /** Grid cap {@code OPTAIC_SWEEP_MAX_COMBINATIONS}. */
    public static BacktestRunType fromEnvironment(Map<String, String> env, Engines engines) {
        String cap = env.getOrDefault("OPTAIC_SWEEP_MAX_COMBINATIONS", Integer.toString(MAX_COMBINATIONS))
                .trim();
        int max;
        try {
            max = Integer.parseInt(cap);
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max < 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "OPTAIC_SWEEP_MAX_COMBINATIONS must be a positive " + "whole number, got '" + cap + "'");
        }
        return new BacktestRunType(engines, max);
    }

    @Override
    public ResourceType runType() {
        return ResourceType.BacktestRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.BacktestInstance;
    }

    @Override
    public List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        List<UUID> versions = new ArrayList<>();
        for (Map.Entry<UUID, Optional<Integer>> input :
                BacktestConfig.inputsOf(instance.config()).entrySet()) {
            UUID dataset = input.getKey();
            Optional<Integer> pinned = input.getValue();
            DataVersion version = pinned.isPresent()
                    ? store.dataVersions().get(actor, dataset, pinned.get())
                    : StoreDatasets.latest(store, actor, dataset)
                            .orElseThrow(() -> new OptaicException(
                                    JobsErrorCode.BAD_RUN_CONFIG,
                                    "BacktestInstance '" + instance.resource().name() + "': dataset " + dataset
                                            + " has no version yet; run its pipeline first"));
            versions.add(version.id());
        }
        return versions;
    }

    @Override
    public BacktestConfig parseConfig(JsonNode config) {
        return BacktestConfig.parse(config);
    }

    @Override
    public RunWork resolve(BacktestConfig config, RunContext context) {
        if (config.isSweep() && config.grid().get().size() > maxCombinations) {
            BacktestConfig.Grid grid = config.grid().get();
            throw ConfigMembers.bad(
                    "grid",
                    "has " + (grid.size() == Long.MAX_VALUE ? "too many" : grid.size())
                            + " combinations ("
                            + grid.parameters().entrySet().stream()
                                    .map(e -> e.getValue().size() + " " + e.getKey())
                                    .collect(Collectors.joining(" x "))
                            + "); a run accepts at most "
                            + maxCombinations
                            + " (OPTAIC_SWEEP_MAX_COMBINATIONS): split the grid into several instances");
        }
        if (config.isSweep()) {
            try {
                config.grid().get().sweepGrid().combinations(); // settings valid alone may clash together
            } catch (OptaicException e) {
                throw new OptaicException(e.code(), "BacktestInstance config 'grid': " + e.getMessage(), e);
            }
        }
        Map<UUID, DataVersion> inputs = new HashMap<>();
        for (UUID versionId : context.snapshot().inputDataVersions()) {
            DataVersion version = context.store().dataVersions().getById(context.actor(), versionId);
            inputs.put(version.datasetId(), version);
        }
        for (UUID dataset : config.inputDatasets()) {
            if (!inputs.containsKey(dataset)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "The run's snapshot has no version of dataset " + dataset
                                + ", which the BacktestInstance config reads; start a new run");
            }
        }
        RunEngine sweepEngine = engines.defaultFor(runType());
        // A sweep's master: the run param spark_master (run start --master), else the engine's default
        Optional<String> master = new EngineSelection(Optional.empty(), Optional.empty(), "BacktestInstance config")
                .withParams(runType(), context.snapshot().params())
                .master();
        if (config.isSweep() && !sweepEngine.onSpark()) {
            throw new IllegalStateException(
                    "A sweep runs on Spark; the BacktestRun engine '" + sweepEngine.name() + "' does not");
        }
        Map<Output, UUID> outputs = OutputDatasets.resolve(
                context.store(), context.actor(), context.snapshot().instanceId(), config);
        Map<Output, Target> targets = new EnumMap<>(Output.class);
        outputs.forEach((output, dataset) -> targets.put(
                output,
                new Target(
                        dataset,
                        StoreDatasets.latest(context.store(), context.actor(), dataset)
                                .map(StoreDatasets::toEngine))));
        return () -> {
            Map<UUID, Panel> panels = new HashMap<>();
            Function<UUID, Panel> read = dataset -> panels.computeIfAbsent(
                    dataset, d -> StoreDatasets.read(context.storage(), StoreDatasets.toEngine(inputs.get(d))));
            return config.isSweep()
                    ? BacktestSweepRun.execute(
                            context, config, inputs, targets, read, () -> sweepEngine.session(master))
                    : execute(context, config, inputs, targets, read);
        };
    }

    /** An output dataset and its latest version, which the staged version follows. */
    record Target(UUID dataset, Optional<VersionManifest> base) {}

    private static StagedResult execute(
            RunContext context,
            BacktestConfig config,
            Map<UUID, DataVersion> inputs,
            Map<Output, Target> targets,
            Function<UUID, Panel> read) {
        BacktestEvaluation.Outcome outcome = BacktestEvaluation.run(
                read.apply(config.prices()),
                read.apply(config.signal().dataset()),
                config.signal(),
                config.spec(),
                config.conventions(),
                market -> config.benchmark().map(b -> benchmarkReturns(b, read.apply(b.dataset()), market)));
        ObjectNode metrics = outcome.metrics();
        metrics.put("prices_version", inputs.get(config.prices()).version());
        metrics.put("signal_version", inputs.get(config.signal().dataset()).version());
        return new StagedResult(
                write(context, targets, BacktestTables.of(outcome.result()), outcome.market(), metrics), metrics);
    }

    static void describeInputs(
            ObjectNode metrics, BacktestConfig config, Map<UUID, DataVersion> inputs, MarketData market) {
        metrics.put("dates", market.dateCount());
        metrics.put("assets", market.assetCount());
        metrics.put("prices_version", inputs.get(config.prices()).version());
        metrics.put("signal_version", inputs.get(config.signal().dataset()).version());
    }

    /** The simple returns of the benchmark asset's field on the market's calendar (NaN where a price is missing). */
    public static double[] benchmarkReturns(BacktestConfig.Benchmark benchmark, Panel panel, MarketData market) {
        int asset = Arrays.asList(panel.assets()).indexOf(benchmark.asset());
        if (asset < 0) {
            throw ConfigMembers.bad(
                    "benchmark.asset", "'" + benchmark.asset() + "' is not an asset of dataset " + benchmark.dataset());
        }
        if (panel.numeric(benchmark.field()).isEmpty()) {
            throw ConfigMembers.bad(
                    "benchmark.field",
                    "'" + benchmark.field() + "' is not a numeric field of dataset " + benchmark.dataset() + "; it has "
                            + panel.numericFields().keySet());
        }
        double[] values = panel.requireNumeric(benchmark.field());
        int[] days = market.epochDays();
        double[] returns = new double[days.length];
        double previous = Double.NaN;
        for (int t = 0; t < days.length; t++) {
            int row = Arrays.binarySearch(panel.epochDays(), days[t]);
            double price =
                    row >= 0 && panel.isPresent(asset, row) ? values[asset * panel.dateCount() + row] : Double.NaN;
            returns[t] = price / previous - 1;
            previous = price;
        }
        return returns;
    }

    /** Stages one rebuilt version of each target output that has rows, and records what was written. */
    static List<StagedResult.StagedVersion> write(
            RunContext context,
            Map<Output, Target> targets,
            Map<Output, Optional<Panel>> tables,
            MarketData market,
            ObjectNode metrics) {
        LocalDate asOf = LocalDate.ofEpochDay(market.epochDays()[market.dateCount() - 1]);
        ObjectNode written = metrics.putObject("outputs");
        List<StagedResult.StagedVersion> staged = new ArrayList<>();
        for (Map.Entry<Output, Target> output : targets.entrySet()) {
            Optional<Panel> table = tables.get(output.getKey());
            String label = output.getKey().label();
            if (table.isEmpty()) {
                written.put(label, "empty: no version written");
                continue;
            }
            UUID dataset = output.getValue().dataset();
            String name = StoreDatasets.datasetName(dataset);
            StagedCatalog catalog = new StagedCatalog(name, output.getValue().base());
            VersionManifest manifest =
                    new DatasetWriter(context.storage().datasets(), catalog).rebuild(name, table.get(), asOf);
            written.put(label, dataset.toString());
            staged.add(new StagedResult.StagedVersion(
                    dataset, manifest, false, manifest.rows(), StoreDatasets.contentHash(manifest)));
        }
        return staged;
    }
}
