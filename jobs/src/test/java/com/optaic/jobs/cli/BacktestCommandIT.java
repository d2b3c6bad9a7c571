package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.report.BacktestReport;
import com.optaic.jobs.report.Html;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code optaic backtest} is a BacktestRun without the store: on the 20 real stocks, a reversal signal's metrics
 * printed by the command (from the price file, and from the run's prices dataset by id) equal those the run
 * through the frame recorded, number for number.
 */
class BacktestCommandIT {
    private static final Path PRICES =
            Path.of("../../shared/data/stock_prices.csv").toAbsolutePath().normalize();
    private static final String REVERSAL = "-1 * (close / delay(close, 5) - 1)";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> env;
    static Optaic optaic;
    static Actor user;
    static UUID project;
    static Instance prices;

    @BeforeAll
    static void start() {
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

    static RunOutcome run(UUID instance) {
        Run queued = optaic.frame()
                .queue(user, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
        return optaic.frame().launch(user, queued.resource().id());
    }

    @Test
    void theCommandsMetricsAreTheBacktestRunsOfTheSameSettings() throws Exception {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("prices", prices.resource().id().toString());
        config.putObject("signal").put("expression", REVERSAL);
        config.putObject("backtest")
                .put("rule", "top_bottom")
                .put("n", 5)
                .put("rebalance", "weekly")
                .put("commission_bps", 5)
                .put("half_spread_bps", 3)
                .put("borrow_bps", 50);
        config.putObject("metrics").put("risk_free_rate", 0.02);
        config.putObject("benchmark").put("asset", "AAPL");
        Instance instance = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(project, ResourceType.BacktestInstance, "reversal", "", Map.of(), config));
        RunOutcome outcome = run(instance.resource().id());
        assertThat(outcome.run().status())
                .as("%s / %s", outcome.run().error(), outcome.failure())
                .isEqualTo(RunStatus.SUCCEEDED);
        JsonNode recorded = outcome.run().metrics();

        List<String> settings = List.of(
                "--signal",
                REVERSAL,
                "--rule",
                "top_bottom",
                "--n",
                "5",
                "--rebalance",
                "weekly",
                "--costs",
                "5",
                "--set",
                "half_spread_bps=3",
                "--set",
                "borrow_bps=50",
                "--rf",
                "0.02",
                "--benchmark",
                "AAPL",
                "--json");
        for (List<String> source : List.of(
                List.of("--prices", PRICES.toString(), "--wide"),
                List.of("--dataset", prices.resource().id().toString()))) {
            List<String> args = new ArrayList<>(List.of("backtest"));
            args.addAll(source);
            args.addAll(settings);
            TestingCli.Result result = TestingCli.optaic(env, args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode printed = JSON.readTree(result.out());
            for (String member : List.of(
                    "conventions",
                    "spec",
                    "timing",
                    "dates",
                    "assets",
                    "net",
                    "gross",
                    "fills",
                    "open_trades",
                    "signal")) {
                // jsonb keeps numbers as decimals: compare both as this mapper reads their text.
                assertThat(JSON.readTree(printed.get(member).toString()))
                        .as(source + " " + member)
                        .isEqualTo(JSON.readTree(recorded.get(member).toString()));
            }
        }
        assertThat(recorded.at("/net/trades").asInt()).isPositive();

        // The recorded run's tear sheet, from its output datasets.
        Path report = Files.createTempDirectory("optaic-report").resolve("run.html");
        TestingCli.Result written =
                TestingCli.optaic(env, "report", outcome.run().resource().id().toString(), "--out", report.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html.split("<svg class=\"chart ", -1)).hasSize(BacktestReport.SINGLE_CHARTS + 1 + 1);
        assertThat(html.contains("<td>sharpe</td><td>"
                        + Html.number(recorded.at("/net/sharpe").asDouble())))
                .isTrue();
        TestingCli.Result refused =
                TestingCli.optaic(env, "report", prices.resource().id().toString(), "--out", report.toString());
        assertThat(refused.exitCode()).isIn(2, 3);
        assertThat(recorded.at("/net/beta").isNumber()).isTrue();
    }
}
