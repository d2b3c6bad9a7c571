package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A role bound to a principal on a node; it applies to the node and everything below it. */
public record Grant(UUID id, UUID resourceId, UUID principalId, Role role, UUID grantedBy, Instant createdAt) {
    public Grant {
        requireNonNull(id, "id is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(role, "role is null");
        requireNonNull(grantedBy, "grantedBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
