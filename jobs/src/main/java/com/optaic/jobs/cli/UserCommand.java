package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Principal;
import com.optaic.metadata.UserCreation;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Users: each owns a personal space (official + staging) and may view the system space.",
        subcommands = {
            UserCommand.Create.class,
            UserCommand.ListUsers.class,
            UserCommand.Show.class,
            UserCommand.Disable.class
        })
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void table(PrintWriter out, List<Principal> principals) {
        Output.table(
                out,
                List.of("ID", "EMAIL", "NAME", "KIND", "STATUS", "CREATED"),
                principals.stream()
                        .map(p -> List.of(
                                p.id().toString(),
                                p.email().orElse("-"),
                                p.displayName(),
                                p.kind().wireName(),
                                p.active() ? "active" : "disabled",
                                Views.time(p.createdAt())))
                        .toList());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a user with a personal space; needs grant on the tenant root (an administrator).")
    static final class Create extends StoreCommand {
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name.")
        String name;

        @Override
        int run(Optaic optaic) {
            UserCreation user = optaic.store().spaces().createUserWithPersonalSpace(optaic.actor(), email, name);
            if (json) {
                Output.json(out(), user);
            } else {
                out().println("user " + user.principal().id() + "  " + email);
                out().println("personal space " + user.personalSpace().space().id() + "  (official "
                        + user.personalSpace().official().id() + ", staging "
                        + user.personalSpace().staging().id() + ")");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tenant's users and accounts.")
    static final class ListUsers extends StoreCommand {
        @Override
        int run(Optaic optaic) {
            List<Principal> principals = optaic.store().principals().list(optaic.actor());
            if (json) {
                Output.json(out(), principals);
            } else {
                table(out(), principals);
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one user (by email or id).")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "EMAIL|ID")
        String who;

        @Override
        int run(Optaic optaic) {
            Principal principal = new People(optaic).principal(who);
            if (json) {
                Output.json(out(), principal);
            } else {
                table(out(), List.of(principal));
            }
            return 0;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disables a user: its tokens stop working; its grants and resources stay.")
    static final class Disable extends StoreCommand {
        @Parameters(index = "0", paramLabel = "EMAIL|ID")
        String who;

        @Override
        int run(Optaic optaic) {
            People people = new People(optaic);
            Principal principal = people.principal(who);
            Principal disabled = optaic.store().principals().disable(people.actor(), principal.id());
            if (json) {
                Output.json(out(), disabled);
            } else {
                table(out(), List.of(disabled));
            }
            return 0;
        }
    }
}
