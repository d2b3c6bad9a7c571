package com.optaic.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.cli.OptaicCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code optaic cluster start|status|stop}: a local Spark standalone cluster under {@code $OPTAIC_HOME/cluster}. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "A local Spark standalone cluster (master + workers on 127.0.0.1), state and logs under "
                + "$OPTAIC_HOME/cluster.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
public final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static StandaloneCluster cluster(CommandSpec spec) {
        return StandaloneCluster.inHome(((OptaicCommand) spec.root().userObject()).environment());
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Starts a master and N workers, waits until every worker registered, prints the master "
                    + "URL, the web UI and the process ids.")
    static final class Start implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "Worker JVMs (default 2).")
        int workers;

        @Option(
                names = "--cores",
                paramLabel = "C",
                defaultValue = "1",
                description = "Cores each worker offers (default 1).")
        int cores;

        @Option(
                names = "--memory",
                paramLabel = "M",
                defaultValue = "1g",
                description = "Memory each worker offers its executors, e.g. 512m, 2g (default 1g).")
        String memory;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "120",
                description = "How long to wait for the workers to register (default 120).")
        int timeoutSeconds;

        @Option(names = "--json", description = "Print JSON: master, web_ui, master_pid, workers.")
        boolean json;

        @Override
        public void run() {
            StandaloneCluster cluster = cluster(spec);
            long t0 = System.nanoTime();
            ClusterState state = cluster.start(
                    new StandaloneCluster.Spec(workers, cores, memoryMb(memory), Duration.ofSeconds(timeoutSeconds)),
                    SparkDistribution.ofThisJvm());
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(state, cluster).toPrettyString());
            } else {
                print(out, state, cluster);
                out.printf(Locale.ROOT, "started in %.1f s; stop it with: optaic cluster stop%n", seconds);
            }
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "The running cluster: master, web UI, processes, registered workers, applications.")
    static final class Status implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--json",
                description = "Print JSON: master, web_ui, master_pid, workers, alive_workers, " + "applications.")
        boolean json;

        @Override
        public void run() {
            StandaloneCluster cluster = cluster(spec);
            ClusterState state = cluster.state()
                    .orElseThrow(() -> new OptaicException(
                            ClusterErrorCode.NO_CLUSTER,
                            "No cluster runs under " + cluster.directory() + " (start one with optaic cluster start)"));
            ObjectNode json = toJson(state, cluster);
            JsonNode master = cluster.masterStatus(state);
            json.put("alive_workers", StandaloneCluster.aliveWorkers(master));
            ArrayNode applications = json.putArray("applications");
            for (String kind : List.of("activeapps", "completedapps")) {
                for (JsonNode app : master.path(kind)) {
                    applications
                            .addObject()
                            .put("id", app.path("id").asText())
                            .put("name", app.path("name").asText())
                            .put("state", app.path("state").asText());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (this.json) {
                out.println(json.toPrettyString());
                return;
            }
            print(out, state, cluster);
            out.println("alive workers: " + json.get("alive_workers").asInt() + " of "
                    + state.workers().size());
            for (JsonNode app : applications) {
                out.println("application " + app.get("id").asText() + " "
                        + app.get("name").asText() + ": " + app.get("state").asText());
            }
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stops every process of the cluster (also after a start that failed half-way).")
    static final class Stop implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            StandaloneCluster cluster = cluster(spec);
            List<Long> stopped = cluster.stop();
            spec.commandLine()
                    .getOut()
                    .println(
                            stopped.isEmpty()
                                    ? "no cluster process was running under " + cluster.directory()
                                    : "stopped processes " + stopped);
        }
    }

    private static void print(PrintWriter out, ClusterState state, StandaloneCluster cluster) {
        out.println("master: " + state.master() + " (pid " + state.masterPid() + ")");
        out.println("web UI: " + state.webUi());
        for (ClusterState.Worker worker : state.workers()) {
            out.println("worker: pid " + worker.pid() + ", web UI " + worker.webUi());
        }
        out.println("logs:   " + cluster.logs());
    }

    private static ObjectNode toJson(ClusterState state, StandaloneCluster cluster) {
        ObjectNode json = new ObjectMapper().valueToTree(state);
        json.put("logs", cluster.logs().toString());
        return json;
    }

    /** {@code 512m}, {@code 2g} or a plain number of MiB. */
    static int memoryMb(String memory) {
        String value = memory.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("g")) {
                return Math.multiplyExact(Integer.parseInt(value.substring(0, value.length() - 1)), 1024);
            }
            if (value.endsWith("m")) {
                return Integer.parseInt(value.substring(0, value.length() - 1));
            }
            return Integer.parseInt(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new OptaicException(
                    ClusterErrorCode.BAD_CLUSTER_OPTION,
                    "Cannot read --memory '" + memory + "': give MiB or a size such as 512m or 2g");
        }
    }
}
