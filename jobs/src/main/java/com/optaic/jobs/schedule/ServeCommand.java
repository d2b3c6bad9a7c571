package com.optaic.jobs.schedule;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.cli.OptaicCommand;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code optaic serve}: the scheduler, ticking every {@code --interval} seconds until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Runs the scheduler: every --interval seconds, each scheduled instance gets a run (trigger schedule) per due",
        "nominal date, after its missed-night policy (config key 'missed': skip | latest | all; default latest).",
        "Several schedulers on one database never run a night twice. Logs one plain line per event."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--interval", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds between ticks (default ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--once", description = "Tick once and exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        if (interval < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--interval must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Optaic optaic = Optaic.open(((OptaicCommand) spec.root().userObject()).environment())) {
            Scheduler scheduler = new Scheduler(optaic.store(), optaic.actor(), optaic.frame(), line -> {
                out.println(Instant.now() + " " + line);
                out.flush();
            });
            out.println(Instant.now() + " serve: scheduler started" + (once ? " (one tick)" : ", tick every "
                    + interval + " s"));
            out.flush();
            while (true) {
                scheduler.tick(Instant.now());
                if (once) {
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
}
