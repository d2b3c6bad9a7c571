package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.backtest.BacktestConfig;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.portfolio.PortfolioOptimizers;
import com.optaic.jobs.run.Storage;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chain of run types (a pipeline, an experiment on the local and on the Spark engine, a backtest of the Spark
 * experiment's signal, a portfolio optimisation over the local experiment's output) twice: with {@code OPTAIC_STORAGE}
 * a plain path, and with it the root {@link #storageRoot} gives, here a {@code file:///} URI through Hadoop's
 * checksummed LocalFileSystem. Every output version holds the same content (content hashes) and its files are under
 * the URI root. A subclass overriding {@link #storageRoot} runs the same chain on another file system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunChainOnStorageIT {
    private static final Map<String, String> EXPRESSIONS = Map.of(
            "signal", "-1 * (close / delay(close, 5) - 1)",
            "level", "close",
            "z", "zscore(rank(delta(close, 5)))",
            "m", "ts_median(close, 30) / close");

    private Chain plain;
    private Chain onRoot;

    /**
     * The run storage root under test as {@code OPTAIC_STORAGE} gives it. {@code directory} is a fresh local
     * directory, which a root on another file system ignores (it names a fresh directory there instead).
     */
    String storageRoot(Path directory) {
        return directory.toUri().toString();
    }

    @BeforeAll
    void runTheChainTwice() throws IOException {
        plain = Chain.run(TestingOptaic.newEnvironment());
        Map<String, String> env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put(Storage.VARIABLE, storageRoot(Files.createTempDirectory("optaic-chain-storage")));
        onRoot = Chain.run(env);
    }

    @AfterAll
    void close() {
        if (plain != null) {
            plain.optaic().close();
        }
        if (onRoot != null) {
            onRoot.optaic().close();
        }
    }

    @Test
    void everyRunSucceedsWithTheSameOutputsAsUnderAPlainPath() {
        assertThat(onRoot.optaic().storage().root().localPath())
                .as("a Hadoop root, not a java.nio path")
                .isEmpty();
        assertThat(onRoot.runs().keySet())
                .containsExactly("pipeline", "experiment-local", "experiment-spark", "backtest", "portfolio");
        onRoot.runs().forEach((step, run) -> {
            Run reference = plain.runs().get(step);
            assertThat(run.status()).as("%s: %s", step, run.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(reference.status()).as("%s: %s", step, reference.error()).isEqualTo(RunStatus.SUCCEEDED);
            Map<String, String> hashes = onRoot.contentHashes(run);
            assertThat(hashes).as(step).isNotEmpty().isEqualTo(plain.contentHashes(reference));
        });
        assertThat(onRoot.runs()
                        .get("backtest")
                        .metrics()
                        .get("output_versions")
                        .size())
                .isEqualTo(5);
        assertThat(onRoot.runs()
                        .get("experiment-spark")
                        .metrics()
                        .get("spark_master")
                        .asText())
                .isEqualTo("local[2]");
    }

    @Test
    void theSparkExperimentEqualsTheLocalOneCellForCell() {
        TestingOptaic.assertSameCells(
                onRoot.read(onRoot.outputs("experiment-spark").get(0)),
                onRoot.read(onRoot.outputs("experiment-local").get(0)),
                Set.of());
    }

    @Test
    void theFilesOfEveryOutputAreUnderTheRoot() throws IOException {
        StorageLocation datasets = onRoot.optaic().storage().datasets();
        int files = 0;
        for (String step : onRoot.runs().keySet()) {
            for (DataVersion version : onRoot.outputs(step)) {
                VersionManifest manifest = StoreDatasets.toEngine(version);
                StorageLocation directory = datasets.resolve(manifest.dataset());
                for (DataFile file : manifest.files()) {
                    StorageLocation location = directory.resolve(file.path());
                    assertThat(location.size()).as("%s", location).isEqualTo(file.bytes());
                    assertThat(location.sha256()).as("%s", location).isEqualTo(file.sha256());
                    if (location.scheme().equals("file")) { // Hadoop's LocalFileSystem keeps a checksum beside
                        assertThat(location.parent()
                                        .resolve("." + location.name() + ".crc")
                                        .size())
                                .isPositive();
                    }
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(9);
    }

    /** One environment's runs, by step, in the order they ran. */
    record Chain(Optaic optaic, Actor user, Map<String, Run> runs) {
        static Chain run(Map<String, String> env) {
            Optaic optaic = TestingOptaic.open(env);
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            UUID project = workspace.project().id();
            Chain chain = new Chain(optaic, user, new LinkedHashMap<>());
            Instance market = TestingOptaic.syntheticDataset(optaic, user, project, "market", 30, 300);
            chain.launch("pipeline", market);
            Instance local = chain.experiment(project, "signals-local", market, "local");
            Instance spark = chain.experiment(project, "signals-spark", market, "spark");
            chain.launch("experiment-local", local);
            chain.launch("experiment-spark", spark);
            chain.launch("backtest", chain.backtest(project, market, output(spark)));
            chain.launch("portfolio", chain.optimizer(project, output(local)));
            return chain;
        }

        private static UUID output(Instance experiment) {
            return UUID.fromString(experiment.config().get("output").asText());
        }

        private void launch(String step, Instance instance) {
            Run queued = optaic.frame()
                    .queue(
                            user,
                            instance.resource().id(),
                            RunTrigger.MANUAL,
                            Optional.empty(),
                            JsonNodeFactory.instance.objectNode());
            RunOutcome outcome = optaic.frame().launch(user, queued.resource().id());
            assertThat(outcome.run().status())
                    .as("%s: %s / %s", step, outcome.run().error(), outcome.failure())
                    .isEqualTo(RunStatus.SUCCEEDED);
            runs.put(step, outcome.run());
        }

        private Instance experiment(UUID project, String name, Instance market, String engine) {
            Instance instance = TestingOptaic.experiment(
                    optaic, user, project, name, market.resource().id(), EXPRESSIONS);
            ObjectNode config = instance.config().deepCopy();
            config.put("engine", engine);
            return optaic.store()
                    .instances()
                    .update(user, instance.resource().id(), instance.currentVersion(), config, Optional.empty());
        }

        /** A weekly long-short top/bottom 5 of the experiment's signal field, with every output. */
        private Instance backtest(UUID project, Instance market, UUID signals) {
            ObjectNode config = JsonNodeFactory.instance.objectNode();
            config.put("prices", market.resource().id().toString());
            config.putObject("signal").put("dataset", signals.toString()).put("field", "signal");
            config.putObject("backtest")
                    .put("rule", "top_bottom")
                    .put("n", 5)
                    .put("side", "long_short")
                    .put("fill_price", "next_open")
                    .put("rebalance", "weekly")
                    .put("commission_bps", 2);
            config.putObject("metrics").put("preset", "optaic");
            ObjectNode outputs = config.putObject("outputs");
            for (BacktestConfig.Output output : BacktestConfig.Output.of(false)) {
                outputs.put(
                        output.label(),
                        dataset(project, "backtest-" + output.label()).toString());
            }
            return optaic.store()
                    .instances()
                    .create(
                            user,
                            new NewInstance(project, ResourceType.BacktestInstance, "backtest", "", Map.of(), config));
        }

        /** Minimum volatility over the whole history of the experiment's {@code level} field. */
        private Instance optimizer(UUID project, UUID levels) {
            UUID definition = optaic.store()
                    .definitions()
                    .latestDeployed(user, PortfolioOptimizers.MVO)
                    .orElseThrow()
                    .id();
            ObjectNode config = JsonNodeFactory.instance.objectNode();
            config.put("input", levels.toString());
            config.put("output", dataset(project, "weights").toString());
            config.put("field", "level");
            config.putObject("optimizer").put("method", "min_volatility");
            return optaic.store()
                    .instances()
                    .create(
                            user,
                            new NewInstance(
                                    project,
                                    ResourceType.PortfolioOptimizerInstance,
                                    "portfolio",
                                    "",
                                    Map.of("optimizer", definition),
                                    config));
        }

        private UUID dataset(UUID project, String name) {
            return optaic.store()
                    .instances()
                    .create(
                            user,
                            new NewInstance(
                                    project,
                                    ResourceType.DatasetInstance,
                                    name,
                                    "",
                                    Map.of(),
                                    TestingOptaic.json("{}")))
                    .resource()
                    .id();
        }

        List<DataVersion> outputs(String step) {
            return optaic.store().runs().outputs(user, runs.get(step).resource().id());
        }

        /** Per output dataset name, the content hash of the version the run published. */
        Map<String, String> contentHashes(Run run) {
            Map<String, String> hashes = new TreeMap<>();
            for (DataVersion version :
                    optaic.store().runs().outputs(user, run.resource().id())) {
                hashes.put(
                        optaic.store()
                                .resources()
                                .get(user, version.datasetId())
                                .name(),
                        StoreDatasets.contentHash(StoreDatasets.toEngine(version)));
            }
            return hashes;
        }

        Panel read(DataVersion version) {
            return StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(version));
        }
    }
}
