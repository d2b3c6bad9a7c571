package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "signal",
        mixinStandardHelpOptions = true,
        description = {
            "Signals: a dataset version registered in a staging subspace, validated by a run, promoted to an official one",
            "through the guardrails (the target's metric thresholds, four-eyes if it asks for it)."
        },
        subcommands = {
            SignalCommand.Register.class,
            SignalCommand.Validate.class,
            SignalCommand.Promote.class,
            SignalCommand.ListSignals.class
        })
final class SignalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void print(StoreCommand command, Signal signal) {
        if (command.json) {
            Output.json(command.out(), signal);
        } else {
            table(command, List.of(signal));
        }
    }

    static void table(StoreCommand command, List<Signal> signals) {
        List<List<String>> rows = new ArrayList<>();
        for (Signal s : signals) {
            rows.add(List.of(
                    s.resource().id().toString(),
                    s.resource().name(),
                    s.datasetId().toString(),
                    s.dataVersionId().toString(),
                    s.validationStatus().wireName(),
                    s.validationRunId().map(UUID::toString).orElse("-"),
                    s.promotedFrom().map(id -> "from " + id).orElse("-")));
        }
        Output.table(
                command.out(),
                List.of("signal", "name", "dataset", "data version", "validation", "run", "promoted"),
                rows);
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description =
                    "Registers a dataset's version (default its latest) as a signal under a staging subspace or project.")
    static final class Register extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DATASET")
        UUID dataset;

        @Option(names = "--version", paramLabel = "N")
        Integer version;

        @Option(names = "--parent", required = true, paramLabel = "SUBSPACE|PROJECT")
        UUID parent;

        @Option(names = "--name", required = true)
        String name;

        @Override
        int run(Optaic optaic) {
            print(
                    this,
                    optaic.store()
                            .signals()
                            .register(optaic.actor(), dataset, Optional.ofNullable(version), parent, name));
            return 0;
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Judges a finished run of the signal against the thresholds of the official subspace it would be promoted",
                "to, and records the outcome (passed or failed, with the rule that failed)."
            })
    static final class Validate extends StoreCommand {
        @Parameters(index = "0", paramLabel = "SIGNAL")
        UUID signal;

        @Option(names = "--run", required = true, paramLabel = "RUN")
        UUID run;

        @Option(names = "--target", required = true, paramLabel = "SUBSPACE")
        UUID target;

        @Override
        int run(Optaic optaic) {
            Signal validated = optaic.store().signals().validate(optaic.actor(), signal, run, target);
            print(this, validated);
            if (!json) {
                validated.validationReport().ifPresent(report -> out().println("report: " + report));
            }
            return 0;
        }
    }

    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = "Promotes a validated signal into an official subspace (guardrails apply).")
    static final class Promote extends StoreCommand {
        @Parameters(index = "0", paramLabel = "SIGNAL")
        UUID signal;

        @Option(names = "--target", required = true, paramLabel = "SUBSPACE")
        UUID target;

        @Override
        int run(Optaic optaic) {
            print(this, optaic.store().signals().promote(optaic.actor(), signal, target));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the signals you may read.")
    static final class ListSignals extends StoreCommand {
        @Option(names = "--under", paramLabel = "ID", description = "Only signals below this resource.")
        UUID under;

        @Option(names = "--limit", defaultValue = "200")
        int limit;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            List<Signal> signals = new ArrayList<>();
            for (Resource resource : optaic.store()
                    .resources()
                    .search(
                            actor,
                            new SearchRequest(
                                    Optional.ofNullable(under),
                                    new ResourceFilter.TypeIn(Set.of(ResourceType.SignalInstance)),
                                    PageRequest.first(limit)))
                    .items()) {
                signals.add(optaic.store().signals().get(actor, resource.id()));
            }
            if (json) {
                Output.json(out(), signals);
            } else {
                table(this, signals);
            }
            return 0;
        }
    }
}
