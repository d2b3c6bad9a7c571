package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run to queue for an instance's current version. The store snapshots the instance version, its pinned
 * definition versions, the given input data versions, the params and the code version.
 */
public record NewRun(
        UUID instanceId,
        ResourceType type,
        RunTrigger trigger,
        Optional<LocalDate> nominalDate,
        JsonNode params,
        List<UUID> inputDataVersions,
        String codeVersion) {
    public NewRun {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(type, "type is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(nominalDate, "nominalDate is null");
        params = requireNonNull(params, "params is null").deepCopy();
        inputDataVersions = List.copyOf(inputDataVersions);
        requireNonNull(codeVersion, "codeVersion is null");
    }

    public static NewRun manual(UUID instanceId, ResourceType type, String codeVersion) {
        return new NewRun(
                instanceId,
                type,
                RunTrigger.MANUAL,
                Optional.empty(),
                JsonNodeFactory.instance.objectNode(),
                List.of(),
                codeVersion);
    }

    public static NewRun scheduled(UUID instanceId, ResourceType type, LocalDate nominalDate, String codeVersion) {
        return new NewRun(
                instanceId,
                type,
                RunTrigger.SCHEDULE,
                Optional.of(nominalDate),
                JsonNodeFactory.instance.objectNode(),
                List.of(),
                codeVersion);
    }

    public NewRun withParams(JsonNode newParams) {
        return new NewRun(instanceId, type, trigger, nominalDate, newParams, inputDataVersions, codeVersion);
    }

    public NewRun withInputs(List<UUID> dataVersionIds) {
        return new NewRun(instanceId, type, trigger, nominalDate, params, dataVersionIds, codeVersion);
    }
}
