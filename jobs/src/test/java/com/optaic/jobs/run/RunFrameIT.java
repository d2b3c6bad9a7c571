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
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs end to end on the embedded PostgreSQL: pipeline and experiment runs, failures, nightly appends, reproduce. */
class RunFrameIT {
    static Optaic optaic;
    static Actor user;
    static UUID project;
    static Instance market;
    static Run firstPipelineRun;

    @BeforeAll
    static void start() {
        optaic = TestingOptaic.open(TestingOptaic.newEnvironment());
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        market = TestingOptaic.syntheticDataset(optaic, user, project, "market", 40, 300);
        firstPipelineRun =
                run(market.resource().id(), RunTrigger.MANUAL, Optional.empty()).run();
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static RunOutcome run(UUID instance, RunTrigger trigger, Optional<LocalDate> nominalDate) {
        Run queued = optaic.frame().queue(user, instance, trigger, nominalDate, JsonNodeFactory.instance.objectNode());
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        return optaic.frame().launch(user, queued.resource().id());
    }

    @Test
    void aPipelineRunGoesFromQueuedToSucceededWithItsVersionLineageAndActivities() {
        Run run = firstPipelineRun;
        UUID runId = run.resource().id();
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.metrics().get("rows_added").asLong()).isEqualTo(40L * 300);
        assertThat(run.metrics().get("version").asInt()).isEqualTo(1);
        assertThat(run.metrics().get("code_version").asText()).isNotBlank();
        assertThat(run.metrics().get("timings").fieldNames()).toIterable().contains("resolve", "execute", "publish");
        List<DataVersion> outputs = optaic.store().runs().outputs(user, runId);
        assertThat(outputs).hasSize(1);
        DataVersion version = outputs.get(0);
        assertThat(version.rowCount()).isEqualTo(40L * 300);
        assertThat(version.producedByRun()).contains(runId);

        List<LineageEdge> down =
                optaic.store().lineage().walk(user, LineageQuery.downstream(LineageNode.resource(runId), 1));
        assertThat(down).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EdgeType.PRODUCED);
            assertThat(e.downstream()).isEqualTo(LineageNode.dataVersion(version.id()));
        });
        List<LineageEdge> up =
                optaic.store().lineage().walk(user, LineageQuery.upstream(LineageNode.resource(runId), 1));
        assertThat(up).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EdgeType.CONSUMED);
            assertThat(e.upstream().kind()).isEqualTo(LineageNode.Kind.DEFINITION_VERSION);
        });
        List<String> verbs = optaic.store().activities().forTarget(user, runId, PageRequest.first(50)).items().stream()
                .map(a -> a.verb())
                .toList();
        assertThat(verbs).contains("run.queued", "run.started", "run.metrics_recorded", "run.succeeded");
        List<StepRecord> steps = optaic.frame().steps(optaic.store().runs().get(user, runId));
        assertThat(steps).extracting(StepRecord::step).containsExactly("resolve", "execute", "publish");
        assertThat(steps).extracting(StepRecord::status).containsOnly("COMPLETED");
    }

    @Test
    void anExperimentRunEvaluatesItsExpressionsOverTheFrozenInputVersion() {
        Map<String, String> expressions = new LinkedHashMap<>();
        expressions.put("mom5", "close / delay(close, 5) - 1");
        expressions.put("alpha012", "(sign(delta(volume, 1)) * (-1 * delta(close, 1)))");
        Instance experiment = TestingOptaic.experiment(
                optaic, user, project, "momentum", market.resource().id(), expressions);
        RunOutcome outcome = run(experiment.resource().id(), RunTrigger.MANUAL, Optional.empty());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.snapshot().inputDataVersions()).hasSize(1);
        assertThat(run.metrics().get("rows").asLong()).isEqualTo(40L * 300);
        assertThat(run.metrics().at("/coverage/mom5").asDouble()).isBetween(0.9, 1.0);
        DataVersion results =
                optaic.store().runs().outputs(user, run.resource().id()).get(0);
        assertThat(results.manifest().schema().at("/fields").fieldNames())
                .toIterable()
                .containsExactly("mom5", "alpha012");
        List<LineageEdge> up =
                optaic.store().lineage().walk(user, LineageQuery.upstream(LineageNode.dataVersion(results.id()), 3));
        assertThat(up)
                .anySatisfy(e -> assertThat(e.upstream())
                        .isEqualTo(LineageNode.dataVersion(
                                run.snapshot().inputDataVersions().get(0))));

        RunOutcome again = optaic.frame().reproduce(user, run.resource().id());
        assertThat(again.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.run().metrics().get("identical").asBoolean()).isTrue();
        assertThat(optaic.store().runs().outputs(user, again.run().resource().id()))
                .isEmpty();
        assertThatThrownBy(() -> optaic.frame().restart(user, run.resource().id(), false))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("never run again");
    }

    @Test
    void aBadExpressionFailsTheRunWithTheParseErrorAndNoOutput() {
        Instance experiment = TestingOptaic.experiment(
                optaic, user, project, "broken", market.resource().id(), Map.of("bad", "rank(close"));
        UUID output = TestingOptaic.json(experiment.config().toString())
                        .get("output")
                        .asText()
                        .isEmpty()
                ? null
                : UUID.fromString(experiment.config().get("output").asText());
        RunOutcome outcome = run(experiment.resource().id(), RunTrigger.MANUAL, Optional.empty());
        Run run = outcome.run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error().orElseThrow())
                .startsWith("step 'resolve' failed: ")
                .contains("bad");
        assertThat(outcome.failure())
                .get()
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
        assertThat(optaic.store().runs().outputs(user, run.resource().id())).isEmpty();
        assertThat(optaic.store().dataVersions().versions(user, output)).isEmpty();
        assertThat(optaic.store()
                        .activities()
                        .forTarget(user, run.resource().id(), PageRequest.first(20))
                        .items())
                .extracting(a -> a.verb())
                .contains("run.failed");

        Instance unknownField = TestingOptaic.experiment(
                optaic, user, project, "typo", market.resource().id(), Map.of("x", "rank(closse)"));
        Run typo = run(unknownField.resource().id(), RunTrigger.MANUAL, Optional.empty())
                .run();
        assertThat(typo.status()).isEqualTo(RunStatus.FAILED);
        assertThat(typo.error().orElseThrow())
                .startsWith("step 'execute' failed: ")
                .containsIgnoringCase("closse");
        assertThat(typo.metrics().get("failed_step").asText()).isEqualTo("execute");
    }

    @Test
    void aNightlyRunAppendsOneDayOnceAndAReproductionIsIdentical() {
        Instance nightly = TestingOptaic.syntheticDataset(optaic, user, project, "nightly", 20, 100);
        Run first = run(nightly.resource().id(), RunTrigger.MANUAL, Optional.empty())
                .run();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        LocalDate last = LocalDate.parse(first.metrics().get("last_date").asText());
        LocalDate next = last.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        Run second = run(nightly.resource().id(), RunTrigger.SCHEDULE, Optional.of(next))
                .run();
        assertThat(second.status()).as("%s", second.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.metrics().get("rows_added").asLong()).isEqualTo(20);
        assertThat(second.metrics().get("last_date").asText()).isEqualTo(next.toString());
        assertThat(second.metrics().get("version").asInt()).isEqualTo(2);
        DataVersion v2 =
                optaic.store().runs().outputs(user, second.resource().id()).get(0);
        assertThat(v2.rowCount()).isEqualTo(20L * 101);
        assertThat(v2.manifest().files())
                .containsAll(optaic.store()
                        .runs()
                        .outputs(user, first.resource().id())
                        .get(0)
                        .manifest()
                        .files());
        LocalDate night = next;
        assertThatThrownBy(() -> optaic.frame()
                        .queue(
                                user,
                                nightly.resource().id(),
                                RunTrigger.SCHEDULE,
                                Optional.of(night),
                                JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(MetadataErrorCode.ALREADY_EXISTS));

        RunOutcome reproduction =
                optaic.frame().reproduce(user, second.resource().id());
        assertThat(reproduction.run().status())
                .as("%s", reproduction.run().error())
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(reproduction.run().metrics().get("identical").asBoolean()).isTrue();
        assertThat(optaic.store()
                        .dataVersions()
                        .versions(user, nightly.resource().id()))
                .hasSize(2);
    }

    @Test
    void aCompactionRunMergesTheNightlyFilesAndTheExperimentStillAppendsOnlyNewDays() {
        Instance prices = TestingOptaic.syntheticDataset(optaic, user, project, "compacted-prices", 20, 100);
        UUID pricesId = prices.resource().id();
        Run first = run(pricesId, RunTrigger.MANUAL, Optional.empty()).run();
        Instance experiment = TestingOptaic.experiment(
                optaic,
                user,
                project,
                "compacted-factors",
                pricesId,
                Map.of("z", "(close - MEAN(close, 20)) / STD(close, 20)"));
        assertThat(run(experiment.resource().id(), RunTrigger.MANUAL, Optional.empty())
                        .run()
                        .status())
                .isEqualTo(RunStatus.SUCCEEDED);
        LocalDate night = LocalDate.parse(first.metrics().get("last_date").asText());
        for (int i = 0; i < 3; i++) {
            night = nextBusinessDay(night);
            assertThat(run(pricesId, RunTrigger.SCHEDULE, Optional.of(night))
                            .run()
                            .status())
                    .isEqualTo(RunStatus.SUCCEEDED);
        }
        DataVersion beforeCompaction = com.optaic.jobs.data.StoreDatasets.latest(optaic.store(), user, pricesId)
                .orElseThrow();
        assertThat(beforeCompaction.manifest().files()).hasSize(4);

        Run compaction = runWith(pricesId, JsonNodeFactory.instance.objectNode().put("compact", true))
                .run();

        assertThat(compaction.status()).as("%s", compaction.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(compaction.metrics().get("files_before").asInt()).isEqualTo(4);
        assertThat(compaction.metrics().get("files_after").asInt()).isEqualTo(1);
        DataVersion compacted =
                optaic.store().runs().outputs(user, compaction.resource().id()).get(0);
        assertThat(compacted.version()).isEqualTo(5);
        assertThat(compacted.rowCount()).isEqualTo(beforeCompaction.rowCount()).isEqualTo(20L * 103);
        TestingOptaic.assertSameCells(read(compacted), read(beforeCompaction), java.util.Set.of());
        assertThat(runWith(pricesId, JsonNodeFactory.instance.objectNode().put("compact", true))
                        .run()
                        .metrics()
                        .get("files_after")
                        .asInt())
                .as("nothing left to merge")
                .isEqualTo(1);
        assertThat(optaic.store().dataVersions().versions(user, pricesId)).hasSize(5);
        assertThat(runWith(
                                pricesId,
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("compact", true)
                                        .put("rebuild", true))
                        .run()
                        .error())
                .get()
                .asString()
                .contains("ask for one of them");

        Run nightly = run(experiment.resource().id(), RunTrigger.SCHEDULE, Optional.of(night))
                .run();
        assertThat(nightly.status()).as("%s", nightly.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(nightly.metrics().get("mode").asText())
                .as("a compaction changes no row")
                .isEqualTo("append");
        assertThat(nightly.metrics().get("rows_added").asLong()).isEqualTo(3 * 20);

        RunOutcome reproduction =
                optaic.frame().reproduce(user, compaction.resource().id());
        assertThat(reproduction.run().metrics().get("identical").asBoolean()).isTrue();
    }

    private static RunOutcome runWith(UUID instance, com.fasterxml.jackson.databind.node.ObjectNode params) {
        Run queued = optaic.frame().queue(user, instance, RunTrigger.MANUAL, Optional.empty(), params);
        return optaic.frame().launch(user, queued.resource().id());
    }

    private static com.optaic.engine.data.Panel read(DataVersion version) {
        return com.optaic.jobs.data.StoreDatasets.read(
                optaic.storage(), com.optaic.jobs.data.StoreDatasets.toEngine(version));
    }

    private static LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    @Test
    void aNightlyExperimentAppendsOnlyTheNewDayAndEqualsAFullRecompute() {
        Instance prices = TestingOptaic.syntheticDataset(optaic, user, project, "nightly-prices", 30, 120);
        assertThat(run(prices.resource().id(), RunTrigger.MANUAL, Optional.empty())
                        .run()
                        .status())
                .isEqualTo(RunStatus.SUCCEEDED);
        Map<String, String> expressions = new LinkedHashMap<>();
        expressions.put("z20", "(close - MEAN(close, 20)) / STD(close, 20)");
        expressions.put("corr", "IndNeutralize(TS_CORR(RANK(close), RANK(volume), 10), IndClass.sector)");
        expressions.put("ema", "EMA(close, 5)");
        Instance experiment = TestingOptaic.experiment(
                optaic, user, project, "nightly-factors", prices.resource().id(), expressions);
        Run first = run(experiment.resource().id(), RunTrigger.MANUAL, Optional.empty())
                .run();
        assertThat(first.status()).as("%s", first.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.metrics().get("mode").asText()).isEqualTo("rebuild");

        LocalDate next =
                LocalDate.parse(first.metrics().get("last_date").asText()).plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        assertThat(run(prices.resource().id(), RunTrigger.SCHEDULE, Optional.of(next))
                        .run()
                        .status())
                .isEqualTo(RunStatus.SUCCEEDED);
        Run nightly = run(experiment.resource().id(), RunTrigger.SCHEDULE, Optional.of(next))
                .run();
        assertThat(nightly.status()).as("%s", nightly.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(nightly.metrics().get("mode").asText()).isEqualTo("append");
        assertThat(nightly.metrics().get("rows_added").asLong()).isEqualTo(30);
        assertThat(nightly.metrics().get("dates_computed").asInt()).isLessThan(121);
        DataVersion appended =
                optaic.store().runs().outputs(user, nightly.resource().id()).get(0);
        assertThat(appended.manifest().files())
                .containsAll(optaic.store()
                        .runs()
                        .outputs(user, first.resource().id())
                        .get(0)
                        .manifest()
                        .files());

        Instance fresh = TestingOptaic.experiment(
                optaic, user, project, "full-factors", prices.resource().id(), expressions);
        Run full =
                run(fresh.resource().id(), RunTrigger.MANUAL, Optional.empty()).run();
        assertThat(full.metrics().get("mode").asText()).isEqualTo("rebuild");
        var incremental = com.optaic.jobs.data.StoreDatasets.read(
                optaic.storage(), com.optaic.jobs.data.StoreDatasets.toEngine(appended));
        var recomputed = com.optaic.jobs.data.StoreDatasets.read(
                optaic.storage(),
                com.optaic.jobs.data.StoreDatasets.toEngine(optaic.store()
                        .runs()
                        .outputs(user, full.resource().id())
                        .get(0)));
        for (String name : List.of("z20", "corr")) {
            double[] a = incremental.requireNumeric(name);
            double[] b = recomputed.requireNumeric(name);
            assertThat(a.length).isEqualTo(b.length);
            for (int i = 0; i < a.length; i++) {
                assertThat(Double.doubleToLongBits(a[i]))
                        .as("%s cell %d", name, i)
                        .isEqualTo(Double.doubleToLongBits(b[i]));
            }
        }
        double[] ema = incremental.requireNumeric("ema");
        double[] emaFull = recomputed.requireNumeric("ema");
        for (int i = 0; i < ema.length; i++) {
            if (!Double.isNaN(emaFull[i])) {
                assertThat(ema[i]).isCloseTo(emaFull[i], org.assertj.core.data.Percentage.withPercentage(1e-10));
            }
        }

        RunOutcome reproduction =
                optaic.frame().reproduce(user, nightly.resource().id());
        assertThat(reproduction.run().status())
                .as("%s", reproduction.run().error())
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(reproduction.run().metrics().get("identical").asBoolean()).isTrue();
    }
}
