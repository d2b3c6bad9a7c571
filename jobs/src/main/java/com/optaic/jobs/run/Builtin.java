package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.ResourceType;
import java.util.List;

/**
 * A built-in plugin on one object: the Definition the bootstrap deploys (type, name, description, code_ref, config
 * schema, spec) and the factory its code_ref resolves to, so that neither is declared without the other.
 *
 * @param <T> what the factory builds
 */
public record Builtin<T>(BuiltinDefinition definition, Registry.Factory<T> factory) {
    public Builtin {
        requireNonNull(definition, "definition is null");
        requireNonNull(factory, "factory is null");
    }

    /**
     * @param codeVersion the version of the code the factory runs; a new one makes the bootstrap add a definition
     *     version
     */
    public static <T> Builtin<T> of(
            ResourceType type,
            String name,
            String description,
            String codeRef,
            JsonNode schema,
            JsonNode spec,
            String codeVersion,
            Registry.Factory<T> factory) {
        return new Builtin<>(
                new BuiltinDefinition(
                        type, name, description, new DefinitionContent(codeRef, schema, spec, codeVersion)),
                factory);
    }

    public String codeRef() {
        return definition.content().codeRef();
    }

    /** The registry of these built-ins' factories by code_ref; a code_ref given twice fails. */
    public static <T> Registry<T> registry(String kind, List<Builtin<T>> builtins) {
        Registry<T> registry = new Registry<>(kind);
        builtins.forEach(builtin -> registry.register(builtin.codeRef(), builtin.factory()));
        return registry;
    }
}
