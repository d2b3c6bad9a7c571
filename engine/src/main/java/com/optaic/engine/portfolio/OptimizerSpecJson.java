package com.optaic.engine.portfolio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An {@link OptimizerSpec} as JSON, the form it takes in a PortfolioOptimizerInstance's config and on its way
 * to Spark tasks. Keys: {@code method} (required), {@code risk_model}, {@code expected_returns},
 * {@code risk_free_rate}, {@code target}, {@code risk_aversion}, {@code bounds} ([lower, upper]),
 * {@code market_neutral}, {@code l2_gamma}, {@code transaction_cost}, {@code previous_weights} ({asset: w}),
 * {@code sectors} ({asset: group}), {@code sector_limits} ({group: [lower, upper]}), {@code risk_budgets}
 * ({asset: b}). Other keys of the object are left to the caller, named in {@code otherKeys}; any key in
 * neither list is an error naming the known ones.
 */
public final class OptimizerSpecJson {
    public static final List<String> KEYS = List.of(
            "method",
            "risk_model",
            "expected_returns",
            "risk_free_rate",
            "target",
            "risk_aversion",
            "bounds",
            "market_neutral",
            "l2_gamma",
            "transaction_cost",
            "previous_weights",
            "sectors",
            "sector_limits",
            "risk_budgets");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private OptimizerSpecJson() {}

    public static OptimizerSpec read(JsonNode config, Set<String> otherKeys) {
        if (!config.isObject()) {
            throw bad("the optimiser config must be a JSON object");
        }
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key) && !otherKeys.contains(key)) {
                throw bad("unknown optimiser config key '" + key + "'; known: " + String.join(", ", KEYS)
                        + (otherKeys.isEmpty()
                                ? ""
                                : ", "
                                        + String.join(
                                                ", ",
                                                otherKeys.stream().sorted().toList())));
            }
        }
        if (!config.path("method").isTextual()) {
            throw bad("the optimiser config needs 'method': one of " + String.join(", ", OptimizerSpec.METHODS));
        }
        OptionalDouble lower = OptionalDouble.empty();
        OptionalDouble upper = OptionalDouble.empty();
        if (config.has("bounds")) {
            double[] bounds = pair(config.get("bounds"), "bounds");
            lower = OptionalDouble.of(bounds[0]);
            upper = OptionalDouble.of(bounds[1]);
        }
        Map<String, double[]> limits = new HashMap<>();
        config.path("sector_limits")
                .fields()
                .forEachRemaining(e -> limits.put(e.getKey(), pair(e.getValue(), "sector_limits." + e.getKey())));
        Map<String, String> sectors = new HashMap<>();
        config.path("sectors")
                .fields()
                .forEachRemaining(e -> sectors.put(e.getKey(), e.getValue().asText()));
        return new OptimizerSpec(
                config.get("method").asText(),
                config.path("risk_model").asText("sample"),
                config.path("expected_returns").asText("cagr"),
                number(config, "risk_free_rate", PortfolioPerformance.DEFAULT_RISK_FREE_RATE),
                config.has("target") ? OptionalDouble.of(number(config, "target", 0)) : OptionalDouble.empty(),
                number(config, "risk_aversion", 1.0),
                lower,
                upper,
                config.path("market_neutral").asBoolean(false),
                number(config, "l2_gamma", 0),
                number(config, "transaction_cost", 0),
                numbers(config, "previous_weights"),
                sectors,
                limits,
                numbers(config, "risk_budgets"));
    }

    public static OptimizerSpec read(String json) {
        try {
            return read(MAPPER.readTree(json), Set.of());
        } catch (IOException e) {
            throw bad("the optimiser config is not JSON: " + e.getMessage());
        }
    }

    public static ObjectNode write(OptimizerSpec spec) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("method", spec.method());
        node.put("risk_model", spec.riskModel());
        node.put("expected_returns", spec.expectedReturns());
        node.put("risk_free_rate", spec.riskFreeRate());
        spec.target().ifPresent(t -> node.put("target", t));
        node.put("risk_aversion", spec.riskAversion());
        if (spec.lowerBound().isPresent() || spec.upperBound().isPresent()) {
            node.putArray("bounds")
                    .add(spec.lowerBound().orElse(spec.marketNeutral() ? -1 : 0))
                    .add(spec.upperBound().orElse(1));
        }
        node.put("market_neutral", spec.marketNeutral());
        node.put("l2_gamma", spec.l2Gamma());
        node.put("transaction_cost", spec.transactionCost());
        spec.previousWeights().forEach(node.putObject("previous_weights")::put);
        spec.sectors().forEach(node.putObject("sectors")::put);
        ObjectNode limits = node.putObject("sector_limits");
        spec.sectorLimits().forEach((g, l) -> limits.putArray(g).add(l[0]).add(l[1]));
        spec.riskBudgets().forEach(node.putObject("risk_budgets")::put);
        return node;
    }

    private static double number(JsonNode config, String key, double fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw bad("optimiser config '" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static Map<String, Double> numbers(JsonNode config, String key) {
        Map<String, Double> out = new HashMap<>();
        config.path(key).fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw bad("optimiser config '" + key + "." + e.getKey() + "' must be a number, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asDouble());
        });
        return out;
    }

    private static double[] pair(JsonNode node, String key) {
        if (!node.isArray()
                || node.size() != 2
                || !node.get(0).isNumber()
                || !node.get(1).isNumber()) {
            throw bad("optimiser config '" + key + "' must be [lower, upper], got " + node);
        }
        return new double[] {node.get(0).asDouble(), node.get(1).asDouble()};
    }

    private static OptaicException bad(String message) {
        return new OptaicException(EngineErrorCode.PORTFOLIO_BAD_SPEC, message);
    }
}
