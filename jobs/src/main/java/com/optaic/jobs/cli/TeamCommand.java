package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Grant;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Principal;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SpaceCreation;
import com.optaic.metadata.SpaceKind;
import com.optaic.metadata.SystemIds;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "team",
        mixinStandardHelpOptions = true,
        description = "Team spaces: an owner and members who are operators (read, create, update, run).",
        subcommands = {TeamCommand.Create.class, TeamCommand.Add.class, TeamCommand.Remove.class})
final class TeamCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The team space named by its id or by its name under the tenant root. */
    static Resource team(Optaic optaic, Actor actor, String idOrName) {
        Resource space;
        try {
            space = optaic.store().resources().get(actor, UUID.fromString(idOrName.strip()));
        } catch (IllegalArgumentException notAnId) {
            UUID root = actor.tenantId().equals(SystemIds.SYSTEM_TENANT)
                    ? SystemIds.SYSTEM_TENANT_ROOT
                    : optaic.store().resources().get(actor, actor.tenantId()).id();
            space = optaic.store()
                    .resources()
                    .findChild(actor, root, idOrName)
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND, "No team space named '" + idOrName + "'"));
        }
        if (space.type() != ResourceType.Space || !space.kind().orElse("").equals(SpaceKind.TEAM.wireName())) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "'" + idOrName + "' is a " + space.type()
                            + space.kind().map(k -> " (" + k + ")").orElse("") + ", not a team space");
        }
        return space;
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a team space; needs grant on the tenant root (an administrator).")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--owner", required = true, paramLabel = "EMAIL|ID")
        String owner;

        @Option(names = "--member", paramLabel = "EMAIL|ID", description = "A member (an operator); repeatable.")
        List<String> members = new ArrayList<>();

        @Override
        int run(Optaic optaic) {
            People people = new People(optaic);
            UUID ownerId = people.principal(owner).id();
            List<UUID> memberIds =
                    members.stream().map(m -> people.principal(m).id()).toList();
            SpaceCreation space = optaic.store().spaces().createTeamSpace(people.actor(), name, ownerId, memberIds);
            if (json) {
                Output.json(out(), space);
            } else {
                out().println("team space " + space.space().id() + "  " + name + "  (official "
                        + space.official().id() + ", staging " + space.staging().id() + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Makes users operators of a team space; needs grant on it (its owner).")
    static final class Add extends StoreCommand {
        @Parameters(index = "0", paramLabel = "TEAM", description = "The team space's id or name.")
        String team;

        @Option(names = "--member", required = true, paramLabel = "EMAIL|ID", description = "Repeatable.")
        List<String> members = new ArrayList<>();

        @Override
        int run(Optaic optaic) {
            People people = new People(optaic);
            Resource space = team(optaic, people.actor(), team);
            List<Principal> principals = members.stream().map(people::principal).toList();
            // checked before the first grant: each grant commits on its own
            principals.stream().filter(p -> !p.active()).findFirst().ifPresent(p -> {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, people.label(p.id()) + " is disabled; nothing was granted");
            });
            List<Grant> grants = new ArrayList<>();
            for (Principal member : principals) {
                grants.add(optaic.store().access().grant(people.actor(), space.id(), member.id(), Role.OPERATOR));
            }
            AccessCommand.print(this, people, space.id(), grants);
            return 0;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes users' roles on a team space (not inherited ones); needs grant on it (its owner).")
    static final class Remove extends StoreCommand {
        @Parameters(index = "0", paramLabel = "TEAM", description = "The team space's id or name.")
        String team;

        @Option(names = "--member", required = true, paramLabel = "EMAIL|ID", description = "Repeatable.")
        List<String> members = new ArrayList<>();

        @Override
        int run(Optaic optaic) {
            People people = new People(optaic);
            Resource space = team(optaic, people.actor(), team);
            List<Principal> principals = members.stream().map(people::principal).toList();
            List<Grant> onSpace = optaic.store().access().grantsOn(people.actor(), space.id());
            List<Grant> removed = new ArrayList<>();
            for (Principal member : principals) {
                List<Grant> theirs = onSpace.stream()
                        .filter(g -> g.principalId().equals(member.id()))
                        .toList();
                if (theirs.isEmpty()) {
                    throw new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND,
                            people.label(member.id()) + " holds no role on team space '" + space.name() + "'");
                }
                long otherOwners = onSpace.stream()
                        .filter(g -> g.role() == Role.OWNER && !g.principalId().equals(member.id()))
                        .count();
                if (otherOwners == 0 && theirs.stream().anyMatch(g -> g.role() == Role.OWNER)) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_OPTION,
                            "Cannot remove " + people.label(member.id()) + ": the only owner of team space '"
                                    + space.name() + "' (grant owner to someone else first)");
                }
                removed.addAll(theirs);
            }
            for (Grant grant : removed) {
                optaic.store().access().revoke(people.actor(), grant.id());
            }
            AccessCommand.print(this, people, space.id(), removed);
            return 0;
        }
    }
}
