package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.ChecksumException;

/**
 * Reads a dataset version (the latest committed one unless told otherwise) for a date range, a field list and an
 * asset universe, into one {@link Panel} whose calendar is the union of the dates read. Only the data files whose
 * date range meets the requested one are opened, in parallel; a field a file predates reads as NaN.
 *
 * <p>Each file's size is checked against its manifest entry on every read, and its SHA-256 once per process
 * ({@link VerifiedFiles}: again when its size or modification time changes): a file whose bytes differ from what
 * was committed is a {@link EngineErrorCode#DATA_FILE_CORRUPT} error naming the file, never a wrong value. A file that a committed manifest lists but that is gone is a
 * {@link EngineErrorCode#DATA_FILE_MISSING} error naming the file, the version and the storage root.
 */
public final class DatasetReader {
    private final StorageLocation root;
    private final Optional<VersionCatalog> catalog;
    private final boolean verifyChecksums;
    /** Types come from the Parquet schema alone: strings are groups, numbers numeric, whatever the field's name. */
    private final PanelReader panelReader = new PanelReader(Set.of());

    /** A reader that checks file sizes and checksums. */
    public DatasetReader(Path root, VersionCatalog catalog) {
        this(root, catalog, true);
    }

    public DatasetReader(Path root, VersionCatalog catalog, boolean verifyChecksums) {
        this(StorageLocation.local(requireNonNull(root, "root is null")), catalog, verifyChecksums);
    }

    /** A reader under a root on any storage, that checks file sizes and checksums. */
    public DatasetReader(StorageLocation root, VersionCatalog catalog) {
        this(root, catalog, true);
    }

    /**
     * A reader that checks checksums only when {@code verifyChecksums}: false is for measuring what verification
     * costs (docs/benchmarks.md), never for reading data a result depends on.
     */
    public DatasetReader(StorageLocation root, VersionCatalog catalog, boolean verifyChecksums) {
        this(root, Optional.of(requireNonNull(catalog, "catalog is null")), verifyChecksums);
    }

    private DatasetReader(StorageLocation root, Optional<VersionCatalog> catalog, boolean verifyChecksums) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = catalog;
        this.verifyChecksums = verifyChecksums;
    }

    /**
     * A reader of versions already resolved ({@link #read(VersionManifest, DatasetQuery)}, {@link #locations}),
     * such as a manifest a Spark task was given: it has no catalog to look versions up in, and checks file sizes
     * and checksums like every reader (once per file per executor process).
     */
    public static DatasetReader ofResolvedVersions(StorageLocation root) {
        return new DatasetReader(root, Optional.empty(), true);
    }

    /** The version a read would use: the given one, or the latest committed one when {@code version} is null. */
    public VersionManifest resolve(String dataset, Long version) {
        StorageFiles.checkDatasetName(dataset);
        VersionCatalog catalog = this.catalog.orElseThrow(() -> new IllegalStateException("this reader reads"
                + " resolved versions only; it has no catalog to find dataset '" + dataset + "' in"));
        if (version == null) {
            return catalog.latest(dataset)
                    .orElseThrow(() -> new OptaicException(
                            EngineErrorCode.VERSION_NOT_FOUND,
                            "Dataset '" + dataset + "' has no committed version under '" + root + "'"));
        }
        return catalog.get(dataset, version)
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.VERSION_NOT_FOUND,
                        "Dataset '" + dataset + "' has no version " + version + "; latest is "
                                + catalog.latest(dataset)
                                        .map(m -> "version " + m.version())
                                        .orElse("none")));
    }

    /** Where a version's data files are, in the manifest's (date) order, for a local root. */
    public List<Path> paths(VersionManifest manifest) {
        return locations(manifest).stream()
                .map(file -> file.localPath()
                        .orElseThrow(() -> new OptaicException(
                                EngineErrorCode.UNSUPPORTED_STORAGE,
                                "Cannot read dataset '" + manifest.dataset() + "' under '" + root
                                        + "' as local files: the root is not a local directory")))
                .toList();
    }

    /** Where a version's data files are, in the manifest's (date) order. */
    public List<StorageLocation> locations(VersionManifest manifest) {
        StorageLocation datasetDirectory = StorageFiles.datasetDirectory(root, manifest.dataset());
        return manifest.files().stream()
                .map(file -> datasetDirectory.resolve(file.path()))
                .toList();
    }

    /** Reads the panel the query asks for. */
    public Panel readPanel(String dataset, DatasetQuery query) {
        return read(dataset, query).panel();
    }

    /** Reads the panel the query asks for, with the version and files it came from and its first global row. */
    public DatasetSlice read(String dataset, DatasetQuery query) {
        requireNonNull(query, "query is null");
        VersionManifest manifest = resolve(dataset, query.version());
        return read(manifest, query);
    }

    /** Reads the query's dates, fields and assets from a version already resolved; the query's version is ignored. */
    public DatasetSlice read(VersionManifest manifest, DatasetQuery query) {
        requireNonNull(manifest, "manifest is null");
        requireNonNull(query, "query is null");
        String source = "dataset '" + manifest.dataset() + "' version " + manifest.version();
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw new OptaicException(
                    EngineErrorCode.BAD_REQUEST,
                    "Cannot read " + source + ": the date range " + query.from() + ".." + query.to()
                            + " ends before it starts");
        }
        Set<String> fields = query.fields() == null ? manifest.schema().keySet() : query.fields();
        List<String> unknown = fields.stream()
                .filter(f -> !manifest.schema().containsKey(f))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.UNKNOWN_FIELD,
                    "Cannot read " + source + ": unknown field"
                            + (unknown.size() > 1 ? "s " : " ")
                            + unknown.stream().map(f -> "'" + f + "'").toList()
                            + "; it has " + manifest.schema().keySet());
        }
        List<String> numericNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        manifest.schema().forEach((name, type) -> {
            if (fields.contains(name)) {
                (type == FieldType.NUMERIC ? numericNames : groupNames).add(name);
            }
        });

        List<DataFile> selected = manifest.filesBetween(query.from(), query.to());
        StorageLocation datasetDirectory = StorageFiles.datasetDirectory(root, manifest.dataset());
        for (DataFile file : selected) {
            check(source, datasetDirectory, file, false);
        }
        List<Part> read = readFiles(source, datasetDirectory, selected, fields, query, manifest.schema());
        List<Panel> parts = read.stream().map(Part::panel).toList();
        String[] assets = query.assets() == null ? null : new TreeSet<>(query.assets()).toArray(new String[0]);
        Panel panel = Panels.merge(parts, assets, numericNames, groupNames);
        return new DatasetSlice(manifest, selected, panel, firstRow(manifest, selected, read));
    }

    /**
     * The global calendar row of the slice's first date: the dates of every file before the first one read,
     * plus that file's dates cut off by the range's start.
     */
    private static int firstRow(VersionManifest manifest, List<DataFile> selected, List<Part> parts) {
        if (selected.isEmpty()) {
            return 0;
        }
        int row = 0;
        for (DataFile file : manifest.files()) {
            if (file.equals(selected.get(0))) {
                break;
            }
            row += file.dates();
        }
        return row + parts.get(0).datesBeforeRange();
    }

    /** One file's cells in the query, and how many of the file's dates lie before the query's range. */
    private record Part(Panel panel, int datesBeforeRange) {}

    private List<Part> readFiles(
            String source,
            StorageLocation datasetDirectory,
            List<DataFile> files,
            Set<String> fields,
            DatasetQuery query,
            Map<String, FieldType> schema) {
        if (files.size() <= 1) {
            List<Part> parts = new ArrayList<>();
            for (DataFile file : files) {
                parts.add(readFile(source, datasetDirectory, file, fields, query, schema));
            }
            return parts;
        }
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "optaic-dataset-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Part>> futures = new ArrayList<>();
            for (DataFile file : files) {
                futures.add(executor.submit(() -> readFile(source, datasetDirectory, file, fields, query, schema)));
            }
            List<Part> parts = new ArrayList<>();
            for (Future<Part> future : futures) {
                parts.add(future.get());
            }
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptaicException(EngineErrorCode.STORAGE_FAILURE, "Cannot read " + source + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    /** One file's cells of the query's range and assets, with the query's fields the file has. */
    private Part readFile(
            String source,
            StorageLocation datasetDirectory,
            DataFile file,
            Set<String> fields,
            DatasetQuery query,
            Map<String, FieldType> schema) {
        StorageLocation path = check(source, datasetDirectory, file, verifyChecksums);
        Set<String> wanted = new HashSet<>(file.fields());
        wanted.retainAll(fields);
        boolean inside = (query.from() == null || !file.minDate().isBefore(query.from()))
                && (query.to() == null || !file.maxDate().isAfter(query.to()));
        // Only the row groups and pages holding the range are decoded.
        Panel part = path.localPath().isPresent()
                ? (inside
                        ? panelReader.read(path.localPath().get(), Optional.of(wanted))
                        : panelReader
                                .readRange(
                                        List.of(path.localPath().get()), query.from(), query.to(), Optional.of(wanted))
                                .panel())
                : panelReader
                        .readParquetRange(
                                List.of(path.inputFile()),
                                path.toString(),
                                inside ? null : query.from(),
                                inside ? null : query.to(),
                                Optional.of(wanted))
                        .panel();
        for (String name : wanted) {
            boolean numeric = part.numericFields().containsKey(name);
            if (numeric != (schema.get(name) == FieldType.NUMERIC)) {
                throw new OptaicException(
                        EngineErrorCode.DATA_FILE_CORRUPT,
                        "Cannot read " + source + ": field '"
                                + name + "' is " + (numeric ? FieldType.NUMERIC : FieldType.GROUP).description()
                                + " in '"
                                + path + "' but " + schema.get(name).description() + " in the manifest");
            }
        }
        if (inside && part.presentCount() != file.rows()) {
            throw new OptaicException(
                    EngineErrorCode.DATA_FILE_CORRUPT,
                    "Cannot read " + source + ": '" + path + "' holds " + part.presentCount()
                            + " rows, but the manifest lists " + file.rows());
        }
        int before = 0;
        if (query.from() != null && file.minDate().isBefore(query.from())) {
            int fromDay = Math.toIntExact(query.from().toEpochDay());
            for (int day : panelReader.parquetLayout(List.of(path.inputFile())).calendar()) {
                before += day < fromDay ? 1 : 0;
            }
        }
        return new Part(query.assets() == null ? part : Panels.select(part, null, null, query.assets()), before);
    }

    /** Checks that a listed file is there with its size (and checksum); returns its path. */
    private StorageLocation check(String source, StorageLocation datasetDirectory, DataFile file, boolean checksum) {
        StorageLocation path = datasetDirectory.resolve(file.path());
        try {
            long size = path.size();
            if (size != file.bytes()) {
                throw new OptaicException(
                        EngineErrorCode.DATA_FILE_CORRUPT,
                        "Cannot read " + source + ": data file '" + path + "' has " + size
                                + " bytes, but the manifest lists " + file.bytes());
            }
            if (checksum) {
                String actual = VerifiedFiles.sha256(path, size, file.sha256());
                if (!actual.equals(file.sha256())) {
                    throw new OptaicException(
                            EngineErrorCode.DATA_FILE_CORRUPT,
                            "Cannot read " + source
                                    + ": data file '" + path + "' has SHA-256 " + actual + ", but the manifest lists "
                                    + file.sha256());
                }
            }
            return path;
        } catch (NoSuchFileException e) {
            throw new OptaicException(
                    EngineErrorCode.DATA_FILE_MISSING,
                    "Cannot read " + source + ": data file '"
                            + file.path() + "' listed in its manifest is missing from '" + datasetDirectory
                            + "'; the storage was changed outside OptAIC",
                    e);
        } catch (ChecksumException e) {
            // Hadoop's checksummed file systems verify their own checksums on every read.
            throw new OptaicException(
                    EngineErrorCode.DATA_FILE_CORRUPT,
                    "Cannot read " + source + ": data file '" + path + "' fails the file system's checksum: "
                            + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot read " + source + ": data file '" + path + "'", e);
        }
    }
}
