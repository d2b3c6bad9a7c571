package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Grant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "grant",
        mixinStandardHelpOptions = true,
        description = "Grants a role on a node (and everything below it). Only a principal with grant on the node"
                + " (an owner) grants, and never a role carrying a permission it lacks there.")
final class GrantCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "owner, operator, viewer or auditor.")
    String role;

    @Option(names = "--to", required = true, paramLabel = "EMAIL|ID")
    String to;

    @Option(names = "--on", required = true, paramLabel = "ID")
    UUID on;

    @Override
    int run(Optaic optaic) {
        People people = new People(optaic);
        Grant grant = optaic.store()
                .access()
                .grant(people.actor(), on, people.principal(to).id(), People.role(role));
        AccessCommand.print(this, people, on, List.of(grant));
        return 0;
    }
}
