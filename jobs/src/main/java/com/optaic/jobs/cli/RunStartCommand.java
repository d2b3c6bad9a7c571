package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.jobs.schedule.DependentRuns;
import com.optaic.jobs.schedule.NominalDateHorizon;
import com.optaic.jobs.schedule.RunPool;
import com.optaic.metadata.Actor;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunTrigger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optaic run start}: queues a run of an instance and executes it here, with its dependent runs. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Queues a run of an instance and executes it here, printing the outcome. If it publishes a version, the",
            "ExperimentInstances following that dataset (config \"follow_inputs\": true) run next, here too."
        })
final class RunStartCommand extends StoreCommand {
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
            ResourceType type =
                    optaic.store().instances().get(actor, instance).resource().type();
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
            ResourceType type =
                    optaic.store().instances().get(actor, instance).resource().type();
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
            return RunCommand.report(
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
        return RunCommand.report(this, outcome);
    }
}
