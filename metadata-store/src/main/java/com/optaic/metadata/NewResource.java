package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a caller supplies to create a container node (Space, Subspace, Project). */
public record NewResource(
        UUID parentId, ResourceType type, String name, Optional<String> kind, String description, List<String> tags) {
    public NewResource {
        requireNonNull(parentId, "parentId is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
        tags = List.copyOf(tags);
    }

    public static NewResource of(UUID parentId, ResourceType type, String name) {
        return new NewResource(parentId, type, name, Optional.empty(), "", List.of());
    }

    public NewResource withKind(String newKind) {
        return new NewResource(parentId, type, name, Optional.of(newKind), description, tags);
    }

    public NewResource withDescription(String newDescription) {
        return new NewResource(parentId, type, name, kind, newDescription, tags);
    }

    public NewResource withTags(List<String> newTags) {
        return new NewResource(parentId, type, name, kind, description, newTags);
    }
}
