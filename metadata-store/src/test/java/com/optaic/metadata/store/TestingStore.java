package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.metadata.Actor;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.UserCreation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bootstrapped store on a fresh database, with helpers to make users and projects and to read the activity
 * rows a test expects. One per test class.
 */
public final class TestingStore implements AutoCloseable {
    public static final Actor ADMIN = SystemIds.SYSTEM_ACTOR;
    private static final AtomicInteger NAMES = new AtomicInteger();

    public final MetadataStoreConfig config;
    public final JdbcMetadataStore store;
    public final JdbcTemplate admin;

    private TestingStore(MetadataStoreConfig config, JdbcMetadataStore store) {
        this.config = config;
        this.store = store;
        this.admin = TestingPostgres.admin(config);
    }

    public static TestingStore create() {
        MetadataStoreConfig config = TestingPostgres.newDatabase();
        JdbcMetadataStore store = JdbcMetadataStore.open(config);
        store.bootstrap().run(builtins());
        return new TestingStore(config, store);
    }

    public static List<BuiltinDefinition> builtins() {
        return List.of(
                new BuiltinDefinition(
                        ResourceType.PipelineDef,
                        "csv",
                        "CSV ingestion",
                        new DefinitionContent("pipeline.csv", json("""
                                {"type": "object",
                                 "properties": {"path": {"type": "string", "minLength": 1},
                                                "window": {"type": "integer", "minimum": 1}},
                                 "required": ["path"], "additionalProperties": false}"""), json("{}"), "0.1.0")),
                new BuiltinDefinition(
                        ResourceType.StoreDef,
                        "parquet",
                        "Parquet store",
                        new DefinitionContent("store.parquet", json("{\"type\": \"object\"}"), json("{}"), "0.1.0")),
                new BuiltinDefinition(
                        ResourceType.MLModuleDef,
                        "ridge",
                        "Ridge regression",
                        new DefinitionContent("ml.ridge", json("""
                                {"type": "object", "properties": {"alpha": {"type": "number", "exclusiveMinimum": 0}}}"""), json("{}"), "0.1.0")));
    }

    public static JsonNode json(String text) {
        return Json.read(text);
    }

    public static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** A new user of the system tenant with a personal space; returns the creation. */
    public UserCreation newUser() {
        String email = unique("user") + "@example.com";
        return store.spaces().createUserWithPersonalSpace(ADMIN, email, "User " + email);
    }

    public Resource project(Actor actor, UUID parentId) {
        return store.resources().create(actor, NewResource.of(parentId, ResourceType.Project, unique("project")));
    }

    public UUID builtinVersion(String name) {
        UUID definitionId = admin.queryForObject(
                "SELECT id FROM resources WHERE parent_id = ? AND name = ?",
                UUID.class,
                SystemIds.SYSTEM_PROJECT,
                name);
        return admin.queryForObject(
                "SELECT id FROM definition_versions WHERE definition_id = ? AND version = 1", UUID.class, definitionId);
    }

    /** Verbs of the activities recorded on a target, oldest first. */
    public List<String> verbs(UUID targetId) {
        return admin.queryForList(
                "SELECT verb FROM activities WHERE target_id = ? ORDER BY id", String.class, targetId);
    }

    /** The newest activity on a target: verb, actor, tenant, before and after. */
    public Map<String, Object> lastActivity(UUID targetId) {
        return admin.queryForMap("""
                SELECT verb, actor_id, tenant_id, before::text AS before, after::text AS after, request_id
                FROM activities WHERE target_id = ? ORDER BY id DESC LIMIT 1""", targetId);
    }

    public void assertLastActivity(UUID targetId, String verb, Actor actor) {
        Map<String, Object> row = lastActivity(targetId);
        assertThat(row.get("verb")).isEqualTo(verb);
        assertThat(row.get("actor_id")).isEqualTo(actor.principalId());
        assertThat(row.get("tenant_id")).isEqualTo(actor.tenantId());
    }

    public long activityCount() {
        return admin.queryForObject("SELECT count(*) FROM activities", Long.class);
    }

    @Override
    public void close() {
        store.close();
    }
}
