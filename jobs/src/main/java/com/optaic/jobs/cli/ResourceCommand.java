package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.TreeNode;
import java.util.ArrayList;
import java.util.EnumSet;
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
        name = "resource",
        mixinStandardHelpOptions = true,
        description = "Any node of the resource tree.",
        subcommands = {
            ResourceCommand.Show.class,
            ResourceCommand.Tree.class,
            ResourceCommand.Copy.class,
            ResourceCommand.Archive.class,
            ResourceCommand.Search.class
        })
final class ResourceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one resource.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Resource resource = optaic.store().resources().get(optaic.actor(), id);
            if (json) {
                Output.json(out(), resource);
            } else {
                Views.resource(out(), resource);
            }
            return 0;
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true, description = "Prints the subtree under a resource.")
    static final class Tree extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--depth", defaultValue = "8")
        int depth;

        @Override
        int run(Optaic optaic) {
            TreeNode tree = optaic.store().resources().tree(optaic.actor(), id, depth);
            if (json) {
                Output.json(out(), tree);
            } else {
                Views.tree(out(), tree);
            }
            return 0;
        }
    }

    @Command(
            name = "copy",
            mixinStandardHelpOptions = true,
            description = "Copies a project, definition or instance under another parent (runs are not copied).")
    static final class Copy extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--to", required = true, paramLabel = "PARENT")
        UUID target;

        @Option(names = "--name", required = true)
        String name;

        @Override
        int run(Optaic optaic) {
            Resource copy = optaic.store().resources().copy(optaic.actor(), id, target, name);
            if (json) {
                Output.json(out(), copy);
            } else {
                out().println("copied to " + copy.id() + "  '" + copy.name() + "'");
            }
            return 0;
        }
    }

    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description = "Archives a resource (it stays readable).")
    static final class Archive extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Resource current = optaic.store().resources().get(optaic.actor(), id);
            Resource archived = optaic.store().resources().archive(optaic.actor(), id, current.rowVersion());
            if (json) {
                Output.json(out(), archived);
            } else {
                out().println("archived " + archived.id() + "  '" + archived.name() + "'");
            }
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Searches what you may read.")
    static final class Search extends StoreCommand {
        @Option(names = "--name", description = "Name contains (case-insensitive).")
        String name;

        @Option(names = "--type", split = ",", description = "Resource types, comma-separated.")
        List<String> types;

        @Option(names = "--tag")
        String tag;

        @Option(names = "--under", paramLabel = "ID")
        UUID under;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        int run(Optaic optaic) {
            List<ResourceFilter> filters = new ArrayList<>();
            if (name != null) {
                filters.add(new ResourceFilter.NameContains(name));
            }
            if (types != null && !types.isEmpty()) {
                Set<ResourceType> set = EnumSet.noneOf(ResourceType.class);
                types.forEach(t -> set.add(ResourceType.parse(t)));
                filters.add(new ResourceFilter.TypeIn(set));
            }
            if (tag != null) {
                filters.add(new ResourceFilter.HasTag(tag));
            }
            Page<Resource> page = optaic.store()
                    .resources()
                    .search(
                            optaic.actor(),
                            new SearchRequest(
                                    Optional.ofNullable(under),
                                    new ResourceFilter.All(filters),
                                    PageRequest.first(limit)));
            if (json) {
                Output.json(out(), page);
            } else {
                Views.resources(out(), page.items());
            }
            return 0;
        }
    }
}
