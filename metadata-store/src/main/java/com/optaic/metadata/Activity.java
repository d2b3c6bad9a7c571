package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An append-only record of one mutation, written in the same transaction: who ({@code actorId}) did what
 * ({@code verb}, e.g. {@code resource.created}) to which target, with the state before and after.
 */
public record Activity(
        long id,
        UUID tenantId,
        UUID actorId,
        String verb,
        String targetKind,
        UUID targetId,
        Optional<JsonNode> before,
        Optional<JsonNode> after,
        Optional<String> requestId,
        Instant createdAt) {
    public Activity {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(actorId, "actorId is null");
        requireNonNull(verb, "verb is null");
        requireNonNull(targetKind, "targetKind is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
