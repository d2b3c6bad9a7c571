package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optaic cluster start|status|stop} through the command line, with a one-worker cluster of its own. */
class ClusterCommandIT {
    @TempDir
    Path home;

    record Result(int exitCode, String out, String err) {}

    @Test
    void startStatusStopLeaveNoProcessBehind() throws Exception {
        Result start = optaic("cluster", "start", "--workers", "1", "--memory", "512m", "--json");
        assertThat(start.exitCode()).as(start.err()).isZero();
        JsonNode started = new ObjectMapper().readTree(start.out());
        assertThat(started.get("master").asText()).matches("spark://127\\.0\\.0\\.1:\\d+");
        assertThat(started.get("web_ui").asText()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(started.get("workers")).hasSize(1);
        List<Long> pids = new ArrayList<>(List.of(
                started.get("master_pid").asLong(),
                started.get("workers").get(0).get("pid").asLong()));
        assertThat(pids).allMatch(StandaloneCluster::isSparkDaemon);
        assertThat(home.resolve("cluster/logs/master.log")).exists();
        // the workers' executors see only Spark's jars: OptAIC's classes travel as the application jar
        try (var jars = Files.list(home.resolve("cluster/spark-home/jars"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertThat(names)
                    .anyMatch(n -> n.startsWith("spark-core_2.13-"))
                    .anyMatch(n -> n.startsWith("scala-library-"))
                    .anyMatch(n -> n.startsWith("hadoop-client-api-"))
                    .noneMatch(n -> n.startsWith("optaic-")
                            || n.startsWith("picocli-")
                            || n.startsWith("spring-batch-")
                            || n.startsWith("ojalgo-"));
        }

        Result status = optaic("cluster", "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("master").asText()).isEqualTo(started.get("master").asText());
        assertThat(json.get("alive_workers").asInt()).isEqualTo(1);

        Result again = optaic("cluster", "start", "--workers", "1");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err())
                .contains("one runs there (master " + started.get("master").asText() + ")");

        Result stop = optaic("cluster", "stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("stopped processes");
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid " + pid)
                    .isFalse();
        }
        Result gone = optaic("cluster", "status");
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).contains("No cluster runs under");
        assertThat(optaic("cluster", "stop").out()).contains("no cluster process was running");
    }

    @Test
    void aStartThatFailsStopsWhatItStarted() {
        List<Long> before = sparkDaemons();
        Result start = optaic("cluster", "start", "--workers", "2", "--timeout", "0");
        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.err()).contains("Cannot start the cluster under").contains("within 0 s");
        assertThat(sparkDaemons()).isEqualTo(before);
        assertThat(home.resolve("cluster/cluster.json")).doesNotExist();

        Result bad = optaic("cluster", "start", "--workers", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Cannot start 0 workers: give at least 1");
    }

    /** The live processes this test JVM started (the cluster IT's shared cluster among them). */
    private static List<Long> sparkDaemons() {
        return ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    private Result optaic(String... args) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("OPTAIC_HOME", home.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Result(code, out.toString(), err.toString());
    }
}
