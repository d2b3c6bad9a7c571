package com.optaic.jobs.portfolio;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.EngineSelection;
import com.optaic.jobs.engines.Engines;
import com.optaic.metadata.ResourceType;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * A PortfolioOptimizationRun's PortfolioOptimizerInstance config and run params, validated; every refusal names the
 * member at fault, and an unknown member is refused:
 * <pre>
 * {"input": "&lt;prices dataset id&gt;", "output": "&lt;weights dataset id&gt;",
 *  "optimizer": {"method": "max_sharpe", ...},   validated by the factory of the optimizer slot's code_ref
 *  "field": "close",                             the price field, default close
 *  "window": 252,                                optional, days &gt;= 2: re-optimise at every month end
 *  "engine": "spark", "spark_master": "..."}     see {@link Engines}; spark by default
 * </pre>
 *
 * @param optimizer the {@code optimizer} member, missing node when absent
 * @param window the rolling window in days, empty for one optimisation over the whole history
 */
public record PortfolioOptimizationConfig(
        UUID input, UUID output, JsonNode optimizer, String field, OptionalInt window, EngineSelection engine) {
    private static final Set<String> MEMBERS =
            Set.of("input", "output", "optimizer", "field", "window", Engines.ENGINE_KEY, Engines.MASTER_KEY);

    public PortfolioOptimizationConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(optimizer, "optimizer is null");
        requireNonNull(field, "field is null");
        requireNonNull(window, "window is null");
        requireNonNull(engine, "engine is null");
    }

    /** The instance config's members; a run's params may then change the engine. */
    public static PortfolioOptimizationConfig parse(JsonNode config) {
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MEMBERS.contains(key)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "PortfolioOptimizerInstance config has an " + "unknown key '" + key + "'; known: "
                                + String.join(", ", MEMBERS.stream().sorted().toList()));
            }
        }
        UUID input = datasetId(config, "input");
        UUID output = datasetId(config, "output");
        JsonNode fieldNode = config.path("field");
        if (!fieldNode.isMissingNode()
                && !(fieldNode.isTextual() && !fieldNode.asText().isBlank())) {
            throw bad("field", "must be the name of a numeric field, got " + fieldNode);
        }
        String field = fieldNode.asText("close");
        OptionalInt window = OptionalInt.empty();
        if (config.has("window")) {
            JsonNode node = config.get("window");
            if (!node.canConvertToInt() || node.asInt() < 2) {
                throw bad("window", "must be a number of days >= 2, got " + node);
            }
            window = OptionalInt.of(node.asInt());
        }
        EngineSelection engine = EngineSelection.parse(ResourceType.PortfolioOptimizerInstance, config);
        return new PortfolioOptimizationConfig(input, output, config.path("optimizer"), field, window, engine);
    }

    /** The config with a run's params {@code engine} and {@code spark_master}. */
    public PortfolioOptimizationConfig withParams(JsonNode params) {
        return new PortfolioOptimizationConfig(
                input,
                output,
                optimizer,
                field,
                window,
                engine.withParams(ResourceType.PortfolioOptimizationRun, params));
    }

    /** The dataset id in {@code member}, a user error naming it when absent or malformed. */
    public static UUID datasetId(JsonNode config, String member) {
        return StoreDatasets.datasetId(config, member, ResourceType.PortfolioOptimizerInstance);
    }

    private static OptaicException bad(String member, String problem) {
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG, "PortfolioOptimizerInstance config '" + member + "' " + problem);
    }
}
