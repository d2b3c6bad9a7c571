package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** An isolated organisation: its principals and resources are invisible to every other tenant. */
public record Tenant(UUID id, String name, Instant createdAt) {
    public Tenant {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
