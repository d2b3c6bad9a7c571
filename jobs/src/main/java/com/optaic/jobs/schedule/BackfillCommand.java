package com.optaic.jobs.schedule;

import com.optaic.common.OptaicException;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.cli.OptaicCommand;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.RunStatus;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code optaic backfill INSTANCE --from D --to D [--concurrency N]}. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Creates and executes the runs (trigger backfill) of every nominal date of an instance in a range: the dates",
            "its cron fires on, or business days if it has no schedule. Dates that already have a run are skipped.",
            "Exit code 0 if every created run succeeded, else the first failure's code."
        })
public final class BackfillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE")
    UUID instance;

    @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd")
    LocalDate to;

    @Option(
            names = "--concurrency",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "At most N runs at once (default ${DEFAULT-VALUE}; keep 1 for runs appending to one dataset).")
    int concurrency;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = ((OptaicCommand) spec.root().userObject()).environment();
        NominalDateHorizon.fromEnvironment(env).check(to, LocalDate.now());
        try (Optaic optaic = Optaic.open(env).notices(spec.commandLine().getErr()::println)) {
            Backfill backfill = new Backfill(optaic.store(), optaic.actor(), optaic.frame(), line -> {
                out.println(line);
                out.flush();
            });
            Backfill.Result result = backfill.run(instance, from, to, concurrency);
            long succeeded = result.outcomes().stream()
                    .filter(o -> o.run().status() == RunStatus.SUCCEEDED)
                    .count();
            out.println("backfill: " + result.outcomes().size() + " runs created (" + succeeded + " succeeded), "
                    + result.skipped().size() + " dates skipped");
            for (RunOutcome outcome : result.outcomes()) {
                if (outcome.run().status() != RunStatus.SUCCEEDED) {
                    return outcome.failure()
                            .filter(OptaicException.class::isInstance)
                            .map(e -> ((OptaicException) e).category().exitCode())
                            .orElse(1);
                }
            }
            return 0;
        }
    }
}
