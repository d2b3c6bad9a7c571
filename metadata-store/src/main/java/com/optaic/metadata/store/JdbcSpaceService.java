package com.optaic.metadata.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Principal;
import com.optaic.metadata.PrincipalKind;
import com.optaic.metadata.PromotionPolicy;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SpaceCreation;
import com.optaic.metadata.SpaceKind;
import com.optaic.metadata.SpaceService;
import com.optaic.metadata.SubspaceKind;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.UserCreation;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SpaceService}: spaces are created with their subspaces and owner grant in one transaction. */
final class JdbcSpaceService implements SpaceService {
    static final String POLICY_KEY = "promotion";

    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final JdbcAccessService grants;
    private final JdbcPrincipalService principals;

    JdbcSpaceService(StoreContext context, JdbcAccessService grants, JdbcPrincipalService principals) {
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.grants = grants;
        this.principals = principals;
    }

    @Override
    public SpaceCreation createSpace(Actor actor, String name, SpaceKind kind, UUID ownerId) {
        return tx.write(() -> createSpaceChecked(actor, name, kind, ownerId));
    }

    SpaceCreation createSpaceChecked(Actor actor, String name, SpaceKind kind, UUID ownerId) {
        UUID rootId = principals.tenantRoot(actor);
        Resource root = access.requireActive(actor, rootId, Permission.CREATE, "create a space in");
        access.require(actor, rootId, Permission.GRANT, "create a space in");
        Principal owner = principals.get(actor, ownerId);
        Resource space = writer.insert(
                actor,
                new ResourceWriter.Spec(
                        UUID.randomUUID(),
                        actor.tenantId(),
                        Optional.of(root),
                        ResourceType.Space,
                        name,
                        Optional.of(kind.wireName()),
                        owner.id(),
                        "",
                        List.of(),
                        Json.object()));
        Resource official = subspace(actor, space, SubspaceKind.OFFICIAL, owner.id());
        Resource staging = subspace(actor, space, SubspaceKind.STAGING, owner.id());
        grants.grantChecked(actor, space.id(), owner.id(), Role.OWNER);
        return new SpaceCreation(space, official, staging);
    }

    private Resource subspace(Actor actor, Resource space, SubspaceKind kind, UUID ownerId) {
        return writer.insert(
                actor,
                new ResourceWriter.Spec(
                        UUID.randomUUID(),
                        actor.tenantId(),
                        Optional.of(space),
                        ResourceType.Subspace,
                        kind.wireName(),
                        Optional.of(kind.wireName()),
                        ownerId,
                        "",
                        List.of(),
                        Json.object()));
    }

    @Override
    public UserCreation createUserWithPersonalSpace(Actor actor, String email, String displayName) {
        return tx.write(() -> {
            Principal user =
                    principals.createPrincipalChecked(actor, PrincipalKind.USER, Optional.of(email), displayName);
            SpaceCreation space = createSpaceChecked(actor, email, SpaceKind.PERSONAL, user.id());
            if (actor.tenantId().equals(SystemIds.SYSTEM_TENANT)) {
                grants.grantChecked(actor, SystemIds.SYSTEM_SPACE, user.id(), Role.VIEWER);
            }
            return new UserCreation(user, space);
        });
    }

    @Override
    public SpaceCreation createTeamSpace(Actor actor, String name, UUID ownerId, List<UUID> operatorIds) {
        return tx.write(() -> {
            SpaceCreation space = createSpaceChecked(actor, name, SpaceKind.TEAM, ownerId);
            for (UUID member : operatorIds) {
                if (!member.equals(ownerId)) {
                    grants.grantChecked(actor, space.space().id(), member, Role.OPERATOR);
                }
            }
            return space;
        });
    }

    @Override
    public Resource setPromotionPolicy(Actor actor, UUID subspaceId, long expectedRowVersion, PromotionPolicy policy) {
        return tx.write(() -> {
            Resource subspace =
                    access.requireActive(actor, subspaceId, Permission.PROMOTE, "set the promotion policy of");
            access.require(actor, subspaceId, Permission.UPDATE, "set the promotion policy of");
            AccessControl.requireType(subspace, EnumSet.of(ResourceType.Subspace), "set the promotion policy of");
            ObjectNode settings = subspace.settings().deepCopy();
            settings.set(POLICY_KEY, Json.tree(policy));
            return writer.updateGuarded(
                    actor,
                    subspace,
                    expectedRowVersion,
                    "subspace.policy_set",
                    "set the promotion policy of",
                    "settings = ?::jsonb",
                    Json.write(settings));
        });
    }

    @Override
    public PromotionPolicy promotionPolicy(Actor actor, UUID subspaceId) {
        return tx.read(() -> policyOf(access.require(actor, subspaceId, Permission.READ, "read")));
    }

    static PromotionPolicy policyOf(Resource subspace) {
        JsonNode node = subspace.settings().get(POLICY_KEY);
        if (node == null || node.isNull()) {
            return PromotionPolicy.none();
        }
        try {
            return Json.MAPPER.treeToValue(node, PromotionPolicy.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_STORE_INTERNAL,
                    "Subspace " + subspace.id() + " has an unreadable promotion policy",
                    e);
        }
    }
}
