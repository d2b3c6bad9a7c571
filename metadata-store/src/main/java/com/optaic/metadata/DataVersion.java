package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** One immutable, numbered version of a dataset, visible once its row is committed. */
public record DataVersion(
        UUID id,
        UUID datasetId,
        int version,
        DataManifest manifest,
        long rowCount,
        Optional<LocalDate> minDate,
        Optional<LocalDate> maxDate,
        Optional<UUID> previousVersionId,
        Optional<UUID> producedByRun,
        UUID createdBy,
        Instant createdAt) {
    public DataVersion {
        requireNonNull(id, "id is null");
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(minDate, "minDate is null");
        requireNonNull(maxDate, "maxDate is null");
        requireNonNull(previousVersionId, "previousVersionId is null");
        requireNonNull(producedByRun, "producedByRun is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
