package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.Compaction;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.EngineSelection;
import com.optaic.metadata.ResourceType;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An ExperimentRun's ExperimentInstance config and run params, validated; every refusal names the member at fault:
 * <pre>
 * {"input": "&lt;dataset id&gt;", "output": "&lt;another dataset id&gt;",
 *  "expressions": {"alpha": "rank(delta(close, 5))", ...},
 *  "macros": ["DEF MOM(x, n) = delta(x, n) / n"],       optional
 *  "from": "2020-01-01", "to": "2020-12-31",            optional, yyyy-MM-dd
 *  "engine": "local"}                                    see {@link com.optaic.jobs.engines.Engines}; local by default
 * </pre>
 * Run params: {@code "compact": true} (see {@link Compaction}), {@code engine} and {@code spark_master}.
 *
 * @param from first date to output, empty for the input's first
 * @param to last date to output, empty for the input's last
 * @param compact whether the run compacts the output dataset instead of evaluating
 */
public record ExperimentConfig(
        UUID input,
        UUID output,
        ExpressionFile expressions,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        EngineSelection engine,
        boolean compact) {
    public ExperimentConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(expressions, "expressions is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(engine, "engine is null");
    }

    /** The instance config's members; a run's params may then ask for a compaction and change the engine. */
    public static ExperimentConfig parse(JsonNode config) {
        ExpressionFile expressions = expressions(config);
        EngineSelection engine = EngineSelection.parse(ResourceType.ExperimentInstance, config);
        UUID output = datasetId(config, "output");
        Optional<LocalDate> from = date(config, "from");
        Optional<LocalDate> to = date(config, "to");
        UUID input = datasetId(config, "input");
        if (output.equals(input)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "ExperimentInstance config 'output' is its input" + " dataset " + output
                            + "; write the results to another dataset");
        }
        return new ExperimentConfig(input, output, expressions, from, to, engine, false);
    }

    /** The config with a run's params {@code compact}, {@code engine} and {@code spark_master}. */
    public ExperimentConfig withParams(JsonNode params) {
        return new ExperimentConfig(
                input,
                output,
                expressions,
                from,
                to,
                engine.withParams(ResourceType.ExperimentRun, params),
                Compaction.requested(params, "ExperimentRun"));
    }

    /** Whether the run evaluates the input's whole range, so that a nightly run may append only its new dates. */
    public boolean wholeRange() {
        return from.isEmpty() && to.isEmpty();
    }

    /** The instance's expressions and macros, parsed: a syntax error is a user error naming the expression. */
    public static ExpressionFile expressions(JsonNode config) {
        JsonNode expressions = config.path("expressions");
        if (!expressions.isObject() || expressions.isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
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
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "'" + entry.getKey() + "' is a key column; name the expression otherwise");
            }
            file.addArgument(
                    "expression '" + entry.getKey() + "'",
                    entry.getKey() + " = " + entry.getValue().asText(),
                    false);
        }
        ExpressionCompiler.checkWithoutSchema(file.macros(), file.definitions());
        return file;
    }

    /** The dataset id in {@code member}, a user error naming it when absent or malformed. */
    public static UUID datasetId(JsonNode config, String member) {
        return StoreDatasets.datasetId(config, member, ResourceType.ExperimentInstance);
    }

    private static Optional<LocalDate> date(JsonNode config, String member) {
        if (!config.hasNonNull(member)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(config.get(member).asText()));
        } catch (DateTimeParseException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "ExperimentInstance config '" + member + "' must be yyyy-MM-dd, got '"
                            + config.get(member).asText() + "'");
        }
    }
}
