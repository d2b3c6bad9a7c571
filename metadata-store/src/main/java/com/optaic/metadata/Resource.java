package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One node of the resource tree as the store holds it. {@code path} lists the ids from the tenant root down to
 * this node, itself included; {@code kind} is the space or subspace kind; {@code rowVersion} is the
 * optimistic-lock version a caller passes back with an update.
 */
public record Resource(
        UUID id,
        UUID tenantId,
        Optional<UUID> parentId,
        ResourceType type,
        String name,
        Optional<String> kind,
        UUID ownerId,
        ResourceStatus status,
        String description,
        List<String> tags,
        JsonNode settings,
        List<UUID> path,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long rowVersion) {
    public Resource {
        requireNonNull(id, "id is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(status, "status is null");
        requireNonNull(description, "description is null");
        tags = List.copyOf(tags);
        settings = requireNonNull(settings, "settings is null").deepCopy();
        path = List.copyOf(path);
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public int depth() {
        return path.size();
    }

    public boolean isArchived() {
        return status == ResourceStatus.ARCHIVED;
    }
}
