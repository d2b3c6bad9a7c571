package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.TestingEvaluations;
import com.optaic.jobs.experiment.ExperimentEngine;
import com.optaic.jobs.experiment.LocalExperimentEngine;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.UserCreation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM (the binaries the product uses) and a fresh database per caller,
 * opened as an external server: the application role {@code optaic_app} for the pool, {@code postgres} for
 * migrations. Mirrors metadata-store's TestingPostgres.
 */
public final class TestingOptaic {
    public static final String APP_ROLE = "optaic_app";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static EmbeddedPostgres server;

    private TestingOptaic() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("optaic-jobs-pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                try (Connection connection = server.getPostgresDatabase().getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + APP_ROLE + " LOGIN");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    /** The environment of a process using a new, empty database and a new storage root. */
    public static Map<String, String> newEnvironment() {
        EmbeddedPostgres pg = server();
        String name = "jobs_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("OPTAIC_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name);
        env.put("OPTAIC_DB_USER", APP_ROLE);
        env.put("OPTAIC_DB_PASSWORD", "");
        env.put("OPTAIC_DB_MIGRATION_USER", "postgres");
        env.put("OPTAIC_DB_MIGRATION_PASSWORD", "");
        env.put("OPTAIC_DB_POOL_SIZE", "6");
        env.put("OPTAIC_RUN_BACKOFF_MS", "20");
        // The test database is external (shared): fixtures live anywhere; a test of the confinement narrows it.
        env.put("OPTAIC_SOURCE_ROOTS", "/");
        env.put("OPTAIC_SPARK_MASTER", "local[2]"); // the one master every Spark test of this JVM shares
        try {
            env.put(
                    "OPTAIC_STORAGE",
                    Files.createTempDirectory("optaic-jobs-storage").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    public static Optaic open(Map<String, String> env) {
        return open(env, new LocalExperimentEngine());
    }

    public static Optaic open(Map<String, String> env, ExperimentEngine engine) {
        return Optaic.open(MetadataStoreConfig.fromEnvironment(env), Storage.fromEnvironment(env), env, engine);
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user with a personal space and a project in its staging subspace. */
    public record Workspace(Actor user, Resource project) {}

    public static Workspace workspace(Optaic optaic) {
        Actor admin = optaic.actor();
        UserCreation user = optaic.store()
                .spaces()
                .createUserWithPersonalSpace(admin, "u" + DATABASES.incrementAndGet() + "@example.com", "Test user");
        Actor actor = user.principal().asActor();
        Resource project = optaic.store()
                .resources()
                .create(actor, NewResource.of(user.personalSpace().staging().id(), ResourceType.Project, "research"));
        return new Workspace(actor, project);
    }

    public static Instance syntheticDataset(
            Optaic optaic, Actor actor, UUID project, String name, int assets, int days) {
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(actor, "pipeline.synthetic")
                .orElseThrow()
                .id();
        return optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(
                                project,
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", pipeline),
                                json("{\"pipeline\": {\"assets\": " + assets + ", \"days\": " + days
                                        + ", \"seed\": 7}}")));
    }

    /** Queues a manual run of {@code instance} without params and executes it in this process. */
    public static Run runNow(Optaic optaic, Actor actor, UUID instance) {
        Run queued = optaic.frame()
                .queue(actor, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
        return optaic.frame().launch(actor, queued.resource().id()).run();
    }

    public static Instance experiment(
            Optaic optaic, Actor actor, UUID project, String name, UUID input, Map<String, String> expressions) {
        Instance output = optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(
                                project, ResourceType.DatasetInstance, name + "-results", "", Map.of(), json("{}")));
        com.fasterxml.jackson.databind.node.ObjectNode config = MAPPER.createObjectNode();
        config.put("input", input.toString());
        config.put("output", output.resource().id().toString());
        com.fasterxml.jackson.databind.node.ObjectNode exprs = config.putObject("expressions");
        expressions.forEach(exprs::put);
        return optaic.store()
                .instances()
                .create(actor, new NewInstance(project, ResourceType.ExperimentInstance, name, "", Map.of(), config));
    }

    public static Path storage(Map<String, String> env) {
        return Path.of(env.get("OPTAIC_STORAGE"));
    }

    public static Optional<String> get(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key));
    }

    /**
     * Same calendar, assets and presence, and every value bit for bit, except the {@code emaFields}, which
     * incremental runs and Spark blocks read with a warm-up: those to 1e-12 relative.
     */
    public static void assertSameCells(Panel actual, Panel expected, Set<String> emaFields) {
        assertThat(actual.numericFields().keySet())
                .containsExactlyElementsOf(expected.numericFields().keySet());
        assertThat(TestingEvaluations.differences(actual, expected, emaFields)).isEmpty();
    }
}
