package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One immutable numbered version of a definition; only its status and evaluation change. */
public record DefinitionVersion(
        UUID id,
        UUID definitionId,
        int version,
        DefinitionContent content,
        String contentHash,
        DefinitionStatus status,
        Optional<JsonNode> evaluation,
        UUID createdBy,
        Instant createdAt) {
    public DefinitionVersion {
        requireNonNull(id, "id is null");
        requireNonNull(definitionId, "definitionId is null");
        requireNonNull(content, "content is null");
        requireNonNull(contentHash, "contentHash is null");
        requireNonNull(status, "status is null");
        evaluation = requireNonNull(evaluation, "evaluation is null").map(JsonNode::deepCopy);
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String codeRef() {
        return content.codeRef();
    }
}
