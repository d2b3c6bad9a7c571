package com.optaic.jobs.run;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.experiment.ExperimentEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A process that launches one run whose execute step never ends: it touches a marker file and sleeps, to be
 * killed. Arguments: the marker path, the run id, and optionally {@code cooperative}: then the work checks its
 * cancellation token every 20 ms, so a cancel request ends it, and the process prints the run's final status and
 * exits 0. The database and storage come from the environment.
 */
public final class BlockingRun {
    private BlockingRun() {}

    /** Starts this class in a child JVM on the test classpath, with {@code env} and output to {@code log}. */
    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
                .toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BlockingRun.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    public static void main(String[] args) {
        Path marker = Path.of(args[0]);
        UUID runId = UUID.fromString(args[1]);
        boolean cooperative = args.length > 2 && args[2].equals("cooperative");
        ExperimentEngine blocking = new ExperimentEngine() {
            @Override
            public String name() {
                return "blocking";
            }

            @Override
            public Result evaluate(Evaluation evaluation, CancellationToken cancellation) {
                try {
                    Files.writeString(marker, "executing");
                    while (true) {
                        if (cooperative) {
                            cancellation.throwIfCancelled();
                        }
                        Thread.sleep(cooperative ? 20 : Long.MAX_VALUE);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        Map<String, String> env = new HashMap<>(System.getenv());
        try (Optaic optaic = TestingOptaic.open(env, blocking)) {
            System.out.println("outcome: "
                    + optaic.frame().launch(optaic.actor(), runId).run().status());
        }
    }
}
