package com.optaic.jobs.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.Program;
import com.optaic.operators.syntax.Source;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A ModelInstance's config, validated when the instance is created; every refusal names the member at fault:
 * <pre>
 * {"input": "&lt;dataset id&gt;",
 *  "features": {"mom": "close/REF(close,20)-1", "vol": "volume"},   name -> expression or a field of the input
 *  "label": "REF(close,-5)/close-1",                   may read the future: the only place a negative REF may
 *  "training":   {"from": "2015-01-01", "to": "2019-12-31"},
 *  "validation": {"from": "2020-01-01", "to": "2020-12-31"},        starts after training ends
 *  "embargo": 5,                                 dates dropped between them; at least the label's horizon
 *  "seed": 42,
 *  "model": {"reg_param": 0.1},                  the pinned MLModuleDef's hyper-parameters ({@link MLModules})
 *  "walk_forward": {"every": 3, "window": "expanding"},             optional; window expanding or rolling
 *  "monitoring": {...}}                          optional; read by MonitoringRuns, ignored here
 * </pre>
 * The label's horizon is the number of rows its expression reads ahead, found by compiling it as a label; the
 * features are compiled beside it as features, so a feature that reads the future is refused.
 */
public record ModelConfig(
        UUID input,
        Map<String, String> features,
        String label,
        int horizon,
        DateRange training,
        DateRange validation,
        int embargo,
        long seed,
        JsonNode model,
        Optional<WalkForward> walkForward) {
    /** The label's name in the feature/label table; a feature may not take it. */
    public static final String LABEL = "label";

    private static final Set<String> KNOWN = Set.of(
            "input",
            "features",
            "label",
            "training",
            "validation",
            "embargo",
            "seed",
            "model",
            "walk_forward",
            "monitoring");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelConfig {
        requireNonNull(input, "input is null");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        requireNonNull(label, "label is null");
        requireNonNull(training, "training is null");
        requireNonNull(validation, "validation is null");
        requireNonNull(model, "model is null");
        requireNonNull(walkForward, "walkForward is null");
    }

    /** Dates from..to, both included. */
    public record DateRange(LocalDate from, LocalDate to) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** How a walk-forward fold's training window moves: from the first training date, or of fixed length. */
    public enum Window {
        EXPANDING,
        ROLLING
    }

    /** Retrain every {@code everyMonths} months over the validation range; each fold predicts its own months. */
    public record WalkForward(int everyMonths, Window window) {}

    public static ModelConfig parse(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw bad("", "must be a JSON object");
        }
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KNOWN.contains(name)) {
                throw bad(
                        name,
                        "is not a known setting; known: "
                                + KNOWN.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        UUID input = datasetId(config.path("input"));
        Map<String, String> features = features(config.path("features"));
        String label = nonEmptyText(config.path("label"), "label");
        int horizon = horizon(features, label);
        DateRange training = range(config.path("training"), "training");
        DateRange validation = range(config.path("validation"), "validation");
        if (!validation.from().isAfter(training.to())) {
            throw bad("validation.from", "must be after training.to (" + training.to() + "), got " + validation.from());
        }
        int embargo = wholeNumber(config.path("embargo"), "embargo", 0, Integer.MAX_VALUE);
        if (embargo < horizon) {
            throw bad(
                    "embargo",
                    "is " + embargo + " dates, shorter than the label's horizon of " + horizon
                            + " dates: training labels would overlap the validation dates");
        }
        long seed = config.has("seed") ? wholeNumberLong(config.path("seed"), "seed") : 0L;
        JsonNode model = config.has("model") ? config.get("model") : MAPPER.createObjectNode();
        if (!model.isObject()) {
            throw bad("model", "must be an object of hyper-parameters");
        }
        Optional<WalkForward> walkForward =
                config.has("walk_forward") ? Optional.of(walkForward(config.get("walk_forward"))) : Optional.empty();
        return new ModelConfig(
                input, features, label, horizon, training, validation, embargo, seed, model, walkForward);
    }

    /** The definitions to compile: the features in order, then the label. */
    public List<Definition> definitions() {
        return definitions(features, label);
    }

    private static List<Definition> definitions(Map<String, String> features, String label) {
        List<Definition> definitions = new ArrayList<>();
        features.forEach((name, expression) -> definitions.add(Definition.feature(name, expression)));
        definitions.add(new Definition(LABEL, Source.of(label), true));
        return definitions;
    }

    /**
     * Compiles each feature alone as a feature (so one that reads the future is refused under its own name), then
     * the label as a label; the label's lookahead is its horizon.
     */
    private static int horizon(Map<String, String> features, String label) {
        features.forEach((name, expression) -> check("features." + name, Definition.feature(name, expression)));
        return check("label", new Definition(LABEL, Source.of(label), true))
                .outputs()
                .get(LABEL)
                .lookahead();
    }

    private static Program check(String member, Definition definition) {
        try {
            return ExpressionCompiler.checkWithoutSchema(List.of(), List.of(definition));
        } catch (OptaicException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "ModelInstance config '" + member + "': " + e.getMessage(), e);
        }
    }

    private static UUID datasetId(JsonNode node) {
        try {
            return UUID.fromString(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw bad("input", "must be a dataset id, got '" + node.asText("") + "'");
        }
    }

    private static Map<String, String> features(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw bad("features", "must be a non-empty object of name -> expression or field");
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equals(LABEL)) {
                throw bad("features." + name, "is not a usable feature name (letters, digits, _; not '" + LABEL + "')");
            }
            features.put(name, nonEmptyText(entry.getValue(), "features." + name));
        }
        return features;
    }

    private static DateRange range(JsonNode node, String member) {
        if (!node.isObject()) {
            throw bad(member, "must be {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
        }
        LocalDate from = date(node.path("from"), member + ".from");
        LocalDate to = date(node.path("to"), member + ".to");
        if (to.isBefore(from)) {
            throw bad(member, "ends (" + to + ") before it starts (" + from + ")");
        }
        return new DateRange(from, to);
    }

    private static LocalDate date(JsonNode node, String member) {
        try {
            return LocalDate.parse(node.asText(""));
        } catch (DateTimeParseException e) {
            throw bad(member, "must be a date YYYY-MM-DD, got '" + node.asText("") + "'");
        }
    }

    private static WalkForward walkForward(JsonNode node) {
        if (!node.isObject()) {
            throw bad("walk_forward", "must be {\"every\": MONTHS, \"window\": \"expanding\" or \"rolling\"}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("every") && !name.equals("window")) {
                throw bad(
                        "walk_forward." + name,
                        "is not a known setting; known: walk_forward.every, walk_forward.window");
            }
        }
        int every = wholeNumber(node.path("every"), "walk_forward.every", 1, 120);
        String window = node.path("window").asText("expanding").toUpperCase(Locale.ROOT);
        if (!window.equals("EXPANDING") && !window.equals("ROLLING")) {
            throw bad(
                    "walk_forward.window",
                    "must be expanding or rolling, got '" + node.path("window").asText() + "'");
        }
        return new WalkForward(every, Window.valueOf(window));
    }

    private static String nonEmptyText(JsonNode node, String member) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw bad(member, "must be a non-empty string");
        }
        return node.asText();
    }

    private static int wholeNumber(JsonNode node, String member, int min, int max) {
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw bad(member, "must be a whole number from " + min + " to " + max + ", got " + node);
        }
        return node.asInt();
    }

    private static long wholeNumberLong(JsonNode node, String member) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw bad(member, "must be a whole number, got " + node);
        }
        return node.asLong();
    }

    private static OptaicException bad(String member, String problem) {
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG,
                member.isEmpty()
                        ? "ModelInstance config " + problem
                        : "ModelInstance config '" + member + "' " + problem);
    }
}
