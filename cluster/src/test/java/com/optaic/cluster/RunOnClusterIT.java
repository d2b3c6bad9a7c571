package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.dataset.TestingHdfs;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.TestingEvaluations;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.engines.ClusterSettings;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs of the metadata store executed by {@code optaic run start --master spark://...} on the test cluster
 * ({@link TestingCluster}: a master and two worker JVMs), the driver being that command's own JVM (client mode) and
 * the run storage on HDFS ({@link TestingHdfs}). The reference of each is the same run executed in this JVM on
 * {@code local[2]}. The driver JVM names the HDFS by a logical nameservice ({@code hdfs://optaic-test-ns/root}) that
 * its {@code HADOOP_CONF_DIR}'s hdfs-site.xml maps to the NameNode; its executors, whose class path has no Hadoop
 * configuration, get that mapping only as {@code spark.hadoop.*} settings ({@code ClusterSettings}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunOnClusterIT {
    private static final Map<String, String> EXPRESSIONS = Map.of(
            "signal", "-1 * (close / delay(close, 5) - 1)",
            "z", "zscore(rank(delta(close, 5)))",
            "c", "ts_corr(rank(close), rank(volume), 10)");

    private static final String NAMESERVICE = "optaic-test-ns";

    private Map<String, String> env;
    private Map<String, String> driverEnv;
    private Path hadoopConf;
    private Optaic optaic;
    private Actor admin;
    private UUID project;
    private Instance market;

    @BeforeAll
    void start() throws IOException {
        String root = TestingHdfs.newRoot("run-on-cluster").toString();
        env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put(Storage.VARIABLE, root);
        optaic = TestingOptaic.open(env);
        admin = optaic.actor();
        project = TestingOptaic.workspace(optaic).project().id();
        market = TestingOptaic.syntheticDataset(optaic, admin, project, "market", 30, 260);
        Run pipeline = TestingOptaic.runNow(optaic, admin, market.resource().id());
        assertThat(pipeline.status()).as("%s", pipeline.error()).isEqualTo(RunStatus.SUCCEEDED);

        // The driver names the HDFS by a logical nameservice, which only the Hadoop configuration resolves
        hadoopConf = Files.createTempDirectory("optaic-hadoop-conf");
        String address = "localhost:" + TestingHdfs.cluster().getNameNodePort();
        Files.writeString(
                hadoopConf.resolve("hdfs-site.xml"),
                "<configuration>\n" + property("dfs.nameservices", NAMESERVICE)
                        + property("dfs.ha.namenodes." + NAMESERVICE, "nn1")
                        + property("dfs.namenode.rpc-address." + NAMESERVICE + ".nn1", address)
                        + property(
                                "dfs.client.failover.proxy.provider." + NAMESERVICE,
                                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider")
                        + "</configuration>\n",
                StandardCharsets.UTF_8);
        driverEnv = new HashMap<>(env);
        String path = root.substring(root.indexOf('/', "hdfs://".length()));
        driverEnv.put(Storage.VARIABLE, "hdfs://" + NAMESERVICE + path);
        driverEnv.put("HADOOP_CONF_DIR", hadoopConf.toString());
        driverEnv.put("SPARK_LOCAL_IP", "127.0.0.1");
        driverEnv.remove("OPTAIC_SPARK_MASTER");
        driverEnv.remove("SPARK_HOME");
    }

    private static String property(String name, String value) {
        return "  <property><name>" + name + "</name><value>" + value + "</value></property>\n";
    }

    @AfterAll
    void close() {
        if (optaic != null) {
            optaic.close();
        }
    }

    @Test
    void anExperimentAndA200CombinationSweepOnTheClusterEqualLocal() throws Exception {
        ClusterState cluster = TestingCluster.state();
        Instance reference = experiment("signals-local");
        Run local = TestingOptaic.runNow(optaic, admin, reference.resource().id());
        assertThat(local.status()).as("%s", local.error()).isEqualTo(RunStatus.SUCCEEDED);
        Instance onCluster = experiment("signals-cluster");
        Run remote = startOnCluster(cluster, onCluster);
        assertThat(remote.metrics().path("spark_master").asText()).isEqualTo(cluster.master());
        assertThat(hashes(remote, "signals-cluster")).isNotEmpty().isEqualTo(hashes(local, "signals-local"));
        assertRanOnBothWorkers(
                cluster, remote.metrics().path("spark_application_id").asText());

        Instance sweepLocal = sweep("grid-local");
        Run localSweep =
                TestingOptaic.runNow(optaic, admin, sweepLocal.resource().id());
        assertThat(localSweep.status()).as("%s", localSweep.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(localSweep.metrics().at("/sweep/combinations").asInt()).isEqualTo(200);
        Run remoteSweep = startOnCluster(cluster, sweep("grid-cluster"));
        assertThat(remoteSweep.metrics().at("/sweep/spark_master").asText()).isEqualTo(cluster.master());
        assertThat(hashes(remoteSweep, "grid-cluster")).hasSize(2).isEqualTo(hashes(localSweep, "grid-local"));
    }

    /**
     * Issue test 4: the driver ({@code run start} on the cluster) SIGKILLed while its executors run: the run stays
     * RUNNING with nothing published, {@code run status} shows it, and {@code run restart} (dead-executor recovery,
     * then a new attempt on the cluster) succeeds with the uninterrupted run's content hash.
     */
    @Test
    void aDriverKilledMidRunIsRestartedOnTheCluster() throws Exception {
        ClusterState cluster = TestingCluster.state();
        Instance reference = experiment("killed-local");
        Run local = TestingOptaic.runNow(optaic, admin, reference.resource().id());
        assertThat(local.status()).as("%s", local.error()).isEqualTo(RunStatus.SUCCEEDED);
        Instance instance = experiment("killed-cluster");
        UUID output = UUID.fromString(instance.config().get("output").asText());
        Set<String> before = applicationIds(TestingCluster.cluster().masterStatus(cluster));

        Process driver = driver("start", instance.resource().id().toString(), "--master", cluster.master());
        // SIGKILL once the driver's application has an executor (the run is then in its execute step)
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!hasExecutor(TestingCluster.cluster().masterStatus(cluster), before)) {
            assertThat(driver.isAlive())
                    .as("the driver ended before its application ran: %s", log(driver))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("an executor of the driver's application")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        driver.destroyForcibly();
        assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(driver.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Run killed = lastRun(instance);
        assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(optaic.store().runs().outputs(admin, killed.resource().id())).isEmpty();
        assertThat(StoreDatasets.latest(optaic.store(), admin, output))
                .as("no version visible")
                .isEmpty();

        Process restart = driver("restart", killed.resource().id().toString());
        assertThat(restart.waitFor(5, TimeUnit.MINUTES)).as("run restart ended").isTrue();
        assertThat(restart.exitValue()).as(log(restart)).isZero();
        assertThat(log(restart)).contains("SUCCEEDED");
        Run done = lastRun(instance);
        assertThat(done.resource().id()).isEqualTo(killed.resource().id());
        assertThat(done.status()).as("%s", done.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.attempt()).isGreaterThan(killed.attempt());
        assertThat(done.metrics().path("spark_master").asText()).isEqualTo(cluster.master());
        assertThat(hashes(done, "killed-cluster"))
                .as(describe(done, local))
                .isNotEmpty()
                .isEqualTo(hashes(local, "killed-local"));
        assertThat(optaic.frame().steps(done))
                .extracting(s -> s.step() + ":" + s.status())
                .containsExactly(
                        "resolve:COMPLETED",
                        "execute:FAILED",
                        "resolve:COMPLETED",
                        "execute:COMPLETED",
                        "publish:COMPLETED");
    }

    /**
     * {@code spark-submit optaic-cluster.jar run execute RUN_ID}: a QUEUED run executed by a driver spark-submit
     * started, on spark-submit's master (the run names none), the store reached by {@code OPTAIC_DB_URL}.
     */
    @Test
    void aQueuedRunExecutedThroughSparkSubmitRunsOnItsMaster() throws Exception {
        ClusterState cluster = TestingCluster.state();
        Instance instance = experiment("submitted");
        Run queued = optaic.frame()
                .queue(
                        admin,
                        instance.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode());
        Map<String, String> submitEnv = new HashMap<>(env);
        submitEnv.remove("OPTAIC_SPARK_MASTER");
        submitEnv.remove("SPARK_HOME");
        submitEnv.put("SPARK_LOCAL_IP", "127.0.0.1");
        int code = Main.run(
                new String[] {
                    "spark-submit",
                    "--master",
                    cluster.master(),
                    "--deploy-mode",
                    "client",
                    "--driver-memory",
                    "768m",
                    "--conf",
                    "spark.driver.host=127.0.0.1",
                    "--conf",
                    "spark.executor.memory=512m",
                    System.getProperty(SparkDistribution.JAR_PROPERTY),
                    "run",
                    "execute",
                    queued.resource().id().toString()
                },
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                submitEnv);
        assertThat(code).isZero();
        Run done = optaic.store().runs().get(admin, queued.resource().id());
        assertThat(done.status()).as("%s", done.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.metrics().path("spark_master").asText()).isEqualTo(cluster.master());
    }

    /** Whether an application not in {@code before} runs with at least one executor. */
    private static boolean hasExecutor(JsonNode master, Set<String> before) {
        for (JsonNode app : master.path("activeapps")) {
            if (!before.contains(app.path("id").asText()) && app.path("cores").asInt() > 0) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> applicationIds(JsonNode master) {
        Set<String> ids = new HashSet<>();
        for (String kind : List.of("activeapps", "completedapps")) {
            master.path(kind).forEach(app -> ids.add(app.path("id").asText()));
        }
        return ids;
    }

    private Run startOnCluster(ClusterState cluster, Instance instance) throws Exception {
        Process driver = driver("start", instance.resource().id().toString(), "--master", cluster.master());
        assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("run start ended").isTrue();
        assertThat(driver.exitValue()).as(log(driver)).isZero();
        Run run = lastRun(instance);
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    /**
     * The executors of the application ran on every live worker: both, unless SparkSubmitOnClusterIT's worker-kill
     * test ran first in this JVM and left one.
     */
    private static void assertRanOnBothWorkers(ClusterState cluster, String applicationId) {
        assertThat(applicationId).startsWith("app-");
        List<ClusterState.Worker> alive = cluster.workers().stream()
                .filter(w -> StandaloneCluster.isSparkDaemon(w.pid()))
                .toList();
        assertThat(alive).isNotEmpty();
        for (ClusterState.Worker worker : alive) {
            JsonNode status = TestingCluster.cluster().workerStatus(worker).orElseThrow();
            List<String> apps = new ArrayList<>();
            for (String kind : List.of("executors", "finishedexecutors")) {
                status.path(kind)
                        .forEach(executor -> apps.add(executor.path("appid").asText()));
            }
            assertThat(apps).as("executors of worker " + worker.webUi()).contains(applicationId);
        }
    }

    /** {@code optaic run ARGS} in a JVM of its own: the class path of this one, the driver's environment. */
    private Process driver(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(StandaloneCluster.JAVA_OPENS);
        command.add("-D" + ClusterSettings.JAR_PROPERTY + "=" + System.getProperty(SparkDistribution.JAR_PROPERTY));
        command.add("-Dspark.executor.memory=512m");
        command.add("-Dspark.driver.host=127.0.0.1");
        command.add("-cp");
        // HADOOP_CONF_DIR first, as bin/optaic would have it: the engine's test jar has an hdfs-site.xml of its own
        command.add(hadoopConf + File.pathSeparator + System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("run");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(driverEnv);
        Path log = Files.createTempFile("optaic-driver", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        logs.put(process.pid(), log);
        return process;
    }

    private final Map<Long, Path> logs = new HashMap<>();

    private String log(Process process) throws IOException {
        return Files.readString(logs.get(process.pid()), StandardCharsets.UTF_8);
    }

    private Run lastRun(Instance instance) {
        return optaic.store()
                .runs()
                .runsOf(admin, instance.resource().id(), PageRequest.first(1))
                .items()
                .get(0);
    }

    /** Per output (its dataset's name without the instance's prefix), the content hash the run published. */
    private Map<String, String> hashes(Run run, String prefix) {
        Map<String, String> hashes = new TreeMap<>();
        for (DataVersion version :
                optaic.store().runs().outputs(admin, run.resource().id())) {
            String name =
                    optaic.store().resources().get(admin, version.datasetId()).name();
            hashes.put(name.replace(prefix, ""), StoreDatasets.contentHash(StoreDatasets.toEngine(version)));
        }
        return hashes;
    }

    /** The files of each output of two runs, and which cells differ, for a failure's message. */
    private String describe(Run actual, Run expected) {
        StringBuilder text = new StringBuilder();
        List<DataVersion> a =
                optaic.store().runs().outputs(admin, actual.resource().id());
        List<DataVersion> e =
                optaic.store().runs().outputs(admin, expected.resource().id());
        for (List<DataVersion> versions : List.of(a, e)) {
            for (DataVersion version : versions) {
                VersionManifest manifest = StoreDatasets.toEngine(version);
                text.append(manifest.dataset())
                        .append(' ')
                        .append(manifest.schema())
                        .append('\n');
                manifest.files()
                        .forEach(f -> text.append("  ")
                                .append(f.path())
                                .append(' ')
                                .append(f.rows())
                                .append(' ')
                                .append(f.bytes())
                                .append(' ')
                                .append(f.sha256(), 0, 12)
                                .append('\n'));
            }
        }
        for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
            try {
                text.append("differences: ")
                        .append(TestingEvaluations.differences(
                                StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(a.get(i))),
                                StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(e.get(i))),
                                Set.of()))
                        .append('\n');
            } catch (RuntimeException ex) {
                text.append(ex).append('\n');
            }
        }
        return text.toString();
    }

    private Instance experiment(String name) {
        Instance instance = TestingOptaic.experiment(
                optaic, admin, project, name, market.resource().id(), EXPRESSIONS);
        ObjectNode config = instance.config().deepCopy();
        config.put("engine", "spark");
        return optaic.store()
                .instances()
                .update(admin, instance.resource().id(), instance.currentVersion(), config, Optional.empty());
    }

    /** A reversal signal's 200 combinations: 10 windows x 10 book sizes x 2 lags. */
    private Instance sweep(String name) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("prices", market.resource().id().toString());
        config.putObject("signal").put("expression", "-1 * (close / delay(close, {window}) - 1)");
        config.putObject("backtest")
                .put("rule", "top_bottom")
                .put("side", "long_short")
                .put("fill_price", "next_open")
                .put("rebalance", "weekly")
                .put("commission_bps", 2);
        config.putObject("metrics").put("preset", "optaic");
        ObjectNode grid = config.putObject("grid");
        for (int i = 0; i < 10; i++) {
            grid.withArray("window").add(3 + 2 * i);
            grid.withArray("n").add(2 + i);
        }
        grid.putArray("signal_lag").add(1).add(2);
        return optaic.store()
                .instances()
                .create(admin, new NewInstance(project, ResourceType.BacktestInstance, name, "", Map.of(), config));
    }
}
