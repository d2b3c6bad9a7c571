package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user or service account of one tenant. */
public record Principal(
        UUID id,
        UUID tenantId,
        PrincipalKind kind,
        Optional<String> email,
        String displayName,
        boolean active,
        Instant createdAt) {
    public Principal {
        requireNonNull(id, "id is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(email, "email is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public Actor asActor() {
        return Actor.of(id, tenantId);
    }
}
