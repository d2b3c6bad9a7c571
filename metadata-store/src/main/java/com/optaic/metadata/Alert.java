package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A recorded alert: what {@link NewAlert} says, the run that raised it and its instance. */
public record Alert(long id, UUID runId, UUID instanceId, NewAlert alert, Instant createdAt) {
    public Alert {
        requireNonNull(runId, "runId is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(alert, "alert is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
