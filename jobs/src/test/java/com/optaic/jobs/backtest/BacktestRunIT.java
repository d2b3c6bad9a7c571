package com.optaic.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BacktestRuns end to end through the run frame on the embedded PostgreSQL. */
class BacktestRunIT {
    static Optaic optaic;
    static Actor user;
    static UUID project;
    static Instance market;
    static DataVersion prices;

    @BeforeAll
    static void start() {
        optaic = TestingOptaic.open(TestingOptaic.newEnvironment());
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        market = TestingOptaic.syntheticDataset(optaic, user, project, "market", 30, 260);
        Run pipeline = run(market.resource().id()).run();
        assertThat(pipeline.status()).as("%s", pipeline.error()).isEqualTo(RunStatus.SUCCEEDED);
        prices = StoreDatasets.latest(optaic.store(), user, market.resource().id()).orElseThrow();
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static RunOutcome run(UUID instance) {
        Run queued = optaic.frame().queue(user, instance, RunTrigger.MANUAL, Optional.empty(),
                JsonNodeFactory.instance.objectNode());
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        return optaic.frame().launch(user, queued.resource().id());
    }

    static UUID dataset(String name) {
        return optaic.store().instances().create(user, new NewInstance(project, ResourceType.DatasetInstance, name,
                "", Map.of(), TestingOptaic.json("{}"))).resource().id();
    }

    /** A weekly long-short top/bottom 5 of 5-day reversal with costs, every output, a benchmark asset. */
    static Instance backtest(String name, Consumer<ObjectNode> edit) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("prices", market.resource().id().toString());
        config.putObject("signal").put("expression", "-1 * (close / delay(close, 5) - 1)");
        ObjectNode spec = config.putObject("backtest");
        spec.put("rule", "top_bottom");
        spec.put("n", 5);
        spec.put("side", "long_short");
        spec.put("fill_price", "next_open");
        spec.put("rebalance", "weekly");
        spec.put("commission_bps", 2);
        spec.put("half_spread_bps", 3);
        spec.put("borrow_bps", 50);
        config.putObject("metrics").put("preset", "optaic").put("risk_free_rate", 0.02);
        config.putObject("benchmark").put("asset", "A0001");
        ObjectNode outputs = config.putObject("outputs");
        for (BacktestConfig.Output output : BacktestConfig.Output.values()) {
            outputs.put(output.label(), dataset(name + "-" + output.label()).toString());
        }
        edit.accept(config);
        return optaic.store().instances().create(user, new NewInstance(project, ResourceType.BacktestInstance, name,
                "", Map.of(), config));
    }

    @Test
    void aBacktestRunPublishesEveryOutputWithItsMetricsAndLineage() {
        Instance instance = backtest("reversal", c -> { });
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        UUID runId = run.resource().id();
        JsonNode metrics = run.metrics();

        List<DataVersion> outputs = optaic.store().runs().outputs(user, runId);
        assertThat(outputs).hasSize(5).allSatisfy(v -> {
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.producedByRun()).contains(runId);
        });
        assertThat(metrics.get("output_versions").size()).isEqualTo(5);

        // The published series is what the metrics were computed from: recompute two of them from it.
        UUID seriesId = UUID.fromString(instance.config().at("/outputs/series").asText());
        Panel series = StoreDatasets.read(optaic.frame().storage(), StoreDatasets.toEngine(
                optaic.store().dataVersions().get(user, seriesId, 1)));
        assertThat(series.dateCount()).isEqualTo(260);
        double[] net = series.requireNumeric("net_return");
        double growth = 1;
        double worst = 0;
        double[] equity = series.requireNumeric("equity");
        double peak = 1e6;
        for (int t = 0; t < net.length; t++) {
            growth *= 1 + net[t];
            peak = Math.max(peak, equity[t]);
            worst = Math.min(worst, equity[t] / peak - 1);
        }
        assertThat(metrics.at("/net/total_return").asDouble()).isCloseTo(growth - 1, within(1e-12));
        // Every dollar of PnL belongs to a round trip: the trades table adds up to the equity's change.
        Panel trades = read(instance, "trades");
        double tradePnl = 0;
        double[] tradeNet = trades.requireNumeric("net_pnl");
        for (int i = 0; i < tradeNet.length; i++) {
            tradePnl += trades.presence()[i] ? tradeNet[i] : 0;
        }
        assertThat(tradePnl).isCloseTo(equity[equity.length - 1] - 1e6, within(1e-6 * 1e6));
        assertThat(read(instance, "fills").groupFields().get("reason").labels()).contains("rebalance");
        assertThat(read(instance, "positions").assetCount()).isEqualTo(30);
        assertThat(metrics.at("/net/max_drawdown").asDouble()).isCloseTo(worst, within(1e-12));
        assertThat(metrics.at("/gross/total_return").asDouble()).isGreaterThan(metrics.at("/net/total_return")
                .asDouble());
        assertThat(metrics.at("/net/periods").asInt()).isEqualTo(260);
        assertThat(metrics.at("/net/beta").isNumber()).isTrue();
        assertThat(metrics.at("/net/trades").asInt()).isPositive();
        assertThat(metrics.at("/net/turnover").asDouble()).isPositive();
        assertThat(metrics.at("/conventions/risk_free_rate").asDouble()).isEqualTo(0.02);
        assertThat(metrics.at("/conventions/rules/risk_free_per_period").asText()).isEqualTo("(1+rf)^(1/A)-1");
        assertThat(metrics.at("/timing/signal_lag").asInt()).isEqualTo(1);
        assertThat(metrics.at("/timing/fill_price").asText()).isEqualTo("next_open");
        assertThat(metrics.at("/spec/commission_bps").asText()).isEqualTo("2.0");
        for (String h : List.of("h1", "h5", "h10")) {
            assertThat(metrics.at("/signal/" + h + "/rank_ic/dates").asInt()).as(h).isGreaterThan(200);
            assertThat(metrics.at("/signal/" + h + "/quantile_mean_returns").size()).isEqualTo(5);
        }

        List<LineageEdge> up = optaic.store().lineage().walk(user, LineageQuery.upstream(LineageNode.resource(runId),
                1));
        assertThat(up).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EdgeType.CONSUMED);
            assertThat(e.upstream()).isEqualTo(LineageNode.dataVersion(prices.id()));
        });
        List<LineageEdge> down = optaic.store().lineage().walk(user,
                LineageQuery.downstream(LineageNode.resource(runId), 1));
        for (DataVersion output : outputs) {
            assertThat(down).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(EdgeType.PRODUCED);
                assertThat(e.downstream()).isEqualTo(LineageNode.dataVersion(output.id()));
            });
        }
        List<String> verbs = optaic.store().activities().forTarget(user, runId, PageRequest.first(50)).items().stream()
                .map(a -> a.verb()).toList();
        assertThat(verbs).contains("run.queued", "run.started", "run.succeeded");

        RunOutcome again = optaic.frame().reproduce(user, runId);
        assertThat(again.run().status()).as("%s", again.run().error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.run().metrics().get("identical").asBoolean()).isTrue();
    }

    private static Panel read(Instance instance, String output) {
        UUID dataset = UUID.fromString(instance.config().at("/outputs/" + output).asText());
        return StoreDatasets.read(optaic.frame().storage(), StoreDatasets.toEngine(
                StoreDatasets.latest(optaic.store(), user, dataset).orElseThrow()));
    }

    @Test
    void aSignalFromADatasetFieldTradesLikeTheSameExpression() {
        // The experiment's published column, read back as a dataset field, gives the same backtest.
        Instance experiment = TestingOptaic.experiment(optaic, user, project, "reversal-signal",
                market.resource().id(), Map.of("rev5", "-1 * (close / delay(close, 5) - 1)"));
        assertThat(run(experiment.resource().id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
        UUID signalDataset = UUID.fromString(experiment.config().get("output").asText());
        Run byExpression = run(backtest("by-expression", c -> { }).resource().id()).run();
        Run byField = run(backtest("by-field", c -> c.putObject("signal").put("dataset", signalDataset.toString())
                .put("field", "rev5")).resource().id()).run();
        assertThat(byField.status()).as("%s", byField.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(byField.snapshot().inputDataVersions()).hasSize(2);
        assertThat(byField.metrics().at("/net/total_return").asDouble())
                .isEqualTo(byExpression.metrics().at("/net/total_return").asDouble());
        assertThat(byField.metrics().at("/signal/h5/ic/mean").asDouble())
                .isEqualTo(byExpression.metrics().at("/signal/h5/ic/mean").asDouble());
    }

    @Test
    void aBadConfigFailsTheRunNamingTheFieldAndWritesNothing() {
        Instance badPreset = backtest("bad-preset", c -> c.putObject("metrics").put("preset", "pyfolio"));
        assertFailsNaming(badPreset, "'metrics'", "pyfolio");
        Instance sameBar = backtest("same-bar", c -> ((ObjectNode) c.get("backtest")).put("signal_lag", 0));
        assertFailsNaming(sameBar, "'backtest'", "allow_same_bar");
        Instance typo = backtest("typo", c -> ((ObjectNode) c.get("backtest")).put("comission_bps", 1));
        assertFailsNaming(typo, "'backtest'", "comission_bps");
        Instance badBenchmark = backtest("bad-benchmark", c -> c.putObject("benchmark").put("asset", "NOPE"));
        assertFailsNaming(badBenchmark, "'benchmark.asset'", "NOPE");
    }

    private static void assertFailsNaming(Instance instance, String member, String detail) {
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error().orElseThrow()).contains("BacktestInstance config " + member).contains(detail);
        assertThat(outcome.failure()).get().isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
        assertThat(optaic.store().runs().outputs(user, run.resource().id())).isEmpty();
        instance.config().get("outputs").forEach(id -> assertThat(optaic.store().dataVersions()
                .versions(user, UUID.fromString(id.asText()))).isEmpty());
    }
}
