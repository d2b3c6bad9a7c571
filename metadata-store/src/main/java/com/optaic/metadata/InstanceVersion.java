package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One immutable version of an instance: its config and the definition versions it pins. */
public record InstanceVersion(
        UUID instanceId, int version, JsonNode config, Map<String, UUID> pins, UUID createdBy, Instant createdAt) {
    public InstanceVersion {
        requireNonNull(instanceId, "instanceId is null");
        config = requireNonNull(config, "config is null").deepCopy();
        pins = Map.copyOf(pins);
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
