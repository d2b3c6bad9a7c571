package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/**
 * An instance to create under a project. {@code pins} maps a slot name (e.g. {@code pipeline}, {@code store},
 * {@code accessor}, {@code model}) to the id of an exact definition version; {@code config} is a JSON object
 * whose member named after each slot is that definition's config and is validated against its schema. Other
 * members are instance-level parameters.
 */
public record NewInstance(
        UUID parentId, ResourceType type, String name, String description, Map<String, UUID> pins, JsonNode config) {
    public NewInstance {
        requireNonNull(parentId, "parentId is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        pins = Map.copyOf(pins);
        config = requireNonNull(config, "config is null").deepCopy();
    }
}
