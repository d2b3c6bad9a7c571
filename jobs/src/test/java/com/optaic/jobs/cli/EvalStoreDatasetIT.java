package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/** {@code optaic eval --dataset ID[@VERSION]}: a dataset runs wrote, read from the run storage it names. */
class EvalStoreDatasetIT {
    static Map<String, String> env;
    static Optaic optaic;
    static UUID market;

    @TempDir
    Path dir;

    @BeforeAll
    static void aPipelineRun() {
        env = TestingOptaic.newEnvironment();
        optaic = TestingOptaic.open(env);
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        Actor user = workspace.user();
        Instance dataset = TestingOptaic.syntheticDataset(optaic, user, workspace.project().id(), "market", 25, 80);
        Run queued = optaic.frame().queue(user, dataset.resource().id(), RunTrigger.MANUAL, Optional.empty(),
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
        new PanelWriter().write(StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(
                StoreDatasets.latest(optaic.store(), optaic.actor(), market).orElseThrow())), file);
        String[] expressions = {"--expr", "r=RANK(DELTA(close,5))", "--expr", "n=IndNeutralize(returns, IndClass.sector)"};

        Result fromFile = optaic(env, concat(new String[] {"eval", "--data", file.toString(), "--out",
                dir.resolve("file.csv").toString()}, expressions));
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        for (String version : new String[] {market.toString(), market + "@1"}) {
            Result fromStore = optaic(env, concat(new String[] {"eval", "--dataset", version, "--out",
                    dir.resolve("store.csv").toString()}, expressions));
            assertThat(fromStore.exitCode()).as(fromStore.err()).isZero();
            assertThat(Files.readString(dir.resolve("store.csv"))).isEqualTo(Files.readString(dir.resolve("file.csv")))
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

        Result intoDataset = optaic(env, "eval", "--dataset", market.toString(), "--out-dataset", "f", "--expr",
                "c=close");
        assertThat(intoDataset.exitCode()).isEqualTo(2);
        assertThat(intoDataset.err()).contains("use an ExperimentInstance");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
