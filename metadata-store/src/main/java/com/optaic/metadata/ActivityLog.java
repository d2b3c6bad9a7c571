package com.optaic.metadata;

import java.util.UUID;

/** Reads the audit trail. Needs {@code audit-read} on the node; returns activities of it and its subtree. */
public interface ActivityLog {
    /** Newest first. */
    Page<Activity> forSubtree(Actor actor, UUID resourceId, PageRequest page);

    /** Activities whose target is exactly this id (a resource, principal, token or grant), newest first. */
    Page<Activity> forTarget(Actor actor, UUID targetId, PageRequest page);
}
