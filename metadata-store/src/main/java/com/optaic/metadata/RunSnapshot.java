package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a run executes, frozen when it is queued. Reproducing the run means re-executing this. */
public record RunSnapshot(
        UUID instanceId,
        int instanceVersion,
        JsonNode config,
        Map<String, PinnedDefinition> definitions,
        List<UUID> inputDataVersions,
        JsonNode params,
        String codeVersion) {
    public RunSnapshot {
        requireNonNull(instanceId, "instanceId is null");
        config = requireNonNull(config, "config is null").deepCopy();
        definitions = Map.copyOf(definitions);
        inputDataVersions = List.copyOf(inputDataVersions);
        params = requireNonNull(params, "params is null").deepCopy();
        requireNonNull(codeVersion, "codeVersion is null");
    }
}
