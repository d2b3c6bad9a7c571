package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The versioned content of a definition: the factory key {@code codeRef}, the JSON schema its instance config
 * must satisfy, a free-form spec (parameters, docs, test suite reference), and the code version that
 * registered it. Two versions with the same content have the same content hash.
 */
public record DefinitionContent(String codeRef, JsonNode configSchema, JsonNode spec, String codeVersion) {
    public DefinitionContent {
        requireNonNull(codeRef, "codeRef is null");
        configSchema = requireNonNull(configSchema, "configSchema is null").deepCopy();
        spec = requireNonNull(spec, "spec is null").deepCopy();
        requireNonNull(codeVersion, "codeVersion is null");
    }
}
