package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites the latest version of a dataset with one data file per {@link FilePartitioning} unit (a year by default),
 * each as a rebuild writes it, and commits that as the next version ({@link Operation#COMPACT}): the same rows and
 * values in fewer files. Every append adds a file of its own dates, and a read opens every file of the dates it
 * needs, so after months of nightly appends reads are several times slower until the dataset is compacted.
 */
public final class DatasetCompaction {
    private final StorageLocation root;
    private final VersionCatalog catalog;
    private final FilePartitioning partitioning;
    private final Clock clock;
    private final PanelWriter panelWriter = new PanelWriter();

    /** A compaction into one file per calendar year. */
    public DatasetCompaction(StorageLocation root, VersionCatalog catalog) {
        this(root, catalog, FilePartitioning.byYear(), Clock.systemUTC());
    }

    public DatasetCompaction(StorageLocation root, VersionCatalog catalog, FilePartitioning partitioning, Clock clock) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Compacts the latest version of {@code dataset}. A unit already held by one file keeps that file (it is listed
     * again, not rewritten); a file spanning units is kept. Earlier versions keep their files and stay readable.
     *
     * @return the committed version, or the latest one when no unit has more than one file (nothing is committed)
     * @throws OptaicException {@code VERSION_NOT_FOUND} if the dataset has no version; {@code BAD_REQUEST} for a
     *         partitioning by a number of dates, whose units the files' dates do not determine
     */
    public VersionManifest compact(String dataset) {
        StorageFiles.checkDatasetName(dataset);
        VersionManifest latest = catalog.latest(dataset)
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.VERSION_NOT_FOUND,
                        "Cannot compact dataset '" + dataset + "': it has no version"));
        if (partitioning.unitOf(latest.minDate()).isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.BAD_REQUEST,
                    "Cannot compact dataset '" + dataset + "' by " + partitioning
                            + ": compaction needs files per year or per month");
        }
        List<List<DataFile>> units = units(latest.files());
        if (units.stream().allMatch(unit -> unit.size() == 1)) {
            return latest;
        }
        StorageLocation writeDirectory = VersionWrites.createWriteDirectory(
                dataset, StorageFiles.datasetDirectory(root, dataset), latest.version() + 1);
        boolean commitStarted = false;
        try {
            DatasetReader reader = new DatasetReader(root, catalog);
            List<DataFile> files = new ArrayList<>();
            for (List<DataFile> unit : units) {
                if (unit.size() == 1) {
                    files.add(unit.get(0));
                    continue;
                }
                Panel rows = reader.read(
                                latest,
                                DatasetQuery.all()
                                        .between(
                                                unit.get(0).minDate(),
                                                unit.get(unit.size() - 1).maxDate()))
                        .panel();
                files.add(VersionWrites.writeDataFile(
                        writeDirectory, Panels.sliceRows(rows, 0, rows.dateCount(), true), panelWriter));
            }
            long rows = files.stream().mapToLong(DataFile::rows).sum();
            if (rows != latest.rows()) {
                throw new IllegalStateException("compacting version " + latest.version() + " of '" + dataset + "' read "
                        + rows + " rows, not its " + latest.rows());
            }
            commitStarted = true;
            return VersionWrites.commit(
                    catalog,
                    clock,
                    dataset,
                    Optional.of(latest),
                    Operation.COMPACT,
                    latest.schema(),
                    files,
                    latest.asOf(),
                    writeDirectory);
        } finally {
            if (!commitStarted) {
                writeDirectory.deleteQuietly();
            }
        }
    }

    /** The files grouped by partitioning unit, in date order; a file whose dates span units is a group alone. */
    private List<List<DataFile>> units(List<DataFile> files) {
        List<List<DataFile>> units = new ArrayList<>();
        Object current = null;
        for (DataFile file : files) {
            Object unit = partitioning.unitOf(file.minDate()).orElseThrow();
            boolean spans = !unit.equals(partitioning.unitOf(file.maxDate()).orElseThrow());
            if (spans || !unit.equals(current)) {
                units.add(new ArrayList<>());
            }
            units.get(units.size() - 1).add(file);
            current = spans ? null : unit;
        }
        return units;
    }
}
