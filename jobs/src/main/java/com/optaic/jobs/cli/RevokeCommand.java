package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Grant;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Principal;
import com.optaic.metadata.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Removes a grant: by its id (see 'optaic access ID'), or a principal's direct grants on a node."
                + " Same rule as granting the role.")
final class RevokeCommand extends StoreCommand {
    @Option(names = "--grant", paramLabel = "GRANT_ID")
    UUID grantId;

    @Option(names = "--from", paramLabel = "EMAIL|ID")
    String from;

    @Option(names = "--on", paramLabel = "ID")
    UUID on;

    @Option(names = "--role", paramLabel = "ROLE", description = "With --from: only this role (default: all).")
    String role;

    @Override
    int run(Optaic optaic) {
        boolean byId = grantId != null && from == null && on == null && role == null;
        boolean byPrincipal = grantId == null && from != null && on != null;
        if (!byId && !byPrincipal) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "Name what to revoke: either --grant GRANT_ID, or --from EMAIL|ID --on ID [--role ROLE]");
        }
        People people = new People(optaic);
        if (byId) {
            optaic.store().access().revoke(people.actor(), grantId);
            if (json) {
                Output.json(out(), Map.of("grant_id", grantId.toString(), "revoked", true));
            } else {
                out().println("revoked grant " + grantId);
            }
            return 0;
        }
        Principal principal = people.principal(from);
        Role only = role == null ? null : People.role(role);
        List<Grant> grants = optaic.store().access().grantsOn(people.actor(), on).stream()
                .filter(g -> g.principalId().equals(principal.id()) && (only == null || g.role() == only))
                .toList();
        if (grants.isEmpty()) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_NOT_FOUND,
                    people.label(principal.id()) + " holds no " + (only == null ? "" : only.wireName() + " ")
                            + "grant directly on " + on + " (an inherited one is revoked where it was granted;"
                            + " see 'optaic access " + on + "')");
        }
        for (Grant grant : grants) {
            optaic.store().access().revoke(people.actor(), grant.id());
        }
        AccessCommand.print(this, people, on, grants);
        return 0;
    }
}
