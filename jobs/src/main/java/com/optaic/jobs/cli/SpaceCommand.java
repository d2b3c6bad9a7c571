package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.SpaceCreation;
import com.optaic.metadata.SpaceKind;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.TreeNode;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "space",
        mixinStandardHelpOptions = true,
        description = "Spaces (with official and staging subspaces).",
        subcommands = {SpaceCommand.Create.class, SpaceCommand.Tree.class})
final class SpaceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a space owned by a principal.")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--kind", defaultValue = "team", description = "team or personal (default team).")
        String kind;

        @Option(names = "--owner", paramLabel = "EMAIL", description = "Owner's email (default: the acting principal).")
        String owner;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            UUID ownerId = owner == null
                    ? actor.principalId()
                    : optaic.store()
                            .principals()
                            .findByEmail(actor, owner)
                            .orElseThrow(() -> new com.optaic.common.OptaicException(
                                    MetadataErrorCode.METADATA_NOT_FOUND, "No principal with email " + owner))
                            .id();
            SpaceCreation space = optaic.store()
                    .spaces()
                    .createSpace(actor, name, SpaceKind.valueOf(kind.toUpperCase(Locale.ROOT)), ownerId);
            if (json) {
                Output.json(out(), space);
            } else {
                out().println("space " + space.space().id() + "  (official "
                        + space.official().id() + ", staging " + space.staging().id() + ")");
            }
            return 0;
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true, description = "Prints the resource tree.")
    static final class Tree extends StoreCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Root (default: the tenant root).")
        UUID root;

        @Option(names = "--depth", defaultValue = "8")
        int depth;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            UUID start = root != null
                    ? root
                    : actor.tenantId().equals(SystemIds.SYSTEM_TENANT)
                            ? SystemIds.SYSTEM_TENANT_ROOT
                            : optaic.store()
                                    .resources()
                                    .get(actor, actor.tenantId())
                                    .id();
            TreeNode tree = optaic.store().resources().tree(actor, start, depth);
            if (json) {
                Output.json(out(), tree);
            } else {
                Views.tree(out(), tree);
            }
            return 0;
        }
    }
}
