package com.optaic.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Definitions and their immutable versions. A version's content never changes; only its status moves
 * submitted -> evaluated -> deployed -> deprecated. Deploying passes the DEPLOY guardrails.
 */
public interface DefinitionService {
    /** Submits a definition with version 1 (status submitted); needs {@code create} on the parent project. */
    Definition submit(Actor actor, NewDefinition definition);

    /** Adds the next version; needs {@code update}. Content identical to the latest version is refused. */
    DefinitionVersion addVersion(Actor actor, UUID definitionId, DefinitionContent content);

    /** Records an evaluation (passed or not, with its report) and moves the version to evaluated; needs {@code update}. */
    DefinitionVersion evaluate(Actor actor, UUID definitionId, int version, boolean passed, JsonNode report);

    /** Deploys an evaluated version; needs {@code promote}. */
    DefinitionVersion deploy(Actor actor, UUID definitionId, int version);

    /** Deprecates a version; instances can no longer pin it. Needs {@code update}. */
    DefinitionVersion deprecate(Actor actor, UUID definitionId, int version);

    Definition get(Actor actor, UUID definitionId);

    DefinitionVersion version(Actor actor, UUID definitionId, int version);

    /** A version by its own id. */
    DefinitionVersion versionById(Actor actor, UUID definitionVersionId);

    List<DefinitionVersion> versions(Actor actor, UUID definitionId);

    /** Readable definitions with this code_ref, oldest first. */
    List<Definition> findByCodeRef(Actor actor, String codeRef);

    /** The latest deployed version of a readable definition with this code_ref, if there is one. */
    Optional<DefinitionVersion> latestDeployed(Actor actor, String codeRef);
}
