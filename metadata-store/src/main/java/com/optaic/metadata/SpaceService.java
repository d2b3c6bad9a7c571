package com.optaic.metadata;

import java.util.List;
import java.util.UUID;

/**
 * Spaces with their official and staging subspaces, users with personal spaces, team spaces, and the promotion
 * policy of a subspace. Creating spaces needs {@code create} and {@code grant} on the tenant root.
 */
public interface SpaceService {
    SpaceCreation createSpace(Actor actor, String name, SpaceKind kind, UUID ownerId);

    /** A new user owning a new personal space; in the system tenant, also a viewer of the system space. */
    UserCreation createUserWithPersonalSpace(Actor actor, String email, String displayName);

    /** A team space owned by {@code ownerId}, with each member an operator. */
    SpaceCreation createTeamSpace(Actor actor, String name, UUID ownerId, List<UUID> operatorIds);

    /** Sets the thresholds and four-eyes rule for promotion into a subspace; needs {@code promote} and {@code update}. */
    Resource setPromotionPolicy(Actor actor, UUID subspaceId, long expectedRowVersion, PromotionPolicy policy);

    PromotionPolicy promotionPolicy(Actor actor, UUID subspaceId);
}
