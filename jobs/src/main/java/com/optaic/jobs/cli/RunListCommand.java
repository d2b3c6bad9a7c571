package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunFilter;
import com.optaic.metadata.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optaic run list}: the tenant's or an instance's runs, newest first, filtered. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Lists runs, newest first: the tenant's runs you may read (what ran last night?), or an instance's.",
            "Filters combine: run list --status FAILED --since 24h --under SPACE_ID"
        })
final class RunListCommand extends StoreCommand {
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
