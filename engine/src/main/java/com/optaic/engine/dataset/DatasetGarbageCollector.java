package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds, and deletes on request, the data files of a dataset that no committed version references: the leftovers
 * of writes that crashed or lost their commit, which readers never see because no manifest lists them.
 */
public final class DatasetGarbageCollector {
    private final StorageLocation root;
    private final VersionCatalog catalog;

    public DatasetGarbageCollector(StorageLocation root, VersionCatalog catalog) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Lists, and deletes if {@code delete}, the files under the dataset's data directory that no committed version
     * references and that were last modified before {@code olderThan}: the leftovers of writes that crashed or lost
     * their commit. Pass a time before the start of any write still running, whose files are not referenced yet.
     *
     * @return the garbage files' paths relative to the dataset's directory, sorted
     */
    public List<String> collect(String dataset, Instant olderThan, boolean delete) {
        requireNonNull(olderThan, "olderThan is null");
        StorageLocation data = StorageFiles.datasetDirectory(root, dataset).resolve(DatasetWriter.DATA_DIRECTORY);
        // List the files before reading the manifests: a version committed in between then counts as referenced.
        Map<String, StorageLocation> candidates = new TreeMap<>();
        List<StorageLocation> directories = new ArrayList<>();
        try {
            walk(data, DatasetWriter.DATA_DIRECTORY, candidates, directories);
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot list the data files of dataset '" + dataset + "' in '" + data + "'", e);
        }
        Set<String> referenced = new HashSet<>();
        for (VersionManifest manifest : catalog.list(dataset)) {
            manifest.files().forEach(file -> referenced.add(file.path()));
        }
        List<String> garbage = new ArrayList<>();
        Set<String> emptied = new HashSet<>();
        try {
            for (Map.Entry<String, StorageLocation> candidate : candidates.entrySet()) {
                StorageLocation file = candidate.getValue();
                if (!referenced.contains(candidate.getKey())
                        && file.lastModified().isBefore(olderThan)) {
                    garbage.add(candidate.getKey());
                    if (delete) {
                        file.deleteIfExists();
                        emptied.add(file.parent().toString());
                    }
                }
            }
            if (delete) {
                for (StorageLocation directory : directories) { // deepest first
                    boolean old = emptied.contains(directory.toString())
                            || directory.lastModified().isBefore(olderThan);
                    if (old && directory.list().isEmpty()) {
                        directory.deleteIfExists();
                        emptied.add(directory.parent().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot collect the garbage of dataset '" + dataset + "'", e);
        }
        return garbage;
    }

    /** Collects the files under {@code directory} by relative path, and its subdirectories deepest first. */
    private static void walk(
            StorageLocation directory,
            String relative,
            Map<String, StorageLocation> files,
            List<StorageLocation> directories)
            throws IOException {
        for (StorageLocation entry : directory.list()) {
            String entryPath = relative + "/" + entry.name();
            if (entry.isDirectory()) {
                walk(entry, entryPath, files, directories);
                directories.add(entry);
            } else {
                files.put(entryPath, entry);
            }
        }
    }
}
