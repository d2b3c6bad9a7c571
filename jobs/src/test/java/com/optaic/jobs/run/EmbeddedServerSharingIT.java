package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.store.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no OPTAIC_DB_URL, every process on one OPTAIC_HOME shares its embedded PostgreSQL: while a run executes in
 * one process, `run status` and `run cancel` from another work, and `db stop` leaves no server running.
 */
class EmbeddedServerSharingIT {
    @TempDir
    Path home;

    @AfterEach
    void stopServer() {
        EmbeddedPostgresServer.stop(home);
    }

    @Test
    void statusAndCancelFromAnotherProcessReachARunExecutingOnTheEmbeddedServer() throws Exception {
        Map<String, String> env = Map.of(
                "OPTAIC_HOME",
                home.toString(),
                "OPTAIC_STORAGE",
                home.resolve("data").toString(),
                "OPTAIC_SPARK_MASTER",
                "local[2]",
                "OPTAIC_RUN_BACKOFF_MS",
                "20");
        TestingCli.Result start = TestingCli.optaic(env, "db", "start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).startsWith("embedded PostgreSQL started: port ");
        EmbeddedPostgresServer.Status server =
                EmbeddedPostgresServer.running(home).orElseThrow();
        assertThat(TestingCli.optaic(env, "db", "start").out()).startsWith("embedded PostgreSQL already running");

        UUID runId;
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Instance market = TestingOptaic.syntheticDataset(
                    optaic, admin, workspace.project().id(), "market", 5, 40);
            Run pipeline = TestingOptaic.runNow(optaic, admin, market.resource().id());
            assertThat(pipeline.status()).isEqualTo(RunStatus.SUCCEEDED);
            Instance experiment = TestingOptaic.experiment(
                    optaic,
                    admin,
                    workspace.project().id(),
                    "alpha",
                    market.resource().id(),
                    Map.of("z", "rank(close)"));
            runId = optaic.frame()
                    .queue(
                            admin,
                            experiment.resource().id(),
                            RunTrigger.MANUAL,
                            Optional.empty(),
                            JsonNodeFactory.instance.objectNode())
                    .resource()
                    .id();
        }

        Path marker = home.resolve("executing.marker");
        Path log = home.resolve("executor.log");
        Process executor = BlockingRun.start(env, log, marker.toString(), runId.toString(), "cooperative");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker) && executor.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(marker)
                    .as("the executor reached execute; its log: %s", Files.readString(log))
                    .exists();

            TestingCli.Result status = TestingCli.optaic(env, "run", "status", runId.toString());
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("RUNNING");
            TestingCli.Result cancel =
                    TestingCli.optaic(env, "run", "cancel", runId.toString(), "--wait", "--timeout", "60");
            assertThat(cancel.exitCode()).as(cancel.err()).isZero();
            assertThat(executor.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("outcome: CANCELLED");
        } finally {
            executor.destroyForcibly().waitFor();
        }
        assertThat(EmbeddedPostgresServer.running(home))
                .as("one server for all three processes")
                .contains(server);

        TestingCli.Result stop = TestingCli.optaic(env, "db", "stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).startsWith("embedded PostgreSQL stopped: port " + server.port());
        assertThat(ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(TestingCli.optaic(env, "db", "stop").out()).isEqualTo("embedded PostgreSQL not running\n");
    }

    @Test
    void startAndStopAreRefusedForAnExternalServer() {
        TestingCli.Result start = TestingCli.optaic(
                Map.of(
                        "OPTAIC_HOME",
                        home.toString(),
                        "OPTAIC_DB_URL",
                        "jdbc:postgresql://db.example:5432/optaic",
                        "OPTAIC_DB_USER",
                        "u"),
                "db",
                "stop");
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err()).contains("Cannot stop the embedded PostgreSQL: OPTAIC_DB_URL is set");
    }
}
