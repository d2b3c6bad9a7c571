package com.optaic.jobs.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.portfolio.OptimizerSpec;
import com.optaic.engine.portfolio.OptimizerSpecJson;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.Builtin;
import com.optaic.jobs.run.Registry;
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
    private static final List<String> MVO_METHODS =
            List.of("min_volatility", "max_sharpe", "max_quadratic_utility", "efficient_risk", "efficient_return");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = "1";

    private PortfolioOptimizers() {}

    /** The built-in PortfolioOptimizerDefs (names {@code mvo}, {@code hrp}, {@code risk_parity}) with their factories. */
    public static List<Builtin<OptimizerSpec>> all() {
        return List.of(
                builtin(
                        "mvo",
                        "Mean-variance optimisation as PyPortfolioOpt's EfficientFrontier",
                        MVO,
                        MVO_METHODS,
                        config -> spec(MVO, config, MVO_METHODS)),
                builtin(
                        "hrp",
                        "Hierarchical risk parity as PyPortfolioOpt's HRPOpt",
                        HRP,
                        List.of("hrp"),
                        config -> spec(HRP, withMethod(config, "hrp"), List.of("hrp"))),
                builtin(
                        "risk_parity",
                        "Long-only risk parity: equal risk contributions or risk budgets",
                        RISK_PARITY,
                        List.of("risk_parity"),
                        config -> spec(RISK_PARITY, withMethod(config, "risk_parity"), List.of("risk_parity"))));
    }

    /** The factories of {@link #all} by code_ref. */
    public static Registry<OptimizerSpec> builtins() {
        return Builtin.registry("portfolio optimizer", all());
    }

    private static Builtin<OptimizerSpec> builtin(
            String name,
            String description,
            String codeRef,
            List<String> methods,
            Registry.Factory<OptimizerSpec> factory) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        OptimizerSpecJson.KEYS.forEach(key -> properties.putObject(key));
        methods.forEach(((ObjectNode) properties.get("method")).putArray("enum")::add);
        if (codeRef.equals(MVO)) {
            schema.putArray("required").add("method");
        }
        schema.put("additionalProperties", false);
        return Builtin.of(
                ResourceType.PortfolioOptimizerDef,
                name,
                description,
                codeRef,
                schema,
                MAPPER.createObjectNode().put("kind", "portfolio_optimizer"),
                VERSION,
                factory);
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
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    codeRef + " does not provide method '" + spec.method() + "'; it provides: "
                            + String.join(", ", methods));
        }
        return spec;
    }
}
