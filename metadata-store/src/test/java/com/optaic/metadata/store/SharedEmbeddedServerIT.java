package com.optaic.metadata.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SystemIds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one OPTAIC_HOME share its embedded PostgreSQL: the first starts it, the others connect, it
 * outlives a killed starter and is reused at once, a crashed server is replaced at once, and stop ends it.
 */
class SharedEmbeddedServerIT {
    @TempDir
    Path home;

    @AfterEach
    void stopServer() {
        EmbeddedPostgresServer.stop(home);
    }

    @Test
    void aSecondProcessUsesTheServerOfTheFirstAndKeepsItWhenTheFirstIsKilled() throws Exception {
        MetadataStoreConfig config = MetadataStoreConfig.fromEnvironment(Map.of("OPTAIC_HOME", home.toString()));
        Path log = home.resolve("child.log");
        Files.createDirectories(home);
        Process child = EmbeddedStoreProcess.start(home, log, "from-child");
        UUID childProject;
        try {
            childProject = awaitReady(child, log);
            EmbeddedPostgresServer.Status server =
                    EmbeddedPostgresServer.running(home).orElseThrow();
            try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
                assertThat(store.resources()
                                .get(TestingStore.ADMIN, childProject)
                                .name())
                        .isEqualTo("from-child");
                store.resources()
                        .create(
                                TestingStore.ADMIN,
                                NewResource.of(SystemIds.SYSTEM_STAGING_SUBSPACE, ResourceType.Project, "from-test"));
            }
            assertThat(EmbeddedPostgresServer.running(home)).contains(server);

            child.destroyForcibly().waitFor();
            long started = System.nanoTime();
            try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
                assertThat(store.resources()
                                .get(TestingStore.ADMIN, childProject)
                                .name())
                        .isEqualTo("from-child");
            }
            Duration reopen = Duration.ofNanos(System.nanoTime() - started);
            assertThat(reopen).isLessThan(Duration.ofSeconds(5));
            assertThat(EmbeddedPostgresServer.running(home))
                    .as("the starter's server, reused")
                    .contains(server);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aServerKilledWithItsPidFileLeftBehindIsReplacedAtOnce() {
        MetadataStoreConfig config = MetadataStoreConfig.fromEnvironment(Map.of("OPTAIC_HOME", home.toString()));
        UUID project;
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            store.bootstrap().run(TestingStore.builtins());
            project = store.resources()
                    .create(
                            TestingStore.ADMIN,
                            NewResource.of(SystemIds.SYSTEM_STAGING_SUBSPACE, ResourceType.Project, "before-crash"))
                    .id();
        }
        EmbeddedPostgresServer.Status crashed =
                EmbeddedPostgresServer.running(home).orElseThrow();
        ProcessHandle postmaster = ProcessHandle.of(crashed.pid()).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().join();
        assertThat(home.resolve("postgres").resolve("postmaster.pid")).exists();

        long started = System.nanoTime();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            assertThat(store.resources().get(TestingStore.ADMIN, project).name())
                    .isEqualTo("before-crash");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(EmbeddedPostgresServer.running(home).orElseThrow().pid()).isNotEqualTo(crashed.pid());
    }

    @Test
    void stopEndsTheServerAndLeavesNothingRunning() {
        EmbeddedPostgresServer.Status server = EmbeddedPostgresServer.start(home, 0);
        assertThat(EmbeddedPostgresServer.start(home, 0))
                .as("a second start reuses it")
                .isEqualTo(server);

        assertThat(EmbeddedPostgresServer.stop(home)).contains(server);

        assertThat(ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(home.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        assertThat(EmbeddedPostgresServer.running(home)).isEmpty();
        assertThat(EmbeddedPostgresServer.stop(home)).as("nothing left to stop").isEqualTo(Optional.empty());
    }

    @Test
    void aServerThatCannotStartSaysWhyAndWhereItsLogIs() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(home, taken.getLocalPort()))
                    .isInstanceOfSatisfying(
                            OptaicException.class,
                            e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.DATABASE_UNAVAILABLE))
                    .hasMessageStartingWith("Cannot start the embedded PostgreSQL in " + home.resolve("postgres"))
                    .hasMessageEndingWith("; see " + home.resolve("postgres.log"));
        }
        assertThat(Files.readString(home.resolve("postgres.log"), UTF_8)).contains("Address already in use");
        assertThat(EmbeddedPostgresServer.running(home)).isEmpty();
    }

    private static UUID awaitReady(Process child, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.exists(log) ? Files.readString(log, UTF_8) : "";
            int at = out.indexOf("ready ");
            if (at >= 0 && out.indexOf('\n', at) > 0) {
                return UUID.fromString(
                        out.substring(at + 6, out.indexOf('\n', at)).trim());
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child exited " + child.exitValue() + ":\n" + out);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child never got ready:\n" + Files.readString(log, UTF_8));
    }
}
