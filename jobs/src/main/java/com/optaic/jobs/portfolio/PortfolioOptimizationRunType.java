package com.optaic.jobs.portfolio;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.portfolio.AssetReturns;
import com.optaic.engine.portfolio.OptimizerSpec;
import com.optaic.engine.portfolio.PortfolioOptimization;
import com.optaic.engine.portfolio.RollingOptimization;
import com.optaic.engine.spark.SparkRollingOptimization;
import com.optaic.jobs.JobsErrorCode;
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
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * A PortfolioOptimizationRun of a PortfolioOptimizerInstance: the optimiser built from the {@code optimizer}
 * slot's code_ref and the instance's {@code optimizer} config runs over the prices of the input dataset version
 * frozen in the snapshot, and the weights are written as a rebuilt version of the output dataset: a date x asset
 * panel with field {@code weight} (a backtest's target weights). Without {@code window} it is one optimisation
 * over the whole history, dated the last price date; with {@code window: W} it re-optimises at every month end
 * over the trailing W days, each date a Spark task ({@code "engine": "local"} runs them in process).
 *
 * <p>Instance config: {@link PortfolioOptimizationConfig} (the {@code optimizer} member as
 * {@link com.optaic.engine.portfolio.OptimizerSpecJson} reads it). A
 * cancel is checked between reading, optimising and writing, and stops the Spark jobs. Metrics: the method, the
 * number of dates and assets, and the performance (expected_return, volatility, sharpe) of the last weights,
 * with the mean Sharpe over the dates when rolling.
 */
public final class PortfolioOptimizationRunType implements RunType<PortfolioOptimizationConfig> {
    private final Registry<OptimizerSpec> optimizers;
    private final Engines engines;

    public PortfolioOptimizationRunType(Registry<OptimizerSpec> optimizers, Engines engines) {
        this.optimizers = requireNonNull(optimizers, "optimizers is null");
        this.engines = requireNonNull(engines, "engines is null");
    }

    @Override
    public ResourceType runType() {
        return ResourceType.PortfolioOptimizationRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.PortfolioOptimizerInstance;
    }

    @Override
    public List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        UUID input = PortfolioOptimizationConfig.datasetId(instance.config(), "input");
        return List.of(StoreDatasets.latestInput(store, actor, instance, input).id());
    }

    @Override
    public PortfolioOptimizationConfig parseConfig(JsonNode config) {
        return PortfolioOptimizationConfig.parse(config);
    }

    /** Resolves with the run's params ({@code engine}, {@code compact}, ...) applied to the instance config. */
    @Override
    public RunWork resolve(PortfolioOptimizationConfig instanceConfig, RunContext context) {
        PortfolioOptimizationConfig config =
                instanceConfig.withParams(context.snapshot().params());
        DefinitionVersion definition = context.definition("optimizer");
        OptimizerSpec spec = optimizers.build(definition.codeRef(), config.optimizer());
        UUID outputId = config.output();
        String field = config.field();
        Engines.Choice engine = engines.choose(runType(), config.engine());
        CancellationToken cancellation = context.cancellation();
        if (context.snapshot().inputDataVersions().size() != 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "A PortfolioOptimizationRun reads exactly one input " + "version; the snapshot lists "
                            + context.snapshot().inputDataVersions().size());
        }
        DataVersion input = context.store()
                .dataVersions()
                .getById(context.actor(), context.snapshot().inputDataVersions().get(0));
        VersionManifest inputManifest = StoreDatasets.toEngine(input);
        Optional<VersionManifest> base =
                StoreDatasets.latest(context.store(), context.actor(), outputId).map(StoreDatasets::toEngine);
        String outputName = StoreDatasets.datasetName(outputId);
        return () -> {
            cancellation.throwIfCancelled();
            Panel prices = StoreDatasets.read(context.storage(), inputManifest);
            cancellation.throwIfCancelled();
            if (prices.numeric(field).isEmpty()) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "The input dataset has no numeric field '" + field + "'; fields: "
                                + prices.numericFields().keySet());
            }
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("optimizer", definition.codeRef());
            metrics.put("method", spec.method());
            metrics.put("input_version", input.version());
            Panel weights = config.window().isEmpty()
                    ? optimizeOnce(prices, field, spec, metrics)
                    : optimizeRolling(prices, field, config.window().getAsInt(), engine, spec, metrics, cancellation);
            cancellation.throwIfCancelled();
            LocalDate lastDate = weights.date(weights.dateCount() - 1);
            StagedCatalog catalog = new StagedCatalog(outputName, base);
            VersionManifest manifest =
                    new DatasetWriter(context.storage().datasets(), catalog).rebuild(outputName, weights, lastDate);
            cancellation.throwIfCancelled();
            metrics.put("dates", weights.dateCount());
            metrics.put("assets", weights.assetCount());
            metrics.put("last_date", lastDate.toString());
            return new StagedResult(
                    Optional.of(new StagedResult.StagedVersion(
                            outputId, manifest, false, manifest.rows(), StoreDatasets.contentHash(manifest))),
                    metrics);
        };
    }

    private static Panel optimizeOnce(Panel prices, String field, OptimizerSpec spec, ObjectNode metrics) {
        if (prices.dateCount() < 3) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "The input dataset has " + prices.dateCount() + " dates; an optimisation needs at least 3");
        }
        AssetReturns returns = AssetReturns.fromPrices(prices, field);
        PortfolioOptimization.Result result =
                PortfolioOptimization.of(returns, spec).optimize(spec);
        performance(
                metrics,
                result.performance().expectedReturn(),
                result.performance().volatility(),
                result.performance().sharpe());
        return RollingOptimization.weightsPanel(prices.date(prices.dateCount() - 1), result.assets(), result.weights());
    }

    private static Panel optimizeRolling(
            Panel prices,
            String field,
            int window,
            Engines.Choice engine,
            OptimizerSpec spec,
            ObjectNode metrics,
            CancellationToken cancellation) {
        List<RollingOptimization.Window> windows = RollingOptimization.windows(prices, field, window);
        if (windows.isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "No month end of the input has " + window
                            + " earlier days with at least two assets priced throughout; shorten 'window'");
        }
        List<RollingOptimization.WindowResult> results;
        if (engine.onSpark()) {
            SparkSession spark = engine.session();
            results = SparkJobGroup.run(
                    spark, cancellation, () -> SparkRollingOptimization.optimizeAll(spark, windows, spec));
        } else {
            results = RollingOptimization.optimizeAll(windows, spec);
        }
        RollingOptimization.WindowResult last = results.get(results.size() - 1);
        performance(metrics, last.expectedReturn(), last.volatility(), last.sharpe());
        metrics.put(
                "mean_sharpe",
                results.stream()
                        .mapToDouble(RollingOptimization.WindowResult::sharpe)
                        .average()
                        .orElse(Double.NaN));
        metrics.put("window", window);
        metrics.put("engine", engine.name());
        return RollingOptimization.weightsPanel(prices.assets(), windows, results);
    }

    private static void performance(ObjectNode metrics, double ret, double vol, double sharpe) {
        metrics.put("expected_return", ret);
        metrics.put("volatility", vol);
        metrics.put("sharpe", sharpe);
    }
}
