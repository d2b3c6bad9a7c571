package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.eval.DatasetEvaluation;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.Compaction;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.operators.plan.ExpressionFile;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An ExperimentRun of an ExperimentInstance: evaluates the instance's expressions over the input dataset version
 * frozen in the run's snapshot and writes the results as a version of the output dataset: only the new dates,
 * appended, when the previous results came from the same configuration over an input this one extends by
 * appends (a nightly run); otherwise a rebuilt version.
 *
 * <p>Instance config: {@link ExperimentConfig}. On the {@code spark} engine a rebuild's evaluation runs
 * as Spark tasks, with identical results; a nightly append evaluates its few dates in process either way. A syntax
 * error or an unknown engine fails the resolve step, an unknown field the execute step; all are user errors, never
 * retried. The work checks the run's cancellation between reading, evaluating and writing, and a Spark evaluation
 * stops its job group when the run is cancelled.
 */
public final class ExperimentRunType implements RunType<ExperimentConfig> {
    private final Engines engines;
    private final ExperimentEngine inProcess;

    /**
     * @param inProcess evaluates the runs on an in-process engine ({@link LocalExperimentEngine}); runs on a Spark
     *     engine evaluate with {@link SparkExperimentEngine} on its session
     */
    public ExperimentRunType(Engines engines, ExperimentEngine inProcess) {
        this.engines = requireNonNull(engines, "engines is null");
        this.inProcess = requireNonNull(inProcess, "inProcess is null");
    }

    @Override
    public ResourceType runType() {
        return ResourceType.ExperimentRun;
    }

    @Override
    public ResourceType instanceType() {
        return ResourceType.ExperimentInstance;
    }

    @Override
    public List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        UUID input = datasetId(instance.config(), "input");
        return List.of(StoreDatasets.latestInput(store, actor, instance, input).id());
    }

    @Override
    public ExperimentConfig parseConfig(JsonNode config) {
        return ExperimentConfig.parse(config);
    }

    /** Resolves with the run's params ({@code engine}, {@code compact}, ...) applied to the instance config. */
    @Override
    public RunWork resolve(ExperimentConfig instanceConfig, RunContext context) {
        ExperimentConfig config = instanceConfig.withParams(context.snapshot().params());
        ExpressionFile expressions = config.expressions();
        Engines.Choice choice = engines.choose(runType(), config.engine());
        ExperimentEngine engine = choice.onSpark() ? new SparkExperimentEngine(choice::session) : inProcess;
        CancellationToken cancellation = context.cancellation();
        UUID outputId = config.output();
        LocalDate from = config.from().orElse(null);
        LocalDate to = config.to().orElse(null);
        if (config.compact()) {
            Optional<VersionManifest> compacted = StoreDatasets.runBase(context, outputId);
            return () -> Compaction.stage(context, outputId, compacted);
        }
        if (context.snapshot().inputDataVersions().size() != 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "An ExperimentRun reads exactly one input version; " + "the snapshot lists "
                            + context.snapshot().inputDataVersions().size());
        }
        DataVersion input = context.store()
                .dataVersions()
                .getById(context.actor(), context.snapshot().inputDataVersions().get(0));
        VersionManifest inputManifest = StoreDatasets.toEngine(input);
        Optional<VersionManifest> appendTo =
                config.wholeRange() ? appendBase(context, outputId, input) : Optional.empty();
        Optional<VersionManifest> base = context.isReproduction()
                ? appendTo
                : StoreDatasets.latest(context.store(), context.actor(), outputId)
                        .map(StoreDatasets::toEngine);
        String outputName = StoreDatasets.datasetName(outputId);
        if (appendTo.isPresent()) {
            return appendNewDates(context, expressions, input, inputManifest, outputId, outputName, appendTo.get());
        }
        return () -> {
            ExperimentEngine.Evaluation evaluation = new ExperimentEngine.Evaluation(
                    context.storage().datasets(),
                    inputManifest,
                    expressions,
                    from,
                    to,
                    outputName,
                    new StagedCatalog(outputName, base, List.of(inputManifest)));
            ExperimentEngine.Result result;
            try {
                result = engine.evaluate(evaluation, cancellation);
            } catch (OptaicException e) {
                if (!e.code().equals(EngineErrorCode.NO_ROWS)) {
                    throw e;
                }
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "The experiment produced no rows: the input "
                                + "version has no dates in " + (from == null ? "its start" : from) + ".."
                                + (to == null ? "its end" : to),
                        e);
            }
            cancellation.throwIfCancelled();
            VersionManifest manifest = result.manifest();
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("engine", choice.name());
            result.facts().forEach(metrics::put);
            metrics.put("input_version", input.version());
            metrics.put("expressions", expressions.definitions().size());
            result.coverage().forEach(metrics.putObject("coverage")::put);
            metrics.put("rows", manifest.rows());
            metrics.put("last_date", manifest.maxDate().toString());
            metrics.put("mode", "rebuild");
            return new StagedResult(
                    Optional.of(new StagedResult.StagedVersion(
                            outputId, manifest, false, manifest.rows(), StoreDatasets.contentHash(manifest))),
                    metrics);
        };
    }

    /**
     * The output version this run may extend by appending only the input's new dates, if any: the output's
     * latest version, when the run that produced it evaluated the same configuration over an input version
     * that the current input extends by appends and compactions only (no row it had changed). Values
     * then equal a full recompute bit for bit (see {@link DatasetEvaluation}). A reproduction of an
     * appending run appends to the version the original appended to.
     */
    private static Optional<VersionManifest> appendBase(RunContext context, UUID outputId, DataVersion input) {
        MetadataStore store = context.store();
        Actor actor = context.actor();
        if (context.reproduces().isPresent()) {
            Run original = context.reproduces().get();
            if (!"append".equals(original.metrics().path("mode").asText())) {
                return Optional.empty();
            }
            List<DataVersion> outputs =
                    store.runs().outputs(actor, original.resource().id());
            return outputs.isEmpty()
                    ? Optional.empty()
                    : outputs.get(0)
                            .previousVersionId()
                            .map(id ->
                                    StoreDatasets.toEngine(store.dataVersions().getById(actor, id)));
        }
        Optional<DataVersion> latest = StoreDatasets.latest(store, actor, outputId);
        if (latest.isEmpty() || latest.get().producedByRun().isEmpty()) {
            return Optional.empty();
        }
        Run producer = store.runs().get(actor, latest.get().producedByRun().get());
        if (!producer.snapshot().config().equals(context.snapshot().config())
                || producer.snapshot().inputDataVersions().size() != 1) {
            return Optional.empty(); // the expressions or the input changed: recompute everything
        }
        UUID before = producer.snapshot().inputDataVersions().get(0);
        if (!extendsByAppendsAndCompactions(store, actor, input, before)) {
            return Optional.empty(); // the input was rebuilt (or is another dataset): recompute everything
        }
        return Optional.of(StoreDatasets.toEngine(latest.get()));
    }

    /**
     * Whether {@code input} is version {@code before} or follows it through appends and compactions only, so that
     * every row {@code before} had is unchanged: walking back the versions' parents from the input to it.
     */
    private static boolean extendsByAppendsAndCompactions(
            MetadataStore store, Actor actor, DataVersion input, UUID before) {
        DataVersion version = input;
        while (!version.id().equals(before)) {
            Operation operation = StoreDatasets.toEngine(version).operation();
            if (operation == Operation.REBUILD || version.previousVersionId().isEmpty()) {
                return false;
            }
            version = store.dataVersions()
                    .getById(actor, version.previousVersionId().get());
        }
        return true;
    }

    /** Evaluates only the input's dates after the output's last one (plus the lookback halo) and appends them. */
    private static RunWork appendNewDates(
            RunContext context,
            ExpressionFile expressions,
            DataVersion input,
            VersionManifest inputManifest,
            UUID outputId,
            String outputName,
            VersionManifest base) {
        CancellationToken cancellation = context.cancellation();
        return () -> {
            cancellation.throwIfCancelled();
            StagedCatalog catalog = new StagedCatalog(outputName, Optional.of(base));
            DatasetEvaluation evaluation = new DatasetEvaluation(
                    StoreDatasets.reader(context.storage(), inputManifest),
                    new DatasetWriter(context.storage().datasets(), catalog),
                    catalog);
            DatasetEvaluation.Outcome outcome = evaluation.run(
                    inputManifest.dataset(),
                    inputManifest.version(),
                    outputName,
                    expressions,
                    false,
                    inputManifest.maxDate(),
                    cancellation::throwIfCancelled);
            cancellation.throwIfCancelled();
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("engine", "local");
            metrics.put("mode", "append");
            metrics.put("input_version", input.version());
            metrics.put("expressions", expressions.definitions().size());
            metrics.put("rows_added", outcome.rowsAdded());
            metrics.put("dates_computed", outcome.datesComputed());
            metrics.put("rows", outcome.output().rows());
            metrics.put("last_date", outcome.output().maxDate().toString());
            if (outcome.datesAppended() == 0) {
                return new StagedResult(Optional.empty(), metrics); // nothing new in the input
            }
            return new StagedResult(
                    Optional.of(new StagedResult.StagedVersion(
                            outputId,
                            outcome.output(),
                            true,
                            outcome.rowsAdded(),
                            StoreDatasets.contentHash(outcome.output()))),
                    metrics);
        };
    }

    /** The instance's expressions and macros, parsed ({@link ExperimentConfig#expressions}). */
    public static ExpressionFile expressions(JsonNode config) {
        return ExperimentConfig.expressions(config);
    }

    /** The dataset id in a config member ({@link ExperimentConfig#datasetId}). */
    public static UUID datasetId(JsonNode config, String member) {
        return ExperimentConfig.datasetId(config, member);
    }
}
