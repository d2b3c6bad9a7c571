package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A definition to submit under a project; it gets version 1 with this content. */
public record NewDefinition(
        UUID parentId, ResourceType type, String name, String description, DefinitionContent content) {
    public NewDefinition {
        requireNonNull(parentId, "parentId is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(content, "content is null");
    }
}
