package com.optaic.cluster;

import com.optaic.common.OptaicException;
import com.optaic.jobs.cli.CommandStreams;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Main-Class} of the assembly jar: {@code spark-submit optaic-cluster.jar <optaic command>} runs any
 * {@code optaic} command with the master spark-submit gave, after checking that the cluster's Spark, Scala and
 * Hadoop are the versions OptAIC is built against.
 */
public final class SubmitMain {
    private SubmitMain() {}

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        try {
            BuildVersions.requireRunningAsBuilt();
        } catch (OptaicException e) {
            err.println("error: " + e.getMessage());
            System.exit(e.category().exitCode());
        }
        System.exit(Main.run(args, CommandStreams.reserveStdout(), err, System.getenv()));
    }
}
