package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A run resource: its frozen snapshot, where it is in the state machine, and what it recorded. */
public record Run(
        Resource resource,
        RunStatus status,
        RunTrigger trigger,
        Optional<LocalDate> nominalDate,
        RunSnapshot snapshot,
        int attempt,
        Instant queuedAt,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<String> error,
        JsonNode metrics,
        long rowVersion) {
    public Run {
        requireNonNull(resource, "resource is null");
        requireNonNull(status, "status is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(nominalDate, "nominalDate is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(queuedAt, "queuedAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(error, "error is null");
        metrics = requireNonNull(metrics, "metrics is null").deepCopy();
    }
}
