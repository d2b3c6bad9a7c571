package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking: an authenticated principal of one tenant, and the request it acts in. Every service method
 * takes one and checks the principal's permission itself; the request id is copied onto every activity.
 */
public record Actor(UUID principalId, UUID tenantId, Optional<String> requestId) {
    public Actor {
        requireNonNull(principalId, "principalId is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(requestId, "requestId is null");
    }

    public static Actor of(UUID principalId, UUID tenantId) {
        return new Actor(principalId, tenantId, Optional.empty());
    }

    public Actor withRequestId(String id) {
        return new Actor(principalId, tenantId, Optional.of(id));
    }
}
