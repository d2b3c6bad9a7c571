package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.TestingEvaluations;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly jar submitted with {@code optaic spark-submit} to a real standalone master and two worker JVMs
 * ({@link TestingCluster}): its output equals the in-process evaluation cell by cell, its executors ran on
 * both workers, and it survives a worker killed mid-job. The worker-kill test runs last: it leaves one worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkSubmitOnClusterIT {
    private static final Path ALPHAS = Path.of("../../shared/data/alpha101.tsv");

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void all101AlphasSubmittedToTheClusterEqualTheInProcessEvaluation() throws IOException {
        ClusterState state = TestingCluster.state();
        Path panel = dir.resolve("panel.parquet");
        new PanelWriter().write(SyntheticMarket.generate(200, 500, 11), panel);
        Path alphas = alpha101File();
        Set<String> appsBefore = applicationIds(TestingCluster.cluster().masterStatus(state));

        Path out = dir.resolve("alphas.parquet");
        long t0 = System.nanoTime();
        int code = submit(
                state,
                "alpha101",
                "eval",
                "--engine",
                "spark",
                "--data",
                panel.toString(),
                "--expr-file",
                alphas.toString(),
                "--block-dates",
                "60",
                "--out",
                out.toString());
        System.err.printf("alpha101 spark-submit on %s: %.1f s%n", state.master(), (System.nanoTime() - t0) / 1e9);
        assertThat(code).isZero();

        Path local = dir.resolve("local.parquet");
        StringWriter err = new StringWriter();
        int localCode = Main.run(
                new String[] {
                    "eval", "--data", panel.toString(), "--expr-file", alphas.toString(), "--out", local.toString()
                },
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                environment());
        assertThat(localCode).as(err.toString()).isZero();
        Panel fromCluster = new PanelReader().read(out);
        Panel inProcess = new PanelReader().read(local);
        assertThat(fromCluster.numericFields()).hasSize(101);
        assertThat(TestingEvaluations.differences(fromCluster, inProcess, Set.of()))
                .as("cells that differ")
                .isEmpty();

        JsonNode master = TestingCluster.cluster().masterStatus(state);
        List<JsonNode> finished = new ArrayList<>();
        for (JsonNode app : master.path("completedapps")) {
            if (!appsBefore.contains(app.path("id").asText())) {
                finished.add(app);
            }
        }
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).path("state").asText()).isEqualTo("FINISHED");
        String appId = finished.get(0).path("id").asText();
        for (ClusterState.Worker worker : state.workers()) {
            JsonNode status = TestingCluster.cluster().workerStatus(worker).orElseThrow();
            List<String> apps = new ArrayList<>();
            status.path("finishedexecutors")
                    .forEach(executor -> apps.add(executor.path("appid").asText()));
            assertThat(apps).as("executors of worker " + worker.webUi()).contains(appId);
        }
    }

    @Test
    @Order(2)
    void aWorkerKilledDuringTheJobDoesNotChangeTheResult() throws Exception {
        ClusterState state = TestingCluster.state();
        Path panel = dir.resolve("panel.parquet");
        new PanelWriter().write(SyntheticMarket.generate(300, 900, 5), panel);
        Path alphas = alpha101File();
        Path out = dir.resolve("alphas.parquet");

        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> submit(
                state,
                "alpha101-kill",
                "eval",
                "--engine",
                "spark",
                "--data",
                panel.toString(),
                "--expr-file",
                alphas.toString(),
                "--block-dates",
                "30",
                "--out",
                out.toString()));
        ClusterState.Worker victim = state.workers().get(1);
        // SIGKILL once the worker runs an executor of the job (its tasks then die with it)
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!runsExecutor(victim)) {
            assertThat(job)
                    .as("the job ended before an executor ran on the worker")
                    .isNotDone();
            assertThat(System.nanoTime()).as("an executor on the worker").isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(3000);
        assertThat(job).as("the job still runs when the worker is killed").isNotDone();
        ProcessHandle worker = ProcessHandle.of(victim.pid()).orElseThrow();
        List<ProcessHandle> executors = worker.descendants().toList();
        worker.destroyForcibly();
        worker.onExit().get(30, TimeUnit.SECONDS);
        assertThat(job.get(10, TimeUnit.MINUTES)).isZero();
        for (ProcessHandle executor : executors) {
            executor.onExit().get(60, TimeUnit.SECONDS);
        }

        Path local = dir.resolve("local.parquet");
        int localCode = Main.run(
                new String[] {
                    "eval", "--data", panel.toString(), "--expr-file", alphas.toString(), "--out", local.toString()
                },
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                environment());
        assertThat(localCode).isZero();
        assertThat(TestingEvaluations.differences(new PanelReader().read(out), new PanelReader().read(local), Set.of()))
                .as("cells that differ")
                .isEmpty();
    }

    private boolean runsExecutor(ClusterState.Worker worker) {
        return TestingCluster.cluster()
                .workerStatus(worker)
                .map(status -> status.path("executors").size() > 0)
                .orElse(false);
    }

    /** {@code optaic spark-submit} of the assembly jar in client mode, the driver on the loopback interface. */
    private int submit(ClusterState state, String name, String... command) {
        List<String> args = new ArrayList<>(List.of(
                "spark-submit",
                "--master",
                state.master(),
                "--deploy-mode",
                "client",
                "--name",
                name,
                "--driver-memory",
                "1g",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.executor.memory=512m",
                "--conf",
                "spark.executor.cores=1",
                System.getProperty(SparkDistribution.JAR_PROPERTY)));
        args.addAll(List.of(command));
        return Main.run(
                args.toArray(String[]::new),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                environment());
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("SPARK_HOME");
        environment.put("OPTAIC_HOME", dir.resolve("home").toString());
        return environment;
    }

    private static Set<String> applicationIds(JsonNode master) {
        Set<String> ids = new HashSet<>();
        for (String kind : List.of("activeapps", "completedapps")) {
            master.path(kind).forEach(app -> ids.add(app.path("id").asText()));
        }
        return ids;
    }

    private Path alpha101File() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> lines = Files.readAllLines(ALPHAS, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(101);
        for (String line : lines) {
            String[] parts = line.split("\t", 2);
            text.append(String.format("alpha%03d = %s%n", Integer.parseInt(parts[0].strip()), parts[1]));
        }
        Path file = dir.resolve("alpha101.expr");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
