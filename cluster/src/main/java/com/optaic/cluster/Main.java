package com.optaic.cluster;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The {@code optaic} command line with the cluster module's commands ({@code cluster}, {@code spark-submit}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv()));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return com.optaic.jobs.cli.Main.run(args, out, err, environment,
                List.of(new ClusterCommand(), new SparkSubmitCommand()));
    }
}
