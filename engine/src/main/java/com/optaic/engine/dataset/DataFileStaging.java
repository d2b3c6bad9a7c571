package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a version whose data files are written elsewhere, by Spark tasks each through {@link #writeDataFile}:
 * {@link #newWriteDirectory} gives the version's fresh directory, {@link #commitFiles} commits the files with the
 * checks {@link DatasetWriter} makes, and {@link #discard} deletes them instead. The files are the bytes
 * {@link DatasetWriter} would write for the same rows.
 */
public final class DataFileStaging {
    private final StorageLocation root;
    private final VersionCatalog catalog;
    private final Clock clock;

    public DataFileStaging(StorageLocation root, VersionCatalog catalog, Clock clock) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The directory of the next version's data files when they are written elsewhere (by Spark tasks, each
     * through {@link #writeDataFile}): fresh, used by no other write. Commit them with {@link #commitFiles}, or
     * delete the directory with {@link #discard}.
     *
     * @param parent the version the files will be committed on ({@link VersionManifest#NO_PARENT} for none)
     */
    public StorageLocation newWriteDirectory(String dataset, long parent) {
        return VersionWrites.createWriteDirectory(dataset, StorageFiles.datasetDirectory(root, dataset), parent + 1);
    }

    /** The directory of a dataset under a storage root, which {@link #writeDataFile} takes. */
    public static StorageLocation datasetDirectory(StorageLocation root, String dataset) {
        return StorageFiles.datasetDirectory(root, dataset);
    }

    /**
     * Writes one data file exactly as a version written by {@link DatasetWriter} holds it: every present cell of
     * {@code slice}, which holds the dates of one {@link FilePartitioning} unit and only assets with a row there,
     * as {@code <writeDirectory>/part-<first date>_<last date>.parquet}, forced to disk and checksummed.
     */
    public static DataFile writeDataFile(
            StorageLocation datasetDirectory, StorageLocation writeDirectory, Panel slice) {
        if (!writeDirectory.parent().parent().toString().equals(datasetDirectory.toString())) {
            throw new IllegalArgumentException(
                    "'" + writeDirectory + "' is not a write directory of '" + datasetDirectory + "'");
        }
        return VersionWrites.writeDataFile(writeDirectory, slice, new PanelWriter());
    }

    /**
     * Commits data files written into {@link #newWriteDirectory} as the dataset's next version, with the same
     * checks as {@link DatasetWriter#append} and {@link DatasetWriter#rebuild}: the latest version must still be {@code parent}, no file
     * may end after {@code asOf}, fields keep their types, and an append's files start after the parent's last
     * date. A failed check deletes the write directory.
     *
     * @param fields the new files' fields and their types, in the order the files hold them
     * @param written the new files, in date order, their date ranges not overlapping
     */
    public VersionManifest commitFiles(
            String dataset,
            Operation operation,
            long parent,
            Map<String, FieldType> fields,
            List<DataFile> written,
            LocalDate asOf,
            StorageLocation writeDirectory) {
        requireNonNull(written, "written is null");
        requireNonNull(asOf, "asOf is null");
        boolean commitStarted = false;
        try {
            String action = VersionWrites.action(dataset, operation);
            Optional<VersionManifest> latest = catalog.latest(dataset);
            long latestVersion = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
            if (latestVersion != parent) {
                throw new OptaicException(
                        EngineErrorCode.VERSION_CONFLICT,
                        "Cannot " + action + ": its files were"
                                + " written on version " + parent + ", but the latest version is now " + latestVersion
                                + "; retry on the latest version");
            }
            if (written.isEmpty()) {
                throw new OptaicException(EngineErrorCode.NO_ROWS, "Cannot " + action + ": no data file was written");
            }
            LocalDate lastDate = written.get(written.size() - 1).maxDate();
            if (lastDate.isAfter(asOf)) {
                throw new OptaicException(
                        EngineErrorCode.DATE_AFTER_AS_OF,
                        "Cannot " + action + ": the data has rows"
                                + " on " + lastDate + ", after the as-of date " + asOf
                                + "; no dataset may hold data from its"
                                + " future");
            }
            Map<String, FieldType> schema = VersionWrites.schema(action, fields, latest.orElse(null), operation);
            if (operation == Operation.APPEND
                    && latest.isPresent()
                    && !written.get(0).minDate().isAfter(latest.get().maxDate())) {
                throw new OptaicException(
                        EngineErrorCode.APPEND_OVERLAP,
                        "Cannot " + action + ": the data has rows"
                                + " on " + written.get(0).minDate() + ", which version "
                                + latest.get().version()
                                + " already covers (it ends " + latest.get().maxDate() + "); append only dates after "
                                + latest.get().maxDate() + ", or rebuild");
            }
            commitStarted = true;
            return VersionWrites.commit(
                    catalog,
                    clock,
                    dataset,
                    latest,
                    operation,
                    schema,
                    VersionWrites.versionFiles(latest, operation, written),
                    asOf,
                    writeDirectory);
        } finally {
            if (!commitStarted) {
                writeDirectory.deleteQuietly();
            }
        }
    }

    /** Deletes a write directory whose files will never be committed. */
    public static void discard(StorageLocation writeDirectory) {
        writeDirectory.deleteQuietly();
    }
}
