package com.optaic.jobs.portfolio;

import com.optaic.jobs.JobsErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.portfolio.OptimizerSpec;
import com.optaic.engine.portfolio.OptimizerSpecJson;
import com.optaic.jobs.run.Registry;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The built-in PortfolioOptimizerDefs by code_ref: {@code portfolio.mvo} (min_volatility, max_sharpe,
 * max_quadratic_utility, efficient_risk, efficient_return, with their options), {@code portfolio.hrp} and
 * {@code portfolio.risk_parity}. Each factory turns the instance's {@code optimizer} config into an
 * {@link OptimizerSpec}, refusing a method its definition does not provide.
 */
public final class PortfolioOptimizers {
    public static final String MVO = "portfolio.mvo";
    public static final String HRP = "portfolio.hrp";
    public static final String RISK_PARITY = "portfolio.risk_parity";
    private static final List<String> MVO_METHODS = List.of("min_volatility", "max_sharpe", "max_quadratic_utility",
            "efficient_risk", "efficient_return");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = "1";

    private PortfolioOptimizers() {
    }

    public static Registry<OptimizerSpec> builtins() {
        return new Registry<OptimizerSpec>("portfolio optimizer")
                .register(MVO, config -> spec(MVO, config, MVO_METHODS))
                .register(HRP, config -> spec(HRP, withMethod(config, "hrp"), List.of("hrp")))
                .register(RISK_PARITY, config -> spec(RISK_PARITY, withMethod(config, "risk_parity"),
                        List.of("risk_parity")));
    }

    /** The three definitions the bootstrap deploys (names {@code mvo}, {@code hrp}, {@code risk_parity}). */
    public static List<BuiltinDefinition> definitions() {
        return List.of(
                definition("mvo", "Mean-variance optimisation as PyPortfolioOpt's EfficientFrontier", MVO,
                        MVO_METHODS),
                definition("hrp", "Hierarchical risk parity as PyPortfolioOpt's HRPOpt", HRP, List.of("hrp")),
                definition("risk_parity", "Long-only risk parity: equal risk contributions or risk budgets",
                        RISK_PARITY, List.of("risk_parity")));
    }

    private static BuiltinDefinition definition(String name, String description, String codeRef,
                                                List<String> methods) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        OptimizerSpecJson.KEYS.forEach(key -> properties.putObject(key));
        methods.forEach(((ObjectNode) properties.get("method")).putArray("enum")::add);
        if (codeRef.equals(MVO)) {
            schema.putArray("required").add("method");
        }
        schema.put("additionalProperties", false);
        return new BuiltinDefinition(ResourceType.PortfolioOptimizerDef, name, description,
                new DefinitionContent(codeRef, schema, MAPPER.createObjectNode().put("kind", "portfolio_optimizer"),
                        VERSION));
    }

    private static JsonNode withMethod(JsonNode config, String method) {
        ObjectNode copy = config.isObject() ? ((ObjectNode) config).deepCopy() : MAPPER.createObjectNode();
        if (!copy.has("method")) {
            copy.put("method", method);
        }
        return copy;
    }

    private static OptimizerSpec spec(String codeRef, JsonNode config, List<String> methods) {
        OptimizerSpec spec = OptimizerSpecJson.read(config, Set.of());
        if (!methods.contains(spec.method())) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, codeRef + " does not provide method '"
                    + spec.method() + "'; it provides: " + String.join(", ", methods));
        }
        return spec;
    }
}
