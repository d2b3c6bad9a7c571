package com.optaic.cluster;

import com.optaic.jobs.cli.CommandStreams;
import com.optaic.jobs.cli.OptaicCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code optaic} command line with the cluster module's commands ({@code cluster}, {@code spark-submit}),
 * registered here because they need this module's classes and jobs may not depend on it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, CommandStreams.reserveStdout(), CommandStreams.stderr(), System.getenv()));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new OptaicCommand(environment))
                .addSubcommand(new ClusterCommand())
                .addSubcommand(new SparkSubmitCommand());
        return com.optaic.jobs.cli.Main.execute(commandLine, args, out, err);
    }
}
