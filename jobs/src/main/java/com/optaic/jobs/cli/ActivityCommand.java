package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Activity;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DenialLog;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.SystemIds;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "activity",
        mixinStandardHelpOptions = true,
        description = "The audit log of a resource's subtree (default: the whole tenant), newest first.")
final class ActivityCommand extends StoreCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    UUID id;

    @Option(names = "--target", description = "Only activities whose target is exactly ID.")
    boolean target;

    @Option(names = "--verb", description = "Only this verb (e.g. run.failed).")
    String verb;

    @Option(
            names = "--denied",
            description = "Refused attempts instead (permission denied, not found or hidden, bad or blank token),"
                    + " newest first; needs audit_read on the tenant.")
    boolean denied;

    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    int run(Optaic optaic) {
        Actor actor = optaic.actor();
        if (denied) {
            List<DenialLog.Denial> denials =
                    optaic.store().denials().recent(actor, Math.max(1, Math.min(PageRequest.MAX_LIMIT, limit)));
            if (json) {
                Output.json(out(), denials);
            } else {
                denials(denials);
            }
            return 0;
        }
        UUID node = id != null
                ? id
                : actor.tenantId().equals(SystemIds.SYSTEM_TENANT) ? SystemIds.SYSTEM_TENANT_ROOT : actor.tenantId();
        PageRequest page =
                PageRequest.first(Math.min(PageRequest.MAX_LIMIT, verb == null ? limit : PageRequest.MAX_LIMIT));
        List<Activity> activities = (target
                        ? optaic.store().activities().forTarget(actor, node, page)
                        : optaic.store().activities().forSubtree(actor, node, page))
                .items();
        if (verb != null) {
            activities = activities.stream()
                    .filter(a -> a.verb().equals(verb))
                    .limit(limit)
                    .toList();
        }
        if (json) {
            Output.json(out(), activities);
        } else {
            Views.activities(out(), activities);
        }
        return 0;
    }

    private void denials(List<DenialLog.Denial> denials) {
        List<List<String>> rows = new ArrayList<>();
        for (DenialLog.Denial d : denials) {
            rows.add(List.of(
                    d.at().toString(),
                    d.principalId()
                            .map(UUID::toString)
                            .orElse("token " + d.tokenPrefix().orElse("") + "..."),
                    d.operation(),
                    d.targetId().map(UUID::toString).orElse("-"),
                    d.suppressedBefore() == 0 ? "" : "+" + d.suppressedBefore() + " suppressed",
                    d.reason().lines().findFirst().orElse("")));
        }
        Output.table(out(), List.of("at", "who", "operation", "target", "flood", "reason"), rows);
    }
}
