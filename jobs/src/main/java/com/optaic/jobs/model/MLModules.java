package com.optaic.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.Builtin;
import com.optaic.jobs.run.Registry;
import com.optaic.metadata.ResourceType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in MLModuleDefs by code_ref: {@code linear} (ridge / elastic net), {@code gbt} (gradient-boosted
 * trees) and {@code random_forest}. Each declares its hyper-parameters with their defaults and bounds; the factory
 * turns a ModelInstance's {@code model} member into a {@link ModelSpec} with every parameter filled in, refusing an
 * unknown parameter or a value out of bounds by name. The names are those of Spark MLlib's estimators.
 */
public final class MLModules {
    public static final String LINEAR = "linear";
    public static final String GBT = "gbt";
    public static final String RANDOM_FOREST = "random_forest";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = "1";

    /** One hyper-parameter: its default and its closed bounds; integer ones refuse fractions. */
    record Param(String name, double defaultValue, double min, double max, boolean integer) {}

    private static final List<Param> LINEAR_PARAMS = List.of(
            new Param("reg_param", 0.0, 0.0, Double.MAX_VALUE, false),
            new Param("elastic_net_param", 0.0, 0.0, 1.0, false),
            new Param("max_iter", 100, 1, 10_000, true));
    private static final List<Param> GBT_PARAMS = List.of(
            new Param("max_iter", 20, 1, 10_000, true),
            new Param("max_depth", 5, 1, 30, true),
            new Param("step_size", 0.1, 1e-6, 1.0, false),
            new Param("subsampling_rate", 1.0, 1e-6, 1.0, false),
            new Param("min_instances_per_node", 1, 1, Integer.MAX_VALUE, true),
            new Param("max_bins", 32, 2, 10_000, true));
    private static final List<Param> FOREST_PARAMS = List.of(
            new Param("num_trees", 20, 1, 10_000, true),
            new Param("max_depth", 5, 1, 30, true),
            new Param("subsampling_rate", 1.0, 1e-6, 1.0, false),
            new Param("min_instances_per_node", 1, 1, Integer.MAX_VALUE, true),
            new Param("max_bins", 32, 2, 10_000, true));

    private MLModules() {}

    /** The built-in MLModuleDefs with their factories. */
    public static List<Builtin<ModelSpec>> all() {
        return List.of(
                builtin(LINEAR, "Linear regression: ordinary, ridge (reg_param) or elastic net", LINEAR_PARAMS),
                builtin(GBT, "Gradient-boosted regression trees", GBT_PARAMS),
                builtin(RANDOM_FOREST, "Random forest regression", FOREST_PARAMS));
    }

    /** The factories of {@link #all} by code_ref. */
    public static Registry<ModelSpec> builtins() {
        return Builtin.registry("ML module", all());
    }

    private static Builtin<ModelSpec> builtin(String codeRef, String description, List<Param> params) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Param param : params) {
            ObjectNode property = properties.putObject(param.name());
            property.put("type", param.integer() ? "integer" : "number");
            property.put("minimum", param.min());
            if (param.max() < Double.MAX_VALUE) {
                property.put("maximum", param.max());
            }
            property.put("default", param.defaultValue());
        }
        schema.put("additionalProperties", false);
        return Builtin.of(
                ResourceType.MLModuleDef,
                codeRef,
                description,
                codeRef,
                schema,
                MAPPER.createObjectNode().put("kind", "ml_module"),
                VERSION,
                config -> spec(codeRef, config, params));
    }

    static ModelSpec spec(String codeRef, JsonNode config, List<Param> params) {
        JsonNode given =
                config == null || config.isNull() || config.isMissingNode() ? MAPPER.createObjectNode() : config;
        if (!given.isObject()) {
            throw bad(codeRef, "", "must be an object of hyper-parameters");
        }
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(param -> byName.put(param.name(), param));
        for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!byName.containsKey(name)) {
                throw bad(
                        codeRef,
                        name,
                        "is not a hyper-parameter of " + codeRef + "; known: " + String.join(", ", byName.keySet()));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Param param : params) {
            JsonNode value = given.path(param.name());
            double number = param.defaultValue();
            if (!value.isMissingNode()) {
                if (!value.isNumber()) {
                    throw bad(codeRef, param.name(), "must be a number, got " + value);
                }
                number = value.asDouble();
            }
            if (param.integer() && number != Math.rint(number)) {
                throw bad(codeRef, param.name(), "must be a whole number, got " + value);
            }
            if (!(number >= param.min() && number <= param.max())) {
                throw bad(
                        codeRef,
                        param.name(),
                        "must be between " + format(param.min()) + " and " + format(param.max()) + ", got " + value);
            }
            values.put(param.name(), number);
        }
        return new ModelSpec(codeRef, values);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static OptaicException bad(String codeRef, String member, String problem) {
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG,
                "ModelInstance config 'model" + (member.isEmpty() ? "" : "." + member) + "' " + problem);
    }
}
