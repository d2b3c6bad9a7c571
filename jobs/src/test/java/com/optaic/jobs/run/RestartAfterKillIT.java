package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.jobs.run.batch.StepRecord;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run whose executor is SIGKILLed mid-execute is completed by restart, with the uninterrupted result. */
class RestartAfterKillIT {
    @Test
    void restartCompletesARunWhoseProcessWasKilledMidExecute() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Instance market = TestingOptaic.syntheticDataset(
                    optaic, admin, workspace.project().id(), "market", 30, 200);
            Run pipeline = TestingOptaic.runNow(optaic, admin, market.resource().id());
            assertThat(pipeline.status()).isEqualTo(RunStatus.SUCCEEDED);
            Instance experiment = TestingOptaic.experiment(
                    optaic,
                    admin,
                    workspace.project().id(),
                    "alpha",
                    market.resource().id(),
                    Map.of("alpha041", "(((high * low)^0.5) - vwap)", "z", "zscore(rank(delta(close, 5)))"));
            Run killed = optaic.frame()
                    .queue(
                            admin,
                            experiment.resource().id(),
                            RunTrigger.MANUAL,
                            Optional.empty(),
                            JsonNodeFactory.instance.objectNode());

            Path marker = Files.createTempFile("optaic-blocking", ".marker");
            Files.delete(marker);
            Process process = BlockingRun.start(
                    env,
                    Files.createTempFile("optaic-blocking", ".log"),
                    marker.toString(),
                    killed.resource().id().toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!Files.exists(marker) && process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(marker).as("the subprocess reached execute").exists();
                assertThat(optaic.store()
                                .runs()
                                .get(admin, killed.resource().id())
                                .status())
                        .isEqualTo(RunStatus.RUNNING);
                assertThatThrownBy(() ->
                                optaic.frame().restart(admin, killed.resource().id(), false))
                        .isInstanceOf(OptaicException.class)
                        .hasMessageContaining("alive");
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            RunOutcome restarted =
                    optaic.frame().restart(admin, killed.resource().id(), false);
            Run done = restarted.run();
            assertThat(done.status())
                    .as("%s %s", done.error(), restarted.failure())
                    .isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.attempt()).isGreaterThan(killed.attempt());
            List<StepRecord> steps = optaic.frame().steps(done);
            assertThat(steps)
                    .extracting(s -> s.step() + ":" + s.status())
                    .containsExactly(
                            "resolve:COMPLETED",
                            "execute:FAILED",
                            "resolve:COMPLETED",
                            "execute:COMPLETED",
                            "publish:COMPLETED");

            // The same experiment run uninterrupted, as a second instance with its own output dataset (a re-run of
            // the same instance over the same input would append nothing: there are no new dates).
            Instance twin = TestingOptaic.experiment(
                    optaic,
                    admin,
                    workspace.project().id(),
                    "alpha-twin",
                    market.resource().id(),
                    Map.of("alpha041", "(((high * low)^0.5) - vwap)", "z", "zscore(rank(delta(close, 5)))"));
            Run uninterrupted =
                    TestingOptaic.runNow(optaic, admin, twin.resource().id());
            assertThat(uninterrupted.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.metrics().get("content_hash").asText())
                    .isEqualTo(uninterrupted.metrics().get("content_hash").asText());
            assertThat(done.metrics().get("version").asInt()).isEqualTo(1);

            Run rerun =
                    TestingOptaic.runNow(optaic, admin, experiment.resource().id());
            assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(rerun.metrics().get("rows_added").asLong()).isZero();
            assertThat(optaic.store().runs().outputs(admin, rerun.resource().id()))
                    .isEmpty();
        }
    }
}
