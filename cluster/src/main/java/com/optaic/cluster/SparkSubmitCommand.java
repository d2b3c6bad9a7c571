package com.optaic.cluster;

import com.optaic.jobs.cli.OptaicCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code optaic spark-submit ARGS...}: Spark's own {@code SparkSubmit} with the Spark jars OptAIC ships (or
 * {@code $SPARK_HOME/bin/spark-submit} when SPARK_HOME is set), in a child JVM whose exit code it returns, so
 * that a machine without a Spark distribution submits the same way as one with it.
 */
@Command(
        name = "spark-submit",
        description = "Runs Spark's spark-submit (the shipped Spark jars, or $SPARK_HOME/bin/spark-submit): "
                + "spark-submit --master URL cluster/target/optaic-cluster.jar <optaic command>.")
public final class SparkSubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, String> environment = ((OptaicCommand) spec.root().userObject()).environment();
        return run(command(environment, arguments), environment);
    }

    /** The spark-submit command line: the distribution's script, or SparkSubmit on the shipped Spark jars. */
    static List<String> command(Map<String, String> environment, List<String> arguments) {
        List<String> command = new ArrayList<>();
        String sparkHome = environment.get("SPARK_HOME");
        if (sparkHome != null && !sparkHome.isBlank()) {
            command.add(Path.of(sparkHome, "bin", "spark-submit").toString());
            command.addAll(arguments);
            return command;
        }
        SparkDistribution distribution = SparkDistribution.ofThisJvm();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // spark-class gives the driver JVM --driver-memory as its heap; SparkSubmit itself cannot
        String driverMemory = driverMemory(arguments);
        if (driverMemory != null) {
            command.add("-Xmx" + driverMemory);
        }
        command.addAll(StandaloneCluster.JAVA_OPENS);
        command.add("-cp");
        command.add(distribution.classPath());
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(arguments);
        return command;
    }

    private static String driverMemory(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--driver-memory") && i + 1 < arguments.size()) {
                return arguments.get(i + 1);
            }
            if (argument.startsWith("--driver-memory=")) {
                return argument.substring("--driver-memory=".length());
            }
        }
        return null;
    }

    private static int run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment()
                .putIfAbsent("SPARK_SCALA_VERSION", BuildVersions.built().scalaBinary());
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new com.optaic.common.OptaicException(
                    ClusterErrorCode.BAD_CLUSTER_OPTION,
                    "Cannot run " + command.get(0) + ": not an executable (is SPARK_HOME a Spark distribution?)");
        }
        try {
            Process process = builder.start();
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                return 130;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
    }
}
