package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Datasets and their versions.",
        subcommands = {
            DatasetCommand.ListDatasets.class,
            DatasetCommand.Show.class,
            DatasetCommand.Versions.class,
            DatasetCommand.Preview.class
        })
final class DatasetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists datasets you may read.")
    static final class ListDatasets extends StoreCommand {
        @Option(names = "--under", paramLabel = "ID")
        UUID under;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            List<Resource> datasets = optaic.store()
                    .resources()
                    .search(
                            actor,
                            new SearchRequest(
                                    Optional.ofNullable(under),
                                    new ResourceFilter.TypeIn(
                                            EnumSet.of(ResourceType.DatasetInstance, ResourceType.SignalInstance)),
                                    PageRequest.first(1000)))
                    .items();
            if (json) {
                Output.json(out(), datasets);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Resource dataset : datasets) {
                Optional<DataVersion> latest = StoreDatasets.latest(optaic.store(), actor, dataset.id());
                rows.add(List.of(
                        dataset.id().toString(),
                        dataset.name(),
                        latest.map(v -> "v" + v.version()).orElse("-"),
                        latest.map(v -> String.valueOf(v.rowCount())).orElse("-"),
                        latest.flatMap(DataVersion::maxDate)
                                .map(Object::toString)
                                .orElse("-")));
            }
            Output.table(out(), List.of("id", "name", "latest", "rows", "last date"), rows);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a dataset and its latest version.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DATASET")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            Instance instance = optaic.store().instances().get(actor, id);
            Optional<DataVersion> latest = StoreDatasets.latest(optaic.store(), actor, id);
            if (json) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("instance", instance);
                view.put("latest", latest.orElse(null));
                Output.json(out(), view);
                return 0;
            }
            Views.resource(out(), instance.resource());
            out().println("config:      " + instance.config());
            latest.ifPresentOrElse(
                    v -> {
                        out().println("latest:      v" + v.version() + "  " + v.rowCount() + " rows  "
                                + v.minDate().map(Object::toString).orElse("-") + ".."
                                + v.maxDate().map(Object::toString).orElse("-") + "  "
                                + v.manifest().files().size() + " files");
                        out().println("fields:      " + v.manifest().schema().path("fields"));
                    },
                    () -> out().println("latest:      (no version yet)"));
            return 0;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "Lists a dataset's versions.")
    static final class Versions extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DATASET")
        UUID id;

        @Override
        int run(Optaic optaic) {
            List<DataVersion> versions = optaic.store().dataVersions().versions(optaic.actor(), id);
            if (json) {
                Output.json(out(), versions);
            } else {
                Views.versions(out(), versions);
            }
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "Prints the last rows of a version.")
    static final class Preview extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DATASET")
        UUID id;

        @Option(names = "--version", description = "Default: latest.")
        Integer version;

        @Option(names = "--rows", defaultValue = "10")
        int rows;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            DataVersion dataVersion = version != null
                    ? optaic.store().dataVersions().get(actor, id, version)
                    : StoreDatasets.latest(optaic.store(), actor, id)
                            .orElseThrow(() -> new OptaicException(
                                    MetadataErrorCode.METADATA_NOT_FOUND, "Dataset " + id + " has no version yet"));
            VersionManifest manifest = StoreDatasets.toEngine(dataVersion);
            Panel panel = StoreDatasets.read(optaic.storage(), manifest);
            List<String> fields = new ArrayList<>(panel.numericFields().keySet());
            fields.addAll(panel.groupFields().keySet());
            List<List<String>> table = new ArrayList<>();
            int dates = panel.dateCount();
            outer:
            for (int t = dates - 1; t >= 0; t--) {
                for (int a = 0; a < panel.assetCount(); a++) {
                    if (!panel.isPresent(a, t)) {
                        continue;
                    }
                    List<String> row = new ArrayList<>(List.of(panel.date(t).toString(), panel.assets()[a]));
                    for (String field : fields) {
                        Panel.GroupColumn group = panel.groupFields().get(field);
                        if (group != null) {
                            double code = group.codes()[a * dates + t];
                            row.add(Double.isNaN(code) ? "" : group.labels()[(int) code]);
                        } else {
                            double value = panel.numericFields().get(field)[a * dates + t];
                            row.add(Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6g", value));
                        }
                    }
                    table.add(row);
                    if (table.size() >= rows) {
                        break outer;
                    }
                }
            }
            if (json) {
                Output.json(out(), Map.of("version", dataVersion.version(), "columns", fields, "rows", table));
                return 0;
            }
            List<String> headers = new ArrayList<>(List.of("date", "asset"));
            headers.addAll(fields);
            out().println("dataset " + id + " version " + dataVersion.version() + " (" + dataVersion.rowCount()
                    + " rows; the last " + table.size() + " shown)");
            Output.table(out(), headers, table);
            return 0;
        }
    }
}
