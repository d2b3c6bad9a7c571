package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.OrphanFiles;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Removes what killed or failed writes left under a storage root of file-catalog datasets ({@link OrphanFiles}):
 * the data files of writes that never committed, and hidden temporary files. Never a file OptAIC did not write.
 */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = {
            "Remove the leftovers of killed or failed writes (ingest, eval --out-dataset, compact) under a storage"
                    + " root: data files no committed version references and hidden .tmp files. Only files OptAIC"
                    + " names are removed; a foreign file stays.",
            "Example: optaic gc --root /data/optaic --dry-run"
        })
final class GcCommand implements Runnable {
    /** How many of an instance's newest runs are looked at for a RUNNING one. */
    private static final int RUN_SCAN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    StorageRootOption root;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(
            names = "--run-storage",
            description = "Collect under the run storage ($OPTAIC_STORAGE/datasets), whose versions the metadata store"
                    + " keeps (opens the store), instead of --root: only datasets the store knows, and of a dataset"
                    + " with a RUNNING run only writes whose version is already committed.")
    boolean runStorage;

    @Option(
            names = "--older-than-minutes",
            paramLabel = "N",
            defaultValue = "60",
            description = "An uncommitted write counts as abandoned when nothing in it changed for N minutes"
                    + " (default 60; a write whose version another one committed is abandoned at once).")
    long olderThanMinutes;

    @Override
    public void run() {
        if (olderThanMinutes < 0) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "--older-than-minutes must be 0 or more, got " + olderThanMinutes);
        }
        if (runStorage && root.given()) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--run-storage and --root name two roots; give one");
        }
        if (runStorage) {
            try (Optaic optaic = Optaic.open(OptaicCommand.environment(spec))) {
                collect(optaic.storage().datasets(), storeDatasets(optaic));
            }
            return;
        }
        StorageLocation storage = root.location(spec);
        collect(storage, null);
    }

    /** The run storage's datasets as the store knows them: committed versions and whether a run may be writing. */
    private static OrphanFiles storeDatasets(Optaic optaic) {
        Actor actor = optaic.actor();
        MetadataStore store = optaic.store();
        Function<String, List<VersionManifest>> versions = name -> {
            try {
                return store.dataVersions().versions(actor, UUID.fromString(name)).stream()
                        .sorted(Comparator.comparingInt(DataVersion::version))
                        .map(StoreDatasets::toEngine)
                        .toList();
            } catch (RuntimeException e) { // not a dataset id, or one this principal cannot see: left alone
                return null;
            }
        };
        Predicate<String> running = name -> {
            try {
                return store.runs().runsOf(actor, UUID.fromString(name), PageRequest.first(RUN_SCAN)).items().stream()
                        .anyMatch(run -> run.status() == RunStatus.RUNNING);
            } catch (RuntimeException e) { // not an instance (an ExperimentRun's output): assume a run may write it
                return true;
            }
        };
        return new OrphanFiles(optaic.storage().datasets(), versions, running);
    }

    private void collect(StorageLocation storage, OrphanFiles storeOrphans) {
        try {
            if (!storage.isDirectory()) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot collect garbage under '" + storage + "': no such directory");
            }
        } catch (IOException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "Cannot collect garbage under '" + storage + "': " + e.getMessage());
        }
        OrphanFiles orphanFiles =
                storeOrphans != null ? storeOrphans : new OrphanFiles(storage, new FileVersionCatalog(storage));
        List<OrphanFiles.Orphan> orphans = orphanFiles.find(Instant.now().minus(Duration.ofMinutes(olderThanMinutes)));
        long bytes =
                dryRun ? orphans.stream().mapToLong(OrphanFiles.Orphan::bytes).sum() : orphanFiles.delete(orphans);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode result = Output.JSON.createObjectNode();
            result.put("root", storage.toString());
            result.put("dry_run", dryRun);
            result.put("files", orphans.size());
            result.put("bytes", bytes);
            ArrayNode list = result.putArray("orphans");
            for (OrphanFiles.Orphan orphan : orphans) {
                list.addObject()
                        .put("path", orphan.path())
                        .put("bytes", orphan.bytes())
                        .put("reason", orphan.reason());
            }
            Output.json(out, result);
            return;
        }
        for (OrphanFiles.Orphan orphan : orphans) {
            out.println((dryRun ? "would remove " : "removed ") + orphan.path() + " (" + orphan.bytes() + " bytes: "
                    + orphan.reason() + ")");
        }
        out.printf(
                Locale.ROOT,
                "%s %d files, %.1f MB under %s%n",
                dryRun ? "would remove" : "removed",
                orphans.size(),
                bytes / 1e6,
                storage);
    }
}
