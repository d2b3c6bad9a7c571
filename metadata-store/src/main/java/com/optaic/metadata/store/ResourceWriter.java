package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts and updates rows of {@code resources} for every service: checks names and the parent's type, writes
 * the {@code resource.*} activity, and turns a lost optimistic-lock race into a conflict.
 */
final class ResourceWriter {
    static final String INSERT = """
            INSERT INTO resources (id, tenant_id, parent_id, resource_type, name, kind, owner_id, description, tags,
                                   settings, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            RETURNING %s
            """.formatted(ResourceRows.COLUMNS.replace("r.", ""));

    static final String UPDATE_GUARDED = """
            UPDATE resources r SET %s, row_version = r.row_version + 1, updated_at = clock_timestamp()
            WHERE r.id = ? AND r.tenant_id = ? AND r.row_version = ?
            RETURNING %s
            """;

    static final String CURRENT_ROW_VERSION = "SELECT row_version FROM resources WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final Activities activities;

    ResourceWriter(JdbcTemplate jdbc, Activities activities) {
        this.jdbc = jdbc;
        this.activities = activities;
    }

    /** What a new node is made of; {@code parent} is empty only for a TenantRoot. */
    record Spec(
            UUID id,
            UUID tenantId,
            Optional<Resource> parent,
            ResourceType type,
            String name,
            Optional<String> kind,
            UUID ownerId,
            String description,
            List<String> tags,
            JsonNode settings) {}

    Resource insert(Actor actor, Spec spec) {
        Inputs.name("Resource name", spec.name());
        Inputs.text("Description", spec.description(), Inputs.MAX_TEXT_CHARS);
        List<String> tags = Inputs.tags(spec.tags());
        Inputs.jsonObject("Settings", spec.settings());
        spec.parent().ifPresent(parent -> checkParent(spec.type(), parent));
        try {
            Resource created = jdbc.queryForObject(
                    INSERT,
                    ResourceRows.MAPPER,
                    spec.id(),
                    spec.tenantId(),
                    spec.parent().map(Resource::id).orElse(null),
                    spec.type().name(),
                    spec.name(),
                    spec.kind().orElse(null),
                    spec.ownerId(),
                    spec.description(),
                    Sql.textArray(tags),
                    Json.write(spec.settings()),
                    actor.principalId());
            activities.resource(actor, "resource.created", created.id(), null, created);
            return created;
        } catch (DuplicateKeyException e) {
            String where =
                    spec.parent().map(p -> p.type() + " '" + p.name() + "'").orElse("the tenant");
            throw switch (Tx.constraint(e)) {
                case "resources_sibling_name_uq" ->
                    new OptaicException(
                            MetadataErrorCode.ALREADY_EXISTS,
                            "Cannot create " + spec.type() + " '" + spec.name() + "': " + where
                                    + " already has a child with that name",
                            e);
                case "resources_one_official_staging" ->
                    new OptaicException(
                            MetadataErrorCode.ALREADY_EXISTS,
                            "Cannot create Subspace '" + spec.name() + "': " + where + " already has a "
                                    + spec.kind().orElse("") + " subspace",
                            e);
                default -> Tx.translate(e);
            };
        }
    }

    static void checkParent(ResourceType type, Resource parent) {
        if (!type.allowedParents().contains(parent.type())) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Cannot create a " + type + " under " + parent.type()
                            + " '" + parent.name() + "': a " + type + " belongs under "
                            + type.allowedParents().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .collect(Collectors.joining(" or ")));
        }
        if (parent.isArchived()) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Cannot create a " + type + " under " + parent.type() + " '" + parent.name() + "': it is archived");
        }
    }

    /**
     * Applies {@code setClause} (with its {@code args}) if the row is still at {@code expectedRowVersion}, bumps
     * the version and records {@code verb}; otherwise reports a conflict.
     */
    Resource updateGuarded(
            Actor actor,
            Resource before,
            long expectedRowVersion,
            String verb,
            String action,
            String setClause,
            Object... args) {
        Object[] all = new Object[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = before.id();
        all[args.length + 1] = actor.tenantId();
        all[args.length + 2] = expectedRowVersion;
        String sql = UPDATE_GUARDED.formatted(setClause, ResourceRows.COLUMNS);
        List<Resource> updated;
        try {
            updated = jdbc.query(sql, ResourceRows.MAPPER, all);
        } catch (DuplicateKeyException e) {
            throw new OptaicException(
                    MetadataErrorCode.ALREADY_EXISTS,
                    "Cannot " + action + " " + before.type() + " '" + before.name()
                            + "': its parent already has a child with that name",
                    e);
        }
        if (updated.isEmpty()) {
            Long current = jdbc.query(CURRENT_ROW_VERSION, rs -> rs.next() ? rs.getLong(1) : null, before.id());
            throw new OptaicException(
                    MetadataErrorCode.CONCURRENT_MODIFICATION,
                    "Cannot " + action + " " + before.type()
                            + " '" + before.name() + "' (" + before.id()
                            + "): it was changed concurrently (expected row version "
                            + expectedRowVersion + ", found " + current + "); read it again and retry");
        }
        Resource after = updated.get(0);
        activities.resource(actor, verb, after.id(), before, after);
        return after;
    }

    /** Bumps row version and updated_at without a guard, for changes serialised by a row lock. */
    Resource touch(UUID id) {
        return jdbc.queryForObject("""
                UPDATE resources r SET row_version = r.row_version + 1, updated_at = clock_timestamp() WHERE r.id = ?
                RETURNING %s""".formatted(ResourceRows.COLUMNS), ResourceRows.MAPPER, id);
    }
}
