package com.optaic.jobs.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.CancelOnJobStart;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PortfolioOptimizationRuns end to end on the embedded PostgreSQL: the 20 real stocks ingested by a CSV
 * pipeline, optimised once and monthly on Spark, weights published as a dataset version; checked against the
 * independent values of {@code engine/src/test/resources/portfolio/generate.py}.
 */
class PortfolioOptimizationIT {
    private static final Path PRICES =
            Path.of("../../shared/data/stock_prices.csv").toAbsolutePath().normalize();
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/portfolio/expected.csv");
    private static final Map<String, Double> EXPECTED = new HashMap<>();

    static Optaic optaic;
    static Map<String, String> env;
    static Actor user;
    static UUID project;
    static Instance prices;

    @BeforeAll
    static void start() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            EXPECTED.put(f[0] + "," + f[1] + "," + f[2], Double.parseDouble(f[3]));
        }
        env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put("OPTAIC_SPARK_MASTER", "local[2]");
        optaic = TestingOptaic.open(env);
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        UUID csv = optaic.store()
                .definitions()
                .latestDeployed(user, "pipeline.csv")
                .orElseThrow()
                .id();
        prices = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project,
                                ResourceType.DatasetInstance,
                                "stocks",
                                "",
                                Map.of("pipeline", csv),
                                TestingOptaic.json("{\"pipeline\": {\"files\": {\"close\": \"" + PRICES + "\"}}}")));
        assertThat(run(prices.resource().id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    private static double expected(String section, String k1, String k2) {
        Double v = EXPECTED.get(section + "," + k1 + "," + k2);
        assertThat(v).as(section + "," + k1 + "," + k2).isNotNull();
        return v;
    }

    static RunOutcome run(UUID instance) {
        Run queued = optaic.frame()
                .queue(user, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
        return optaic.frame().launch(user, queued.resource().id());
    }

    /** A PortfolioOptimizerInstance over the stocks, pinned to a built-in optimiser, writing to a new dataset. */
    static Instance optimizer(String name, String codeRef, String optimizerJson, String extra) {
        Instance output = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project,
                                ResourceType.DatasetInstance,
                                name + "-weights",
                                "",
                                Map.of(),
                                TestingOptaic.json("{}")));
        UUID definition = optaic.store()
                .definitions()
                .latestDeployed(user, codeRef)
                .orElseThrow()
                .id();
        return optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project,
                                ResourceType.PortfolioOptimizerInstance,
                                name,
                                "",
                                Map.of("optimizer", definition),
                                TestingOptaic.json(
                                        "{\"input\": \"" + prices.resource().id() + "\", \"output\": \""
                                                + output.resource().id() + "\", \"optimizer\": " + optimizerJson + extra
                                                + "}")));
    }

    static Panel weights(Run run) {
        List<DataVersion> outputs =
                optaic.store().runs().outputs(user, run.resource().id());
        assertThat(outputs).hasSize(1);
        return StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(outputs.get(0)));
    }

    @Test
    void maxSharpeOverTheWholeHistoryPublishesTheWeightsAndThePerformance() {
        Instance instance = optimizer("tangency", PortfolioOptimizers.MVO, "{\"method\": \"max_sharpe\"}", "");
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.metrics().get("sharpe").asDouble())
                .isCloseTo(expected("perf_max_sharpe", "sharpe", ""), within(1e-9));
        assertThat(run.metrics().get("volatility").asDouble())
                .isCloseTo(expected("perf_max_sharpe", "vol", ""), within(1e-6));
        Panel w = weights(run);
        assertThat(w.dateCount()).isEqualTo(1);
        assertThat(w.date(0)).isEqualTo(LocalDate.parse("2018-04-11"));
        double[] values = w.requireNumeric("weight");
        for (int a = 0; a < w.assetCount(); a++) {
            assertThat(values[a]).as(w.assets()[a]).isCloseTo(expected("max_sharpe", w.assets()[a], ""), within(1e-6));
        }
    }

    @Test
    void monthlyReOptimisationRunsOnSparkAndWritesAWeightsPanel() {
        Instance instance =
                optimizer("monthly", PortfolioOptimizers.MVO, "{\"method\": \"min_volatility\"}", ", \"window\": 252");
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.metrics().get("engine").asText()).isEqualTo("spark");
        Panel w = weights(run);
        assertThat((double) w.dateCount()).isEqualTo(expected("rolling_windows", "count", ""));
        assertThat(w.assetCount()).isEqualTo(20);
        double[] values = w.requireNumeric("weight");
        int dates = w.dateCount();
        for (String day : List.of("2005-06-30", "2013-06-28", "2018-03-29")) {
            int t = Arrays.binarySearch(
                    w.epochDays(), (int) LocalDate.parse(day).toEpochDay());
            assertThat(t).as(day).isNotNegative();
            for (int a = 0; a < w.assetCount(); a++) {
                assertThat(values[a * dates + t])
                        .as(day + " " + w.assets()[a])
                        .isCloseTo(expected("rolling_min_volatility", day, w.assets()[a]), within(1e-6));
            }
        }
    }

    @Test
    void riskParityAndHrpDefinitions() {
        Run erc = run(optimizer("erc", PortfolioOptimizers.RISK_PARITY, "{}", "")
                        .resource()
                        .id())
                .run();
        assertThat(erc.status()).as("%s", erc.error()).isEqualTo(RunStatus.SUCCEEDED);
        Panel w = weights(erc);
        for (int a = 0; a < w.assetCount(); a++) {
            assertThat(w.requireNumeric("weight")[a]).isCloseTo(expected("rp_erc", w.assets()[a], ""), within(1e-9));
        }
        Run hrp = run(optimizer("hrp", PortfolioOptimizers.HRP, "{}", "")
                        .resource()
                        .id())
                .run();
        assertThat(hrp.status()).as("%s", hrp.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(hrp.metrics().get("sharpe").asDouble()).isCloseTo(expected("perf_hrp", "sharpe", ""), within(1e-9));
    }

    @Test
    void anInfeasibleProblemFailsTheRunWithTheReasonAndNoOutput() {
        Instance instance = optimizer(
                "impossible", PortfolioOptimizers.MVO, "{\"method\": \"efficient_return\", \"target\": 0.9}", "");
        Run run = run(instance.resource().id()).run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error().orElseThrow().toString())
                .contains("efficient_return target return 0.9 is above the " + "maximum attainable return 0.3886658");
        assertThat(optaic.store().runs().outputs(user, run.resource().id())).isEmpty();

        // the definition's schema refuses a method it does not provide when the instance is created
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> optimizer("wrong", PortfolioOptimizers.HRP, "{\"method\": \"max_sharpe\"}", ""))
                .isInstanceOf(com.optaic.common.OptaicException.class)
                .hasMessageContaining("method");
    }

    @Test
    void cancellingARollingOptimisationOnSparkCancelsItsJobGroupAndPublishesNothing() {
        Instance instance =
                optimizer("cancelled", PortfolioOptimizers.MVO, "{\"method\": \"max_sharpe\"}", ", \"window\": 126");
        UUID runId = optaic.frame()
                .queue(
                        user,
                        instance.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode())
                .resource()
                .id();
        CancelOnJobStart cancel = CancelOnJobStart.launch(optaic, user, "PortfolioOptimizationRun", runId);
        Run run = cancel.run();
        assertThat(cancel.startedGroup())
                .as("the optimisations ran in the run's job group")
                .isEqualTo(cancel.group());
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error()).get().asString().startsWith("cancelled in step 'execute'");
        assertThat(optaic.store().runs().outputs(user, runId)).isEmpty();
        UUID output = PortfolioOptimizationConfig.datasetId(instance.config(), "output");
        assertThat(StoreDatasets.latest(optaic.store(), user, output)).isEmpty();
    }
}
