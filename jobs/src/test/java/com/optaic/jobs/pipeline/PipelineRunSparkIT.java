package com.optaic.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.CancelOnJobStart;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataFile;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PipelineRuns through the run frame on Spark {@code local[2]}: multi-file CSV, appends, bad rows, local vs Spark. */
class PipelineRunSparkIT {
    static Optaic optaic;
    static Actor user;
    static UUID project;
    static Path input;

    @BeforeAll
    static void start() throws IOException {
        optaic = TestingOptaic.open(TestingOptaic.newEnvironment());
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        input = Files.createTempDirectory("optaic-pipeline-input");
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static Instance csvDataset(String name, String path, String engine) {
        return csvDataset(name, path, engine, "");
    }

    static Instance csvDataset(String name, String path, String engine, String moreConfig) {
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(user, "pipeline.csv")
                .orElseThrow()
                .id();
        return optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project,
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", pipeline),
                                TestingOptaic.json("{\"pipeline\": {\"path\": \"" + path + "\"}," + " \"engine\": \""
                                        + engine + "\"" + moreConfig + "}")));
    }

    static Run run(Instance instance) {
        Run queued = optaic.frame()
                .queue(
                        user,
                        instance.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode());
        return optaic.frame().launch(user, queued.resource().id()).run();
    }

    static List<String> checksums(Run run) {
        List<DataVersion> outputs =
                optaic.store().runs().outputs(user, run.resource().id());
        assertThat(outputs).hasSize(1);
        return outputs.get(0).manifest().files().stream()
                .map(DataFile::checksum)
                .toList();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aGlobOfCsvFilesIsIngestedOnSparkThenAppendedAndEqualsTheLocalEngine() throws IOException {
        Path directory = Files.createDirectories(input.resolve("prices"));
        write(
                directory.resolve("2019.csv"),
                "date,asset,close,sector\n2019-12-30,AAA,1,Tech\n2019-12-31,BBB,2,Energy\n");
        write(directory.resolve("2020.csv"), "date,asset,close,sector\n2020-01-02,AAA,3,Tech\n2020-01-02,BBB,4,\n");
        Instance onSpark = csvDataset("prices-spark", directory + "/*.csv", "spark");
        Instance local = csvDataset("prices-local", directory + "/*.csv", "local");

        Run first = run(onSpark);
        assertThat(first.status()).as("%s", first.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.metrics().get("engine").asText()).isEqualTo("spark");
        assertThat(first.metrics().get("rows_added").asLong()).isEqualTo(4);
        assertThat(first.metrics().get("last_date").asText()).isEqualTo("2020-01-02");
        assertThat(first.metrics().get("version").asInt()).isEqualTo(1);
        assertThat(first.metrics().get("tasks").asInt())
                .as("2 read tasks, 2 write tasks (one per year)")
                .isEqualTo(4);
        Run inProcess = run(local);
        assertThat(inProcess.status()).as("%s", inProcess.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(inProcess.metrics().get("engine").asText()).isEqualTo("local");
        assertThat(checksums(inProcess)).isEqualTo(checksums(first)).hasSize(2);

        write(
                directory.resolve("2020b.csv"),
                "date,asset,close,sector\n2020-01-03,AAA,5,Tech\n2020-01-06,CCC,6,Tech\n");
        Run append = run(onSpark);
        assertThat(append.status()).as("%s", append.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(append.metrics().get("rows_added").asLong()).isEqualTo(2);
        assertThat(append.metrics().get("dates_added").asLong()).isEqualTo(2);
        assertThat(append.metrics().get("last_date").asText()).isEqualTo("2020-01-06");
        assertThat(append.metrics().get("version").asInt()).isEqualTo(2);
        List<DataVersion> outputs =
                optaic.store().runs().outputs(user, append.resource().id());
        assertThat(outputs.get(0).manifest().files())
                .hasSize(3)
                .startsWith(optaic.store()
                        .runs()
                        .outputs(user, first.resource().id())
                        .get(0)
                        .manifest()
                        .files()
                        .toArray(new DataFile[0]));

        Run nothing = run(onSpark);
        assertThat(nothing.status()).as("%s", nothing.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(nothing.metrics().get("rows_added").asLong()).isZero();
        assertThat(optaic.store().runs().outputs(user, nothing.resource().id())).isEmpty();
        // The glob re-delivers the published rows every time: equal, so not corrections, only counted.
        assertThat(append.metrics().get("rows_ignored").asLong()).isEqualTo(4);
        assertThat(nothing.metrics().get("rows_ignored").asLong()).isEqualTo(6);
        assertThat(nothing.metrics().get("corrections").asText()).isEqualTo("reject");

        // A changed published row (compared in the Spark tasks) fails the append by default, naming it.
        write(
                directory.resolve("2019.csv"),
                "date,asset,close,sector\n2019-12-30,AAA,1,Tech\n2019-12-31,BBB,2.5,Energy\n");
        Run corrected = run(onSpark);
        assertThat(corrected.status()).isEqualTo(RunStatus.FAILED);
        assertThat(String.valueOf(corrected.error()))
                .contains("1 source row(s) dated on or before its last date 2020-01-06 differ from version 2")
                .contains("the first (2019-12-31, BBB) in field 'close', in '")
                .contains("2019.csv'");
        assertThat(optaic.store().runs().outputs(user, corrected.resource().id()))
                .isEmpty();
    }

    @Test
    void restatePublishesTheCorrectedHistoryAsANewFullVersion() throws IOException {
        Path directory = Files.createDirectories(input.resolve("restated"));
        write(directory.resolve("a.csv"), "date,asset,close\n2020-01-02,AAA,1\n2020-01-03,AAA,2\n");
        Instance instance =
                csvDataset("prices-restate", directory + "/*.csv", "spark", ", \"corrections\": \"restate\"");
        Run first = run(instance);
        assertThat(first.status()).as("%s", first.error()).isEqualTo(RunStatus.SUCCEEDED);
        write(directory.resolve("a.csv"), "date,asset,close\n2020-01-02,AAA,1.5\n2020-01-03,AAA,2\n2020-01-06,AAA,3\n");
        Run restated = run(instance);
        assertThat(restated.status()).as("%s", restated.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(restated.metrics().get("mode").asText()).isEqualTo("restate");
        assertThat(restated.metrics().get("rows_corrected").asLong()).isEqualTo(1);
        List<DataVersion> outputs =
                optaic.store().runs().outputs(user, restated.resource().id());
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).rowCount()).isEqualTo(3);
        assertThat(outputs.get(0).version()).isEqualTo(2);
        // The first version is unchanged.
        assertThat(optaic.store()
                        .runs()
                        .outputs(user, first.resource().id())
                        .get(0)
                        .rowCount())
                .isEqualTo(2);
    }

    @Test
    void aRaggedSyntheticMarketHasTheSameBytesOnSparkWithAnyNumberOfTasksAndInProcess() {
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(user, "pipeline.synthetic")
                .orElseThrow()
                .id();
        List<List<String>> checksums = new java.util.ArrayList<>();
        for (String setup : List.of(
                "\"tasks\": 1}, \"engine\": \"spark\"",
                "\"tasks\": 5}, \"engine\": \"spark\"",
                "\"tasks\": 3}, \"engine\": \"local\"")) {
            Instance market = optaic.store()
                    .instances()
                    .create(
                            user,
                            new NewInstance(
                                    project,
                                    ResourceType.DatasetInstance,
                                    "ragged-" + checksums.size(),
                                    "",
                                    Map.of("pipeline", pipeline),
                                    TestingOptaic.json(
                                            "{\"pipeline\": {\"assets\": 60, \"days\": 600, \"seed\": 3, \"ragged\": true, "
                                                    + setup + "}")));
            Run run = run(market);
            assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.metrics().get("rows_added").asLong())
                    .isEqualTo(SyntheticMarket.generateRagged(60, 600, 3, 0, 60).presentCount())
                    .isLessThan(60L * 600);
            checksums.add(checksums(run));
        }
        assertThat(checksums.get(0)).hasSize(3);
        assertThat(checksums).containsOnly(checksums.get(0));
    }

    @Test
    void aDuplicateRowAcrossFilesFailsTheRunWithFileAndLineAndPublishesNothing() throws IOException {
        Path directory = Files.createDirectories(input.resolve("duplicates"));
        write(directory.resolve("a.csv"), "date,asset,close\n2020-01-02,AAA,1\n2020-01-03,AAA,2\n");
        write(directory.resolve("b.csv"), "date,asset,close\n2020-01-06,AAA,3\n2020-01-03,AAA,4\n");
        Instance dataset = csvDataset("duplicates", directory.toString(), "spark");
        Run failed = run(dataset);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error().orElseThrow())
                .startsWith("step 'execute' failed: ")
                .contains(directory.resolve("b.csv") + ":3: duplicate row for (2020-01-03, AAA), first seen at "
                        + directory.resolve("a.csv") + ":3");
        assertThat(optaic.store().runs().outputs(user, failed.resource().id())).isEmpty();
        assertThat(optaic.store()
                        .dataVersions()
                        .versions(user, dataset.resource().id()))
                .isEmpty();
    }

    @Test
    void cancellingARunningSparkIngestionCancelsItsJobGroupAndPublishesNothing() {
        Instance market = TestingOptaic.syntheticDataset(optaic, user, project, "market-cancelled", 600, 2000);
        UUID runId = optaic.frame()
                .queue(
                        user,
                        market.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode())
                .resource()
                .id();
        CancelOnJobStart cancel = CancelOnJobStart.launch(optaic, user, "PipelineRun", runId);
        Run run = cancel.run();
        assertThat(cancel.startedGroup())
                .as("the ingestion ran in the run's job group")
                .isEqualTo(cancel.group());
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error()).get().asString().startsWith("cancelled in step 'execute'");
        assertThat(cancel.aJobFailed())
                .as("the Spark job was stopped, not finished")
                .isTrue();
        assertThat(optaic.store().runs().outputs(user, runId)).isEmpty();
        assertThat(StoreDatasets.latest(optaic.store(), user, market.resource().id()))
                .isEmpty();
    }
}
