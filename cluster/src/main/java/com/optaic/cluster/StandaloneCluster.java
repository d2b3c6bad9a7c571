package com.optaic.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.common.OptaicException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Spark standalone cluster on the loopback interface: Spark's own master and worker JVMs, started from the
 * Spark jars of this JVM's class path, with their state and logs under one directory. {@link #start} returns
 * once every worker has registered with the master; {@link #stop} ends every process the state names (and the
 * executors they launched), whether the start finished or not.
 */
public final class StandaloneCluster {
    /** JVM flags Spark needs on Java 17, as bin/optaic passes them. */
    static final List<String> JAVA_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private static final String LOOPBACK = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A cluster whose state and logs live in {@code directory} (e.g. {@code $OPTAIC_HOME/cluster}). */
    public StandaloneCluster(Path directory) {
        this.directory =
                requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
    }

    /** {@code $OPTAIC_HOME/cluster}, the home defaulting to {@code ~/.optaic}. */
    public static StandaloneCluster inHome(Map<String, String> environment) {
        Path home = Optional.ofNullable(environment.get("OPTAIC_HOME"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".optaic"));
        return new StandaloneCluster(home.resolve("cluster"));
    }

    /** What to start: worker count, cores and memory (MiB) each worker offers its executors. */
    public record Spec(int workers, int cores, int memoryMb, Duration timeout) {
        public Spec {
            if (workers < 1) {
                throw new OptaicException(
                        ClusterErrorCode.BAD_CLUSTER_OPTION, "Cannot start " + workers + " workers: give at least 1");
            }
            if (cores < 1) {
                throw new OptaicException(
                        ClusterErrorCode.BAD_CLUSTER_OPTION,
                        "Cannot give workers " + cores + " cores: give at least 1");
            }
            if (memoryMb < 64) {
                throw new OptaicException(
                        ClusterErrorCode.BAD_CLUSTER_OPTION,
                        "Cannot give workers " + memoryMb + " MiB: give at least 64m");
            }
            requireNonNull(timeout, "timeout is null");
        }
    }

    public Path directory() {
        return directory;
    }

    /** The state of a cluster started here, if its state file exists. */
    public Optional<ClusterState> state() {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cluster state " + file, e);
        }
    }

    /**
     * Starts a master and {@code spec.workers()} workers and waits until all have registered. On any failure
     * every process started so far is stopped and the error names the log to read.
     */
    public ClusterState start(Spec spec, SparkDistribution distribution) {
        Optional<ClusterState> running = state();
        if (running.isPresent()) {
            if (running.get().pids().stream().anyMatch(StandaloneCluster::isSparkDaemon)) {
                throw new OptaicException(
                        ClusterErrorCode.CLUSTER_RUNNING,
                        "Cannot start a cluster under " + directory + ": one runs there (master "
                                + running.get().master() + "); stop it with optaic cluster stop");
            }
            stop();
        }
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logs(), e);
        }
        Path sparkHome = distribution.linkHome(directory.resolve("spark-home"));
        int masterPort = freePort();
        int masterUi = freePort();
        String master = "spark://" + LOOPBACK + ":" + masterPort;
        String webUi = "http://" + LOOPBACK + ":" + masterUi;
        try {
            // Spark 4 starts the master's REST submission server by default, on fixed port 6066 unless told
            Process masterProcess = launch(
                    distribution,
                    sparkHome,
                    "master",
                    List.of(
                            "-Dspark.master.rest.port=" + freePort(),
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            LOOPBACK,
                            "--port",
                            String.valueOf(masterPort),
                            "--webui-port",
                            String.valueOf(masterUi)));
            ClusterState state = new ClusterState(master, webUi, masterProcess.pid(), List.of());
            write(state);
            List<Process> processes = new ArrayList<>(List.of(masterProcess));
            for (int i = 1; i <= spec.workers(); i++) {
                int workerUi = freePort();
                Path work = Files.createDirectories(directory.resolve("work").resolve("worker-" + i));
                Process worker = launch(
                        distribution,
                        sparkHome,
                        "worker-" + i,
                        List.of(
                                "org.apache.spark.deploy.worker.Worker",
                                "--host",
                                LOOPBACK,
                                "--port",
                                "0",
                                "--webui-port",
                                String.valueOf(workerUi),
                                "--cores",
                                String.valueOf(spec.cores()),
                                "--memory",
                                spec.memoryMb() + "m",
                                "--work-dir",
                                work.toString(),
                                master));
                processes.add(worker);
                state = state.withWorker(new ClusterState.Worker(worker.pid(), "http://" + LOOPBACK + ":" + workerUi));
                write(state);
            }
            awaitWorkers(state, processes, spec);
            return state;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Cannot start the cluster under " + directory, e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The master's JSON status ({@code <web UI>/json/}): workers, active and completed applications. */
    public JsonNode masterStatus(ClusterState state) {
        return getJson(URI.create(state.webUi() + "/json/"))
                .orElseThrow(() -> new OptaicException(
                        ClusterErrorCode.NO_CLUSTER,
                        "The master of " + state.master() + " does not answer at " + state.webUi() + "; see "
                                + logs().resolve("master.log")));
    }

    /** A worker's JSON status: its executors, running and finished. */
    public Optional<JsonNode> workerStatus(ClusterState.Worker worker) {
        return getJson(URI.create(worker.webUi() + "/json/"));
    }

    /**
     * Ends every process the state names, executors first, then removes the state file. Returns the ids of the
     * processes that were still running.
     */
    public List<Long> stop() {
        Optional<ClusterState> state = state();
        if (state.isEmpty()) {
            return List.of();
        }
        List<Long> stopped = new ArrayList<>();
        for (long pid : state.get().pids()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> isSparkDaemon(pid));
            if (handle.isPresent()) {
                handle.get().descendants().forEach(StandaloneCluster::end);
                end(handle.get());
                stopped.add(pid);
            }
        }
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + stateFile(), e);
        }
        return stopped;
    }

    /** Whether {@code pid} is alive and is one of Spark's master or worker JVMs (a reused pid is not). */
    static boolean isSparkDaemon(long pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(handle -> handle.info().arguments())
                .map(arguments -> List.of(arguments).contains("org.apache.spark.deploy.master.Master")
                        || List.of(arguments).contains("org.apache.spark.deploy.worker.Worker"))
                .orElse(false);
    }

    public Path logs() {
        return directory.resolve("logs");
    }

    private Path stateFile() {
        return directory.resolve("cluster.json");
    }

    private static void end(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Process launch(SparkDistribution distribution, Path sparkHome, String name, List<String> mainAndArgs)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(JAVA_OPENS);
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        // The class path goes by environment: on the command line its length would truncate what the OS reports
        // of the arguments, and stop tells Spark's daemons from a reused pid by their main class.
        builder.environment().put("CLASSPATH", distribution.classPath(sparkHome.resolve("conf")));
        // A Worker builds its executors' class path from SPARK_HOME/jars; SPARK_SCALA_VERSION because that
        // folder is not a Spark build tree (else "Cannot find any build directories").
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", BuildVersions.built().scalaBinary());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        builder.environment().remove("SPARK_CONF_DIR");
        Path log = logs().resolve(name + ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.directory(directory.toFile());
        return builder.start();
    }

    private void awaitWorkers(ClusterState state, List<Process> processes, Spec spec) {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        while (true) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    String name = i == 0 ? "master" : "worker-" + i;
                    throw startFailure(
                            "the " + name + " exited with code "
                                    + processes.get(i).exitValue(),
                            name);
                }
            }
            Optional<JsonNode> status = getJson(URI.create(state.webUi() + "/json/"));
            if (status.isPresent() && aliveWorkers(status.get()) >= spec.workers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw startFailure(
                        "not every worker registered within " + spec.timeout().toSeconds() + " s",
                        status.isPresent() ? "worker-1" : "master");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure("interrupted", "master");
            }
        }
    }

    static int aliveWorkers(JsonNode status) {
        int alive = 0;
        for (JsonNode worker : status.path("workers")) {
            if ("ALIVE".equals(worker.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    private OptaicException startFailure(String reason, String logName) {
        Path log = logs().resolve(logName + ".log");
        String tail = "";
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            tail = "(no log)";
        }
        return new OptaicException(
                ClusterErrorCode.CLUSTER_START_FAILED,
                "Cannot start the cluster under " + directory + ": " + reason + "; see " + log + ":\n  " + tail);
    }

    private Optional<JsonNode> getJson(URI uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void write(ClusterState state) {
        Path file = stateFile();
        Path temporary = file.resolveSibling(".cluster.json.tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), state);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, e);
        }
    }
}
