package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.jobs.run.batch.StepRecord;
import com.optaic.metadata.Actor;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs: start, inspect, cancel, restart a failed one, reproduce a succeeded one.",
        subcommands = {
            RunStartCommand.class,
            RunCommand.Execute.class,
            RunCommand.Status.class,
            RunListCommand.class,
            RunCommand.Cancel.class,
            RunCommand.Restart.class,
            RunCommand.Reproduce.class,
            RunCommand.Logs.class
        })
final class RunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the outcome; the exit code is 0 if it SUCCEEDED, else the failure's category code. */
    static int report(StoreCommand command, RunOutcome outcome) {
        if (command.json) {
            Output.json(command.out(), outcome.run());
        } else {
            Views.run(command.out(), outcome.run());
        }
        if (outcome.run().status() == RunStatus.SUCCEEDED) {
            return 0;
        }
        return outcome.failure()
                .filter(OptaicException.class::isInstance)
                .map(e -> ((OptaicException) e).category().exitCode())
                .orElse(1);
    }

    @Command(
            name = "execute",
            mixinStandardHelpOptions = true,
            description = {
                "Executes one QUEUED run (run start --queue-only queues one) here and prints the outcome: what",
                "spark-submit optaic-cluster.jar run execute RUN_ID runs on a cluster, the Spark master being the one",
                "spark-submit gave unless the run names its own. Its dependents are not started."
            })
    static final class Execute extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Override
        int run(Optaic optaic) {
            try (Progress progress = Progress.open(err())) {
                optaic.frame().progress(progress);
                return report(this, optaic.frame().launch(optaic.actor(), id));
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a run and its steps.")
    static final class Status extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Run run = optaic.store().runs().get(optaic.actor(), id);
            if (run.status() == RunStatus.RUNNING) {
                optaic.frame().failStale(optaic.actor(), optaic.staleRunLimit());
                run = optaic.store().runs().get(optaic.actor(), id);
            }
            List<StepRecord> steps = optaic.frame().steps(run);
            if (json) {
                Output.json(
                        out(),
                        Map.of(
                                "run",
                                run,
                                "steps",
                                steps,
                                "outputs",
                                optaic.store().runs().outputs(optaic.actor(), id)));
                return 0;
            }
            Views.run(out(), run);
            out().println();
            steps(this, steps);
            return 0;
        }
    }

    static void steps(StoreCommand command, List<StepRecord> steps) {
        List<List<String>> rows = new ArrayList<>();
        for (StepRecord step : steps) {
            rows.add(List.of(
                    String.valueOf(step.jobExecutionId()),
                    step.step(),
                    step.status(),
                    step.duration()
                            .map(d -> String.format(Locale.ROOT, "%.3fs", d.toMillis() / 1000.0))
                            .orElse("-"),
                    step.exitMessage().lines().findFirst().orElse("")));
        }
        Output.table(command.out(), List.of("attempt job", "step", "status", "time", "exit"), rows);
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = {
                "Cancels a run. A QUEUED run is CANCELLED at once. For a RUNNING run, here or in another process",
                "(optaic serve, a run start in another terminal), the request is recorded; the executing process stops the",
                "work (its Spark job group, in-process work between phases) and ends the run CANCELLED, with no output.",
                "A cancelled run cannot be restarted; start a new run."
            })
    static final class Cancel extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Option(names = "--wait", description = "Wait until a RUNNING run has stopped (at most --timeout seconds).")
        boolean await;

        @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS")
        long timeout;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            Run run = optaic.store().runs().requestCancel(actor, id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            long nextStaleCheck = System.nanoTime();
            while (await && run.status() == RunStatus.RUNNING && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                run = optaic.store().runs().get(actor, id);
                if (run.status() == RunStatus.RUNNING && System.nanoTime() > nextStaleCheck) {
                    // Its executor may be gone (SIGKILL, out of memory): then nobody would ever stop it.
                    optaic.frame().failStale(actor, optaic.staleRunLimit());
                    nextStaleCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    run = optaic.store().runs().get(actor, id);
                }
            }
            if (json) {
                Output.json(out(), run);
            } else if (run.status() == RunStatus.RUNNING) {
                out().println("cancel requested: " + run.resource().type() + " " + id
                        + " is RUNNING; its executor stops it (optaic run status " + id + ")");
            } else {
                Views.run(out(), run);
            }
            // With --wait, a run that finished otherwise before the cancel reached it is a conflict.
            return !await || run.status() == RunStatus.CANCELLED ? 0 : 4;
        }
    }

    @Command(
            name = "restart",
            mixinStandardHelpOptions = true,
            description = {
                "Resumes a FAILED run from its failed step (same Spring Batch job instance, a new attempt).",
                "A run left RUNNING by a dead process is recovered first; a SUCCEEDED run is never run again."
            })
    static final class Restart extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Option(names = "--force", description = "Trust that an executor on another host is dead.")
        boolean force;

        @Override
        int run(Optaic optaic) {
            try (Progress progress = Progress.open(err())) {
                optaic.frame().progress(progress);
                return report(this, optaic.frame().restart(optaic.actor(), id, force));
            }
        }
    }

    @Command(
            name = "reproduce",
            mixinStandardHelpOptions = true,
            description =
                    "Re-executes a SUCCEEDED run's snapshot as a new run and reports whether outputs are identical.")
    static final class Reproduce extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Override
        int run(Optaic optaic) {
            RunOutcome outcome;
            try (Progress progress = Progress.open(err())) {
                optaic.frame().progress(progress);
                outcome = optaic.frame().reproduce(optaic.actor(), id);
            }
            int code = report(this, outcome);
            if (!json && outcome.run().status() == RunStatus.SUCCEEDED) {
                boolean identical = outcome.run().metrics().path("identical").asBoolean(false);
                out().println(
                                identical
                                        ? "IDENTICAL: the reproduction's output has the original's content hash"
                                        : "DIFFERENT: the reproduction's output differs from the original's");
            }
            return code;
        }
    }

    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "The run's step executions (every attempt) and its activity trail.")
    static final class Logs extends StoreCommand {
        @Parameters(index = "0", paramLabel = "RUN")
        UUID id;

        @Option(names = "--trace", description = "Also print each failed step's whole exit message (its stack trace).")
        boolean trace;

        @Override
        int run(Optaic optaic) {
            Run run = optaic.store().runs().get(optaic.actor(), id);
            var activities = optaic.store()
                    .activities()
                    .forTarget(optaic.actor(), id, PageRequest.first(200))
                    .items();
            if (json) {
                Output.json(out(), Map.of("steps", optaic.frame().steps(run), "activities", activities));
                return 0;
            }
            List<StepRecord> steps = optaic.frame().steps(run);
            steps(this, steps);
            if (trace) {
                for (StepRecord step : steps) {
                    if (step.exitMessage().lines().count() > 1) {
                        out().println();
                        out().println("== attempt job " + step.jobExecutionId() + ", step " + step.step());
                        out().println(step.exitMessage());
                    }
                }
            }
            out().println();
            List<com.optaic.metadata.Activity> oldestFirst = new ArrayList<>(activities);
            Collections.reverse(oldestFirst);
            Views.activities(out(), oldestFirst);
            run.error().ifPresent(e -> out().println("\nerror: " + e));
            return 0;
        }
    }
}
