package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.jobs.run.batch.StepRecord;
import com.optaic.jobs.schedule.DependentRuns;
import com.optaic.jobs.schedule.NominalDateHorizon;
import com.optaic.jobs.schedule.RunPool;
import com.optaic.metadata.Actor;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunFilter;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
            RunCommand.Start.class,
            RunCommand.Execute.class,
            RunCommand.Status.class,
            RunCommand.ListRuns.class,
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
            name = "start",
            mixinStandardHelpOptions = true,
            description = {
                "Queues a run of an instance and executes it here, printing the outcome. If it publishes a version, the",
                "ExperimentInstances following that dataset (config \"follow_inputs\": true) run next, here too."
            })
    static final class Start extends StoreCommand {
        @Parameters(index = "0", paramLabel = "INSTANCE")
        UUID instance;

        @Option(
                names = "--nominal-date",
                paramLabel = "yyyy-MM-dd",
                description = {
                    "Runs as the scheduled run of that date (at most one per instance and date); at most"
                            + " OPTAIC_NOMINAL_HORIZON_DAYS (default 7) after today."
                })
        LocalDate nominalDate;

        @Option(names = "--rebuild", description = "Pipeline: write the whole source as a new version, not an append.")
        boolean rebuild;

        @Option(
                names = "--compact",
                description = {
                    "Pipeline or experiment: rewrite the latest version of the dataset"
                            + " it writes with one file per year (the same rows; nightly appends add a file each, which slows"
                            + " reads)."
                })
        boolean compact;

        @Option(
                names = "--type",
                paramLabel = "RUN_TYPE",
                description = {
                    "The run type to start when the instance has several (a ModelInstance: TrainingRun, the default,"
                            + " or InferenceRun)."
                })
        ResourceType runType;

        @Option(
                names = "--master",
                paramLabel = "URL",
                description = {
                    "The Spark master of the run's Spark work (run param spark_master, over the instance config's and"
                            + " OPTAIC_SPARK_MASTER): local[N], spark://HOST:PORT, yarn, k8s://... On a cluster the driver"
                            + " runs here and the executors get the application jar (optaic-cluster.jar)."
                })
        String master;

        @Option(
                names = "--engine",
                paramLabel = "NAME",
                description = "The run's engine (run param engine, over the instance config's): local or spark.")
        String engine;

        @Option(names = "--queue-only", description = "Queue the run without executing it.")
        boolean queueOnly;

        @Option(names = "--no-dependents", description = "Do not run the instances following the published dataset.")
        boolean noDependents;

        @Override
        int run(Optaic optaic) {
            if (nominalDate != null) {
                NominalDateHorizon.fromEnvironment(environment()).check(nominalDate, LocalDate.now());
            }
            Actor actor = optaic.actor();
            ObjectNode params = Output.JSON.createObjectNode();
            if (rebuild) {
                ResourceType type = optaic.store()
                        .instances()
                        .get(actor, instance)
                        .resource()
                        .type();
                if (type != ResourceType.DatasetInstance) {
                    // Was ignored: an ExperimentRun always writes its whole output, other runs have no append.
                    throw new OptaicException(
                            JobsErrorCode.BAD_OPTION,
                            "--rebuild applies to DatasetInstances (their pipeline), not to " + type + " " + instance
                                    + (type == ResourceType.ExperimentInstance
                                            ? " (an ExperimentRun always writes its whole output)"
                                            : ""));
                }
                params.put("rebuild", true);
            }
            if (master != null) {
                params.put(Engines.MASTER_KEY, nonBlank("--master", master));
            }
            if (engine != null) {
                params.put(Engines.ENGINE_KEY, nonBlank("--engine", engine));
            }
            if (compact) {
                ResourceType type = optaic.store()
                        .instances()
                        .get(actor, instance)
                        .resource()
                        .type();
                if ((type != ResourceType.DatasetInstance && type != ResourceType.ExperimentInstance) || rebuild) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_OPTION,
                            rebuild
                                    ? "--compact rewrites the latest version and --rebuild replaces it; give one"
                                    : "--compact applies to DatasetInstances (their dataset) and ExperimentInstances (their"
                                            + " output), not to a " + type);
                }
                params.put("compact", true);
            }
            Run queued = optaic.frame()
                    .queue(
                            actor,
                            instance,
                            Optional.ofNullable(runType),
                            nominalDate == null ? RunTrigger.MANUAL : RunTrigger.SCHEDULE,
                            Optional.ofNullable(nominalDate),
                            params);
            if (queueOnly) {
                if (json) {
                    Output.json(out(), queued);
                } else {
                    out().println("queued " + queued.resource().type() + " "
                            + queued.resource().id());
                }
                return 0;
            }
            try (Progress progress = Progress.open(err())) {
                optaic.frame().progress(progress);
                return execute(optaic, actor, queued);
            }
        }

        private static String nonBlank(String option, String value) {
            if (value.isBlank()) {
                throw new OptaicException(JobsErrorCode.BAD_OPTION, option + " must not be blank");
            }
            return value;
        }

        private int execute(Optaic optaic, Actor actor, Run queued) {
            if (noDependents) {
                return report(
                        this, optaic.frame().launch(actor, queued.resource().id()));
            }
            Consumer<String> log = line -> err().println(line);
            DependentRuns followers = new DependentRuns(optaic.store(), optaic.frame(), log);
            List<Run> dependents = Collections.synchronizedList(new ArrayList<>());
            RunOutcome outcome;
            try (RunPool pool = new RunPool(
                    optaic.frame()::launch,
                    1,
                    (who, succeeded) -> {
                        List<Run> next = followers.after(who, succeeded);
                        dependents.addAll(next);
                        return next;
                    },
                    log)) {
                outcome = pool.submit(actor, queued.resource().id(), null).join();
                pool.awaitIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Interrupted", e);
            }
            for (Run dependent : dependents) {
                Run done = optaic.store().runs().get(actor, dependent.resource().id());
                err().println("dependent " + done.resource().type() + " "
                        + done.resource().id() + " " + done.status()
                        + done.error().map(e -> ": " + e).orElse(""));
            }
            return report(this, outcome);
        }
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
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists runs, newest first: the tenant's runs you may read (what ran last night?), or an instance's.",
                "Filters combine: run list --status FAILED --since 24h --under SPACE_ID"
            })
    static final class ListRuns extends StoreCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "INSTANCE", description = "Only this instance's runs.")
        UUID instance;

        @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "QUEUED, RUNNING, FAILED, ...")
        Set<RunStatus> statuses = Set.of();

        @Option(names = "--type", split = ",", paramLabel = "RUN_TYPE", description = "BacktestRun, PipelineRun, ...")
        Set<ResourceType> types = Set.of();

        @Option(
                names = "--since",
                paramLabel = "WHEN",
                description = "Queued at or after: a date (yyyy-MM-dd, UTC midnight) or an age (90m, 24h, 7d).")
        String since;

        @Option(names = "--under", paramLabel = "ID", description = "Only runs below this space, project or instance.")
        UUID under;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        int run(Optaic optaic) {
            if (limit < 1) {
                throw new OptaicException(JobsErrorCode.BAD_OPTION, "--limit must be at least 1, got " + limit);
            }
            if (instance != null && under != null) {
                throw new OptaicException(JobsErrorCode.BAD_OPTION, "give INSTANCE or --under, not both");
            }
            for (ResourceType type : types) {
                if (type.tier() != ResourceType.Tier.RUN) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_OPTION, "--type " + type + " is not a run type (BacktestRun, ...)");
                }
            }
            RunFilter filter = new RunFilter(
                    statuses,
                    types,
                    Optional.ofNullable(since).map(s -> Since.parse("--since", s, Instant.now())),
                    Optional.ofNullable(instance != null ? instance : under));
            List<Run> runs = optaic.store()
                    .runs()
                    .recent(optaic.actor(), filter, PageRequest.first(limit))
                    .items();
            if (json) {
                Output.json(out(), runs);
            } else {
                Views.runs(out(), runs);
            }
            return 0;
        }
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
