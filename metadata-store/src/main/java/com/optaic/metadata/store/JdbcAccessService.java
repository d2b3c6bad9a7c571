package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.AccessService;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Grant;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link AccessService} over {@code grants} and {@code role_permissions}. */
final class JdbcAccessService implements AccessService {
    static final String INSERT = """
            INSERT INTO grants (id, tenant_id, resource_id, principal_id, role, granted_by) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (principal_id, resource_id, role) DO NOTHING
            """;

    static final String COLUMNS = "g.id, g.resource_id, g.principal_id, g.role, g.granted_by, g.created_at";

    static final String FIND = """
            SELECT %s FROM grants g WHERE g.principal_id = ? AND g.resource_id = ? AND g.role = ?
            """.formatted(COLUMNS);

    static final String GET = "SELECT %s FROM grants g WHERE g.id = ? AND g.tenant_id = ?".formatted(COLUMNS);

    static final String ON_RESOURCE = """
            SELECT %s FROM grants g WHERE g.resource_id = ? AND g.tenant_id = ? ORDER BY g.created_at, g.id
            """.formatted(COLUMNS);

    /** Grants on the node and its ancestors, nearest first. Parameters: resource id, tenant id. */
    static final String EFFECTIVE = """
            SELECT %s FROM resources r JOIN grants g ON g.resource_id = ANY (r.path) AND g.tenant_id = r.tenant_id
            WHERE r.id = ? AND r.tenant_id = ?
            ORDER BY array_position(r.path, g.resource_id) DESC, g.created_at, g.id
            """.formatted(COLUMNS);

    static final String DELETE = "DELETE FROM grants WHERE id = ?";

    static final String ROLE_PERMISSIONS = "SELECT permission FROM role_permissions WHERE role = ?";

    static final String PRINCIPAL_ACTIVE = """
            SELECT status FROM principals WHERE id = ? AND tenant_id = ?
            """;

    static final String OWNER_GRANTS_ON = "SELECT count(*) FROM grants WHERE resource_id = ? AND role = 'owner'";

    static final RowMapper<Grant> MAPPER = (rs, n) -> new Grant(
            Sql.uuid(rs, "id"),
            Sql.uuid(rs, "resource_id"),
            Sql.uuid(rs, "principal_id"),
            Role.fromWireName(rs.getString("role")),
            Sql.uuid(rs, "granted_by"),
            Sql.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final Activities activities;

    JdbcAccessService(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.activities = context.activities();
    }

    @Override
    public Grant grant(Actor actor, UUID resourceId, UUID principalId, Role role) {
        return tx.write(() -> grantChecked(actor, resourceId, principalId, role));
    }

    /** Grants inside the caller's transaction, with every check {@link #grant} makes. */
    Grant grantChecked(Actor actor, UUID resourceId, UUID principalId, Role role) {
        Resource resource =
                access.requireActive(actor, resourceId, Permission.GRANT, "grant " + role.wireName() + " on");
        checkNotAbove(actor, resource, role, "grant");
        String status = jdbc.query(PRINCIPAL_ACTIVE, (rs, n) -> rs.getString(1), principalId, actor.tenantId()).stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND, "Principal " + principalId + " not found"));
        if (!"active".equals(status)) {
            throw Inputs.invalid(
                    "Cannot grant " + role.wireName() + " to principal " + principalId + ": it is " + status);
        }
        int inserted = jdbc.update(
                INSERT,
                UUID.randomUUID(),
                actor.tenantId(),
                resourceId,
                principalId,
                role.wireName(),
                actor.principalId());
        Grant grant = jdbc.queryForObject(FIND, MAPPER, principalId, resourceId, role.wireName());
        if (inserted == 1) {
            activities.resource(actor, "grant.created", resourceId, null, grant);
        }
        return grant;
    }

    private void checkNotAbove(Actor actor, Resource resource, Role role, String action) {
        Set<Permission> held = access.permissions(actor, resource.id());
        Set<Permission> needed = rolePermissions(role);
        if (!held.containsAll(needed)) {
            Set<Permission> missing = EnumSet.copyOf(needed);
            missing.removeAll(held);
            throw new OptaicException(
                    MetadataErrorCode.PERMISSION_DENIED,
                    "Cannot " + action + " role '" + role.wireName()
                            + "' on " + resource.type() + " '" + resource.name()
                            + "': it carries permissions you do not hold ("
                            + missing.stream().map(Permission::wireName).collect(Collectors.joining(", ")) + ")");
        }
    }

    private Set<Permission> rolePermissions(Role role) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        jdbc.query(
                ROLE_PERMISSIONS,
                rs -> {
                    permissions.add(Permission.fromWireName(rs.getString(1)));
                },
                role.wireName());
        return permissions;
    }

    @Override
    public void revoke(Actor actor, UUID grantId) {
        tx.writeVoid(() -> {
            Grant grant = jdbc.query(GET, MAPPER, grantId, actor.tenantId()).stream()
                    .findFirst()
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND, "Grant " + grantId + " not found"));
            Resource resource = access.requireLocked(
                    actor,
                    grant.resourceId(),
                    Permission.GRANT,
                    "revoke " + grant.role().wireName() + " on");
            checkNotAbove(actor, resource, grant.role(), "revoke");
            if (resource.type() == ResourceType.TenantRoot && grant.role() == Role.OWNER) {
                Integer owners = jdbc.queryForObject(OWNER_GRANTS_ON, Integer.class, resource.id());
                if (owners != null && owners <= 1) {
                    throw Inputs.invalid("Cannot revoke the last owner of the tenant root");
                }
            }
            jdbc.update(DELETE, grantId);
            activities.resource(actor, "grant.revoked", grant.resourceId(), grant, null);
        });
    }

    @Override
    public List<Grant> grantsOn(Actor actor, UUID resourceId) {
        return tx.read(() -> {
            access.require(actor, resourceId, Permission.READ, "list grants on");
            return jdbc.query(ON_RESOURCE, MAPPER, resourceId, actor.tenantId());
        });
    }

    @Override
    public List<Grant> effectiveGrants(Actor actor, UUID resourceId) {
        return tx.read(() -> {
            access.require(actor, resourceId, Permission.READ, "list grants on");
            return jdbc.query(EFFECTIVE, MAPPER, resourceId, actor.tenantId());
        });
    }

    @Override
    public Set<Permission> permissions(Actor actor, UUID resourceId) {
        return tx.read(() -> {
            Optional<AccessControl.Checked> checked = access.load(actor, resourceId);
            return checked.filter(c -> c.can(Permission.READ))
                    .map(AccessControl.Checked::permissions)
                    .orElse(EnumSet.noneOf(Permission.class));
        });
    }
}
