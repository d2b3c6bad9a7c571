package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A definition version as a run snapshot records it: enough to rebuild the plugin with the same code. */
public record PinnedDefinition(
        UUID definitionId, UUID definitionVersionId, int version, String codeRef, String contentHash) {
    public PinnedDefinition {
        requireNonNull(definitionId, "definitionId is null");
        requireNonNull(definitionVersionId, "definitionVersionId is null");
        requireNonNull(codeRef, "codeRef is null");
        requireNonNull(contentHash, "contentHash is null");
    }
}
