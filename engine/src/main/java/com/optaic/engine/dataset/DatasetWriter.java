package com.optaic.engine.dataset;

import com.optaic.engine.EngineErrorCode;
import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes dataset versions under a storage root: a whole panel ({@link #rebuild}) or the dates after the latest
 * version ({@link #append}). Each write puts its Parquet files in a directory of its own,
 * {@code <root>/<dataset>/data/v<version>-<random>/part-<first date>_<last date>.parquet}, rows sorted by date then
 * asset, one file per {@link FilePartitioning} unit; forces them to disk; and only then commits the manifest
 * through the {@link VersionCatalog}. A crash at any point leaves earlier versions untouched and no new version
 * visible; the orphaned files are invisible and {@link #gc} removes them.
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

    private VersionManifest write(String dataset, Panel panel, LocalDate asOf, Operation operation) {
        StorageFiles.checkDatasetName(dataset);
        requireNonNull(panel, "panel is null");
        requireNonNull(asOf, "asOf is null");
        String action = action(dataset, operation);
        int[] rowsWithData = Panels.rowsWithData(panel);
        Optional<VersionManifest> latest = catalog.latest(dataset);
        if (rowsWithData.length == 0) {
            if (operation == Operation.APPEND && latest.isPresent()) {
                return latest.get();
            }
            throw new OptaicException(EngineErrorCode.NO_ROWS, "Cannot " + action + ": the panel has no rows");
        }
        checkAsOf(action, panel, rowsWithData, asOf);
        Map<String, FieldType> schema = schema(action, panelSchema(action, panel), latest.orElse(null), operation);
        if (operation == Operation.APPEND && latest.isPresent()) {
            checkAfter(action, panel, rowsWithData, latest.get());
        }

        long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        long version = parent + 1;
        StorageLocation writeDirectory = createWriteDirectory(dataset, StorageFiles.datasetDirectory(root, dataset),
                version);
        boolean commitStarted = false;
        try {
            List<DataFile> written = writeFiles(dataset, panel, rowsWithData, writeDirectory);
            commitStarted = true;
            return commit(dataset, latest, operation, schema, versionFiles(latest, operation, written), asOf,
                    writeDirectory);
        } finally {
            if (!commitStarted) {
                writeDirectory.deleteQuietly();
            }
        }
    }

    /** A new version's files: the new ones after the parent's (append) or alone (rebuild). */
    private static List<DataFile> versionFiles(Optional<VersionManifest> latest, Operation operation,
                                               List<DataFile> written) {
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
    private VersionManifest commit(String dataset, Optional<VersionManifest> latest, Operation operation,
                                   Map<String, FieldType> schema, List<DataFile> files, LocalDate asOf,
                                   StorageLocation writeDirectory) {
        long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        try {
            writeDirectory.fsyncDirectory();
            writeDirectory.parent().fsyncDirectory();
            long rows = files.stream().mapToLong(DataFile::rows).sum();
            VersionManifest manifest = new VersionManifest(dataset, parent + 1, parent, operation, clock.instant(),
                    asOf, schema, files.get(0).minDate(), files.get(files.size() - 1).maxDate(), rows, files);
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

    /**
     * Rewrites the latest version with one data file per {@link FilePartitioning} unit (a year by default), each as a
     * rebuild writes it, and commits that as the next version ({@link Operation#COMPACT}): the same rows and values
     * in fewer files. Every append adds a file of its own dates, and a read opens every file of the dates it needs,
     * so after months of nightly appends reads are several times slower until the dataset is compacted. A unit
     * already held by one file keeps that file (it is listed again, not rewritten); a file spanning units is kept.
     * Earlier versions keep their files and stay readable.
     *
     * @return the committed version, or the latest one when no unit has more than one file (nothing is committed)
     * @throws OptaicException {@code VERSION_NOT_FOUND} if the dataset has no version; {@code BAD_REQUEST} for a
     *         partitioning by a number of dates, whose units the files' dates do not determine
     */
    public VersionManifest compact(String dataset) {
        StorageFiles.checkDatasetName(dataset);
        VersionManifest latest = catalog.latest(dataset).orElseThrow(() -> new OptaicException(
                EngineErrorCode.VERSION_NOT_FOUND, "Cannot compact dataset '" + dataset + "': it has no version"));
        if (partitioning.unitOf(latest.minDate()).isEmpty()) {
            throw new OptaicException(EngineErrorCode.BAD_REQUEST, "Cannot compact dataset '" + dataset + "' by "
                    + partitioning + ": compaction needs files per year or per month");
        }
        List<List<DataFile>> units = units(latest.files());
        if (units.stream().allMatch(unit -> unit.size() == 1)) {
            return latest;
        }
        StorageLocation writeDirectory = createWriteDirectory(dataset, StorageFiles.datasetDirectory(root, dataset),
                latest.version() + 1);
        boolean commitStarted = false;
        try {
            DatasetReader reader = new DatasetReader(root, catalog);
            List<DataFile> files = new ArrayList<>();
            for (List<DataFile> unit : units) {
                if (unit.size() == 1) {
                    files.add(unit.get(0));
                    continue;
                }
                Panel rows = reader.read(latest, DatasetQuery.all().between(unit.get(0).minDate(),
                        unit.get(unit.size() - 1).maxDate())).panel();
                files.add(writeDataFile(writeDirectory, Panels.sliceRows(rows, 0, rows.dateCount(), true),
                        panelWriter));
            }
            long rows = files.stream().mapToLong(DataFile::rows).sum();
            if (rows != latest.rows()) {
                throw new IllegalStateException("compacting version " + latest.version() + " of '" + dataset
                        + "' read " + rows + " rows, not its " + latest.rows());
            }
            commitStarted = true;
            return commit(dataset, Optional.of(latest), Operation.COMPACT, latest.schema(), files, latest.asOf(),
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

    /**
     * The directory of the next version's data files when they are written elsewhere (by Spark tasks, each
     * through {@link #writeDataFile}): fresh, used by no other write. Commit them with {@link #commitFiles}, or
     * delete the directory with {@link #discard}.
     *
     * @param parent the version the files will be committed on ({@link VersionManifest#NO_PARENT} for none)
     */
    public StorageLocation newWriteDirectory(String dataset, long parent) {
        return createWriteDirectory(dataset, StorageFiles.datasetDirectory(root, dataset), parent + 1);
    }

    /** The directory of a dataset under a storage root, which {@link #writeDataFile} takes. */
    public static Path datasetDirectory(Path root, String dataset) {
        return StorageFiles.datasetDirectory(root, dataset);
    }

    /** As {@link #datasetDirectory(Path, String)} under a root on any storage. */
    public static StorageLocation datasetDirectory(StorageLocation root, String dataset) {
        return StorageFiles.datasetDirectory(root, dataset);
    }

    /**
     * Writes one data file exactly as a version written by this writer holds it: every present cell of
     * {@code slice}, which holds the dates of one {@link FilePartitioning} unit and only assets with a row there,
     * as {@code <writeDirectory>/part-<first date>_<last date>.parquet}, forced to disk and checksummed.
     */
    public static DataFile writeDataFile(StorageLocation datasetDirectory, StorageLocation writeDirectory,
                                         Panel slice) {
        if (!writeDirectory.parent().parent().toString().equals(datasetDirectory.toString())) {
            throw new IllegalArgumentException("'" + writeDirectory + "' is not a write directory of '"
                    + datasetDirectory + "'");
        }
        return writeDataFile(writeDirectory, slice, new PanelWriter());
    }

    /** As {@link #writeDataFile(StorageLocation, StorageLocation, Panel)}, with a given panel writer. */
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

    /**
     * Commits data files written into {@link #newWriteDirectory} as the dataset's next version, with the same
     * checks as {@link #append} and {@link #rebuild}: the latest version must still be {@code parent}, no file
     * may end after {@code asOf}, fields keep their types, and an append's files start after the parent's last
     * date. A failed check deletes the write directory.
     *
     * @param fields the new files' fields and their types, in the order the files hold them
     * @param written the new files, in date order, their date ranges not overlapping
     */
    public VersionManifest commitFiles(String dataset, Operation operation, long parent, Map<String, FieldType> fields,
                                List<DataFile> written, LocalDate asOf, StorageLocation writeDirectory) {
        requireNonNull(written, "written is null");
        requireNonNull(asOf, "asOf is null");
        boolean commitStarted = false;
        try {
            String action = action(dataset, operation);
            Optional<VersionManifest> latest = catalog.latest(dataset);
            long latestVersion = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
            if (latestVersion != parent) {
                throw new OptaicException(EngineErrorCode.VERSION_CONFLICT, "Cannot " + action + ": its files were"
                        + " written on version " + parent + ", but the latest version is now " + latestVersion
                        + "; retry on the latest version");
            }
            if (written.isEmpty()) {
                throw new OptaicException(EngineErrorCode.NO_ROWS, "Cannot " + action + ": no data file was written");
            }
            LocalDate lastDate = written.get(written.size() - 1).maxDate();
            if (lastDate.isAfter(asOf)) {
                throw new OptaicException(EngineErrorCode.DATE_AFTER_AS_OF, "Cannot " + action + ": the data has rows"
                        + " on " + lastDate + ", after the as-of date " + asOf + "; no dataset may hold data from its"
                        + " future");
            }
            Map<String, FieldType> schema = schema(action, fields, latest.orElse(null), operation);
            if (operation == Operation.APPEND && latest.isPresent()
                    && !written.get(0).minDate().isAfter(latest.get().maxDate())) {
                throw new OptaicException(EngineErrorCode.APPEND_OVERLAP, "Cannot " + action + ": the data has rows"
                        + " on " + written.get(0).minDate() + ", which version " + latest.get().version()
                        + " already covers (it ends " + latest.get().maxDate() + "); append only dates after "
                        + latest.get().maxDate() + ", or rebuild");
            }
            commitStarted = true;
            return commit(dataset, latest, operation, schema, versionFiles(latest, operation, written), asOf,
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

    private static String action(String dataset, Operation operation) {
        return switch (operation) {
            case REBUILD -> "rebuild dataset '" + dataset + "'";
            case APPEND -> "append to dataset '" + dataset + "'";
            case COMPACT -> "compact dataset '" + dataset + "'";
        };
    }

    private static String dataFileName(LocalDate first, LocalDate last) {
        return "part-" + first + "_" + last + ".parquet";
    }

    /** Writes a data file: a local one atomically through its path, any other through its Parquet output file. */
    private static void write(PanelWriter panelWriter, Panel slice, StorageLocation file) {
        if (file.localPath().isPresent()) {
            panelWriter.write(slice, file.localPath().get());
        } else {
            panelWriter.writeParquet(slice, file.outputFile());
        }
    }

    /** A data file's manifest entry; its path relative to the dataset's directory is {@code data/<write dir>/<name>}. */
    private static DataFile describe(StorageLocation file, Panel slice, LocalDate first, LocalDate last)
            throws IOException {
        List<String> fields = new ArrayList<>(slice.numericFields().keySet());
        fields.addAll(slice.groupFields().keySet());
        return new DataFile(DATA_DIRECTORY + "/" + file.parent().name() + "/" + file.name(), slice.presentCount(),
                file.size(), file.sha256(), first, last, fields, Panels.rowsWithData(slice).length);
    }

    private static void checkAsOf(String action, Panel panel, int[] rowsWithData, LocalDate asOf) {
        int asOfDay = Math.toIntExact(asOf.toEpochDay());
        for (int i = 0; i < rowsWithData.length; i++) {
            int t = rowsWithData[i];
            if (panel.epochDays()[t] > asOfDay) {
                int later = rowsWithData.length - i - 1;
                String more = later == 0 ? "" : " (and " + later + " later date" + (later > 1 ? "s" : "") + ")";
                throw new OptaicException(EngineErrorCode.DATE_AFTER_AS_OF, "Cannot " + action
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
            throw new OptaicException(EngineErrorCode.APPEND_OVERLAP, "Cannot " + action + ": the panel has rows on "
                    + (first.equals(last) ? first.toString() : first + ".." + last + " (" + overlapping + " dates)")
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
                throw new OptaicException(EngineErrorCode.BAD_FIELD, "Cannot " + action + ": field '" + name
                        + "' is both numeric and a group in the panel");
            }
        }
        return panelSchema;
    }

    /** The new version's schema: the latest one's plus new fields (append), or the written ones' (rebuild). */
    private static Map<String, FieldType> schema(String action, Map<String, FieldType> panelSchema,
                                                 VersionManifest latest, Operation operation) {
        for (Map.Entry<String, FieldType> field : panelSchema.entrySet()) {
            String name = field.getKey();
            if (name.isBlank() || name.equals("date") || name.equals("asset")) {
                throw new OptaicException(EngineErrorCode.BAD_FIELD, "Cannot " + action + ": field name '" + name
                        + "' is " + (name.isBlank() ? "blank" : "reserved for the key column"));
            }
            if (name.equals(PointInTimeReader.AVAILABLE_AT) && field.getValue() != FieldType.NUMERIC) {
                throw new OptaicException(EngineErrorCode.BAD_AVAILABLE_AT, "Cannot " + action + ": field '"
                        + name + "' must be numeric (the epoch day the row became available), not "
                        + field.getValue().description());
            }
            FieldType before = latest == null ? null : latest.schema().get(name);
            if (before != null && before != field.getValue()) {
                throw new OptaicException(EngineErrorCode.FIELD_TYPE_CHANGED, "Cannot " + action + ": field '"
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

    /** A directory no other write uses: the version number plus a random suffix, created exclusively. */
    static StorageLocation createWriteDirectory(String dataset, StorageLocation datasetDirectory, long version) {
        StorageLocation data = datasetDirectory.resolve(DATA_DIRECTORY);
        try {
            data.createDirectories();
            while (true) {
                StorageLocation directory = data.resolve(String.format(Locale.ROOT, "v%06d-%08x", version,
                        ThreadLocalRandom.current().nextInt()));
                if (directory.createDirectoryExclusively()) {
                    return directory;
                }
                // Taken by another write: draw again.
            }
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot write dataset '" + dataset + "': cannot create a directory in '"
                    + data + "'", e);
        }
    }

    /**
     * Writes the files of one version. While a file is being written the previous one is forced to disk and
     * checksummed on another thread: the first is mostly waiting on the device, the second on memory.
     */
    private List<DataFile> writeFiles(String dataset, Panel panel, int[] rowsWithData,
                                      StorageLocation writeDirectory) {
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
                StorageLocation file = writeDirectory.resolve(dataFileName(first, last));
                write(panelWriter, slice, file);
                files.add(checker.submit(() -> {
                    file.fsync();
                    return describe(file, slice, first, last);
                }));
            }
            List<DataFile> written = new ArrayList<>();
            for (Future<DataFile> file : files) {
                written.add(file.get());
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptaicException(EngineErrorCode.STORAGE_FAILURE, "Cannot write dataset '" + dataset
                    + "': interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw StorageFiles.failure("Cannot write dataset '" + dataset + "': cannot check a data file in '"
                        + writeDirectory + "'", io);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            checker.shutdownNow();
        }
    }

    /**
     * Lists, and deletes if {@code delete}, the files under the dataset's data directory that no committed version
     * references and that were last modified before {@code olderThan}: the leftovers of writes that crashed or lost
     * their commit. Pass a time before the start of any write still running, whose files are not referenced yet.
     *
     * @return the garbage files' paths relative to the dataset's directory, sorted
     */
    public List<String> gc(String dataset, Instant olderThan, boolean delete) {
        requireNonNull(olderThan, "olderThan is null");
        StorageLocation data = StorageFiles.datasetDirectory(root, dataset).resolve(DATA_DIRECTORY);
        // List the files before reading the manifests: a version committed in between then counts as referenced.
        Map<String, StorageLocation> candidates = new TreeMap<>();
        List<StorageLocation> directories = new ArrayList<>();
        try {
            walk(data, DATA_DIRECTORY, candidates, directories);
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
                if (!referenced.contains(candidate.getKey()) && file.lastModified().isBefore(olderThan)) {
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
    private static void walk(StorageLocation directory, String relative, Map<String, StorageLocation> files,
                             List<StorageLocation> directories) throws IOException {
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
