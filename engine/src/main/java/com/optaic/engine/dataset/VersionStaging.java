package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.VersionManifest.Operation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version whose data files other workers write (Spark tasks, one file each): {@link #begin} creates the
 * version's fresh data directory, the workers write and describe their files there, and {@link #commit}
 * publishes the manifest through the {@link VersionCatalog} only if all of them succeeded; {@link #abort}
 * deletes the directory. As with {@link DatasetWriter}, until the commit nothing is visible, and a lost commit
 * race deletes the files and fails with {@link EngineErrorCode#VERSION_CONFLICT}.
 */
public final class VersionStaging {
    private final StorageLocation root;
    private final VersionCatalog catalog;
    private final String dataset;
    private final Operation operation;
    private final Optional<VersionManifest> latest;
    private final StorageLocation directory;

    private VersionStaging(
            StorageLocation root,
            VersionCatalog catalog,
            String dataset,
            Operation operation,
            Optional<VersionManifest> latest,
            StorageLocation directory) {
        this.root = root;
        this.catalog = catalog;
        this.dataset = dataset;
        this.operation = operation;
        this.latest = latest;
        this.directory = directory;
    }

    /** Starts the next version of {@code dataset} on its latest committed one (read now: the commit's parent). */
    public static VersionStaging begin(Path root, VersionCatalog catalog, String dataset, Operation operation) {
        return begin(StorageLocation.local(requireNonNull(root, "root is null")), catalog, dataset, operation);
    }

    /** As {@link #begin(Path, VersionCatalog, String, Operation)} under a root on any storage. */
    public static VersionStaging begin(
            StorageLocation root, VersionCatalog catalog, String dataset, Operation operation) {
        requireNonNull(root, "root is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(operation, "operation is null");
        StorageLocation datasetDirectory = StorageFiles.datasetDirectory(root, dataset);
        Optional<VersionManifest> latest = catalog.latest(dataset);
        long version = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT) + 1;
        StorageLocation directory = VersionWrites.createWriteDirectory(dataset, datasetDirectory, version);
        return new VersionStaging(root, catalog, dataset, operation, latest, directory);
    }

    /** The directory the version's new files go to, when the root is a local directory; no other version uses it. */
    public Path directory() {
        return directory
                .localPath()
                .orElseThrow(() ->
                        new IllegalStateException("'" + directory + "' is not a local directory; use location()"));
    }

    /** The directory the version's new files go to, on any storage; no other version uses it. */
    public StorageLocation location() {
        return directory;
    }

    /** The version this one is written on, if any. */
    public Optional<VersionManifest> parent() {
        return latest;
    }

    /** A manifest entry for a file written in {@link #directory()}. */
    public DataFile dataFile(
            String fileName,
            long rows,
            long bytes,
            String sha256,
            LocalDate minDate,
            LocalDate maxDate,
            List<String> fields,
            int dates) {
        return new DataFile(
                DatasetWriter.DATA_DIRECTORY + "/" + directory.name() + "/" + fileName,
                rows,
                bytes,
                sha256,
                minDate,
                maxDate,
                fields,
                dates);
    }

    /**
     * Commits the new files (in date order) as the next version: an append lists the parent's files first.
     * Fields keep their types across versions, no date may follow {@code asOf}, and an append's dates must
     * follow the parent's last date. Any failure but a commit of unknown outcome deletes the new files.
     */
    public VersionManifest commit(List<DataFile> newFiles, Map<String, FieldType> fields, LocalDate asOf, Clock clock) {
        requireNonNull(asOf, "asOf is null");
        String action = (operation == Operation.REBUILD ? "rebuild" : "append to") + " dataset '" + dataset + "'";
        boolean commitStarted = false;
        try {
            if (newFiles.isEmpty()) {
                throw new OptaicException(EngineErrorCode.NO_ROWS, "Cannot " + action + ": no rows were written");
            }
            LocalDate last = newFiles.get(newFiles.size() - 1).maxDate();
            if (last.isAfter(asOf)) {
                throw new OptaicException(
                        EngineErrorCode.DATE_AFTER_AS_OF,
                        "Cannot " + action + ": rows on " + last + " are after the as-of date " + asOf
                                + "; no dataset may hold data from its future");
            }
            Map<String, FieldType> schema = new LinkedHashMap<>();
            List<DataFile> files = new ArrayList<>();
            if (operation == Operation.APPEND && latest.isPresent()) {
                VersionManifest parent = latest.get();
                if (!newFiles.get(0).minDate().isAfter(parent.maxDate())) {
                    throw new OptaicException(
                            EngineErrorCode.APPEND_OVERLAP,
                            "Cannot " + action + ": the new rows start "
                                    + newFiles.get(0).minDate() + ", which version " + parent.version()
                                    + " already covers (it ends " + parent.maxDate() + ")");
                }
                schema.putAll(parent.schema());
                files.addAll(parent.files());
            }
            VersionManifest before = latest.orElse(null);
            fields.forEach((name, type) -> {
                FieldType earlier = before == null ? null : before.schema().get(name);
                if (earlier != null && earlier != type) {
                    throw new OptaicException(
                            EngineErrorCode.FIELD_TYPE_CHANGED,
                            "Cannot " + action + ": field '"
                                    + name + "' is " + type.description() + " here but " + earlier.description()
                                    + " in version " + before.version() + "; a field keeps its type across versions");
                }
                schema.putIfAbsent(name, type);
            });
            files.addAll(newFiles);
            directory.fsyncDirectory();
            directory.parent().fsyncDirectory();
            long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
            long rows = files.stream().mapToLong(DataFile::rows).sum();
            VersionManifest manifest = new VersionManifest(
                    dataset,
                    parent + 1,
                    parent,
                    operation,
                    clock.instant(),
                    asOf,
                    schema,
                    files.get(0).minDate(),
                    last,
                    rows,
                    files);
            commitStarted = true;
            catalog.commit(dataset, parent, manifest);
            return manifest;
        } catch (OptaicException e) {
            if (e.code().equals(EngineErrorCode.VERSION_CONFLICT)) {
                abort();
            }
            throw e;
        } finally {
            if (!commitStarted) {
                abort();
            }
        }
    }

    /** Deletes the new files; the catalog never heard of them. */
    public void abort() {
        directory.deleteQuietly();
    }

    @Override
    public String toString() {
        return "next version of dataset '" + dataset + "' under '" + root + "'";
    }
}
