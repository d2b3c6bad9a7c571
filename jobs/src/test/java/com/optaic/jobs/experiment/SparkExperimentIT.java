package com.optaic.jobs.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ExperimentRuns with {@code engine: spark}: the local engine's results bit for bit, the application id, cancel. */
class SparkExperimentIT {
    static final Map<String, String> EXPRESSIONS = Map.of(
            "alpha041", "(((high * low)^0.5) - vwap)",
            "z", "zscore(rank(delta(close, 5)))",
            "c", "correlation(rank(volume), rank(close), 10)",
            "n", "indneutralize(ts_rank(close, 20), IndClass.subindustry)",
            "m", "ts_median(close, 30) / close");
    static Map<String, String> env;
    static Optaic optaic;
    static Actor user;
    static UUID project;

    @BeforeAll
    static void start() {
        env = TestingOptaic.newEnvironment();
        optaic = TestingOptaic.open(env);
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static Instance market(String name, int assets, int days) {
        Instance market = TestingOptaic.syntheticDataset(optaic, user, project, name, assets, days);
        assertThat(run(market).status()).isEqualTo(RunStatus.SUCCEEDED);
        return market;
    }

    static Instance experiment(String name, Instance market, Map<String, String> expressions, String engine) {
        Instance instance = TestingOptaic.experiment(
                optaic, user, project, name, market.resource().id(), expressions);
        ObjectNode config = instance.config().deepCopy();
        config.put("engine", engine);
        return optaic.store()
                .instances()
                .update(user, instance.resource().id(), instance.currentVersion(), config, Optional.empty());
    }

    static Run queue(Instance instance) {
        return optaic.frame()
                .queue(
                        user,
                        instance.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode());
    }

    static Run run(Instance instance) {
        return optaic.frame().launch(user, queue(instance).resource().id()).run();
    }

    @Test
    void sparkRunsEqualLocalRunsBitForBitAndRecordTheApplicationId() {
        Instance market = market("market", 60, 260);
        Run local = run(experiment("local", market, EXPRESSIONS, "local"));
        Run spark = run(experiment("spark", market, EXPRESSIONS, "spark"));
        assertThat(local.status()).as("%s", local.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(spark.status()).as("%s", spark.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(local.metrics().get("engine").asText()).isEqualTo("local");
        assertThat(spark.metrics().get("engine").asText()).isEqualTo("spark");
        SparkContext context = SparkSession.getDefaultSession().get().sparkContext();
        assertThat(spark.metrics().get("spark_application_id").asText()).isEqualTo(context.applicationId());
        assertThat(local.metrics().has("spark_application_id")).isFalse();
        assertThat(spark.metrics().get("rows").asLong())
                .isEqualTo(local.metrics().get("rows").asLong())
                .isEqualTo(60L * 260);
        // Same cells bit for bit (NaN pattern included), and the same files: a Spark block per year, as the writer.
        TestingOptaic.assertSameCells(output(spark), output(local), Set.of());
        assertThat(spark.metrics().get("content_hash").asText())
                .isEqualTo(local.metrics().get("content_hash").asText());
        assertThat(spark.metrics().get("coverage")).isEqualTo(local.metrics().get("coverage"));
        assertThat(spark.metrics().get("last_date")).isEqualTo(local.metrics().get("last_date"));
    }

    @Test
    void aDateRangeOnSparkEqualsTheLocalEngineAndAnEmptyRangeIsAUserError() {
        Instance market = market("market-range", 30, 200);
        Map<String, String> expressions = Map.of("d", "delta(close, 5)", "r", "rank(volume)");
        Run local = run(ranged(experiment("range-local", market, expressions, "local"), "2010-03-01", "2010-06-30"));
        Run spark = run(ranged(experiment("range-spark", market, expressions, "spark"), "2010-03-01", "2010-06-30"));
        assertThat(local.status()).as("%s", local.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(spark.status()).as("%s", spark.error()).isEqualTo(RunStatus.SUCCEEDED);
        TestingOptaic.assertSameCells(output(spark), output(local), Set.of());
        assertThat(spark.metrics().get("content_hash"))
                .isEqualTo(local.metrics().get("content_hash"));
        assertThat(output(spark).date(0)).isAfterOrEqualTo(java.time.LocalDate.of(2010, 3, 1));

        for (String engine : List.of("local", "spark")) {
            Run empty = run(ranged(
                    experiment("range-empty-" + engine, market, expressions, engine), "1990-01-01", "1990-12-31"));
            assertThat(empty.status()).as(engine).isEqualTo(RunStatus.FAILED);
            assertThat(empty.error())
                    .get()
                    .asString()
                    .as(engine)
                    .contains("The experiment produced no rows")
                    .contains("1990-01-01..1990-12-31");
        }
    }

    static Instance ranged(Instance instance, String from, String to) {
        ObjectNode config = instance.config().deepCopy();
        config.put("from", from);
        config.put("to", to);
        return optaic.store()
                .instances()
                .update(user, instance.resource().id(), instance.currentVersion(), config, Optional.empty());
    }

    /** The output version a run published, read whole. */
    static Panel output(Run run) {
        return StoreDatasets.read(
                optaic.storage(),
                StoreDatasets.toEngine(
                        optaic.store().runs().outputs(user, run.resource().id()).get(0)));
    }

    @Test
    void runStartShowsStepsAndSparkTaskProgressAsPlainLinesWhenNotOnATerminal() {
        Instance experiment = experiment("cli", market("market-cli", 20, 120), Map.of("z", "rank(close)"), "spark");
        com.optaic.engine.spark.SparkSessions.getOrCreate("local[2]"); // running before the command: no task missed
        com.optaic.jobs.cli.TestingCli.Result result = com.optaic.jobs.cli.TestingCli.optaic(
                env, "run", "start", experiment.resource().id().toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> progress =
                result.err().lines().filter(l -> l.startsWith("progress: ")).toList();
        assertThat(progress)
                .as(result.err())
                .anyMatch(l -> l.matches("progress: ExperimentRun \\S+: resolve"))
                .anyMatch(l -> l.matches("progress: ExperimentRun \\S+: execute"))
                .anyMatch(l -> l.matches("progress: ExperimentRun \\S+: (execute|publish)  spark tasks \\d+/\\d+"))
                .anyMatch(l -> l.matches("progress: ExperimentRun \\S+: publish.*"));
        assertThat(progress)
                .as("no terminal control characters")
                .noneMatch(l -> l.contains("\r") || l.contains("\u001b"));
        assertThat(result.out()).contains("status:      SUCCEEDED");
    }

    @Test
    void anUnknownEngineFailsResolveAsAUserError() {
        Run run = run(experiment("bad-engine", market("market-small", 5, 40), Map.of("x", "close"), "gpu"));
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error())
                .get()
                .asString()
                .contains("step 'resolve' failed")
                .contains("config 'engine' is 'gpu'; known engines: local, spark");
    }

    @Test
    void cancellingARunningSparkRunCancelsItsJobGroup() {
        Instance market = market("market-big", 600, 2000);
        Instance slow = experiment(
                "slow",
                market,
                Map.of("m", "ts_median(close, 250)", "v", "ts_median(volume, 250)", "r", "ts_rank(close, 250)"),
                "spark");
        UUID runId = queue(slow).resource().id();
        String group = "optaic-ExperimentRun-" + runId;
        List<Object> jobEnds = new CopyOnWriteArrayList<>();
        AtomicReference<String> startedGroup = new AtomicReference<>();
        SparkContext context = SparkSession.getDefaultSession().get().sparkContext();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String jobGroup = start.properties().getProperty("spark.jobGroup.id");
                if (group.equals(jobGroup) && startedGroup.compareAndSet(null, jobGroup)) {
                    optaic.frame().cancel(user, runId); // as `optaic run cancel` would, from this process
                }
            }

            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                jobEnds.add(end.jobResult());
            }
        };
        context.addSparkListener(listener);
        Run run;
        try {
            run = optaic.frame().launch(user, runId).run();
        } finally {
            context.removeSparkListener(listener);
        }
        assertThat(startedGroup.get()).as("the work ran in the run's job group").isEqualTo(group);
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error()).get().asString().startsWith("cancelled in step 'execute'");
        assertThat(jobEnds).as("the Spark job was stopped, not finished").anyMatch(JobFailed.class::isInstance);
        UUID output = ExperimentRunType.datasetId(slow.config(), "output");
        assertThat(StoreDatasets.latest(optaic.store(), user, output)).isEmpty();
    }
}
