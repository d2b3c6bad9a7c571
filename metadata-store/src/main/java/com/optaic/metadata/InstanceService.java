package com.optaic.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Instances: a config validated against the pinned definition versions' schemas, versioned on every change.
 */
public interface InstanceService {
    /** Creates version 1; needs {@code create} on the parent project and passes the CREATE guardrails. */
    Instance create(Actor actor, NewInstance instance);

    /**
     * Writes the next version with a new config and, if given, new pins (else the current ones); needs
     * {@code update}, passes the UPDATE guardrails, and fails with a conflict unless {@code expectedVersion}
     * is the current version.
     */
    Instance update(
            Actor actor, UUID instanceId, int expectedVersion, JsonNode config, Optional<Map<String, UUID>> pins);

    /** Sets or (with empty) clears the schedule; needs {@code update}. */
    Instance schedule(Actor actor, UUID instanceId, Optional<Schedule> schedule);

    Instance get(Actor actor, UUID instanceId);

    InstanceVersion version(Actor actor, UUID instanceId, int version);

    List<InstanceVersion> versions(Actor actor, UUID instanceId);

    /** Every scheduled, active instance the caller may read, for the scheduler. */
    List<Instance> scheduled(Actor actor);
}
