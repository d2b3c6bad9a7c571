package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.UUID;

/** A dataset version registered as a signal, with its validation outcome and where it was promoted from. */
public record Signal(
        Resource resource,
        UUID datasetId,
        UUID dataVersionId,
        ValidationStatus validationStatus,
        Optional<UUID> validationRunId,
        Optional<JsonNode> validationReport,
        Optional<UUID> promotedFrom) {
    public Signal {
        requireNonNull(resource, "resource is null");
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(dataVersionId, "dataVersionId is null");
        requireNonNull(validationStatus, "validationStatus is null");
        requireNonNull(validationRunId, "validationRunId is null");
        validationReport =
                requireNonNull(validationReport, "validationReport is null").map(JsonNode::deepCopy);
        requireNonNull(promotedFrom, "promotedFrom is null");
    }
}
