package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Optional;

/**
 * What a guardrail sees of the change it judges. The store fills the fields that matter at each hook:
 * {@code config} and {@code pinned} at CREATE and UPDATE of an instance, {@code definitionVersion} at DEPLOY,
 * {@code signal}, {@code validationRun} and {@code policy} at PROMOTE.
 */
public record GuardrailContext(
        GuardrailHook hook,
        Actor actor,
        ResourceType type,
        String name,
        JsonNode config,
        Map<String, DefinitionVersion> pinned,
        Optional<DefinitionVersion> definitionVersion,
        Optional<Signal> signal,
        Optional<Run> validationRun,
        PromotionPolicy policy) {
    public GuardrailContext {
        requireNonNull(hook, "hook is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        config = requireNonNull(config, "config is null").deepCopy();
        pinned = Map.copyOf(pinned);
        requireNonNull(definitionVersion, "definitionVersion is null");
        requireNonNull(signal, "signal is null");
        requireNonNull(validationRun, "validationRun is null");
        requireNonNull(policy, "policy is null");
    }

    public static GuardrailContext forInstance(
            GuardrailHook hook,
            Actor actor,
            ResourceType type,
            String name,
            JsonNode config,
            Map<String, DefinitionVersion> pinned) {
        return new GuardrailContext(
                hook,
                actor,
                type,
                name,
                config,
                pinned,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                PromotionPolicy.none());
    }

    public static GuardrailContext forDeploy(Actor actor, Definition definition, DefinitionVersion version) {
        return new GuardrailContext(
                GuardrailHook.DEPLOY,
                actor,
                definition.resource().type(),
                definition.resource().name(),
                JsonNodeFactory.instance.objectNode(),
                Map.of(),
                Optional.of(version),
                Optional.empty(),
                Optional.empty(),
                PromotionPolicy.none());
    }

    public static GuardrailContext forPromotion(
            Actor actor, Signal signal, Optional<Run> validationRun, PromotionPolicy policy) {
        return new GuardrailContext(
                GuardrailHook.PROMOTE,
                actor,
                signal.resource().type(),
                signal.resource().name(),
                JsonNodeFactory.instance.objectNode(),
                Map.of(),
                Optional.empty(),
                Optional.of(signal),
                validationRun,
                policy);
    }
}
