package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        description = "Projects.",
        subcommands = {ProjectCommand.Create.class})
final class ProjectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a project under a subspace or project.")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--parent", required = true, paramLabel = "ID")
        UUID parent;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Override
        int run(Optaic optaic) {
            Resource project = optaic.store()
                    .resources()
                    .create(
                            optaic.actor(),
                            NewResource.of(parent, ResourceType.Project, name).withDescription(description));
            if (json) {
                Output.json(out(), project);
            } else {
                out().println("project " + project.id() + "  '" + project.name() + "'");
            }
            return 0;
        }
    }
}
