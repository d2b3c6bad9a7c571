package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "def", mixinStandardHelpOptions = true, description = "Definitions (plugins by code_ref).",
        subcommands = {DefCommand.ListDefinitions.class, DefCommand.Show.class})
final class DefCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the definitions you may read.")
    static final class ListDefinitions extends StoreCommand {
        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            EnumSet<ResourceType> types = EnumSet.noneOf(ResourceType.class);
            for (ResourceType type : ResourceType.values()) {
                if (type.tier() == ResourceType.Tier.DEFINITION) {
                    types.add(type);
                }
            }
            List<Definition> definitions = new ArrayList<>();
            for (Resource r : optaic.store().resources().search(actor,
                    new SearchRequest(java.util.Optional.empty(), new ResourceFilter.TypeIn(types),
                            PageRequest.first(1000))).items()) {
                definitions.add(optaic.store().definitions().get(actor, r.id()));
            }
            if (json) {
                Output.json(out(), definitions);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            definitions.forEach(d -> rows.add(List.of(d.resource().id().toString(), d.resource().type().name(),
                    d.resource().name(), d.codeRef(), "v" + d.latestVersion(), d.resource().description())));
            Output.table(out(), List.of("id", "type", "name", "code_ref", "latest", "description"), rows);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a definition and its versions.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Definition definition = optaic.store().definitions().get(optaic.actor(), id);
            List<DefinitionVersion> versions = optaic.store().definitions().versions(optaic.actor(), id);
            if (json) {
                Output.json(out(), Map.of("definition", definition, "versions", versions));
                return 0;
            }
            Views.resource(out(), definition.resource());
            out().println("code_ref:    " + definition.codeRef());
            List<List<String>> rows = new ArrayList<>();
            versions.forEach(v -> rows.add(List.of("v" + v.version(), v.id().toString(), v.status().wireName(),
                    v.content().codeVersion(), v.contentHash().substring(0, 12), v.content().configSchema().toString())));
            Output.table(out(), List.of("version", "id", "status", "code", "hash", "config schema"), rows);
            return 0;
        }
    }
}
