package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Permission checks. A node and the caller's effective permissions on it come back from one query: the
 * node's materialised {@code path} holds every ancestor id, so the inherited grants are an index lookup on
 * {@code grants (principal_id, resource_id)} for those ids. A node of another tenant, or one the caller cannot
 * read, is reported as not found.
 */
final class AccessControl {
    /** Parameters: principal id, resource id, tenant id. */
    static final String LOAD_WITH_PERMISSIONS = """
            SELECT %s,
                   ARRAY(SELECT DISTINCT rp.permission
                         FROM grants g
                         JOIN role_permissions rp ON rp.role = g.role
                         WHERE g.principal_id = ? AND g.tenant_id = r.tenant_id AND g.resource_id = ANY (r.path)
                   ) AS permissions
            FROM resources r
            WHERE r.id = ? AND r.tenant_id = ?
            """.formatted(ResourceRows.COLUMNS);

    /**
     * The nodes under which the principal may read everything; a node is readable iff its path overlaps this
     * array. Parameters: principal id, tenant id.
     */
    static final String READABLE_ROOTS = """
            ARRAY(SELECT g.resource_id
                  FROM grants g
                  JOIN role_permissions rp ON rp.role = g.role AND rp.permission = 'read'
                  WHERE g.principal_id = ? AND g.tenant_id = ?)""";

    /** A node and what the caller may do on it. */
    record Checked(Resource resource, Set<Permission> permissions) {
        boolean can(Permission permission) {
            return permissions.contains(permission);
        }
    }

    private final JdbcTemplate jdbc;

    AccessControl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Checked> load(Actor actor, UUID resourceId) {
        return load(actor, resourceId, false);
    }

    private Optional<Checked> load(Actor actor, UUID resourceId, boolean lock) {
        String sql = lock ? LOAD_WITH_PERMISSIONS + " FOR UPDATE OF r" : LOAD_WITH_PERMISSIONS;
        List<Checked> rows = jdbc.query(
                sql,
                (rs, n) -> {
                    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                    for (String name : Sql.strings(rs, "permissions")) {
                        permissions.add(Permission.fromWireName(name));
                    }
                    return new Checked(ResourceRows.map(rs), permissions);
                },
                actor.principalId(),
                resourceId,
                actor.tenantId());
        return rows.stream().findFirst();
    }

    /** The node, if it exists in the caller's tenant and the caller holds {@code permission} on it. */
    Resource require(Actor actor, UUID resourceId, Permission permission, String action) {
        return check(load(actor, resourceId, false), resourceId, permission, action);
    }

    /** As {@link #require}, locking the row until the transaction ends. */
    Resource requireLocked(Actor actor, UUID resourceId, Permission permission, String action) {
        return check(load(actor, resourceId, true), resourceId, permission, action);
    }

    /** As {@link #require}, and the node must not be archived. */
    Resource requireActive(Actor actor, UUID resourceId, Permission permission, String action) {
        return active(require(actor, resourceId, permission, action), action);
    }

    Resource requireActiveLocked(Actor actor, UUID resourceId, Permission permission, String action) {
        return active(requireLocked(actor, resourceId, permission, action), action);
    }

    Set<Permission> permissions(Actor actor, UUID resourceId) {
        return load(actor, resourceId).map(Checked::permissions).orElse(EnumSet.noneOf(Permission.class));
    }

    private static Resource check(Optional<Checked> checked, UUID resourceId, Permission permission, String action) {
        if (checked.isEmpty() || !checked.get().can(Permission.READ)) {
            throw notFound(resourceId);
        }
        Checked found = checked.get();
        if (!found.can(permission)) {
            Resource resource = found.resource();
            throw new OptaicException(
                    MetadataErrorCode.PERMISSION_DENIED,
                    "Cannot " + action + " " + resource.type()
                            + " '" + resource.name() + "' (" + resource.id() + "): permission '" + permission.wireName()
                            + "' is not granted");
        }
        return found.resource();
    }

    private static Resource active(Resource resource, String action) {
        if (resource.isArchived()) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Cannot " + action + " " + resource.type() + " '" + resource.name() + "' (" + resource.id()
                            + "): it is archived");
        }
        return resource;
    }

    static OptaicException notFound(UUID resourceId) {
        return new OptaicException(MetadataErrorCode.METADATA_NOT_FOUND, "Resource " + resourceId + " not found");
    }

    static Resource requireType(Resource resource, Set<ResourceType> types, String action) {
        if (!types.contains(resource.type())) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Cannot " + action + " " + resource.type() + " '"
                            + resource.name() + "' (" + resource.id() + "): expected "
                            + types.stream().map(Enum::name).sorted().collect(Collectors.joining(" or ")));
        }
        return resource;
    }

    static Resource requireTier(Resource resource, ResourceType.Tier tier, String action) {
        Set<ResourceType> types = EnumSet.noneOf(ResourceType.class);
        Arrays.stream(ResourceType.values()).filter(t -> t.tier() == tier).forEach(types::add);
        return requireType(resource, types, action);
    }
}
