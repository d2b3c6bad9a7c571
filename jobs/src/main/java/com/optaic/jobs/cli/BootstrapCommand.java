package com.optaic.jobs.cli;

import com.optaic.jobs.Builtins;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.BootstrapResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = "Creates (idempotently) the system tenant, the administrator admin@optaic.local, the system "
                + "space and project, and the built-in definitions. Every other command does this too.")
final class BootstrapCommand extends StoreCommand {
    @Override
    int run(Optaic optaic) {
        BootstrapResult result = optaic.store().bootstrap().run(Builtins.definitions());
        if (json) {
            Output.json(out(), result);
            return 0;
        }
        out().println(
                        result.systemCreated()
                                ? "Bootstrapped a new system tenant."
                                : "System tenant already bootstrapped.");
        List<List<String>> rows = new ArrayList<>();
        result.builtins()
                .forEach(d -> rows.add(List.of(
                        d.resource().id().toString(),
                        d.resource().type().name(),
                        d.resource().name(),
                        d.codeRef(),
                        "v" + d.latestVersion())));
        Output.table(out(), List.of("id", "type", "name", "code_ref", "latest"), rows);
        return 0;
    }
}
