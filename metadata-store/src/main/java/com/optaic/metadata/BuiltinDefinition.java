package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

/**
 * A plugin the engine registers under {@code content.codeRef()}. The bootstrap keeps one deployed Definition
 * per built-in in the system project, adding a version whenever the content changes.
 */
public record BuiltinDefinition(ResourceType type, String name, String description, DefinitionContent content) {
    public BuiltinDefinition {
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(content, "content is null");
    }
}
