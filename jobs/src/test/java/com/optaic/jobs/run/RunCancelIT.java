package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.experiment.ExperimentRunType;
import com.optaic.metadata.Activity;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `optaic run cancel`: a queued run at once; a running one executing in another process, through the database. */
class RunCancelIT {
    static Map<String, String> env;
    static Optaic optaic;
    static Actor admin;
    static Instance experiment;

    @BeforeAll
    static void start() {
        env = TestingOptaic.newEnvironment();
        optaic = TestingOptaic.open(env);
        admin = optaic.actor();
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        Instance market = TestingOptaic.syntheticDataset(
                optaic, admin, workspace.project().id(), "market", 20, 100);
        Run pipeline = optaic.frame()
                .launch(admin, queue(market.resource().id()).resource().id())
                .run();
        assertThat(pipeline.status()).isEqualTo(RunStatus.SUCCEEDED);
        experiment = TestingOptaic.experiment(
                optaic,
                admin,
                workspace.project().id(),
                "alpha",
                market.resource().id(),
                Map.of("z", "zscore(rank(delta(close, 5)))"));
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static Run queue(UUID instance) {
        return optaic.frame()
                .queue(admin, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
    }

    static List<String> verbs(UUID runId) {
        List<String> verbs = new ArrayList<>(
                optaic.store().activities().forTarget(admin, runId, PageRequest.first(100)).items().stream()
                        .map(Activity::verb)
                        .toList());
        java.util.Collections.reverse(verbs);
        return verbs;
    }

    @Test
    void aQueuedRunIsCancelledAtOnceAndNeverRuns() {
        UUID id = queue(experiment.resource().id()).resource().id();
        TestingCli.Result cancel = TestingCli.optaic(env, "run", "cancel", id.toString());
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("status:      CANCELLED");
        Run run = optaic.store().runs().get(admin, id);
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.startedAt()).isEmpty();
        assertThat(verbs(id)).containsSubsequence("run.queued", "run.cancelled");

        assertThatThrownBy(() -> optaic.frame().launch(admin, id))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.RUN_NOT_RESTARTABLE));
        TestingCli.Result restart = TestingCli.optaic(env, "run", "restart", id.toString());
        assertThat(restart.exitCode()).isEqualTo(2);
        assertThat(restart.err()).contains("was CANCELLED; start a new run");
        TestingCli.Result again = TestingCli.optaic(env, "run", "cancel", id.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("only a QUEUED or RUNNING run can be cancelled");
        assertThat(optaic.store().runs().outputs(admin, id)).isEmpty();
    }

    @Test
    void aRunningRunInAnotherProcessStopsOnRequestAndEndsCancelledWithoutOutput() throws Exception {
        UUID outputId = ExperimentRunType.datasetId(experiment.config(), "output");
        UUID id = queue(experiment.resource().id()).resource().id();
        Path marker = Files.createTempFile("optaic-cancel", ".marker");
        Files.delete(marker);
        Path log = Files.createTempFile("optaic-cancel", ".log");
        Process process = BlockingRun.start(env, log, marker.toString(), id.toString(), "cooperative");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(marker) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(marker)
                    .as("the subprocess reached execute; its log: %s", Files.readString(log))
                    .exists();
            assertThat(optaic.store().runs().get(admin, id).status()).isEqualTo(RunStatus.RUNNING);

            long asked = System.nanoTime();
            TestingCli.Result cancel =
                    TestingCli.optaic(env, "run", "cancel", id.toString(), "--wait", "--timeout", "60");
            long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertThat(cancel.exitCode()).as(cancel.err()).isZero();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the executor exits after the cancel")
                    .isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("outcome: CANCELLED");
            assertThat(stoppedMillis).as("stopped within a few polls").isLessThan(10_000);
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        Run run = optaic.store().runs().get(admin, id);
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error())
                .get()
                .asString()
                .startsWith("cancelled in step 'execute'")
                .contains("was cancelled: cancel requested at");
        assertThat(run.metrics().get("cancelled_step").asText()).isEqualTo("execute");
        assertThat(verbs(id)).containsSubsequence("run.queued", "run.started", "run.cancel_requested", "run.cancelled");
        assertThat(optaic.store().runs().outputs(admin, id)).isEmpty();
        assertThat(StoreDatasets.latest(optaic.store(), admin, outputId))
                .as("no output version")
                .isEmpty();
        assertThatThrownBy(() -> optaic.frame().restart(admin, id, false))
                .hasMessageContaining("was CANCELLED; start a new run");

        Run next = optaic.frame()
                .launch(admin, queue(experiment.resource().id()).resource().id())
                .run();
        assertThat(next.status())
                .as("a new run of the instance works: %s", next.error())
                .isEqualTo(RunStatus.SUCCEEDED);
    }
}
