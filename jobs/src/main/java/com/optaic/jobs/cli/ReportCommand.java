package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.report.BacktestFigures;
import com.optaic.jobs.report.BacktestReport;
import com.optaic.jobs.report.Lineage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code optaic report RUN --out FILE.html}: the tear sheet of a recorded run, from its metrics and the output
 * dataset versions it produced. A single (not sweep) BacktestRun for now.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the HTML tear sheet of a succeeded BacktestRun (docs/reports.md).",
            "Example: optaic report 0b6f1f2e-... --out report.html"
        })
final class ReportCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "RUN")
    UUID id;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The HTML file to write.")
    Path out;

    @Override
    int run(Optaic optaic) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--out writes HTML: give a .html file");
        }
        Actor actor = optaic.actor();
        Run run = optaic.store().runs().get(actor, id);
        if (run.resource().type() != ResourceType.BacktestRun) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "Run " + id + " is a " + run.resource().type() + "; report draws BacktestRuns for now");
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "Run " + id + " is " + run.status() + "; only a succeeded run has a report");
        }
        JsonNode metrics = run.metrics();
        if (metrics.has("sweep")) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "Run " + id + " is a sweep; its report is not built yet");
        }
        Map<UUID, DataVersion> produced = new LinkedHashMap<>();
        for (DataVersion version : optaic.store().runs().outputs(actor, id)) {
            produced.put(version.datasetId(), version);
        }
        Map<String, Panel> tables = new LinkedHashMap<>();
        metrics.path("outputs").fields().forEachRemaining(output -> {
            try {
                DataVersion version =
                        produced.get(UUID.fromString(output.getValue().asText()));
                if (version != null) {
                    tables.put(output.getKey(), StoreDatasets.read(optaic.storage(), StoreDatasets.toEngine(version)));
                }
            } catch (IllegalArgumentException notWritten) {
                // "empty: no version written"
            }
        });
        if (!tables.containsKey("series")) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "Run " + id + " wrote no series table, which the report draws from");
        }
        BacktestFigures figures = BacktestFigures.of(
                metrics,
                tables.get("series"),
                Optional.ofNullable(tables.get("positions")),
                Optional.ofNullable(tables.get("fills")),
                Optional.ofNullable(tables.get("trades")),
                Optional.ofNullable(tables.get("drawdowns")));
        List<Lineage.Node> inputs = new ArrayList<>();
        for (UUID versionId : run.snapshot().inputDataVersions()) {
            DataVersion version = optaic.store().dataVersions().getById(actor, versionId);
            inputs.add(new Lineage.Node("dataset " + version.datasetId(), "version " + version.version()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        metrics.path("spec")
                .fields()
                .forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        settings.put("instance", run.snapshot().instanceId().toString());
        Lineage lineage = new Lineage(
                inputs,
                new Lineage.Node(
                        "BacktestRun " + id,
                        "ended " + run.endedAt().map(Object::toString).orElse("")),
                settings,
                run.snapshot().codeVersion());
        BacktestReport.single(figures, lineage).write(out);
        err().println("report -> " + out);
        return 0;
    }
}
