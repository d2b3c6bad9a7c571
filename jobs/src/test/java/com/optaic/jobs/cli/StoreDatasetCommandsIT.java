package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.io.PanelWriter;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands over datasets runs wrote: {@code optaic eval --dataset ID[@VERSION]} reads one from the run storage,
 * {@code optaic run start ID --compact} compacts one.
 */
class StoreDatasetCommandsIT {
    static Map<String, String> env;
    static Optaic optaic;
    static TestingOptaic.Workspace workspace;
    static UUID market;

    @TempDir
    Path dir;

    @BeforeAll
    static void aPipelineRun() {
        env = TestingOptaic.newEnvironment();
        optaic = TestingOptaic.open(env);
        workspace = TestingOptaic.workspace(optaic);
        Actor user = workspace.user();
        Instance dataset =
                TestingOptaic.syntheticDataset(optaic, user, workspace.project().id(), "market", 25, 80);
        Run queued = optaic.frame()
                .queue(
                        user,
                        dataset.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode().put("engine", "local"));
        RunOutcome outcome = optaic.frame().launch(user, queued.resource().id());
        assertThat(outcome.run().status()).as("%s", outcome.run().error()).isEqualTo(RunStatus.SUCCEEDED);
        market = dataset.resource().id();
    }

    @AfterAll
    static void close() {
        optaic.close();
    }

    @Test
    void aStoreDatasetEvaluatesAsTheSameRowsInAFileDo() throws IOException {
        Path file = dir.resolve("market.parquet");
        new PanelWriter()
                .write(
                        StoreDatasets.read(
                                optaic.storage(),
                                StoreDatasets.toEngine(StoreDatasets.latest(optaic.store(), optaic.actor(), market)
                                        .orElseThrow())),
                        file);
        String[] expressions = {
            "--expr", "r=RANK(DELTA(close,5))", "--expr", "n=IndNeutralize(returns, IndClass.sector)"
        };

        Result fromFile = optaic(
                env,
                concat(
                        new String[] {
                            "eval",
                            "--data",
                            file.toString(),
                            "--out",
                            dir.resolve("file.csv").toString()
                        },
                        expressions));
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        for (String version : new String[] {market.toString(), market + "@1"}) {
            Result fromStore = optaic(
                    env,
                    concat(
                            new String[] {
                                "eval",
                                "--dataset",
                                version,
                                "--out",
                                dir.resolve("store.csv").toString()
                            },
                            expressions));
            assertThat(fromStore.exitCode()).as(fromStore.err()).isZero();
            assertThat(Files.readString(dir.resolve("store.csv")))
                    .isEqualTo(Files.readString(dir.resolve("file.csv")))
                    .hasLineCount(25 * 80 + 1);
        }
    }

    @Test
    void whatAStoreDatasetCannotDoIsAUserErrorAndAMissingVersionNotFound() {
        Result noVersion = optaic(env, "eval", "--dataset", market + "@9", "--expr", "c=close");
        assertThat(noVersion.exitCode()).as(noVersion.err()).isEqualTo(3);

        Result withRoot = optaic(env, "eval", "--dataset", market.toString(), "--root", "/tmp/x", "--expr", "c=close");
        assertThat(withRoot.exitCode()).isEqualTo(2);
        assertThat(withRoot.err()).contains("is a metadata-store dataset").contains("--root does not apply");

        Result intoDataset =
                optaic(env, "eval", "--dataset", market.toString(), "--out-dataset", "f", "--expr", "c=close");
        assertThat(intoDataset.exitCode()).isEqualTo(2);
        assertThat(intoDataset.err()).contains("use an ExperimentInstance");
    }

    @Test
    void runStartCompactMergesTheNightlyFilesOfADatasetOrAnExperimentsOutput() {
        Actor user = workspace.user();
        UUID prices = TestingOptaic.syntheticDataset(
                        optaic, user, workspace.project().id(), "prices", 10, 30)
                .resource()
                .id();
        UUID experiment = TestingOptaic.experiment(
                        optaic, user, workspace.project().id(), "z", prices, Map.of("z", "rank(close)"))
                .resource()
                .id();
        // The CLI acts as the administrator (no OPTAIC_TOKEN), who may run the user's instances.
        for (String night : new String[] {"", "2010-02-15", "2010-02-16"}) {
            Result run = night.isEmpty()
                    ? optaic(env, "run", "start", prices.toString())
                    : optaic(env, "run", "start", prices.toString(), "--nominal-date", night);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(StoreDatasets.toEngine(StoreDatasets.latest(optaic.store(), user, prices)
                                .orElseThrow())
                        .files())
                .hasSize(3);

        Result compact = optaic(env, "run", "start", prices.toString(), "--compact", "--no-dependents");

        assertThat(compact.exitCode()).as(compact.err()).isZero();
        VersionManifest latest = StoreDatasets.toEngine(
                StoreDatasets.latest(optaic.store(), user, prices).orElseThrow());
        assertThat(latest.operation()).isEqualTo(VersionManifest.Operation.COMPACT);
        assertThat(latest.files()).hasSize(1);
        assertThat(latest.rows()).isEqualTo(10 * 32);

        // An experiment's nightly appends accumulate files in its output the same way.
        assertThat(optaic(env, "run", "start", experiment.toString()).exitCode())
                .isZero();
        assertThat(optaic(env, "run", "start", prices.toString(), "--nominal-date", "2010-02-17")
                        .exitCode())
                .isZero();
        assertThat(optaic(env, "run", "start", experiment.toString()).exitCode())
                .isZero();
        UUID output = UUID.fromString(optaic.store()
                .instances()
                .get(user, experiment)
                .config()
                .get("output")
                .asText());
        assertThat(StoreDatasets.toEngine(StoreDatasets.latest(optaic.store(), user, output)
                                .orElseThrow())
                        .files())
                .hasSize(2);
        Result onExperiment = optaic(env, "run", "start", experiment.toString(), "--compact");
        assertThat(onExperiment.exitCode()).as(onExperiment.err()).isZero();
        VersionManifest factors = StoreDatasets.toEngine(
                StoreDatasets.latest(optaic.store(), user, output).orElseThrow());
        assertThat(factors.operation()).isEqualTo(VersionManifest.Operation.COMPACT);
        assertThat(factors.files()).hasSize(1);
        assertThat(factors.rows()).isEqualTo(10 * 33);

        // --rebuild was silently ignored on an ExperimentInstance (its run always writes its whole output).
        Result rebuildExperiment = optaic(env, "run", "start", experiment.toString(), "--rebuild");
        assertThat(rebuildExperiment.exitCode()).as(rebuildExperiment.err()).isEqualTo(2);
        assertThat(rebuildExperiment.err())
                .contains("--rebuild applies to DatasetInstances (their pipeline), not to ExperimentInstance "
                        + experiment);

        Result onSignal = optaic(env, "run", "start", workspace.project().id().toString(), "--compact");
        assertThat(onSignal.exitCode()).isNotZero();
        Result both = optaic(env, "run", "start", prices.toString(), "--compact", "--rebuild");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
