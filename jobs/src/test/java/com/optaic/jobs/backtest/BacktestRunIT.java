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
        Map<String, String> env = new java.util.HashMap<>(TestingOptaic.newEnvironment());
        env.put("OPTAIC_SPARK_MASTER", "local[2]");
        env.put("OPTAIC_SWEEP_MAX_COMBINATIONS", "20");
        optaic = TestingOptaic.open(env);
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        market = TestingOptaic.syntheticDataset(optaic, user, project, "market", 30, 260);
        Run pipeline = run(market.resource().id()).run();
        assertThat(pipeline.status()).as("%s", pipeline.error()).isEqualTo(RunStatus.SUCCEEDED);
        prices = StoreDatasets.latest(optaic.store(), user, market.resource().id())
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static RunOutcome run(UUID instance) {
        Run queued = optaic.frame()
                .queue(user, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        return optaic.frame().launch(user, queued.resource().id());
    }

    static UUID dataset(String name) {
        return optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project, ResourceType.DatasetInstance, name, "", Map.of(), TestingOptaic.json("{}")))
                .resource()
                .id();
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
        for (BacktestConfig.Output output : BacktestConfig.Output.of(false)) {
            outputs.put(output.label(), "");
        }
        edit.accept(config);
        // Only a config that still names its outputs gets datasets made for them here.
        if (config.get("outputs") == outputs) {
            outputs.fieldNames()
                    .forEachRemaining(label ->
                            outputs.put(label, dataset(name + "-" + label).toString()));
        }
        return optaic.store()
                .instances()
                .create(user, new NewInstance(project, ResourceType.BacktestInstance, name, "", Map.of(), config));
    }

    @Test
    void aBacktestRunPublishesEveryOutputWithItsMetricsAndLineage() {
        Instance instance = backtest("reversal", c -> {});
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
        Panel series = StoreDatasets.read(
                optaic.frame().storage(),
                StoreDatasets.toEngine(optaic.store().dataVersions().get(user, seriesId, 1)));
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
        assertThat(metrics.at("/gross/total_return").asDouble())
                .isGreaterThan(metrics.at("/net/total_return").asDouble());
        assertThat(metrics.at("/net/periods").asInt()).isEqualTo(260);
        assertThat(metrics.at("/net/beta").isNumber()).isTrue();
        assertThat(metrics.at("/net/trades").asInt()).isPositive();
        assertThat(metrics.at("/net/turnover").asDouble()).isPositive();
        assertThat(metrics.at("/conventions/risk_free_rate").asDouble()).isEqualTo(0.02);
        assertThat(metrics.at("/conventions/rules/risk_free_per_period").asText())
                .isEqualTo("(1+rf)^(1/A)-1");
        assertThat(metrics.at("/timing/signal_lag").asInt()).isEqualTo(1);
        assertThat(metrics.at("/timing/fill_price").asText()).isEqualTo("next_open");
        assertThat(metrics.at("/spec/commission_bps").asText()).isEqualTo("2.0");
        for (String h : List.of("h1", "h5", "h10")) {
            assertThat(metrics.at("/signal/" + h + "/rank_ic/dates").asInt())
                    .as(h)
                    .isGreaterThan(200);
            assertThat(metrics.at("/signal/" + h + "/quantile_mean_returns").size())
                    .isEqualTo(5);
        }

        assertLineage(runId, List.of(prices), outputs);
        List<String> verbs = optaic.store().activities().forTarget(user, runId, PageRequest.first(50)).items().stream()
                .map(a -> a.verb())
                .toList();
        assertThat(verbs).contains("run.queued", "run.started", "run.succeeded");

        RunOutcome again = optaic.frame().reproduce(user, runId);
        assertThat(again.run().status()).as("%s", again.run().error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.run().metrics().get("identical").asBoolean()).isTrue();
    }

    /** The run consumed these versions and produced those. */
    private static void assertLineage(UUID runId, List<DataVersion> consumed, List<DataVersion> produced) {
        List<LineageEdge> up =
                optaic.store().lineage().walk(user, LineageQuery.upstream(LineageNode.resource(runId), 1));
        for (DataVersion input : consumed) {
            assertThat(up).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(EdgeType.CONSUMED);
                assertThat(e.upstream()).isEqualTo(LineageNode.dataVersion(input.id()));
            });
        }
        List<LineageEdge> down =
                optaic.store().lineage().walk(user, LineageQuery.downstream(LineageNode.resource(runId), 1));
        assertThat(produced).isNotEmpty();
        for (DataVersion output : produced) {
            assertThat(down).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(EdgeType.PRODUCED);
                assertThat(e.downstream()).isEqualTo(LineageNode.dataVersion(output.id()));
            });
        }
    }

    private static Panel read(Instance instance, String output) {
        UUID dataset =
                UUID.fromString(instance.config().at("/outputs/" + output).asText());
        return StoreDatasets.read(
                optaic.frame().storage(),
                StoreDatasets.toEngine(
                        StoreDatasets.latest(optaic.store(), user, dataset).orElseThrow()));
    }

    @Test
    void aSignalFromADatasetFieldTradesLikeTheSameExpression() {
        // The experiment's published column, read back as a dataset field, gives the same backtest.
        Instance experiment = TestingOptaic.experiment(
                optaic,
                user,
                project,
                "reversal-signal",
                market.resource().id(),
                Map.of("rev5", "-1 * (close / delay(close, 5) - 1)"));
        assertThat(run(experiment.resource().id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
        UUID signalDataset = UUID.fromString(experiment.config().get("output").asText());
        Run byExpression =
                run(backtest("by-expression", c -> {}).resource().id()).run();
        Run byField = run(backtest(
                                "by-field",
                                c -> c.putObject("signal")
                                        .put("dataset", signalDataset.toString())
                                        .put("field", "rev5"))
                        .resource()
                        .id())
                .run();
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
        Instance badBenchmark =
                backtest("bad-benchmark", c -> c.putObject("benchmark").put("asset", "NOPE"));
        assertFailsNaming(badBenchmark, "'benchmark.asset'", "NOPE");
    }

    private static void assertFailsNaming(Instance instance, String member, String detail) {
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error().orElseThrow())
                .contains("BacktestInstance config " + member)
                .contains(detail);
        assertThat(outcome.failure())
                .get()
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
        assertThat(optaic.store().runs().outputs(user, run.resource().id())).isEmpty();
        instance.config()
                .get("outputs")
                .forEach(id -> assertThat(optaic.store().dataVersions().versions(user, UUID.fromString(id.asText())))
                        .isEmpty());
    }

    /** A sweep of the reversal over its window and the portfolio's size and lag, writing to datasets it creates. */
    static Instance sweep(String name, Consumer<ObjectNode> grid) {
        return backtest(name, c -> {
            c.remove("outputs");
            c.remove("benchmark");
            c.putObject("signal").put("expression", "-1 * (close / delay(close, {window}) - 1)");
            ((ObjectNode) c.get("backtest")).remove("n");
            grid.accept(c.putObject("grid"));
        });
    }

    @Test
    void aSweepRunPublishesOneMetricsRowPerCombinationEqualToItsOwnBacktest() {
        Instance instance = sweep("reversal-grid", g -> {
            g.putArray("window").add(5).add(10);
            g.putArray("n").add(3).add(5);
            g.putArray("signal_lag").add(1).add(2);
        });
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        JsonNode metrics = run.metrics();
        assertThat(metrics.at("/sweep/combinations").asInt()).isEqualTo(8);
        assertThat(metrics.at("/sweep/signals").asInt()).isEqualTo(2);
        assertThat(metrics.at("/grid/window").toString()).isEqualTo("[\"5\",\"10\"]");
        assertThat(metrics.at("/spec/n").isMissingNode()).isTrue();
        assertThat(metrics.at("/spec/commission_bps").asText()).isEqualTo("2.0");

        // Created by the run under the instance's project, by name.
        UUID table = dataset(project, "reversal-grid-sweep-metrics");
        UUID curves = dataset(project, "reversal-grid-sweep-equity");
        Panel rows = latest(table);
        Panel equity = latest(curves);
        assertThat(rows.assets())
                .containsExactly("c00000", "c00001", "c00002", "c00003", "c00004", "c00005", "c00006", "c00007");
        assertThat(rows.dateCount()).isEqualTo(1);
        assertThat(equity.dateCount()).isEqualTo(260);

        // Grid order: window slowest, then n, then signal_lag. Each row equals the same settings simulated alone,
        // and two of them equal single (non-sweep) BacktestRuns of the same config through the frame.
        String[] metricNames = {
            "total_return",
            "cagr",
            "annual_volatility",
            "sharpe",
            "sortino",
            "max_drawdown",
            "calmar",
            "hit_rate",
            "annual_turnover"
        };
        int c = 0;
        for (int window : new int[] {5, 10}) {
            for (int n : new int[] {3, 5}) {
                for (int lag : new int[] {1, 2}) {
                    int combination = c++;
                    assertThat(rows.requireNumeric("window")[combination]).isEqualTo(window);
                    assertThat(rows.requireNumeric("n")[combination]).isEqualTo(n);
                    assertThat(rows.requireNumeric("signal_lag")[combination]).isEqualTo(lag);
                    JsonNode alone = alone(window, n, lag);
                    for (String metric : metricNames) {
                        double value = rows.requireNumeric(metric)[combination];
                        JsonNode expected = alone.at("/net/" + metric);
                        if (expected.isNull()) {
                            assertThat(value).as("c%d %s", combination, metric).isNaN();
                        } else {
                            assertThat(value).as("c%d %s", combination, metric).isEqualTo(expected.asDouble());
                        }
                    }
                }
            }
        }
        for (int combination : new int[] {0, 7}) {
            int window = combination < 4 ? 5 : 10;
            int n = combination % 4 < 2 ? 3 : 5;
            int lag = combination % 2 == 0 ? 1 : 2;
            Instance single = backtest("single-" + combination, cfg -> {
                cfg.remove("outputs");
                cfg.putObject("signal").put("expression", "-1 * (close / delay(close, " + window + ") - 1)");
                ((ObjectNode) cfg.get("backtest")).put("n", n).put("signal_lag", lag);
            });
            Run singleRun = run(single.resource().id()).run();
            assertThat(singleRun.status()).as("%s", singleRun.error()).isEqualTo(RunStatus.SUCCEEDED);
            for (String metric : metricNames) {
                assertThat(rows.requireNumeric(metric)[combination])
                        .as("c%d %s", combination, metric)
                        .isEqualTo(singleRun.metrics().at("/net/" + metric).asDouble());
            }
            double[] singleEquity = latest(dataset(project, "single-" + combination + "-series"))
                    .requireNumeric("equity");
            double[] sweepEquity = java.util.Arrays.copyOfRange(
                    equity.requireNumeric("equity"), combination * 260, combination * 260 + 260);
            assertThat(sweepEquity).isEqualTo(singleEquity);
        }

        UUID runId = run.resource().id();
        List<DataVersion> outputs = optaic.store().runs().outputs(user, runId);
        assertThat(outputs).extracting(DataVersion::datasetId).containsExactlyInAnyOrder(table, curves);
        assertLineage(runId, List.of(prices), outputs);
        assertThat(optaic.store().activities().forTarget(user, runId, PageRequest.first(50)).items().stream()
                        .map(a -> a.verb())
                        .toList())
                .contains("run.queued", "run.started", "run.succeeded");

        RunOutcome reproduced = optaic.frame().reproduce(user, runId);
        assertThat(reproduced.run().status()).as("%s", reproduced.run().error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(reproduced.run().metrics().get("identical").asBoolean()).isTrue();

        // A second run reuses the datasets the first created: their second versions.
        Run again = run(instance.resource().id()).run();
        assertThat(again.status()).as("%s", again.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(optaic.store().runs().outputs(user, again.resource().id()))
                .allSatisfy(v -> assertThat(v.version()).isEqualTo(2))
                .extracting(DataVersion::datasetId)
                .containsExactlyInAnyOrder(table, curves);
    }

    /**
     * The net metrics of one combination computed apart from the sweep: its signal evaluated, simulated and
     * measured with the run's conventions, as a single BacktestRun does.
     */
    private static JsonNode alone(int window, int n, int lag) {
        Panel panel = latest(market.resource().id());
        com.optaic.engine.backtest.MarketData data = com.optaic.engine.backtest.MarketData.of(panel);
        com.optaic.engine.backtest.SignalBook book = com.optaic.engine.backtest.SignalBook.evaluate(
                data, panel, "signal = -1 * (close / delay(close, " + window + ") - 1)", "signal");
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of(
                "rule",
                "top_bottom",
                "side",
                "long_short",
                "fill_price",
                "next_open",
                "rebalance",
                "weekly",
                "commission_bps",
                "2",
                "half_spread_bps",
                "3",
                "borrow_bps",
                "50"));
        settings.put("n", Integer.toString(n));
        settings.put("signal_lag", Integer.toString(lag));
        com.optaic.engine.backtest.BacktestPath path = new com.optaic.engine.backtest.Simulator(data)
                .run(book, com.optaic.engine.backtest.BacktestSpec.parse(settings))
                .path();
        java.time.LocalDate[] dates = java.util.Arrays.stream(path.epochDays())
                .mapToObj(java.time.LocalDate::ofEpochDay)
                .toArray(java.time.LocalDate[]::new);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set(
                "net",
                com.optaic.engine.backtest.metrics.PerformanceMetrics.compute(
                                com.optaic.engine.backtest.metrics.PerformanceInput.of(dates, path.netReturns())
                                        .withTurnover(path.turnover()),
                                new com.optaic.engine.backtest.metrics.MetricConventions(
                                        com.optaic.engine.backtest.metrics.MetricPreset.OPTAIC,
                                        252,
                                        0.02,
                                        List.of(1, 5, 10),
                                        5))
                        .toJson());
        return out;
    }

    private static UUID dataset(UUID parent, String name) {
        return optaic.store()
                .resources()
                .findChild(user, parent, name)
                .orElseThrow(() -> new AssertionError("no dataset " + name))
                .id();
    }

    private static Panel latest(UUID dataset) {
        return StoreDatasets.read(
                optaic.frame().storage(),
                StoreDatasets.toEngine(
                        StoreDatasets.latest(optaic.store(), user, dataset).orElseThrow()));
    }

    @Test
    void aGridAboveTheCapOrWithABadValueFailsTheRunNamingIt() {
        Instance big = sweep("too-big", g -> {
            g.putArray("window").add(5).add(10).add(20);
            g.putArray("n").add(2).add(3).add(4).add(5);
            g.putArray("signal_lag").add(1).add(2);
        });
        RunOutcome outcome = run(big.resource().id());
        assertThat(outcome.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.run().error().orElseThrow())
                .contains("BacktestInstance config 'grid' has 24 combinations "
                        + "(3 window x 4 n x 2 signal_lag); a run accepts at most 20 (OPTAIC_SWEEP_MAX_COMBINATIONS)");
        assertThat(optaic.store().resources().findChild(user, project, "too-big-sweep-metrics"))
                .isEmpty();

        Instance badValue = sweep("bad-n", g -> {
            g.putArray("window").add(5);
            g.putArray("n").add(3).add(5).add(-1);
        });
        Run failed = run(badValue.resource().id()).run();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error().orElseThrow())
                .contains("BacktestInstance config 'grid.n[2]'")
                .contains("n='-1'");
        assertThat(optaic.store().runs().outputs(user, failed.resource().id())).isEmpty();

        // Each value is fine alone; together, a same-bar fill without allow_same_bar is refused.
        Instance clash = sweep("clash", g -> {
            g.putArray("window").add(5);
            g.putArray("signal_lag").add(0).add(1);
            g.putArray("allow_same_bar").add(true).add(false);
        });
        Run clashed = run(clash.resource().id()).run();
        assertThat(clashed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(clashed.error().orElseThrow())
                .contains("BacktestInstance config 'grid': Grid combination 1")
                .contains("allow_same_bar");
    }

    @Test
    void withoutOutputsASingleRunCreatesItsDatasetsOnceAndReusesThem() {
        Instance instance = backtest("self-contained", c -> c.remove("outputs"));
        Run first = run(instance.resource().id()).run();
        assertThat(first.status()).as("%s", first.error()).isEqualTo(RunStatus.SUCCEEDED);
        Run second = run(instance.resource().id()).run();
        assertThat(second.status()).as("%s", second.error()).isEqualTo(RunStatus.SUCCEEDED);
        for (BacktestConfig.Output output : BacktestConfig.Output.of(false)) {
            UUID dataset = dataset(project, "self-contained-" + output.label());
            assertThat(first.metrics().at("/outputs/" + output.label()).asText())
                    .isEqualTo(dataset.toString());
            assertThat(second.metrics().at("/outputs/" + output.label()).asText())
                    .isEqualTo(dataset.toString());
            assertThat(optaic.store().dataVersions().versions(user, dataset)).hasSize(2);
        }
        assertThat(first.metrics().get("net")).isEqualTo(second.metrics().get("net"));
    }

    @Test
    void aPortfolioOptimizationRunsRollingWeightsAreTheTargetWeightsOfABacktest() {
        UUID mvo = optaic.store()
                .definitions()
                .latestDeployed(user, "portfolio.mvo")
                .orElseThrow()
                .id();
        UUID weightsDataset = dataset("min-vol-weights");
        Instance optimizer = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project,
                                ResourceType.PortfolioOptimizerInstance,
                                "min-vol",
                                "",
                                Map.of("optimizer", mvo),
                                TestingOptaic.json("{\"input\": \""
                                        + market.resource().id() + "\", \"output\": \"" + weightsDataset
                                        + "\", \"window\": 60, \"optimizer\": {\"method\": \"min_volatility\"}}")));
        Run optimization = run(optimizer.resource().id()).run();
        assertThat(optimization.status()).as("%s", optimization.error()).isEqualTo(RunStatus.SUCCEEDED);
        DataVersion weightsVersion = optaic.store()
                .runs()
                .outputs(user, optimization.resource().id())
                .get(0);
        Panel weights = latest(weightsDataset);
        assertThat(weights.dateCount()).isGreaterThan(5);

        Instance instance = backtest("min-vol-backtest", c -> {
            c.remove("outputs");
            c.putObject("signal")
                    .put("dataset", weightsDataset.toString())
                    .put("field", "weight")
                    .put("version", weightsVersion.version());
            ObjectNode spec = c.putObject("backtest");
            spec.put("rule", "weights");
            spec.put("side", "long_only");
            spec.put("fill_price", "next_close");
            spec.put("rebalance", "on_change");
        });
        RunOutcome outcome = run(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.snapshot().inputDataVersions()).contains(weightsVersion.id());
        assertLineage(
                run.resource().id(),
                List.of(prices, weightsVersion),
                optaic.store().runs().outputs(user, run.resource().id()));

        // Without costs, each month end's weights are held exactly at the close of the next bar, where they fill.
        Panel positions = latest(dataset(project, "min-vol-backtest-positions"));
        double[] held = positions.requireNumeric("weight");
        double[] target = weights.requireNumeric("weight");
        int checked = 0;
        for (int t = 0; t < weights.dateCount(); t++) {
            int row = java.util.Arrays.binarySearch(positions.epochDays(), weights.epochDays()[t]) + 1;
            if (row <= 0 || row >= positions.dateCount()) {
                continue;
            }
            for (int a = 0; a < weights.assetCount(); a++) {
                int p = java.util.Arrays.asList(positions.assets()).indexOf(weights.assets()[a]);
                double h = positions.presence()[p * positions.dateCount() + row]
                        ? held[p * positions.dateCount() + row]
                        : 0;
                assertThat(h)
                        .as("%s %s", weights.date(t), weights.assets()[a])
                        .isCloseTo(target[a * weights.dateCount() + t], within(1e-9));
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(weights.dateCount() - 1);

        // The same weights swept over the lag: a field signal varies settings only; lag 1 is the run above.
        Instance sweep = backtest("min-vol-lags", c -> {
            c.setAll((ObjectNode) instance.config().deepCopy());
            c.remove("outputs");
            c.putObject("grid").putArray("signal_lag").add(1).add(3);
        });
        Run swept = run(sweep.resource().id()).run();
        assertThat(swept.status()).as("%s", swept.error()).isEqualTo(RunStatus.SUCCEEDED);
        Panel rows = latest(dataset(project, "min-vol-lags-sweep-metrics"));
        assertThat(rows.requireNumeric("signal_lag")).containsExactly(1, 3);
        assertThat(rows.requireNumeric("total_return")[0])
                .isEqualTo(run.metrics().at("/net/total_return").asDouble());
        assertThat(rows.requireNumeric("total_return")[1]).isNotEqualTo(rows.requireNumeric("total_return")[0]);
    }
}
