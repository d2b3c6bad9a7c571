package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes dataset versions under a storage root: a whole panel ({@link #rebuild}) or the dates after the latest
 * version ({@link #append}). Each write puts its Parquet files in a directory of its own,
 * {@code <root>/<dataset>/data/v<version>-<random>/part-<first date>_<last date>.parquet}, rows sorted by date then
 * asset, one file per {@link FilePartitioning} unit; forces them to disk; and only then commits the manifest
 * through the {@link VersionCatalog}. A crash at any point leaves earlier versions untouched and no new version
 * visible; the orphaned files are invisible and {@link DatasetGarbageCollector} removes them.
 * {@link DatasetCompaction} rewrites a version's files, {@link DataFileStaging} commits files written by Spark tasks.
 *
 * <p>Checks before anything is written: no row dated after the as-of date; a field keeps its type across versions
 * (a new field is fine: older files read as NaN for it); an append's dates all follow the latest version's last
 * date. (date, asset) is unique by construction of {@link Panel}. A lost commit race fails with
 * {@link EngineErrorCode#VERSION_CONFLICT} after deleting this write's files; the caller may retry.
 */
public final class DatasetWriter {
    /** The directory under a dataset's directory that holds the data files of every version. */
    public static final String DATA_DIRECTORY = "data";

    private final StorageLocation root;
    private final VersionCatalog catalog;
    private final FilePartitioning partitioning;
    private final Clock clock;
    private final PanelWriter panelWriter = new PanelWriter();

    /** A writer with one file per calendar year. */
    public DatasetWriter(Path root, VersionCatalog catalog) {
        this(root, catalog, FilePartitioning.byYear(), Clock.systemUTC());
    }

    public DatasetWriter(Path root, VersionCatalog catalog, FilePartitioning partitioning, Clock clock) {
        this(StorageLocation.local(requireNonNull(root, "root is null")), catalog, partitioning, clock);
    }

    /** A writer with one file per calendar year under a storage root that may be a Hadoop file system path. */
    public DatasetWriter(StorageLocation root, VersionCatalog catalog) {
        this(root, catalog, FilePartitioning.byYear(), Clock.systemUTC());
    }

    public DatasetWriter(StorageLocation root, VersionCatalog catalog, FilePartitioning partitioning, Clock clock) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Writes every present cell of the panel as the dataset's next version, replacing (not deleting) what the
     * previous versions hold. Fields keep the types they have in the latest version.
     *
     * @param asOf the run's as-of date: a row dated after it is an error
     * @return the committed manifest
     */
    public VersionManifest rebuild(String dataset, Panel panel, LocalDate asOf) {
        return write(dataset, panel, asOf, Operation.REBUILD);
    }

    /**
     * Writes the panel's rows as new files of the dataset's next version, which lists the latest version's files
     * followed by them. Every date with a row must follow the latest version's last date. A panel without a row
     * commits nothing and returns the latest version; appending to a dataset without a version writes its first.
     * The panel may add fields (earlier files read as NaN for them) or leave some out (its rows read as NaN there).
     *
     * @param asOf the run's as-of date: a row dated after it is an error
     * @return the committed manifest
     */
    public VersionManifest append(String dataset, Panel panel, LocalDate asOf) {
        return write(dataset, panel, asOf, Operation.APPEND);
    }

    /**
     * Writes a new full version (a rebuild) of the latest one in which the rows of {@code corrections} replace the
     * rows on the same (date, asset), whole (a field the corrections lack reads as missing there), and add the
     * others; their rows dated after {@code asOf} are left out. The published versions do not change.
     *
     * @param corrections panels whose present cells do not overlap (one per source split)
     */
    public VersionManifest restate(String dataset, List<Panel> corrections, LocalDate asOf) {
        StorageFiles.checkDatasetName(dataset);
        requireNonNull(asOf, "asOf is null");
        VersionManifest latest = catalog.latest(dataset)
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.VERSION_NOT_FOUND,
                        "Cannot restate dataset '" + dataset + "': it has no committed version"));
        Panel published = new DatasetReader(root, catalog)
                .read(latest, DatasetQuery.all())
                .panel();
        List<String> numeric = new ArrayList<>(published.numericFields().keySet());
        List<String> groups = new ArrayList<>(published.groupFields().keySet());
        List<Panel> sources = new ArrayList<>();
        for (Panel part : corrections) {
            Panel source = Panels.select(part, null, asOf, null);
            source.numericFields().keySet().stream()
                    .filter(f -> !numeric.contains(f))
                    .forEach(numeric::add);
            source.groupFields().keySet().stream()
                    .filter(f -> !groups.contains(f))
                    .forEach(groups::add);
            sources.add(source);
        }
        Panel source = Panels.merge(sources, null, numeric, groups);
        Map<String, Integer> sourceAssets = Panels.indexOf(source.assets());
        Map<Integer, Integer> sourceDates = new LinkedHashMap<>();
        for (int t = 0; t < source.dateCount(); t++) {
            sourceDates.put(source.epochDays()[t], t);
        }
        boolean[] kept = published.presence().clone();
        for (int a = 0; a < published.assetCount(); a++) {
            Integer sa = sourceAssets.get(published.assets()[a]);
            for (int t = 0; sa != null && t < published.dateCount(); t++) {
                Integer st = sourceDates.get(published.epochDays()[t]);
                if (st != null && source.isPresent(sa, st)) {
                    kept[a * published.dateCount() + t] = false; // replaced by the corrected row
                }
            }
        }
        Panel remaining = new Panel(
                published.epochDays(), published.assets(), kept, published.numericFields(), published.groupFields());
        return rebuild(dataset, Panels.merge(List.of(remaining, source), null, numeric, groups), asOf);
    }

    private VersionManifest write(String dataset, Panel panel, LocalDate asOf, Operation operation) {
        StorageFiles.checkDatasetName(dataset);
        requireNonNull(panel, "panel is null");
        requireNonNull(asOf, "asOf is null");
        String action = VersionWrites.action(dataset, operation);
        int[] rowsWithData = Panels.rowsWithData(panel);
        Optional<VersionManifest> latest = catalog.latest(dataset);
        if (rowsWithData.length == 0) {
            if (operation == Operation.APPEND && latest.isPresent()) {
                return latest.get();
            }
            throw new OptaicException(EngineErrorCode.NO_ROWS, "Cannot " + action + ": the panel has no rows");
        }
        checkAsOf(action, panel, rowsWithData, asOf);
        Map<String, FieldType> schema =
                VersionWrites.schema(action, panelSchema(action, panel), latest.orElse(null), operation);
        if (operation == Operation.APPEND && latest.isPresent()) {
            checkAfter(action, panel, rowsWithData, latest.get());
        }

        long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        long version = parent + 1;
        StorageLocation writeDirectory =
                VersionWrites.createWriteDirectory(dataset, StorageFiles.datasetDirectory(root, dataset), version);
        boolean commitStarted = false;
        try {
            List<DataFile> written = writeFiles(dataset, panel, rowsWithData, writeDirectory);
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

    private static void checkAsOf(String action, Panel panel, int[] rowsWithData, LocalDate asOf) {
        int asOfDay = Math.toIntExact(asOf.toEpochDay());
        for (int i = 0; i < rowsWithData.length; i++) {
            int t = rowsWithData[i];
            if (panel.epochDays()[t] > asOfDay) {
                int later = rowsWithData.length - i - 1;
                String more = later == 0 ? "" : " (and " + later + " later date" + (later > 1 ? "s" : "") + ")";
                throw new OptaicException(
                        EngineErrorCode.DATE_AFTER_AS_OF,
                        "Cannot " + action
                                + ": the panel has rows on " + panel.date(t) + more + ", after the as-of date " + asOf
                                + "; no dataset may hold data from its future");
            }
        }
    }

    private static void checkAfter(String action, Panel panel, int[] rowsWithData, VersionManifest latest) {
        int lastDay = Math.toIntExact(latest.maxDate().toEpochDay());
        int overlapping = 0;
        while (overlapping < rowsWithData.length && panel.epochDays()[rowsWithData[overlapping]] <= lastDay) {
            overlapping++;
        }
        if (overlapping > 0) {
            LocalDate first = panel.date(rowsWithData[0]);
            LocalDate last = panel.date(rowsWithData[overlapping - 1]);
            throw new OptaicException(
                    EngineErrorCode.APPEND_OVERLAP,
                    "Cannot " + action + ": the panel has rows on "
                            + (first.equals(last)
                                    ? first.toString()
                                    : first + ".." + last + " (" + overlapping + " dates)")
                            + ", which version " + latest.version() + " already covers (it ends " + latest.maxDate()
                            + "); append only dates after " + latest.maxDate() + ", or rebuild");
        }
    }

    /** The panel's fields with their types: numeric fields, then groups. */
    private static Map<String, FieldType> panelSchema(String action, Panel panel) {
        Map<String, FieldType> panelSchema = new LinkedHashMap<>();
        panel.numericFields().keySet().forEach(name -> panelSchema.put(name, FieldType.NUMERIC));
        for (String name : panel.groupFields().keySet()) {
            if (panelSchema.put(name, FieldType.GROUP) != null) {
                throw new OptaicException(
                        EngineErrorCode.BAD_FIELD,
                        "Cannot " + action + ": field '" + name + "' is both numeric and a group in the panel");
            }
        }
        return panelSchema;
    }

    /**
     * Writes the files of one version. While a file is being written the previous one is forced to disk and
     * checksummed on another thread: the first is mostly waiting on the device, the second on memory.
     */
    private List<DataFile> writeFiles(String dataset, Panel panel, int[] rowsWithData, StorageLocation writeDirectory) {
        int[] days = new int[rowsWithData.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = panel.epochDays()[rowsWithData[i]];
        }
        ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "optaic-dataset-checksum");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<DataFile>> files = new ArrayList<>();
            for (int[] range : partitioning.split(days)) {
                int rowFrom = rowsWithData[range[0]];
                int rowTo = rowsWithData[range[1] - 1] + 1;
                LocalDate first = panel.date(rowFrom);
                LocalDate last = panel.date(rowTo - 1);
                Panel slice = Panels.sliceRows(panel, rowFrom, rowTo, true);
                StorageLocation file = writeDirectory.resolve(VersionWrites.dataFileName(first, last));
                VersionWrites.write(panelWriter, slice, file);
                files.add(checker.submit(() -> {
                    file.fsync();
                    return VersionWrites.describe(file, slice, first, last);
                }));
            }
            List<DataFile> written = new ArrayList<>();
            for (Future<DataFile> file : files) {
                written.add(file.get());
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptaicException(
                    EngineErrorCode.STORAGE_FAILURE, "Cannot write dataset '" + dataset + "': interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw StorageFiles.failure(
                        "Cannot write dataset '" + dataset + "': cannot check a data file in '" + writeDirectory + "'",
                        io);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            checker.shutdownNow();
        }
    }
}
