package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Principal;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.SystemIds;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first command: starts the embedded PostgreSQL, bootstraps, creates a researcher with a personal space, a
 * synthetic-market dataset and an experiment over four Alpha101 formulas, runs both, and prints the tree, the
 * runs, the versions and the lineage. Run again, it reuses everything and appends the next business day as a
 * nightly (scheduled, nominal-dated) run would, then re-runs the experiment on the new version.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Sets up a researcher's workspace and runs a synthetic pipeline and an Alpha101 experiment.")
final class QuickstartCommand extends StoreCommand {
    static final String EMAIL = "researcher@optaic.local";
    static final Map<String, String> ALPHAS = Map.of(
            "alpha001", "(rank(Ts_ArgMax(SignedPower(((returns < 0) ? stddev(returns, 20) : close), 2.), 5)) - 0.5)",
            "alpha012", "(sign(delta(volume, 1)) * (-1 * delta(close, 1)))",
            "alpha041", "(((high * low)^0.5) - vwap)",
            "alpha101", "((close - open) / ((high - low) + .001))");

    @Option(names = "--assets", defaultValue = "500")
    int assets;

    @Option(names = "--days", defaultValue = "756", description = "Trading days of the first run (756 = 3 years).")
    int days;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        err().println("optaic quickstart: opening the metadata store (embedded PostgreSQL unless OPTAIC_DB_URL)...");
        try (Optaic optaic = Optaic.open(environment()).notices(err()::println)) {
            err().printf(Locale.ROOT, "optaic quickstart: store ready in %.1fs%n", seconds(start));
            return run(optaic, start);
        }
    }

    @Override
    int run(Optaic optaic) {
        return run(optaic, System.nanoTime());
    }

    private int run(Optaic optaic, long start) {
        Actor admin = optaic.actor();
        Principal researcher = optaic.store()
                .principals()
                .findByEmail(admin, EMAIL)
                .orElseGet(() -> optaic.store()
                        .spaces()
                        .createUserWithPersonalSpace(admin, EMAIL, "Quickstart researcher")
                        .principal());
        Resource space = optaic.store()
                .resources()
                .findChild(admin, SystemIds.SYSTEM_TENANT_ROOT, EMAIL)
                .orElseThrow();
        Actor actor = researcher.asActor();
        Resource staging = optaic.store()
                .resources()
                .findChild(actor, space.id(), "staging")
                .orElseThrow();
        Resource project = optaic.store()
                .resources()
                .findChild(actor, staging.id(), "quickstart")
                .orElseGet(() -> optaic.store()
                        .resources()
                        .create(
                                actor,
                                NewResource.of(staging.id(), ResourceType.Project, "quickstart")
                                        .withDescription("Created by optaic quickstart")));
        Instance market = instance(optaic, actor, project, "market", () -> {
            ObjectNode config = Output.JSON.createObjectNode();
            config.putObject("pipeline").put("assets", assets).put("days", days).put("seed", 42);
            return optaic.store()
                    .instances()
                    .create(
                            actor,
                            new NewInstance(
                                    project.id(),
                                    ResourceType.DatasetInstance,
                                    "market",
                                    "Synthetic market, " + assets + " assets",
                                    Map.of("pipeline", InstanceSupport.definitionVersion(optaic, actor, "synthetic")),
                                    config));
        });
        Instance alphas = instance(optaic, actor, project, "alphas", () -> {
            ObjectNode config = Output.JSON.createObjectNode();
            config.put("input", market.resource().id().toString());
            ObjectNode expressions = config.putObject("expressions");
            new TreeMap<>(ALPHAS).forEach(expressions::put);
            return InstanceSupport.createExperiment(
                    optaic, actor, project.id(), "alphas", "Four Alpha101 formulas over the synthetic market", config);
        });

        long pipelineStart = System.nanoTime();
        Optional<DataVersion> latest =
                StoreDatasets.latest(optaic.store(), actor, market.resource().id());
        RunOutcome pipeline;
        if (latest.isEmpty()) {
            err().println("optaic quickstart: PipelineRun (synthetic market, " + assets + " assets x " + days
                    + " days)...");
            pipeline = launch(optaic, actor, market.resource().id(), RunTrigger.MANUAL, Optional.empty());
        } else {
            LocalDate night = nextBusinessDay(latest.get().maxDate().orElseThrow());
            err().println("optaic quickstart: nightly PipelineRun for " + night + " (appends one day)...");
            Optional<Run> existing = optaic.store()
                    .runs()
                    .findByNominalDate(actor, market.resource().id(), night);
            pipeline = existing.isEmpty()
                    ? launch(optaic, actor, market.resource().id(), RunTrigger.SCHEDULE, Optional.of(night))
                    : existing.get().status() == RunStatus.SUCCEEDED
                            ? new RunOutcome(existing.get(), Optional.empty())
                            : optaic.frame()
                                    .restart(actor, existing.get().resource().id(), false);
        }
        double pipelineSeconds = seconds(pipelineStart);
        if (pipeline.run().status() != RunStatus.SUCCEEDED) {
            return failed(pipeline);
        }
        long experimentStart = System.nanoTime();
        err().println("optaic quickstart: ExperimentRun (" + ALPHAS.size() + " Alpha101 formulas)...");
        RunOutcome experiment = launch(optaic, actor, alphas.resource().id(), RunTrigger.MANUAL, Optional.empty());
        double experimentSeconds = seconds(experimentStart);
        if (experiment.run().status() != RunStatus.SUCCEEDED) {
            return failed(experiment);
        }

        UUID results = UUID.fromString(alphas.config().get("output").asText());
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("researcher", Map.of("email", EMAIL, "principal", researcher.id()));
            summary.put("project", project.id());
            summary.put("market", market.resource().id());
            summary.put("experiment", alphas.resource().id());
            summary.put("results", results);
            summary.put("pipeline_run", pipeline.run());
            summary.put("experiment_run", experiment.run());
            summary.put(
                    "outputs",
                    optaic.store()
                            .runs()
                            .outputs(actor, experiment.run().resource().id()));
            summary.put("seconds", seconds(start));
            Output.json(out(), summary);
            return 0;
        }
        out().println("== Resource tree (researcher " + EMAIL + ", acting as principal " + researcher.id() + ")");
        Views.tree(out(), optaic.store().resources().tree(actor, space.id(), 6));
        out().println();
        out().println("== Runs");
        List<Run> runs = new ArrayList<>(optaic.store()
                .runs()
                .runsOf(actor, market.resource().id(), PageRequest.first(5))
                .items());
        runs.addAll(optaic.store()
                .runs()
                .runsOf(actor, alphas.resource().id(), PageRequest.first(5))
                .items());
        Views.runs(out(), runs);
        out().println();
        out().println("== Versions of 'market' (" + market.resource().id() + ")");
        Views.versions(
                out(),
                optaic.store().dataVersions().versions(actor, market.resource().id()));
        out().println();
        out().println("== Versions of 'alphas-results' (" + results + ")");
        Views.versions(out(), optaic.store().dataVersions().versions(actor, results));
        DataVersion output = optaic.store()
                .runs()
                .outputs(actor, experiment.run().resource().id())
                .get(0);
        out().println();
        out().println("== Lineage of alphas-results v" + output.version() + " (optaic lineage " + output.id()
                + " --up)");
        Views.lineage(
                out(),
                optaic.store().lineage().walk(actor, LineageQuery.upstream(LineageNode.dataVersion(output.id()), 4)));
        out().println();
        out().printf(
                        Locale.ROOT,
                        "PipelineRun %s: %s, %.2fs wall (rows_added=%s, last_date=%s)%n",
                        pipeline.run().resource().id(),
                        pipeline.run().status(),
                        pipelineSeconds,
                        pipeline.run().metrics().path("rows_added").asText(),
                        pipeline.run().metrics().path("last_date").asText());
        out().printf(
                        Locale.ROOT,
                        "ExperimentRun %s: %s, %.2fs wall (rows=%s)%n",
                        experiment.run().resource().id(),
                        experiment.run().status(),
                        experimentSeconds,
                        experiment.run().metrics().path("rows").asText());
        out().printf(
                        Locale.ROOT,
                        "quickstart total %.1fs. Next: optaic run status %s | optaic dataset preview %s | "
                                + "optaic run reproduce %s%n",
                        seconds(start),
                        experiment.run().resource().id(),
                        results,
                        experiment.run().resource().id());
        return 0;
    }

    private static Instance instance(
            Optaic optaic, Actor actor, Resource project, String name, Supplier<Instance> create) {
        return optaic.store()
                .resources()
                .findChild(actor, project.id(), name)
                .map(r -> optaic.store().instances().get(actor, r.id()))
                .orElseGet(create);
    }

    private static RunOutcome launch(
            Optaic optaic, Actor actor, UUID instance, RunTrigger trigger, Optional<LocalDate> nominalDate) {
        Run queued = optaic.frame().queue(actor, instance, trigger, nominalDate, Output.JSON.createObjectNode());
        return optaic.frame().launch(actor, queued.resource().id());
    }

    private int failed(RunOutcome outcome) {
        Views.run(out(), outcome.run());
        return outcome.failure()
                .filter(OptaicException.class::isInstance)
                .map(e -> ((OptaicException) e).category().exitCode())
                .orElse(1);
    }

    static LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
