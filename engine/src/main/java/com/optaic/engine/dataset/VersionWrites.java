package com.optaic.engine.dataset;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every write of a dataset version shares ({@link DatasetWriter}, {@link DatasetCompaction},
 * {@link DataFileStaging}): a fresh write directory per write, data files named, written and described one way,
 * the schema rules across versions, and the commit that forces the files to disk before the manifest goes to the
 * {@link VersionCatalog}.
 */
final class VersionWrites {
    private VersionWrites() {}

    static String action(String dataset, Operation operation) {
        return switch (operation) {
            case REBUILD -> "rebuild dataset '" + dataset + "'";
            case APPEND -> "append to dataset '" + dataset + "'";
            case COMPACT -> "compact dataset '" + dataset + "'";
        };
    }

    /** A directory no other write uses: the version number plus a random suffix, created exclusively. */
    static StorageLocation createWriteDirectory(String dataset, StorageLocation datasetDirectory, long version) {
        StorageLocation data = datasetDirectory.resolve(DatasetWriter.DATA_DIRECTORY);
        try {
            data.createDirectories();
            while (true) {
                StorageLocation directory = data.resolve(String.format(
                        Locale.ROOT,
                        "v%06d-%08x",
                        version,
                        ThreadLocalRandom.current().nextInt()));
                if (directory.createDirectoryExclusively()) {
                    return directory;
                }
                // Taken by another write: draw again.
            }
        } catch (IOException e) {
            throw StorageFiles.failure(
                    "Cannot write dataset '" + dataset + "': cannot create a directory in '" + data + "'", e);
        }
    }

    /**
     * Writes one data file exactly as a version holds it: every present cell of {@code slice}, which holds the dates
     * of one {@link FilePartitioning} unit and only assets with a row there, as
     * {@code <writeDirectory>/part-<first date>_<last date>.parquet}, forced to disk and checksummed.
     */
    static DataFile writeDataFile(StorageLocation writeDirectory, Panel slice, PanelWriter panelWriter) {
        LocalDate first = slice.date(0);
        LocalDate last = slice.date(slice.dateCount() - 1);
        StorageLocation file = writeDirectory.resolve(dataFileName(first, last));
        write(panelWriter, slice, file);
        try {
            file.fsync();
            return describe(file, slice, first, last);
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot write data file '" + file + "'", e);
        }
    }

    static String dataFileName(LocalDate first, LocalDate last) {
        return "part-" + first + "_" + last + ".parquet";
    }

    /** Writes a data file: a local one atomically through its path, any other through its Parquet output file. */
    static void write(PanelWriter panelWriter, Panel slice, StorageLocation file) {
        if (file.localPath().isPresent()) {
            panelWriter.write(slice, file.localPath().get());
        } else {
            panelWriter.writeParquet(slice, file.outputFile());
        }
    }

    /** A data file's manifest entry; its path relative to the dataset's directory is {@code data/<write dir>/<name>}. */
    static DataFile describe(StorageLocation file, Panel slice, LocalDate first, LocalDate last) throws IOException {
        List<String> fields = new ArrayList<>(slice.numericFields().keySet());
        fields.addAll(slice.groupFields().keySet());
        return new DataFile(
                DatasetWriter.DATA_DIRECTORY + "/" + file.parent().name() + "/" + file.name(),
                slice.presentCount(),
                file.size(),
                file.sha256(),
                first,
                last,
                fields,
                Panels.rowsWithData(slice).length);
    }

    /** The new version's schema: the latest one's plus new fields (append), or the written ones' (rebuild). */
    static Map<String, FieldType> schema(
            String action, Map<String, FieldType> panelSchema, VersionManifest latest, Operation operation) {
        for (Map.Entry<String, FieldType> field : panelSchema.entrySet()) {
            String name = field.getKey();
            if (name.isBlank() || name.equals("date") || name.equals("asset")) {
                throw new OptaicException(
                        EngineErrorCode.BAD_FIELD,
                        "Cannot " + action + ": field name '" + name + "' is "
                                + (name.isBlank() ? "blank" : "reserved for the key column"));
            }
            if (name.equals(PointInTimeReader.AVAILABLE_AT) && field.getValue() != FieldType.NUMERIC) {
                throw new OptaicException(
                        EngineErrorCode.BAD_AVAILABLE_AT,
                        "Cannot " + action + ": field '"
                                + name + "' must be numeric (the epoch day the row became available), not "
                                + field.getValue().description());
            }
            FieldType before = latest == null ? null : latest.schema().get(name);
            if (before != null && before != field.getValue()) {
                throw new OptaicException(
                        EngineErrorCode.FIELD_TYPE_CHANGED,
                        "Cannot " + action + ": field '"
                                + name + "' is " + field.getValue().description() + " in the panel but "
                                + before.description() + " in version " + latest.version()
                                + "; a field keeps its type across versions");
            }
        }
        if (operation == Operation.REBUILD || latest == null) {
            return panelSchema;
        }
        Map<String, FieldType> merged = new LinkedHashMap<>(latest.schema());
        panelSchema.forEach(merged::putIfAbsent);
        return merged;
    }

    /** A new version's files: the new ones after the parent's (append) or alone (rebuild). */
    static List<DataFile> versionFiles(Optional<VersionManifest> latest, Operation operation, List<DataFile> written) {
        List<DataFile> files = new ArrayList<>();
        if (operation == Operation.APPEND && latest.isPresent()) {
            files.addAll(latest.get().files());
        }
        files.addAll(written);
        return files;
    }

    /**
     * Forces the write directory to disk and commits the manifest of {@code files} as the version after
     * {@code latest}. A lost race deletes the write directory; any other commit failure may have left the outcome
     * unknown, so the files stay and gc decides later.
     */
    static VersionManifest commit(
            VersionCatalog catalog,
            Clock clock,
            String dataset,
            Optional<VersionManifest> latest,
            Operation operation,
            Map<String, FieldType> schema,
            List<DataFile> files,
            LocalDate asOf,
            StorageLocation writeDirectory) {
        long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        try {
            writeDirectory.fsyncDirectory();
            writeDirectory.parent().fsyncDirectory();
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
                    files.get(files.size() - 1).maxDate(),
                    rows,
                    files);
            catalog.commit(dataset, parent, manifest);
            return manifest;
        } catch (OptaicException e) {
            if (e.code().equals(EngineErrorCode.VERSION_CONFLICT)) {
                // Definitely not committed: these files are ours alone and nothing will ever reference them.
                writeDirectory.deleteQuietly();
            }
            throw e;
        }
    }
}
