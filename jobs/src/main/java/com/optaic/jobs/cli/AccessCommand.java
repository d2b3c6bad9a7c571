package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Grant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description = "Who holds which role on a node: granted on it (direct) or on an ancestor (inherited).")
final class AccessCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ID")
    UUID id;

    @Override
    int run(Optaic optaic) {
        People people = new People(optaic);
        print(this, people, id, optaic.store().access().effectiveGrants(people.actor(), id));
        return 0;
    }

    /** Grants as a table (or JSON) relative to {@code node}: each direct on it or inherited from an ancestor. */
    static void print(StoreCommand command, People people, UUID node, List<Grant> grants) {
        Map<UUID, String> names = new HashMap<>();
        List<Map<String, Object>> rows = grants.stream()
                .map(g -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("grant_id", g.id().toString());
                    row.put("principal_id", g.principalId().toString());
                    row.put("principal", people.label(g.principalId()));
                    row.put("role", g.role().wireName());
                    row.put("on_id", g.resourceId().toString());
                    row.put("on", names.computeIfAbsent(g.resourceId(), people::resourceName));
                    row.put("how", g.resourceId().equals(node) ? "direct" : "inherited");
                    row.put("granted_by", people.label(g.grantedBy()));
                    row.put("created_at", g.createdAt().toString());
                    return row;
                })
                .toList();
        if (command.json) {
            Output.json(command.out(), rows);
            return;
        }
        Output.table(
                command.out(),
                List.of("GRANT", "PRINCIPAL", "ROLE", "HOW", "ON"),
                rows.stream()
                        .map(r -> List.of(
                                (String) r.get("grant_id"),
                                (String) r.get("principal"),
                                (String) r.get("role"),
                                (String) r.get("how"),
                                r.get("on") + " " + r.get("on_id")))
                        .toList());
    }
}
