package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.Guardrail;
import com.optaic.metadata.GuardrailContext;
import com.optaic.metadata.GuardrailHook;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.Threshold;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The guardrails a store runs: the built-in ones below plus any the caller registers. Names are unique; the
 * first failing rule blocks the change with GUARDRAIL_FAILED naming the rule and its reason.
 */
final class Guardrails {
    static final String CONFIG_SCHEMA = "config-schema";
    static final String PINNED_NOT_DEPRECATED = "pinned-definition-not-deprecated";
    static final String DEPLOY_NEEDS_EVALUATION = "deploy-requires-passed-evaluation";
    static final String PROMOTION_THRESHOLDS = "promotion-thresholds";
    static final String FOUR_EYES = "four-eyes";

    private final Map<String, Guardrail> rules = new LinkedHashMap<>();

    Guardrails(List<Guardrail> extra) {
        for (Guardrail rule : builtins()) {
            register(rule);
        }
        for (Guardrail rule : extra) {
            register(rule);
        }
    }

    private void register(Guardrail rule) {
        if (rules.putIfAbsent(rule.name(), rule) != null) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Guardrail '" + rule.name() + "' is registered twice; names must be unique");
        }
    }

    /** Runs every rule on the context's hook; throws on the first failure. */
    void check(GuardrailContext context, String action) {
        firstFailure(context).ifPresent(failure -> {
            throw new OptaicException(
                    MetadataErrorCode.GUARDRAIL_FAILED,
                    "Cannot " + action + " " + context.type() + " '" + context.name() + "': guardrail '"
                            + failure.rule() + "' failed: " + failure.reason());
        });
    }

    record Failure(String rule, String reason) {}

    Optional<Failure> firstFailure(GuardrailContext context) {
        for (Guardrail rule : rules.values()) {
            if (rule.hooks().contains(context.hook())) {
                Optional<String> reason = rule.check(context);
                if (reason.isPresent()) {
                    return Optional.of(new Failure(rule.name(), reason.get()));
                }
            }
        }
        return Optional.empty();
    }

    List<String> names() {
        return List.copyOf(rules.keySet());
    }

    private static List<Guardrail> builtins() {
        return List.of(
                rule(CONFIG_SCHEMA, EnumSet.of(GuardrailHook.CREATE, GuardrailHook.UPDATE), Guardrails::configSchema),
                rule(
                        PINNED_NOT_DEPRECATED,
                        EnumSet.of(GuardrailHook.CREATE, GuardrailHook.UPDATE),
                        Guardrails::pinnedNotDeprecated),
                rule(DEPLOY_NEEDS_EVALUATION, EnumSet.of(GuardrailHook.DEPLOY), Guardrails::deployNeedsEvaluation),
                rule(PROMOTION_THRESHOLDS, EnumSet.of(GuardrailHook.PROMOTE), Guardrails::promotionThresholds),
                rule(FOUR_EYES, EnumSet.of(GuardrailHook.PROMOTE), Guardrails::fourEyes));
    }

    static Guardrail rule(String name, Set<GuardrailHook> hooks, Function<GuardrailContext, Optional<String>> check) {
        Set<GuardrailHook> copy = Set.copyOf(hooks);
        return new Guardrail() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<GuardrailHook> hooks() {
                return copy;
            }

            @Override
            public Optional<String> check(GuardrailContext context) {
                return check.apply(context);
            }
        };
    }

    private static Optional<String> configSchema(GuardrailContext context) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, DefinitionVersion> pin : new TreeMap<>(context.pinned()).entrySet()) {
            JsonNode slotConfig = context.config().path(pin.getKey());
            if (slotConfig.isMissingNode()) {
                slotConfig = Json.object();
            }
            for (String error :
                    JsonSchemaValidator.validate(pin.getValue().content().configSchema(), slotConfig)) {
                problems.add("config of '" + pin.getKey() + "' ("
                        + pin.getValue().codeRef() + " v" + pin.getValue().version() + ") at " + error);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Optional<String> pinnedNotDeprecated(GuardrailContext context) {
        return new TreeMap<>(context.pinned())
                .entrySet().stream()
                        .filter(pin -> pin.getValue().status() == DefinitionStatus.DEPRECATED)
                        .findFirst()
                        .map(pin -> "slot '" + pin.getKey() + "' pins "
                                + pin.getValue().codeRef() + " v"
                                + pin.getValue().version() + ", which is deprecated");
    }

    private static Optional<String> deployNeedsEvaluation(GuardrailContext context) {
        DefinitionVersion version = context.definitionVersion().orElseThrow();
        boolean passed =
                version.evaluation().map(e -> e.path("passed").asBoolean(false)).orElse(false);
        if (version.status() != DefinitionStatus.EVALUATED || !passed) {
            return Optional.of(
                    "version " + version.version() + " is " + version.status().wireName()
                            + (version.evaluation().isPresent() && !passed ? " and its evaluation failed" : "")
                            + "; only a version whose evaluation passed can be deployed");
        }
        return Optional.empty();
    }

    private static Optional<String> promotionThresholds(GuardrailContext context) {
        if (context.validationRun().isEmpty()) {
            return Optional.of("the signal has no validation run; validate it first");
        }
        Run run = context.validationRun().get();
        if (run.status() != RunStatus.SUCCEEDED) {
            return Optional.of("validation run " + run.resource().id() + " is " + run.status() + ", not SUCCEEDED");
        }
        return thresholdFailures(context.policy().thresholds(), run.metrics())
                .map(reasons -> "validation run " + run.resource().id() + " " + reasons);
    }

    /** Why metrics miss thresholds ("sharpe = 0.4 is below the minimum 1.0; ..."), or empty if they meet all. */
    static Optional<String> thresholdFailures(Map<String, Threshold> thresholds, JsonNode metrics) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Threshold> entry : new TreeMap<>(thresholds).entrySet()) {
            JsonNode value = metrics.path(entry.getKey());
            Threshold threshold = entry.getValue();
            if (!value.isNumber()) {
                failures.add("has no numeric metric '" + entry.getKey() + "'");
            } else if (!threshold.accepts(value.doubleValue())) {
                failures.add("metric " + entry.getKey() + " = " + value.asText()
                        + threshold
                                .min()
                                .filter(min -> value.doubleValue() < min)
                                .map(min -> " is below the minimum " + min)
                                .orElse("")
                        + threshold
                                .max()
                                .filter(max -> value.doubleValue() > max)
                                .map(max -> " is above the maximum " + max)
                                .orElse(""));
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
    }

    private static Optional<String> fourEyes(GuardrailContext context) {
        if (context.policy().fourEyes()
                && context.signal().isPresent()
                && context.signal()
                        .get()
                        .resource()
                        .createdBy()
                        .equals(context.actor().principalId())) {
            return Optional.of("the target subspace requires four eyes, and principal "
                    + context.actor().principalId() + " registered this signal; another principal must promote it");
        }
        return Optional.empty();
    }
}
