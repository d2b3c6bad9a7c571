package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.JobsErrors;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.syntax.Parser;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An ExperimentRun of an ExperimentInstance: evaluates the instance's expressions over the input dataset version
 * frozen in the run's snapshot and writes the results as a rebuilt version of the output dataset.
 *
 * <p>Instance config: {@code input} (a dataset id), {@code output} (a dataset id), {@code expressions}
 * ({@code {name: formula}}), optional {@code macros} (lines {@code DEF NAME(x, n) = ...}), {@code from} and
 * {@code to} (yyyy-MM-dd). A syntax error fails the resolve step, an unknown field the execute step; both are
 * user errors, never retried.
 */
public final class ExperimentRunType implements RunType {
    private final ExperimentEngine engine;

    public ExperimentRunType(ExperimentEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
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
        DataVersion latest = StoreDatasets.latest(store, actor, input).orElseThrow(() -> new OptaicException(
                JobsErrors.BAD_RUN_CONFIG, "ExperimentInstance '" + instance.resource().name() + "': its input dataset "
                        + input + " has no version yet; run its pipeline first"));
        return List.of(latest.id());
    }

    @Override
    public RunWork resolve(RunContext context) {
        JsonNode config = context.snapshot().config();
        ExpressionFile expressions = expressions(config);
        UUID outputId = datasetId(config, "output");
        LocalDate from = date(config, "from");
        LocalDate to = date(config, "to");
        if (context.snapshot().inputDataVersions().size() != 1) {
            throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "An ExperimentRun reads exactly one input version; "
                    + "the snapshot lists " + context.snapshot().inputDataVersions().size());
        }
        DataVersion input = context.store().dataVersions().getById(context.actor(),
                context.snapshot().inputDataVersions().get(0));
        VersionManifest inputManifest = StoreDatasets.toEngine(input);
        Optional<VersionManifest> base = context.isReproduction() ? Optional.empty()
                : StoreDatasets.latest(context.store(), context.actor(), outputId).map(StoreDatasets::toEngine);
        String outputName = StoreDatasets.datasetName(outputId);
        return () -> {
            Panel panel = StoreDatasets.read(context.storage(), inputManifest);
            Panel results = engine.evaluate(panel, expressions, from, to);
            ObjectNode metrics = StagedResult.newMetrics();
            metrics.put("engine", engine.name());
            metrics.put("input_version", input.version());
            metrics.put("expressions", expressions.definitions().size());
            if (results.dateCount() == 0 || results.presentCount() == 0) {
                throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "The experiment produced no rows: the input "
                        + "version has no dates in " + (from == null ? "its start" : from) + ".."
                        + (to == null ? "its end" : to));
            }
            coverage(results, metrics);
            LocalDate lastDate = results.date(results.dateCount() - 1);
            StagedCatalog catalog = new StagedCatalog(outputName, base);
            VersionManifest manifest = new DatasetWriter(context.storage().datasets(), catalog)
                    .rebuild(outputName, results, lastDate);
            metrics.put("rows", manifest.rows());
            metrics.put("last_date", lastDate.toString());
            return new StagedResult(Optional.of(new StagedResult.StagedVersion(outputId, manifest, false,
                    manifest.rows(), StoreDatasets.contentHash(manifest))), metrics);
        };
    }

    /** Per output, the share of present cells with a finite value ({@code coverage.<name>}). */
    private static void coverage(Panel results, ObjectNode metrics) {
        ObjectNode coverage = metrics.putObject("coverage");
        long present = results.presentCount();
        for (Map.Entry<String, double[]> field : results.numericFields().entrySet()) {
            long finite = 0;
            double[] values = field.getValue();
            boolean[] mask = results.presence();
            for (int i = 0; i < values.length; i++) {
                if (mask[i] && Double.isFinite(values[i])) {
                    finite++;
                }
            }
            coverage.put(field.getKey(), Math.round(1e4 * finite / (double) present) / 1e4);
        }
    }

    /** The instance's expressions and macros, parsed: a syntax error is a user error naming the expression. */
    public static ExpressionFile expressions(JsonNode config) {
        JsonNode expressions = config.path("expressions");
        if (!expressions.isObject() || expressions.isEmpty()) {
            throw new OptaicException(JobsErrors.BAD_RUN_CONFIG,
                    "An ExperimentInstance needs 'expressions': {\"name\": \"formula\", ...}");
        }
        ExpressionFile file = new ExpressionFile();
        StringBuilder macros = new StringBuilder();
        config.path("macros").forEach(line -> macros.append(line.asText()).append('\n'));
        if (macros.length() > 0) {
            file.addAll(ExpressionFile.parse("macros", macros.toString()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expressions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("date") || entry.getKey().equals("asset")) {
                throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "'" + entry.getKey()
                        + "' is a key column; name the expression otherwise");
            }
            file.addArgument("expression '" + entry.getKey() + "'", entry.getKey() + " = " + entry.getValue().asText(),
                    false);
        }
        file.definitions().forEach(definition -> Parser.parse(definition.source()));
        return file;
    }

    public static UUID datasetId(JsonNode config, String member) {
        String text = config.path(member).asText("");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "ExperimentInstance config '" + member
                    + "' must be a dataset id, got '" + text + "'");
        }
    }

    private static LocalDate date(JsonNode config, String member) {
        if (!config.hasNonNull(member)) {
            return null;
        }
        try {
            return LocalDate.parse(config.get(member).asText());
        } catch (DateTimeParseException e) {
            throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "ExperimentInstance config '" + member
                    + "' must be yyyy-MM-dd, got '" + config.get(member).asText() + "'");
        }
    }
}
