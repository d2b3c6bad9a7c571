package com.optaic.metadata;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Grants and permission checks. Deny by default: a principal may do on a node exactly what the roles granted
 * to it on that node or any ancestor allow. Only a principal with {@code grant} may grant, and only a role
 * whose every permission it holds itself on that node.
 */
public interface AccessService {
    Grant grant(Actor actor, UUID resourceId, UUID principalId, Role role);

    /** Removes a grant; same rule as granting the role it carried. */
    void revoke(Actor actor, UUID grantId);

    /** Grants on this node itself (not inherited ones); needs {@code read}. */
    List<Grant> grantsOn(Actor actor, UUID resourceId);

    /**
     * Every grant that applies to a node: those on the node itself and those inherited from its ancestors,
     * nearest first (a grant whose {@code resourceId} is not the node's is inherited); needs {@code read}.
     */
    List<Grant> effectiveGrants(Actor actor, UUID resourceId);

    /** The caller's effective permissions on a node; empty for a node it cannot see. */
    Set<Permission> permissions(Actor actor, UUID resourceId);

    default boolean can(Actor actor, UUID resourceId, Permission permission) {
        return permissions(actor, resourceId).contains(permission);
    }
}
