package com.optaic.jobs.schedule;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.Settings;
import com.optaic.jobs.cli.OptaicCommand;
import com.optaic.metadata.Run;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code optaic serve}: the scheduler, ticking every {@code --interval} seconds until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the scheduler: every --interval seconds, each scheduled instance gets a run (trigger schedule) per due",
            "nominal date, after its missed-night policy (config key 'missed': skip | latest | all; default latest).",
            "Several schedulers on one database never run a night twice. Runs execute in a pool of at most",
            "--max-running at a time (the runs of one instance one after another); after a run publishes a version, the",
            "ExperimentInstances following that dataset (config \"follow_inputs\": true) get a run. QUEUED runs that no",
            "process executes (run start --queue-only, a stopped pool) are picked up after 10 s. Logs one plain line",
            "per event."
        })
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--interval",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description = "Seconds between ticks (default ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--once", description = "Tick once, wait for the runs it started (and their dependents), exit.")
    boolean once;

    @Option(
            names = "--max-running",
            paramLabel = "N",
            description = "At most N runs at once (default OPTAIC_MAX_RUNNING, else 2).")
    Integer maxRunning;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = {
                "The Spark master of the runs' Spark work (over OPTAIC_SPARK_MASTER; a run's own spark_master wins):",
                "local[N], spark://HOST:PORT, yarn, k8s://... On a cluster this process is the driver and the executors",
                "get the application jar, as for run start --master."
            })
    String master;

    @Override
    public Integer call() throws Exception {
        if (interval < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--interval must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = ((OptaicCommand) spec.root().userObject()).environment();
        if (master != null) {
            if (master.isBlank()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--master must not be blank");
            }
            // the default master of every run's Spark engine (Engines.builtins), as the variable would be
            env = new HashMap<>(env);
            env.put("OPTAIC_SPARK_MASTER", master);
        }
        int max = maxRunning != null ? maxRunning : Settings.count(env, "OPTAIC_MAX_RUNNING", 2, 1);
        Consumer<String> log = line -> {
            synchronized (out) {
                out.println(Instant.now() + " " + line);
                out.flush();
            }
        };
        try (Optaic optaic = serving(Optaic.open(env).notices(spec.commandLine().getErr()::println));
                RunPool pool = new RunPool(
                        optaic.frame()::launch, max, new DependentRuns(optaic.store(), optaic.frame(), log), log)) {
            Scheduler scheduler = new Scheduler(optaic.store(), optaic.actor(), optaic.frame(), pool, log);
            log.accept("serve: scheduler started" + (once ? " (one tick)" : ", tick every " + interval + " s")
                    + ", at most " + max + " runs at once");
            Duration staleAfter = optaic.staleRunLimit();
            while (true) {
                for (Run failed : optaic.frame().failStale(optaic.actor(), staleAfter)) {
                    log.accept("serve: " + failed.resource().type() + " "
                            + failed.resource().id() + " FAILED: "
                            + failed.error().orElse(""));
                }
                scheduler.tick(Instant.now());
                scheduler.adoptQueued(Instant.now());
                if (once) {
                    pool.awaitIdle();
                    return 0;
                }
                try {
                    Thread.sleep(interval * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.println(Instant.now() + " serve: interrupted; stopping");
                    return 0;
                }
            }
        }
    }

    private static Optaic serving(Optaic optaic) {
        optaic.serving();
        return optaic;
    }
}
