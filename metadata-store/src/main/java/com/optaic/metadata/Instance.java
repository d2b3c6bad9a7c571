package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An instance resource with its current version's config and pins, and its schedule if it has one. */
public record Instance(
        Resource resource, int currentVersion, JsonNode config, Map<String, UUID> pins, Optional<Schedule> schedule) {
    public Instance {
        requireNonNull(resource, "resource is null");
        config = requireNonNull(config, "config is null").deepCopy();
        pins = Map.copyOf(pins);
        requireNonNull(schedule, "schedule is null");
    }
}
