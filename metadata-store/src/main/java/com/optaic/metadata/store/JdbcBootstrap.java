package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Bootstrap;
import com.optaic.metadata.BootstrapResult;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.Permission;
import com.optaic.metadata.PrincipalKind;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SpaceKind;
import com.optaic.metadata.SubspaceKind;
import com.optaic.metadata.SystemIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link Bootstrap}: everything is inserted only if missing, under a transaction-scoped advisory lock so that
 * concurrent start-ups serialise. Each run that changes anything records {@code system.bootstrapped}.
 */
final class JdbcBootstrap implements Bootstrap {
    static final long LOCK_KEY = 0x0e7a1c_b007L;

    static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    static final String INSERT_TENANT = "INSERT INTO tenants (id, name) VALUES (?, 'system') ON CONFLICT DO NOTHING";
    static final String INSERT_PRINCIPAL = """
            INSERT INTO principals (id, tenant_id, kind, email, display_name) VALUES (?, ?, ?, ?, 'OptAIC administrator')
            ON CONFLICT DO NOTHING
            """;
    static final String INSERT_ROLE_PERMISSION = """
            INSERT INTO role_permissions (role, permission) VALUES (?, ?) ON CONFLICT DO NOTHING
            """;
    static final String RESOURCE_EXISTS = "SELECT count(*) FROM resources WHERE id = ?";
    static final String GET_RESOURCE = "SELECT %s FROM resources r WHERE r.id = ?".formatted(ResourceRows.COLUMNS);
    static final String INSERT_GRANT = """
            INSERT INTO grants (id, tenant_id, resource_id, principal_id, role, granted_by) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    static final String CHILD_BY_NAME = """
            SELECT %s FROM resources r WHERE r.parent_id = ? AND r.name = ?
            """.formatted(ResourceRows.COLUMNS);

    private static final Actor SYSTEM = SystemIds.SYSTEM_ACTOR;

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final ResourceWriter writer;
    private final Activities activities;
    private final JdbcDefinitionService definitions;

    JdbcBootstrap(StoreContext context, JdbcDefinitionService definitions) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.writer = context.writer();
        this.activities = context.activities();
        this.definitions = definitions;
    }

    @Override
    public BootstrapResult run(List<BuiltinDefinition> builtins) {
        Set<String> names = new HashSet<>();
        for (BuiltinDefinition builtin : builtins) {
            if (!names.add(builtin.name())) {
                throw Inputs.invalid("Built-in definition '" + builtin.name() + "' is listed twice");
            }
            if (builtin.type().tier() != ResourceType.Tier.DEFINITION) {
                throw Inputs.invalid("Built-in '" + builtin.name() + "' has type " + builtin.type()
                        + ", which is not a definition type");
            }
            JdbcDefinitionService.checkContent(builtin.content());
        }
        return tx.write(() -> {
            jdbc.queryForObject(LOCK, Object.class, LOCK_KEY);
            int changes = jdbc.update(INSERT_TENANT, SystemIds.SYSTEM_TENANT);
            boolean created = changes > 0;
            changes += jdbc.update(
                    INSERT_PRINCIPAL,
                    SystemIds.SYSTEM_PRINCIPAL,
                    SystemIds.SYSTEM_TENANT,
                    PrincipalKind.USER.wireName(),
                    SystemIds.SYSTEM_PRINCIPAL_EMAIL);
            for (Role role : Role.values()) {
                for (Permission permission : role.defaultPermissions()) {
                    changes += jdbc.update(INSERT_ROLE_PERMISSION, role.wireName(), permission.wireName());
                }
            }
            if (changes > 0) {
                activities.record(
                        SYSTEM,
                        "system.bootstrapped",
                        "tenant",
                        SystemIds.SYSTEM_TENANT,
                        null,
                        Map.of(
                                "tenant",
                                SystemIds.SYSTEM_TENANT.toString(),
                                "principal",
                                SystemIds.SYSTEM_PRINCIPAL_EMAIL));
            }
            Resource root = ensure(SystemIds.SYSTEM_TENANT_ROOT, null, ResourceType.TenantRoot, "system", null);
            changes += jdbc.update(
                    INSERT_GRANT,
                    UUID.randomUUID(),
                    SystemIds.SYSTEM_TENANT,
                    root.id(),
                    SystemIds.SYSTEM_PRINCIPAL,
                    Role.OWNER.wireName(),
                    SystemIds.SYSTEM_PRINCIPAL);
            Resource space =
                    ensure(SystemIds.SYSTEM_SPACE, root, ResourceType.Space, "system", SpaceKind.SYSTEM.wireName());
            Resource official = ensure(
                    SystemIds.SYSTEM_OFFICIAL_SUBSPACE,
                    space,
                    ResourceType.Subspace,
                    "official",
                    SubspaceKind.OFFICIAL.wireName());
            ensure(
                    SystemIds.SYSTEM_STAGING_SUBSPACE,
                    space,
                    ResourceType.Subspace,
                    "staging",
                    SubspaceKind.STAGING.wireName());
            Resource project = ensure(SystemIds.SYSTEM_PROJECT, official, ResourceType.Project, "system", null);
            if (changes > 0) {
                activities.record(
                        SYSTEM,
                        "system.bootstrapped",
                        "tenant",
                        SystemIds.SYSTEM_TENANT,
                        null,
                        Map.of("root_owner", SystemIds.SYSTEM_PRINCIPAL.toString()));
            }
            List<Definition> result = new ArrayList<>();
            for (BuiltinDefinition builtin : builtins) {
                result.add(ensureBuiltin(project, builtin));
            }
            return new BootstrapResult(created, result);
        });
    }

    private Resource ensure(UUID id, Resource parent, ResourceType type, String name, String kind) {
        Integer count = jdbc.queryForObject(RESOURCE_EXISTS, Integer.class, id);
        if (count != null && count > 0) {
            return jdbc.queryForObject(GET_RESOURCE, ResourceRows.MAPPER, id);
        }
        return writer.insert(
                SYSTEM,
                new ResourceWriter.Spec(
                        id,
                        SystemIds.SYSTEM_TENANT,
                        Optional.ofNullable(parent),
                        type,
                        name,
                        Optional.ofNullable(kind),
                        SystemIds.SYSTEM_PRINCIPAL,
                        "",
                        List.of(),
                        Json.object()));
    }

    private Definition ensureBuiltin(Resource project, BuiltinDefinition builtin) {
        Optional<Resource> existing =
                jdbc.query(CHILD_BY_NAME, ResourceRows.MAPPER, project.id(), builtin.name()).stream()
                        .findFirst();
        if (existing.isEmpty()) {
            return definitions.insert(
                    SYSTEM,
                    project,
                    UUID.randomUUID(),
                    new NewDefinition(
                            project.id(), builtin.type(), builtin.name(), builtin.description(), builtin.content()),
                    DefinitionStatus.DEPLOYED);
        }
        Resource resource = existing.get();
        if (resource.type() != builtin.type()) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_STORE_INTERNAL,
                    "Built-in '" + builtin.name() + "' is a " + builtin.type() + " but the system project holds a "
                            + resource.type() + " of that name");
        }
        Definition definition = definitions.load(resource);
        DefinitionVersion latest = definitions.latestVersion(definition);
        String hash = JdbcDefinitionService.contentHash(builtin.content());
        if (!hash.equals(latest.contentHash())) {
            jdbc.queryForObject("SELECT id FROM resources WHERE id = ? FOR UPDATE", UUID.class, resource.id());
            definitions.appendVersion(
                    SYSTEM, resource, definition, latest, builtin.content(), hash, DefinitionStatus.DEPLOYED);
            definition = definitions.load(jdbc.queryForObject(GET_RESOURCE, ResourceRows.MAPPER, resource.id()));
        }
        return definition;
    }
}
