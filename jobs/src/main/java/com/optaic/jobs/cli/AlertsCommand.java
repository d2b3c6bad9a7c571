package com.optaic.jobs.cli;

import com.optaic.jobs.Optaic;
import com.optaic.metadata.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The alerts MonitoringRuns raised, newest first. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "The alerts raised by runs you may read (MonitoringRuns), newest first.")
final class AlertsCommand extends StoreCommand {
    @Option(names = "--under", paramLabel = "ID", description = "Only alerts of runs below this resource.")
    UUID under;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).")
    int limit;

    @Override
    int run(Optaic optaic) {
        List<Alert> alerts = optaic.store().alerts().list(optaic.actor(), Optional.ofNullable(under), limit);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Alert a : alerts) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", a.id());
                row.put("run_id", a.runId().toString());
                row.put("instance_id", a.instanceId().toString());
                row.put("severity", a.alert().severity());
                row.put("feature", a.alert().feature());
                row.put("metric", a.alert().metric());
                row.put("value", a.alert().value());
                row.put("threshold", a.alert().threshold());
                row.put("window", a.alert().window());
                row.put("created_at", a.createdAt().toString());
                rows.add(row);
            }
            Output.json(out(), rows);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Alert a : alerts) {
            rows.add(List.of(
                    Long.toString(a.id()),
                    Views.time(a.createdAt()),
                    a.alert().severity(),
                    a.alert().feature(),
                    a.alert().metric(),
                    String.format(Locale.ROOT, "%.4g", a.alert().value()),
                    String.format(Locale.ROOT, "%.4g", a.alert().threshold()),
                    a.runId().toString(),
                    a.alert().window()));
        }
        Output.table(
                out(),
                List.of("id", "time", "severity", "feature", "metric", "value", "threshold", "run", "window"),
                rows);
        return 0;
    }
}
