package com.optaic.engine.ingest;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DataFileStaging;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.FilePartitioning;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.ingest.IngestSplit.CellKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ingests a source into a dataset version with tasks on an {@link IngestEngine}: read tasks parse one split each,
 * write tasks each write one data file of the version ({@link FilePartitioning}: by default one per year, rows
 * sorted by date then asset, as {@link DatasetWriter} writes them) into the version's fresh directory, and the
 * driver commits the files' metadata as one manifest through the {@link VersionCatalog}. An append ingests only
 * the dates after the latest version's last date.
 *
 * <p>A bad row fails the whole ingestion with the file and line of the first offence (first in split order): a
 * split's own error as its reader reports it, or a (date, asset) row that an earlier split already had. Nothing
 * is committed then, and the written files are deleted.
 */
public final class DatasetIngestion {
    private final StorageLocation root;
    private final VersionCatalog catalog;
    private final FilePartitioning partitioning;
    private final DataFileStaging staging;
    private final IngestEngine engine;

    public DatasetIngestion(Path root, VersionCatalog catalog, IngestEngine engine) {
        this(StorageLocation.local(root), catalog, engine);
    }

    /** Under a root on any storage: a local directory or a Hadoop file system URI ({@link StorageLocation#of}). */
    public DatasetIngestion(StorageLocation root, VersionCatalog catalog, IngestEngine engine) {
        this(root, catalog, FilePartitioning.byYear(), Clock.systemUTC(), engine);
    }

    public DatasetIngestion(
            Path root, VersionCatalog catalog, FilePartitioning partitioning, Clock clock, IngestEngine engine) {
        this(StorageLocation.local(root), catalog, partitioning, clock, engine);
    }

    public DatasetIngestion(
            StorageLocation root,
            VersionCatalog catalog,
            FilePartitioning partitioning,
            Clock clock,
            IngestEngine engine) {
        this.root = requireNonNull(root, "root is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.staging = new DataFileStaging(root, catalog, clock);
    }

    /**
     * What an ingestion did.
     *
     * @param manifest the committed version, empty when there was no new row (nothing is committed then)
     * @param previous the version the ingestion read as latest
     * @param rowsAdded rows in the new files; {@code datesAdded} their distinct dates; {@code assets} the distinct
     *     assets with a new row
     * @param tasks read tasks plus write tasks
     * @param rowsIgnored source rows an append did not write: dated on or before the dataset's last date (equal to
     *     the published ones, or not compared under {@link CorrectionPolicy#IGNORE})
     */
    public record Result(
            Optional<VersionManifest> manifest,
            Optional<VersionManifest> previous,
            long rowsAdded,
            int datesAdded,
            int assets,
            int tasks,
            String engine,
            long rowsIgnored,
            long rowsCorrected) {
        public Result {
            requireNonNull(manifest, "manifest is null");
            requireNonNull(previous, "previous is null");
        }

        /** The dataset's last date after the ingestion, if it has any row. */
        public Optional<LocalDate> lastDate() {
            return manifest.or(() -> previous).map(VersionManifest::maxDate);
        }
    }

    /**
     * @param asOf the run's as-of date: rows after it are left out, and the version is as of it (as of its last
     *     date when empty)
     */
    public Result ingest(String dataset, IngestSource source, Operation operation, Optional<LocalDate> asOf) {
        return ingest(dataset, source, operation, asOf, CorrectionPolicy.IGNORE);
    }

    /**
     * As {@link #ingest(String, IngestSource, Operation, Optional)}, an append meeting source rows dated on or
     * before the dataset's last date as {@code corrections} says: under {@link CorrectionPolicy#REJECT} a row that
     * differs from the published one fails the ingestion, named ({@link EngineErrorCode#SOURCE_CORRECTION}).
     */
    public Result ingest(
            String dataset,
            IngestSource source,
            Operation operation,
            Optional<LocalDate> asOf,
            CorrectionPolicy corrections) {
        requireNonNull(source, "source is null");
        requireNonNull(corrections, "corrections is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(asOf, "asOf is null");
        Optional<VersionManifest> latest = catalog.latest(dataset);
        long parent = latest.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        int afterDay = operation == Operation.APPEND && latest.isPresent()
                ? Math.toIntExact(latest.get().maxDate().toEpochDay())
                : Integer.MIN_VALUE;
        int throughDay = asOf.map(date -> Math.toIntExact(date.toEpochDay())).orElse(Integer.MAX_VALUE);
        List<IngestSplit> splits = List.copyOf(source.splits(engine.parallelism()));
        EarlierRows.Published published = corrections != CorrectionPolicy.IGNORE && afterDay != Integer.MIN_VALUE
                ? EarlierRows.Published.of(root, latest.get())
                : null;
        try (IngestEngine.ReadStage read = engine.read(splits, afterDay, throughDay, published)) {
            List<SplitResult> summaries = read.summaries();
            long earlierRows = 0;
            long corrected = 0;
            SplitResult firstCorrected = null;
            for (SplitResult summary : summaries) {
                if (summary.problem != null) {
                    throw summary.problem.toException();
                }
                earlierRows += summary.earlier.rows();
                corrected += summary.earlier.corrections();
                if (summary.earlier.corrections() > 0
                        && (firstCorrected == null || summary.earlier.firstDay() < firstCorrected.earlier.firstDay())) {
                    firstCorrected = summary;
                }
            }
            if (firstCorrected != null && corrections == CorrectionPolicy.RESTATE) {
                return restate(dataset, splits, latest.get(), corrected, asOf);
            }
            if (firstCorrected != null) {
                throw correction(
                        dataset, latest.get(), corrected, firstCorrected.earlier, splits.get(firstCorrected.split));
            }
            long rowsIgnored = earlierRows;
            LinkedHashMap<String, FieldType> fields = fields(splits, summaries);
            int[] calendar = summaries.stream()
                    .flatMapToInt(s -> Arrays.stream(s.days))
                    .sorted()
                    .distinct()
                    .toArray();
            if (calendar.length == 0) {
                return new Result(Optional.empty(), latest, 0, 0, 0, splits.size(), engine.name(), rowsIgnored, 0);
            }
            List<int[]> ranges = partitioning.split(calendar);
            int[] rangeFirstDays =
                    ranges.stream().mapToInt(range -> calendar[range[0]]).toArray();
            StorageLocation writeDirectory = staging.newWriteDirectory(dataset, parent);
            List<RangeWriter.Result> written;
            try {
                written = read.write(
                        rangeFirstDays,
                        new RangeWriter(
                                DataFileStaging.datasetDirectory(root, dataset),
                                writeDirectory,
                                fields,
                                labels(summaries)));
                throwFirstDuplicate(splits, written);
            } catch (RuntimeException e) {
                DataFileStaging.discard(writeDirectory);
                throw e;
            }
            List<DataFile> files = written.stream()
                    .sorted(Comparator.comparingInt(RangeWriter.Result::range))
                    .map(result -> result.file().toDataFile())
                    .toList();
            LocalDate lastDate = LocalDate.ofEpochDay(calendar[calendar.length - 1]);
            VersionManifest manifest = staging.commitFiles(
                    dataset, operation, parent, fields, files, asOf.orElse(lastDate), writeDirectory);
            long rows = files.stream().mapToLong(DataFile::rows).sum();
            TreeSet<String> assets = new TreeSet<>();
            summaries.forEach(s -> assets.addAll(Arrays.asList(s.assets)));
            return new Result(
                    Optional.of(manifest),
                    latest,
                    rows,
                    calendar.length,
                    assets.size(),
                    splits.size() + files.size(),
                    engine.name(),
                    rowsIgnored,
                    0);
        } catch (OptaicException e) {
            throw e;
        } catch (RuntimeException e) {
            throw jobFailure(dataset, e);
        }
    }

    /** The restatement {@link CorrectionPolicy#RESTATE} asks for: the source read in the driver, a full version. */
    private Result restate(
            String dataset,
            List<IngestSplit> splits,
            VersionManifest latest,
            long corrected,
            Optional<LocalDate> asOf) {
        List<Panel> parts = splits.stream().map(IngestSplit::read).toList();
        LocalDate lastDate = latest.maxDate();
        for (Panel part : parts) {
            if (part.dateCount() > 0 && part.date(part.dateCount() - 1).isAfter(lastDate)) {
                lastDate = part.date(part.dateCount() - 1);
            }
        }
        VersionManifest manifest = new DatasetWriter(root, catalog).restate(dataset, parts, asOf.orElse(lastDate));
        int dates = (int) manifest.files().stream().mapToLong(DataFile::dates).sum();
        return new Result(
                Optional.of(manifest),
                Optional.of(latest),
                manifest.rows() - latest.rows(),
                dates - (int) latest.files().stream().mapToLong(DataFile::dates).sum(),
                0,
                splits.size(),
                engine.name() + " (restated in the driver)",
                0,
                corrected);
    }

    private static OptaicException correction(
            String dataset, VersionManifest latest, long corrected, EarlierRows first, IngestSplit split) {
        return new OptaicException(
                EngineErrorCode.SOURCE_CORRECTION,
                "Cannot append to dataset '" + dataset + "': " + corrected
                        + " source row(s) dated on or before its last date " + latest.maxDate()
                        + " differ from version " + latest.version() + ", the first ("
                        + LocalDate.ofEpochDay(first.firstDay()) + ", " + first.firstAsset() + ")"
                        + (first.firstField() == null ? " is not in it" : " in field '" + first.firstField() + "'")
                        + ", in '" + split.source() + "'"
                        + "; set the pipeline's \"corrections\" to \"restate\" to publish them in a new full version, or"
                        + " to \"ignore\" to append only the later dates");
    }

    /** The fields of all splits, numeric ones first, each in order of first appearance; a type must agree. */
    private static LinkedHashMap<String, FieldType> fields(List<IngestSplit> splits, List<SplitResult> summaries) {
        LinkedHashMap<String, FieldType> fields = new LinkedHashMap<>();
        Map<String, Integer> firstSplit = new LinkedHashMap<>();
        for (FieldType type : List.of(FieldType.NUMERIC, FieldType.GROUP)) {
            for (SplitResult summary : summaries) {
                summary.fields.forEach((name, fieldType) -> {
                    if (fieldType == type && !fields.containsKey(name)) {
                        fields.put(name, type);
                        firstSplit.put(name, summary.split);
                    }
                });
            }
        }
        for (SplitResult summary : summaries) {
            summary.fields.forEach((name, type) -> {
                if (fields.get(name) != type) {
                    throw new OptaicException(
                            EngineErrorCode.FIELD_TYPE_CONFLICT,
                            "Cannot ingest '"
                                    + splits.get(summary.split).source() + "': field '" + name + "' is "
                                    + type.description() + " there but "
                                    + fields.get(name).description() + " in '"
                                    + splits.get(firstSplit.get(name)).source() + "'");
                }
            });
        }
        return fields;
    }

    /** Per group field, the one label table all splits share, else the sorted union of theirs. */
    private static LinkedHashMap<String, String[]> labels(List<SplitResult> summaries) {
        LinkedHashMap<String, String[]> labels = new LinkedHashMap<>();
        for (SplitResult summary : summaries) {
            summary.labels.forEach((name, table) -> {
                String[] known = labels.get(name);
                if (known == null) {
                    labels.put(name, table);
                } else if (!Arrays.equals(known, table)) {
                    TreeSet<String> union = new TreeSet<>(Arrays.asList(known));
                    union.addAll(Arrays.asList(table));
                    labels.put(name, union.toArray(new String[0]));
                }
            });
        }
        return labels;
    }

    /**
     * Fails with the first duplicate: in the earliest split that repeats a row, the first place (its line) that
     * does, naming where the row was first seen.
     */
    private static void throwFirstDuplicate(List<IngestSplit> splits, List<RangeWriter.Result> written) {
        int split = written.stream()
                .filter(r -> r.duplicates() != null)
                .mapToInt(r -> r.duplicates().split())
                .min()
                .orElse(-1);
        if (split < 0) {
            return;
        }
        LinkedHashMap<CellKey, Integer> firstSplitOf = new LinkedHashMap<>();
        written.stream()
                .filter(r -> r.duplicates() != null && r.duplicates().split() == split)
                .sorted(Comparator.comparingInt(RangeWriter.Result::range))
                .forEach(r -> firstSplitOf.putAll(r.duplicates().firstSplitOf()));
        IngestSplit second = splits.get(split);
        Optional<IngestSplit.Location> location = second.locate(firstSplitOf.keySet());
        CellKey key = location.map(IngestSplit.Location::key)
                .orElse(firstSplitOf.keySet().iterator().next());
        IngestSplit first = splits.get(firstSplitOf.get(key));
        String firstPlace =
                first.locate(Set.of(key)).map(IngestSplit.Location::where).orElse(first.source());
        String where = location.map(IngestSplit.Location::where).orElse(second.source());
        throw new OptaicException(
                EngineErrorCode.DUPLICATE_ROW,
                where + ": duplicate row for (" + LocalDate.ofEpochDay(key.epochDay()) + ", " + key.asset()
                        + "), first seen at " + firstPlace);
    }

    private static OptaicException jobFailure(String dataset, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("");
        return new OptaicException(
                EngineErrorCode.SPARK_JOB_FAILED,
                "Cannot ingest into dataset '" + dataset + "': a task failed (" + message + "); no version was written",
                e);
    }
}
