package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.DefinitionService;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.GuardrailContext;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link DefinitionService} over {@code definitions} and {@code definition_versions}. */
final class JdbcDefinitionService implements DefinitionService {
    static final String VERSION_COLUMNS = """
            dv.id, dv.definition_id, dv.version, dv.code_ref, dv.config_schema, dv.spec, dv.content_hash,
            dv.code_version, dv.status, dv.evaluation, dv.created_by, dv.created_at""";

    static final String INSERT_DEFINITION = """
            INSERT INTO definitions (resource_id, code_ref, latest_version) VALUES (?, ?, ?)
            """;

    static final String INSERT_VERSION = """
            INSERT INTO definition_versions (id, definition_id, version, code_ref, config_schema, spec, content_hash,
                                             code_version, status, evaluation, created_by)
            VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?)
            """;

    static final String SET_LATEST = "UPDATE definitions SET latest_version = ?, code_ref = ? WHERE resource_id = ?";

    static final String GET_DEFINITION = "SELECT code_ref, latest_version FROM definitions WHERE resource_id = ?";

    static final String GET_VERSION = """
            SELECT %s FROM definition_versions dv WHERE dv.definition_id = ? AND dv.version = ?
            """.formatted(VERSION_COLUMNS);

    static final String GET_VERSION_BY_ID = """
            SELECT %s FROM definition_versions dv
            JOIN resources r ON r.id = dv.definition_id
            WHERE dv.id = ? AND r.tenant_id = ?
            """.formatted(VERSION_COLUMNS);

    static final String LIST_VERSIONS = """
            SELECT %s FROM definition_versions dv WHERE dv.definition_id = ? ORDER BY dv.version
            """.formatted(VERSION_COLUMNS);

    static final String SET_STATUS = """
            UPDATE definition_versions SET status = ?, evaluation = COALESCE(?::jsonb, evaluation),
                   status_changed_at = clock_timestamp()
            WHERE definition_id = ? AND version = ?
            """;

    static final String BY_CODE_REF = """
            SELECT %s, d.code_ref AS d_code_ref, d.latest_version AS d_latest_version
            FROM resources r
            JOIN definitions d ON d.resource_id = r.id
            WHERE r.tenant_id = ? AND d.code_ref = ? AND r.path && %s
            ORDER BY r.created_at, r.id
            """.formatted(ResourceRows.COLUMNS, AccessControl.READABLE_ROOTS);

    static final String LATEST_DEPLOYED = """
            SELECT %s FROM definition_versions dv
            JOIN resources r ON r.id = dv.definition_id
            WHERE r.tenant_id = ? AND dv.code_ref = ? AND dv.status = 'deployed' AND r.status = 'active'
              AND r.path && %s
            ORDER BY dv.created_at DESC, dv.version DESC
            LIMIT 1
            """.formatted(VERSION_COLUMNS, AccessControl.READABLE_ROOTS);

    static final RowMapper<DefinitionVersion> VERSION_MAPPER = (rs, n) -> mapVersion(rs);

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final Activities activities;
    private final Guardrails guardrails;

    JdbcDefinitionService(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.activities = context.activities();
        this.guardrails = context.guardrails();
    }

    static DefinitionVersion mapVersion(ResultSet rs) throws SQLException {
        return new DefinitionVersion(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "definition_id"),
                rs.getInt("version"),
                new DefinitionContent(
                        rs.getString("code_ref"),
                        Json.read(rs.getString("config_schema")),
                        Json.read(rs.getString("spec")),
                        rs.getString("code_version")),
                rs.getString("content_hash"),
                DefinitionStatus.fromWireName(rs.getString("status")),
                Json.readOptional(rs.getString("evaluation")),
                Sql.uuid(rs, "created_by"),
                Sql.instant(rs, "created_at"));
    }

    static String contentHash(DefinitionContent content) {
        ObjectNode node = Json.object();
        node.put("code_ref", content.codeRef());
        node.set("config_schema", content.configSchema());
        node.set("spec", content.spec());
        return Hashing.canonicalHash(node);
    }

    static void checkContent(DefinitionContent content) {
        Inputs.name("code_ref", content.codeRef());
        Inputs.name("Code version", content.codeVersion());
        Inputs.json("Config schema", content.configSchema());
        Inputs.json("Definition spec", content.spec());
        JsonSchemaValidator.checkSchema(content.configSchema());
    }

    @Override
    public Definition submit(Actor actor, NewDefinition definition) {
        if (definition.type().tier() != ResourceType.Tier.DEFINITION) {
            throw Inputs.invalid("Cannot submit a " + definition.type() + " as a definition");
        }
        checkContent(definition.content());
        return tx.write(() -> {
            Resource parent = access.requireActive(
                    actor, definition.parentId(), Permission.CREATE, "submit a " + definition.type() + " under");
            return insert(actor, parent, UUID.randomUUID(), definition, DefinitionStatus.SUBMITTED);
        });
    }

    /** Inserts the resource, the definition and version 1 with the given status; records definition.submitted. */
    Definition insert(Actor actor, Resource parent, UUID id, NewDefinition definition, DefinitionStatus status) {
        Resource resource = writer.insert(
                actor,
                new ResourceWriter.Spec(
                        id,
                        actor.tenantId(),
                        Optional.of(parent),
                        definition.type(),
                        definition.name(),
                        Optional.empty(),
                        actor.principalId(),
                        definition.description(),
                        List.of(),
                        Json.object()));
        DefinitionContent content = definition.content();
        jdbc.update(INSERT_DEFINITION, id, content.codeRef(), 1);
        DefinitionVersion version = insertVersion(actor, id, 1, content, contentHash(content), status, null);
        Definition created = new Definition(resource, content.codeRef(), 1);
        activities.resource(actor, "definition.submitted", id, null, version);
        return created;
    }

    private DefinitionVersion insertVersion(
            Actor actor,
            UUID definitionId,
            int number,
            DefinitionContent content,
            String hash,
            DefinitionStatus status,
            JsonNode evaluation) {
        UUID versionId = UUID.randomUUID();
        jdbc.update(
                INSERT_VERSION,
                versionId,
                definitionId,
                number,
                content.codeRef(),
                Json.write(content.configSchema()),
                Json.write(content.spec()),
                hash,
                content.codeVersion(),
                status.wireName(),
                Json.write(evaluation),
                actor.principalId());
        return jdbc.queryForObject(GET_VERSION, VERSION_MAPPER, definitionId, number);
    }

    @Override
    public DefinitionVersion addVersion(Actor actor, UUID definitionId, DefinitionContent content) {
        checkContent(content);
        return tx.write(() -> {
            Resource resource = requireDefinition(actor, definitionId, Permission.UPDATE, "add a version to", true);
            Definition definition = load(resource);
            DefinitionVersion latest =
                    jdbc.queryForObject(GET_VERSION, VERSION_MAPPER, definitionId, definition.latestVersion());
            String hash = contentHash(content);
            if (hash.equals(latest.contentHash())) {
                throw new OptaicException(
                        MetadataErrorCode.INVALID_INPUT,
                        "Cannot add a version to " + resource.type() + " '" + resource.name()
                                + "': its content equals version " + latest.version());
            }
            return appendVersion(actor, resource, definition, latest, content, hash, DefinitionStatus.SUBMITTED);
        });
    }

    /** Appends the next version with the given status; the caller holds the definition's row lock. */
    DefinitionVersion appendVersion(
            Actor actor,
            Resource resource,
            Definition definition,
            DefinitionVersion latest,
            DefinitionContent content,
            String hash,
            DefinitionStatus status) {
        int next = definition.latestVersion() + 1;
        DefinitionVersion version = insertVersion(actor, resource.id(), next, content, hash, status, null);
        jdbc.update(SET_LATEST, next, content.codeRef(), resource.id());
        writer.touch(resource.id());
        activities.resource(actor, "definition.version_added", resource.id(), latest, version);
        return version;
    }

    DefinitionVersion latestVersion(Definition definition) {
        return jdbc.queryForObject(
                GET_VERSION, VERSION_MAPPER, definition.resource().id(), definition.latestVersion());
    }

    @Override
    public DefinitionVersion evaluate(Actor actor, UUID definitionId, int version, boolean passed, JsonNode report) {
        Inputs.json("Evaluation report", report);
        return tx.write(() -> {
            Resource resource = requireDefinition(actor, definitionId, Permission.UPDATE, "evaluate", true);
            DefinitionVersion before = requireVersion(resource, version);
            if (before.status() != DefinitionStatus.SUBMITTED && before.status() != DefinitionStatus.EVALUATED) {
                throw illegal(resource, before, DefinitionStatus.EVALUATED);
            }
            ObjectNode evaluation = Json.object();
            evaluation.put("passed", passed);
            evaluation.set("report", report);
            evaluation.put("evaluated_by", actor.principalId().toString());
            evaluation.put("evaluated_at", Instant.now().toString());
            return changeStatus(
                    actor, resource, before, DefinitionStatus.EVALUATED, evaluation, "definition.evaluated");
        });
    }

    @Override
    public DefinitionVersion deploy(Actor actor, UUID definitionId, int version) {
        return tx.write(() -> {
            Resource resource = requireDefinition(actor, definitionId, Permission.PROMOTE, "deploy", true);
            DefinitionVersion before = requireVersion(resource, version);
            guardrails.check(GuardrailContext.forDeploy(actor, load(resource), before), "deploy");
            return changeStatus(actor, resource, before, DefinitionStatus.DEPLOYED, null, "definition.deployed");
        });
    }

    @Override
    public DefinitionVersion deprecate(Actor actor, UUID definitionId, int version) {
        return tx.write(() -> {
            Resource resource = requireDefinition(actor, definitionId, Permission.UPDATE, "deprecate", true);
            DefinitionVersion before = requireVersion(resource, version);
            if (before.status() == DefinitionStatus.DEPRECATED) {
                throw illegal(resource, before, DefinitionStatus.DEPRECATED);
            }
            return changeStatus(actor, resource, before, DefinitionStatus.DEPRECATED, null, "definition.deprecated");
        });
    }

    private DefinitionVersion changeStatus(
            Actor actor,
            Resource resource,
            DefinitionVersion before,
            DefinitionStatus to,
            JsonNode evaluation,
            String verb) {
        jdbc.update(SET_STATUS, to.wireName(), Json.write(evaluation), resource.id(), before.version());
        writer.touch(resource.id());
        DefinitionVersion after = jdbc.queryForObject(GET_VERSION, VERSION_MAPPER, resource.id(), before.version());
        activities.resource(actor, verb, resource.id(), before, after);
        return after;
    }

    private static OptaicException illegal(Resource resource, DefinitionVersion version, DefinitionStatus to) {
        return new OptaicException(
                MetadataErrorCode.ILLEGAL_TRANSITION,
                "Cannot move " + resource.type() + " '"
                        + resource.name() + "' version " + version.version() + " from "
                        + version.status().wireName() + " to "
                        + to.wireName());
    }

    @Override
    public Definition get(Actor actor, UUID definitionId) {
        return tx.read(() -> load(requireDefinition(actor, definitionId, Permission.READ, "read", false)));
    }

    @Override
    public DefinitionVersion version(Actor actor, UUID definitionId, int version) {
        return tx.read(
                () -> requireVersion(requireDefinition(actor, definitionId, Permission.READ, "read", false), version));
    }

    @Override
    public DefinitionVersion versionById(Actor actor, UUID definitionVersionId) {
        return tx.read(() -> loadVersionById(actor, definitionVersionId));
    }

    /** A version by id, if its definition is readable by the caller; NOT_FOUND otherwise. */
    DefinitionVersion loadVersionById(Actor actor, UUID definitionVersionId) {
        DefinitionVersion version =
                jdbc.query(GET_VERSION_BY_ID, VERSION_MAPPER, definitionVersionId, actor.tenantId()).stream()
                        .findFirst()
                        .orElseThrow(() -> new OptaicException(
                                MetadataErrorCode.METADATA_NOT_FOUND,
                                "Definition version " + definitionVersionId + " not found"));
        if (!access.permissions(actor, version.definitionId()).contains(Permission.READ)) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_NOT_FOUND, "Definition version " + definitionVersionId + " not found");
        }
        return version;
    }

    @Override
    public List<DefinitionVersion> versions(Actor actor, UUID definitionId) {
        return tx.read(() -> {
            requireDefinition(actor, definitionId, Permission.READ, "read", false);
            return jdbc.query(LIST_VERSIONS, VERSION_MAPPER, definitionId);
        });
    }

    @Override
    public List<Definition> findByCodeRef(Actor actor, String codeRef) {
        Inputs.text("code_ref", codeRef, Inputs.MAX_NAME_CHARS);
        return tx.read(() -> jdbc.query(
                BY_CODE_REF,
                (rs, n) ->
                        new Definition(ResourceRows.map(rs), rs.getString("d_code_ref"), rs.getInt("d_latest_version")),
                actor.tenantId(),
                codeRef,
                actor.principalId(),
                actor.tenantId()));
    }

    @Override
    public Optional<DefinitionVersion> latestDeployed(Actor actor, String codeRef) {
        Inputs.text("code_ref", codeRef, Inputs.MAX_NAME_CHARS);
        return tx.read(() -> jdbc
                .query(
                        LATEST_DEPLOYED,
                        VERSION_MAPPER,
                        actor.tenantId(),
                        codeRef,
                        actor.principalId(),
                        actor.tenantId())
                .stream()
                .findFirst());
    }

    /**
     * Gives {@code copy} (a freshly inserted definition resource) the latest version of {@code source} as its
     * version 1, status and evaluation included. Returns the (source version, copy version) lineage pair.
     */
    LineageNode[] copyLatestVersion(Actor actor, Resource source, Resource copy) {
        Definition definition = load(source);
        DefinitionVersion latest =
                jdbc.queryForObject(GET_VERSION, VERSION_MAPPER, source.id(), definition.latestVersion());
        jdbc.update(INSERT_DEFINITION, copy.id(), latest.codeRef(), 1);
        DefinitionVersion copied = insertVersion(
                actor,
                copy.id(),
                1,
                latest.content(),
                latest.contentHash(),
                latest.status(),
                latest.evaluation().orElse(null));
        return new LineageNode[] {LineageNode.definitionVersion(latest.id()), LineageNode.definitionVersion(copied.id())
        };
    }

    Definition load(Resource resource) {
        return jdbc
                .query(
                        GET_DEFINITION,
                        (rs, n) -> new Definition(resource, rs.getString("code_ref"), rs.getInt("latest_version")),
                        resource.id())
                .stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_STORE_INTERNAL,
                        "Definition " + resource.id() + " has no definitions row"));
    }

    private Resource requireDefinition(Actor actor, UUID id, Permission permission, String action, boolean write) {
        Resource resource = write
                ? access.requireActiveLocked(actor, id, permission, action)
                : access.require(actor, id, permission, action);
        return AccessControl.requireTier(resource, ResourceType.Tier.DEFINITION, action);
    }

    DefinitionVersion requireVersion(Resource definition, int version) {
        return jdbc.query(GET_VERSION, VERSION_MAPPER, definition.id(), version).stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND,
                        definition.type() + " '" + definition.name() + "' has no version " + version));
    }
}
