package com.optaic.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: a user with no grants must not copy another user's dataset by pointing a pipeline at its files
 * in OptAIC's storage and having the administrator (serve, run execute) adopt the run; nor, on a shared store, read
 * files outside OPTAIC_SOURCE_ROOTS, through {@code ..} or a symbolic link.
 */
class SourceConfinementIT {
    @Test
    void aPipelineOverAnotherUsersDatasetFilesIsRefusedWhenTheAdministratorExecutesIt() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace victim = TestingOptaic.workspace(optaic);
            Instance secret = TestingOptaic.syntheticDataset(
                    optaic, victim.user(), victim.project().id(), "secret", 5, 20);
            assertThat(TestingOptaic.runNow(
                                    optaic, victim.user(), secret.resource().id())
                            .status())
                    .isEqualTo(RunStatus.SUCCEEDED);
            Path files = TestingOptaic.storage(env)
                    .resolve("datasets")
                    .resolve(secret.resource().id().toString());
            assertThat(files).as("the victim's dataset files").isDirectory();

            TestingOptaic.Workspace attacker = TestingOptaic.workspace(optaic);
            // The exact attack, and the same through '..' from a harmless-looking directory.
            for (String path : new String[] {
                files.resolve("data") + "/*/*.parquet",
                files.resolve("data").resolve("..").resolve("..").resolve("..") + "/datasets/"
                        + secret.resource().id() + "/data/*/*.parquet"
            }) {
                UUID run = queuedParquetPipeline(optaic, attacker, "copy" + path.length(), path);
                RunOutcome outcome = optaic.frame().launch(admin, run);
                assertThat(outcome.run().status()).isEqualTo(RunStatus.FAILED);
                assertThat(outcome.run().error())
                        .hasValueSatisfying(e -> assertThat(e).contains("inside OptAIC's own storage"));
                assertThat(optaic.store().runs().outputs(admin, run)).isEmpty();
            }
        }
    }

    @Test
    void theAttackQueuedWithQueueOnlyAndAdoptedByServeIsRefused() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace victim = TestingOptaic.workspace(optaic);
            Instance secret = TestingOptaic.syntheticDataset(
                    optaic, victim.user(), victim.project().id(), "secret", 5, 20);
            assertThat(TestingOptaic.runNow(
                                    optaic, victim.user(), secret.resource().id())
                            .status())
                    .isEqualTo(RunStatus.SUCCEEDED);
            Path files = TestingOptaic.storage(env)
                    .resolve("datasets")
                    .resolve(secret.resource().id().toString());

            TestingOptaic.Workspace attacker = TestingOptaic.workspace(optaic);
            UUID instance = parquetPipeline(optaic, attacker, "copy", files.resolve("data") + "/*/*.parquet");
            Map<String, String> asAttacker = new HashMap<>(env);
            asAttacker.put(
                    "OPTAIC_TOKEN",
                    optaic.store()
                            .principals()
                            .issueToken(admin, attacker.user().principalId(), "cli", Optional.empty())
                            .token());
            TestingCli.Result queued =
                    TestingCli.optaic(asAttacker, "run", "start", instance.toString(), "--queue-only", "--json");
            assertThat(queued.exitCode()).as(queued.err()).isZero();
            UUID run = UUID.fromString(
                    TestingOptaic.json(queued.out()).path("resource").path("id").asText());

            Thread.sleep(10_500); // serve adopts a run once queued for Scheduler.ADOPT_AFTER (10 s)
            TestingCli.Result serve = TestingCli.optaic(env, "serve", "--once");
            assertThat(serve.exitCode()).as(serve.err()).isZero();
            Run done = optaic.store().runs().get(admin, run);
            assertThat(done.status()).as(serve.out()).isEqualTo(RunStatus.FAILED);
            assertThat(done.error()).hasValueSatisfying(e -> assertThat(e).contains("inside OptAIC's own storage"));
            assertThat(optaic.store().runs().outputs(admin, run)).isEmpty();
        }
    }

    @Test
    void onASharedStoreFilesOutsideTheAllowedRootsAreRefusedEvenThroughASymbolicLink() throws Exception {
        Path allowed = Files.createTempDirectory("optaic-allowed");
        Path outside = Files.createTempDirectory("optaic-outside");
        Map<String, String> env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put(SourceRoots.VARIABLE, allowed.toString());
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace user = TestingOptaic.workspace(optaic);
            Files.writeString(outside.resolve("prices.csv"), "date,asset,close\n2024-01-02,A,1.5\n");
            Files.writeString(allowed.resolve("prices.csv"), "date,asset,close\n2024-01-02,A,1.5\n");
            Files.createSymbolicLink(allowed.resolve("escape.csv"), outside.resolve("prices.csv"));

            UUID escaped = queuedCsvPipeline(
                    optaic, user, "escaped", allowed.resolve("escape.csv").toString());
            Run refused = optaic.frame().launch(admin, escaped).run();
            assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
            assertThat(refused.error())
                    .hasValueSatisfying(e -> assertThat(e).contains("outside the roots a shared store may read"));

            UUID dotted = queuedCsvPipeline(
                    optaic, user, "dotted", allowed.resolve("..").resolve(outside.getFileName()) + "/prices.csv");
            assertThat(optaic.frame().launch(admin, dotted).run().status()).isEqualTo(RunStatus.FAILED);

            UUID inside = queuedCsvPipeline(
                    optaic, user, "inside", allowed.resolve("prices.csv").toString());
            Run read = optaic.frame().launch(admin, inside).run();
            assertThat(read.status()).as("%s", read.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(read.metrics().get("rows_added").asLong()).isEqualTo(1);
        }
    }

    private static UUID parquetPipeline(Optaic optaic, TestingOptaic.Workspace workspace, String name, String path) {
        Actor actor = workspace.user();
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(actor, "pipeline.parquet")
                .orElseThrow()
                .id();
        return optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(
                                workspace.project().id(),
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", pipeline),
                                TestingOptaic.json("{\"pipeline\": {\"path\": \"" + path + "\"}}")))
                .resource()
                .id();
    }

    private static UUID queuedParquetPipeline(
            Optaic optaic, TestingOptaic.Workspace workspace, String name, String path) {
        return queued(optaic, workspace, name, "pipeline.parquet", path);
    }

    private static UUID queuedCsvPipeline(Optaic optaic, TestingOptaic.Workspace workspace, String name, String path) {
        return queued(optaic, workspace, name, "pipeline.csv", path);
    }

    private static UUID queued(
            Optaic optaic, TestingOptaic.Workspace workspace, String name, String codeRef, String path) {
        Actor actor = workspace.user();
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(actor, codeRef)
                .orElseThrow()
                .id();
        Instance instance = optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(
                                workspace.project().id(),
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", pipeline),
                                TestingOptaic.json("{\"pipeline\": {\"path\": \"" + path + "\"}}")));
        return optaic.frame()
                .queue(
                        actor,
                        instance.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode())
                .resource()
                .id();
    }
}
