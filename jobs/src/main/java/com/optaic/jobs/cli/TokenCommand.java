package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.IssuedToken;
import com.optaic.metadata.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "API tokens (OPTAIC_TOKEN): shown once when created, stored hashed.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a token and prints it (only this once) on stdout: OPTAIC_TOKEN=$(optaic token"
                    + " create). For another principal, needs grant on the tenant root (an administrator).")
    static final class Create extends StoreCommand {
        @Option(names = "--for", paramLabel = "EMAIL|ID", description = "Whose token (default: the caller's).")
        String forWhom;

        @Option(
                names = "--expires",
                paramLabel = "AGE",
                description = "Valid for 90d, 12h, 30m or 45s (default: no" + " expiry).")
        String expires;

        @Option(names = "--name", defaultValue = "cli", description = "A name to recognise it by (default cli).")
        String name;

        @Override
        int run(Optaic optaic) {
            Optional<Duration> validFor = Optional.ofNullable(expires).map(e -> People.validity("--expires", e));
            People people = new People(optaic);
            UUID principal = forWhom == null
                    ? people.actor().principalId()
                    : people.principal(forWhom).id();
            IssuedToken token = optaic.store().principals().issueToken(people.actor(), principal, name, validFor);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("token_id", token.tokenId().toString());
                out.put("principal_id", token.principalId().toString());
                out.put("principal", people.label(token.principalId()));
                out.put("name", name);
                out.put("token", token.token());
                out.put("expires_at", token.expiresAt().map(Instant::toString).orElse(null));
                Output.json(out(), out);
            } else {
                out().println(token.token());
                err().println("token " + token.tokenId() + " for " + people.label(token.principalId()) + ", "
                        + token.expiresAt().map(t -> "expires " + Views.time(t)).orElse("no expiry")
                        + ": shown once, keep it secret (optaic token revoke " + token.tokenId() + " ends it)");
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists tokens (never their secrets): the caller's, or another's for an administrator.")
    static final class ListTokens extends StoreCommand {
        @Option(names = "--for", paramLabel = "EMAIL|ID")
        String forWhom;

        @Override
        int run(Optaic optaic) {
            People people = new People(optaic);
            UUID principal = forWhom == null
                    ? people.actor().principalId()
                    : people.principal(forWhom).id();
            List<TokenInfo> tokens = optaic.store().principals().tokens(people.actor(), principal);
            if (json) {
                Output.json(out(), tokens);
                return 0;
            }
            Instant now = Instant.now();
            Output.table(
                    out(),
                    List.of("ID", "NAME", "PREFIX", "CREATED", "EXPIRES", "STATUS"),
                    tokens.stream()
                            .map(t -> List.of(
                                    t.id().toString(),
                                    t.name(),
                                    t.prefix().map(p -> p + "...").orElse("-"),
                                    Views.time(t.createdAt()),
                                    t.expiresAt().map(Views::time).orElse("never"),
                                    t.revokedAt().isPresent()
                                            ? "revoked "
                                                    + Views.time(t.revokedAt().get())
                                            : t.usableAt(now) ? "active" : "expired"))
                            .toList());
            return 0;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revokes a token at once: the caller's own, or any for an administrator.")
    static final class Revoke extends StoreCommand {
        @Parameters(index = "0", paramLabel = "TOKEN_ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            optaic.store().principals().revokeToken(optaic.actor(), id);
            if (json) {
                Output.json(out(), Map.of("token_id", id.toString(), "revoked", true));
            } else {
                out().println("revoked token " + id);
            }
            return 0;
        }
    }
}
