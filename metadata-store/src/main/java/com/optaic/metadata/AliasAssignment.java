package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One period during which an alias such as {@code latest} or {@code official} named a data version. */
public record AliasAssignment(
        UUID datasetId,
        String alias,
        UUID dataVersionId,
        int version,
        Instant validFrom,
        Optional<Instant> validTo,
        UUID setBy) {
    public AliasAssignment {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(dataVersionId, "dataVersionId is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validTo, "validTo is null");
        requireNonNull(setBy, "setBy is null");
    }
}
