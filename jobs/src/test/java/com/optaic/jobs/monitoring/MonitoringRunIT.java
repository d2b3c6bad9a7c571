package com.optaic.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Activity;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Alert;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MonitoringRuns end to end through the run frame on the embedded PostgreSQL: a dataset with planted drift
 * (a shifted mean, a widened variance, a new category value) next to a stable feature; alerts stored, listed,
 * logged and POSTed to a webhook on loopback, a failing webhook retried without failing the run.
 */
class MonitoringRunIT {
    static final int ASSETS = 60;
    static final int DATES = 120;
    static final int CURRENT_DAYS = 20;

    static Optaic optaic;
    static Map<String, String> env;
    static Actor user;
    static UUID project;
    static HttpServer server;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failingCalls = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        env = new HashMap<>(TestingOptaic.newEnvironment());
        optaic = TestingOptaic.open(env);
        TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
        user = workspace.user();
        project = workspace.project().id();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            failingCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        optaic.close();
    }

    /** Dates 1..DATES; the last CURRENT_DAYS dates drift for every feature but 'stable'. */
    static Path plantedCsv(String name) throws IOException {
        return plantedCsv(name, DATES);
    }

    static Path plantedCsv(String name, int dates) throws IOException {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("date,asset,stable,shift,widen,category\n");
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int t = 0; t < dates; t++) {
            boolean drifted = t >= DATES - CURRENT_DAYS;
            for (int a = 0; a < ASSETS; a++) {
                double stable = random.nextGaussian();
                double shift = random.nextGaussian() + (drifted ? 0.8 : 0);
                double widen = random.nextGaussian() * (drifted ? 3 : 1);
                int category = random.nextInt(drifted ? 4 : 3);
                csv.append(String.format(
                        Locale.ROOT,
                        "%s,A%03d,%.6f,%.6f,%.6f,%d%n",
                        first.plusDays(t),
                        a,
                        stable,
                        shift,
                        widen,
                        category));
            }
        }
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return file;
    }

    static Instance dataset(String name, String monitoring) throws IOException {
        Path csv = plantedCsv(name);
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(user, "pipeline.csv")
                .orElseThrow()
                .id();
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("pipeline").put("path", csv.toString());
        config.set("monitoring", TestingOptaic.json(monitoring));
        Instance instance = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project, ResourceType.DatasetInstance, name, "", Map.of("pipeline", pipeline), config));
        Run pipelineRun = TestingOptaic.runNow(optaic, user, instance.resource().id());
        assertThat(pipelineRun.status()).as("%s", pipelineRun.error()).isEqualTo(RunStatus.SUCCEEDED);
        return instance;
    }

    static RunOutcome monitor(UUID instance) {
        Run queued = optaic.frame()
                .queue(
                        user,
                        instance,
                        Optional.of(ResourceType.MonitoringRun),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode());
        return optaic.frame().launch(user, queued.resource().id());
    }

    @Test
    void plantedDriftIsFoundAlertedAndPostedAndTheStableFeatureIsNot() throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        Instance instance = dataset(
                "planted",
                "{\"reference\": {\"from\": \"2024-01-01\", \"to\": \"2024-03-20\"}, \"current\": {\"days\": 20},"
                        + " \"webhook\": \"" + url + "\"}");
        RunOutcome outcome = monitor(instance.resource().id());
        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        UUID runId = run.resource().id();
        JsonNode metrics = run.metrics();

        JsonNode features = metrics.get("features");
        assertThat(features.get("stable").get("drift").asBoolean()).isFalse();
        assertThat(features.get("stable").get("psi").asDouble()).isLessThan(0.1);
        assertThat(features.get("shift").get("drift").asBoolean()).isTrue();
        assertThat(features.get("widen").get("drift").asBoolean()).isTrue();
        assertThat(features.get("category").get("drift").asBoolean()).isTrue();
        assertThat(features.get("shift").get("method").asText()).isEqualTo("wasserstein");
        assertThat(metrics.get("n_features").asInt()).isEqualTo(4);
        assertThat(metrics.get("n_drifted").asInt()).isEqualTo(3);
        assertThat(metrics.get("dataset_drift").asBoolean()).isTrue();
        assertThat(metrics.get("current_window").asText()).isEqualTo("2024-04-10..2024-04-29");
        assertThat(metrics.get("reference_window").asText()).isEqualTo("2024-01-01..2024-03-20");

        // the drift table: one row per feature and the dataset row, dated on the current window's last date
        List<DataVersion> outputs = optaic.store().runs().outputs(user, runId);
        assertThat(outputs).hasSize(1);
        Panel table = StoreDatasets.read(optaic.frame().storage(), StoreDatasets.toEngine(outputs.get(0)));
        assertThat(table.assets()).containsExactly("_dataset", "category", "shift", "stable", "widen");
        assertThat(table.dateCount()).isOne();
        assertThat(table.date(0)).isEqualTo(LocalDate.of(2024, 4, 29));
        double[] drift = table.requireNumeric("drift");
        assertThat(drift).containsExactly(1, 1, 1, 0, 1);
        double[] outOfRange = table.requireNumeric("out_of_range_share");
        assertThat(outOfRange[1])
                .as("the new category value lies outside the reference")
                .isGreaterThan(0.2);
        assertThat(table.requireNumeric("n_current")[3]).isEqualTo(CURRENT_DAYS * ASSETS);

        // alerts: stored, listed under the project, logged, posted
        List<Alert> alerts = optaic.store().alerts().list(user, Optional.of(project), 100).stream()
                .filter(a -> a.runId().equals(runId))
                .toList();
        assertThat(alerts).isNotEmpty();
        assertThat(metrics.get("alerts").asInt()).isEqualTo(alerts.size());
        assertThat(alerts).noneMatch(a -> a.alert().feature().equals("stable"));
        assertThat(alerts)
                .anyMatch(a -> a.alert().feature().equals("shift")
                        && a.alert().metric().equals("psi")
                        && a.alert().severity().equals("alert")
                        && a.alert().threshold() == 0.25);
        assertThat(alerts)
                .anyMatch(a ->
                        a.alert().feature().equals("*") && a.alert().metric().equals("share_drifted"));
        assertThat(alerts)
                .allMatch(a -> a.alert()
                        .window()
                        .equals("current 2024-04-10..2024-04-29 vs reference 2024-01-01..2024-03-20"));
        List<Activity> activities = optaic.store()
                .activities()
                .forTarget(user, runId, PageRequest.first(500))
                .items();
        assertThat(activities.stream()
                        .filter(a -> a.verb().equals("alert.raised"))
                        .count())
                .isEqualTo(alerts.size());

        JsonNode posted = received.stream()
                .map(MonitoringRunIT::readJson)
                .filter(body -> body.get("run_id").asText().equals(runId.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no webhook call for run " + runId + ": " + received));
        assertThat(posted.get("alerts").size()).isEqualTo(alerts.size());
        assertThat(posted.get("instance_id").asText())
                .isEqualTo(instance.resource().id().toString());

        // the command line lists them
        TestingCli.Result listed = TestingCli.optaic(env, "alerts", "--under", project.toString(), "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        JsonNode rows = readJson(listed.out());
        assertThat(rows.size()).isGreaterThanOrEqualTo(alerts.size());

        // a second run over the same data has no new date to record: a user error, nothing published
        RunOutcome again = monitor(instance.resource().id());
        assertThat(again.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(again.run().error().orElse("")).contains("already holds the drift through 2024-04-29");
    }

    @Test
    void aFailingWebhookIsRetriedAndNeverFailsTheRun() throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/down";
        Instance instance = dataset(
                "down",
                "{\"reference\": {\"days\": 60}, \"features\": [\"shift\", \"stable\"], \"webhook\": \"" + url + "\"}");
        RunOutcome outcome = monitor(instance.resource().id());

        assertThat(outcome.run().status()).as("%s", outcome.run().error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(failingCalls.get()).isEqualTo(4);
        assertThat(outcome.run().metrics().get("reference_window").asText()).isEqualTo("2024-02-10..2024-04-09");
        assertThat(outcome.run().metrics().get("n_features").asInt()).isEqualTo(2);
        assertThat(optaic.store()
                        .alerts()
                        .list(user, Optional.of(instance.resource().id()), 100))
                .as("alerts are listed under the instance's runs")
                .isNotEmpty()
                .allMatch(a -> a.runId().equals(outcome.run().resource().id()));
    }

    @Test
    void aBadMonitoringConfigIsRefusedNamingTheMember() throws IOException {
        Instance instance = dataset("bad", "{\"reference\": {\"from\": \"2024-01-01\"}}");
        // refused when queued: inputsFor reads the config
        assertThatThrownBy(() -> monitor(instance.resource().id()))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("monitoring.reference")
                .hasMessageContaining("'to'");

        Instance unknown = dataset("unknown", "{\"reference\": {\"days\": 10}, \"features\": [\"nope\"]}");
        RunOutcome refused = monitor(unknown.resource().id());
        assertThat(refused.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.run().error().orElse("")).contains("'nope'").contains("stable");
    }

    @Test
    void aModelIsWatchedThroughItsPredictionsWithICAgainstRealisedReturns() throws IOException {
        // prices: a random walk per asset; predictions: the realised 1-date forward return plus noise, so IC > 0
        Random random = new Random(7);
        int assets = 40;
        int dates = 80;
        double[][] close = new double[dates][assets];
        for (int a = 0; a < assets; a++) {
            close[0][a] = 100;
            for (int t = 1; t < dates; t++) {
                close[t][a] = close[t - 1][a] * (1 + 0.02 * random.nextGaussian());
            }
        }
        StringBuilder prices = new StringBuilder("date,asset,close\n");
        StringBuilder predictions = new StringBuilder("date,asset,prediction\n");
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int t = 0; t < dates; t++) {
            for (int a = 0; a < assets; a++) {
                prices.append(String.format(Locale.ROOT, "%s,A%03d,%.8f%n", first.plusDays(t), a, close[t][a]));
                if (t + 1 < dates) {
                    double forward = close[t + 1][a] / close[t][a] - 1;
                    predictions.append(String.format(
                            Locale.ROOT,
                            "%s,A%03d,%.8f%n",
                            first.plusDays(t),
                            a,
                            forward + 0.01 * random.nextGaussian()));
                }
            }
        }
        UUID pricesId = csvDataset("model-prices", prices.toString());
        UUID predictionsId = csvDataset("model-predictions", predictions.toString());
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.set(
                "monitoring",
                TestingOptaic.json("{\"dataset\": \"" + predictionsId + "\", \"reference\": {\"days\": 40},"
                        + " \"current\": {\"days\": 20}, \"returns\": {\"dataset\": \"" + pricesId
                        + "\", \"field\": \"close\", \"horizon\": 1}}"));
        Instance model = optaic.store()
                .instances()
                .create(user, new NewInstance(project, ResourceType.ModelInstance, "model", "", Map.of(), config));

        RunOutcome outcome = monitor(model.resource().id());

        Run run = outcome.run();
        assertThat(run.status()).as("%s / %s", run.error(), outcome.failure()).isEqualTo(RunStatus.SUCCEEDED);
        JsonNode quality = run.metrics().get("prediction_quality");
        assertThat(quality.get("current").get("dates").asInt())
                .isEqualTo(20); // predictions stop a date before the prices
        assertThat(quality.get("reference").get("dates").asInt()).isEqualTo(40);
        assertThat(quality.get("current").get("ic_mean").asDouble()).isGreaterThan(0.7);
        assertThat(quality.get("current").get("rank_ic_mean").asDouble()).isGreaterThan(0.6);
        assertThat(run.metrics().get("features").has("prediction"))
                .as("prediction drift is measured")
                .isTrue();
        assertThat(run.metrics().get("dataset").asText()).isEqualTo(predictionsId.toString());
    }

    static UUID csvDataset(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(user, "pipeline.csv")
                .orElseThrow()
                .id();
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("pipeline").put("path", file.toString());
        Instance instance = optaic.store()
                .instances()
                .create(
                        user,
                        new NewInstance(
                                project, ResourceType.DatasetInstance, name, "", Map.of("pipeline", pipeline), config));
        Run run = TestingOptaic.runNow(optaic, user, instance.resource().id());
        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        return instance.resource().id();
    }

    @Test
    void aStoredProfileIsComputedOnceAndLaterRunsReadOnlyTheCurrentWindow() throws IOException {
        Instance instance = dataset(
                "profiled",
                "{\"reference\": {\"from\": \"2024-01-01\", \"to\": \"2024-03-20\"}, \"current\": {\"days\": 20},"
                        + " \"profile\": true}");
        RunOutcome first = monitor(instance.resource().id());
        Run run = first.run();
        assertThat(run.status()).as("%s / %s", run.error(), first.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.metrics().get("profile").asText()).isEqualTo("computed");
        assertThat(optaic.store().runs().outputs(user, run.resource().id())).hasSize(2);
        JsonNode features = run.metrics().get("features");
        assertThat(features.get("stable").get("drift").asBoolean()).isFalse();
        assertThat(features.get("shift").get("drift").asBoolean()).isTrue();
        assertThat(features.get("widen").get("drift").asBoolean()).isTrue();
        assertThat(features.get("category").get("drift").asBoolean()).isTrue();
        assertThat(run.metrics().get("current_rows_read").asLong()).isEqualTo(CURRENT_DAYS * ASSETS);

        // ten new dates arrive; the next run uses the stored profile and reads only the current window
        plantedCsv("profiled", DATES + 10);
        Run pipeline = TestingOptaic.runNow(optaic, user, instance.resource().id());
        assertThat(pipeline.status()).as("%s", pipeline.error()).isEqualTo(RunStatus.SUCCEEDED);
        RunOutcome second = monitor(instance.resource().id());
        Run next = second.run();
        assertThat(next.status()).as("%s / %s", next.error(), second.failure()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(next.metrics().get("profile").asText()).isEqualTo("stored version 1");
        assertThat(optaic.store().runs().outputs(user, next.resource().id())).hasSize(1);
        assertThat(next.metrics().get("current_window").asText()).isEqualTo("2024-04-20..2024-05-09");
        assertThat(next.metrics().get("current_rows_read").asLong()).isEqualTo(CURRENT_DAYS * ASSETS);
        assertThat(next.metrics().get("features").get("stable").get("drift").asBoolean())
                .isFalse();
        assertThat(next.metrics().get("features").get("shift").get("drift").asBoolean())
                .isTrue();
    }

    static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    static String ids(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.alert().feature() + ":" + a.alert().metric())
                .collect(Collectors.joining(","));
    }
}
