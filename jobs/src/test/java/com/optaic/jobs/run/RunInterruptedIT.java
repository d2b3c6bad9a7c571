package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A killed executor leaves no RUNNING run (issue 14, item 14): SIGTERM fails its run at once through the shutdown
 * hook; after a SIGKILL the run is failed by `run status` or `run cancel --wait` once its heartbeat is older than
 * OPTAIC_RUN_STALE_SECONDS, not before. Either way the run can then be restarted to completion.
 */
class RunInterruptedIT {
    @Test
    void sigtermFailsTheRunAtOnceAndRestartCompletesIt() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            UUID runId = queuedExperimentRun(optaic, admin, "alpha");
            Process process = startBlocking(env, runId);
            try {
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                process.destroyForcibly();
            }
            Run run = optaic.store().runs().get(admin, runId);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("interrupted by signal"));
            assertThat(optaic.store().runs().outputs(admin, runId)).isEmpty();

            RunOutcome restarted = optaic.frame().restart(admin, runId, false);
            assertThat(restarted.run().status()).as("%s", restarted.failure()).isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    @Test
    void afterSigkillStatusAndCancelWaitFailTheRunOnceItsHeartbeatIsStale() throws Exception {
        Map<String, String> env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put("OPTAIC_RUN_STALE_SECONDS", "6");
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            UUID statusRun = queuedExperimentRun(optaic, admin, "by-status");
            UUID cancelRun = queuedExperimentRun(optaic, admin, "by-cancel");
            Process first = startBlocking(env, statusRun);
            Process second = startBlocking(env, cancelRun);
            // Let a few heartbeats be written, then kill both without a chance to clean up.
            Thread.sleep(3000);
            long killedAt = System.nanoTime();
            for (Process process : new Process[] {first, second}) {
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            TestingCli.Result early = TestingCli.optaic(env, "run", "status", statusRun.toString());
            assertThat(early.exitCode()).as(early.err()).isZero();
            if (System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(3)) {
                // Within the limit of its last beat (at most 2 s before the kill), the run is left alone.
                assertThat(early.out()).contains("RUNNING");
            }

            TestingCli.Result cancel =
                    TestingCli.optaic(env, "run", "cancel", cancelRun.toString(), "--wait", "--timeout", "60");
            assertThat(cancel.exitCode())
                    .as("the run FAILED (not CANCELLED) while waiting: %s", cancel.out())
                    .isEqualTo(4);
            assertThat(System.nanoTime() - killedAt).isLessThan(TimeUnit.SECONDS.toNanos(40));
            Run cancelled = optaic.store().runs().get(admin, cancelRun);
            assertThat(cancelled.status()).isEqualTo(RunStatus.FAILED);
            assertThat(cancelled.error())
                    .hasValueSatisfying(e ->
                            assertThat(e).contains("died during step 'execute'").contains("no heartbeat for over 6 s"));

            Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(7) - (System.nanoTime() - killedAt) / 1_000_000));
            TestingCli.Result late = TestingCli.optaic(env, "run", "status", statusRun.toString());
            assertThat(late.exitCode()).as(late.err()).isZero();
            assertThat(late.out()).contains("FAILED").contains("no heartbeat");
            assertThat(optaic.store().runs().get(admin, statusRun).status()).isEqualTo(RunStatus.FAILED);

            RunOutcome restarted = optaic.frame().restart(admin, statusRun, false);
            assertThat(restarted.run().status()).as("%s", restarted.failure()).isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    private static UUID queuedExperimentRun(Optaic optaic, Actor admin, String name) {
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        Instance market = TestingOptaic.syntheticDataset(
                optaic, admin, workspace.project().id(), name + "-market", 10, 40);
        assertThat(TestingOptaic.runNow(optaic, admin, market.resource().id()).status())
                .isEqualTo(RunStatus.SUCCEEDED);
        Instance experiment = TestingOptaic.experiment(
                optaic, admin, workspace.project().id(), name, market.resource().id(), Map.of("z", "rank(close)"));
        return optaic.frame()
                .queue(
                        admin,
                        experiment.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode())
                .resource()
                .id();
    }

    /** A subprocess executing the run in a never-ending execute step, once it got there. */
    private static Process startBlocking(Map<String, String> env, UUID runId) throws Exception {
        Path marker = Files.createTempFile("optaic-interrupted", ".marker");
        Files.delete(marker);
        Process process = BlockingRun.start(
                env, Files.createTempFile("optaic-interrupted", ".log"), marker.toString(), runId.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(marker).as("the subprocess reached execute").exists();
        return process;
    }
}
