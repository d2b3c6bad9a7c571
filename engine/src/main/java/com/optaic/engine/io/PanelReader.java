package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.io.InputFile;

/**
 * Reads panels from files. The long layout has columns {@code date}, {@code asset}, then fields, one row per
 * (date, asset), in a {@code .csv}, {@code .parquet} or {@code .arrow} file or a directory of {@code .parquet}
 * files; the wide layout is one CSV per field with a column per asset. The result's calendar is the sorted
 * distinct dates, its assets are sorted, and a cell is present when the input had a row there.
 *
 * <p>Group (label) fields are the columns named in {@link #groupFields()}, plus in Parquet and Arrow every
 * string column; all other columns are numbers, an empty CSV cell or a null being NaN. Every failure is an
 * {@link OptaicException}; a problem with the input is a user error whose one-line message names the file,
 * the line or row, and the offending value.
 */
public final class PanelReader {
    public static final Set<String> DEFAULT_GROUP_FIELDS = Set.of("sector", "industry", "subindustry");

    private final Set<String> groupFields;

    public PanelReader() {
        this(DEFAULT_GROUP_FIELDS);
    }

    public PanelReader(Set<String> groupFields) {
        this.groupFields = Set.copyOf(requireNonNull(groupFields, "groupFields is null"));
    }

    public Set<String> groupFields() {
        return groupFields;
    }

    /** Reads every field of a long-layout file (or directory of Parquet files). */
    public Panel read(Path path) {
        return read(path, Optional.empty());
    }

    /**
     * Reads a long-layout file, or a directory of Parquet files, keeping only {@code fields} when given
     * (Parquet and Arrow then read no other columns). Naming a field the file lacks is an error.
     */
    public Panel read(Path path, Optional<Set<String>> fields) {
        requireNonNull(path, "path is null");
        requireNonNull(fields, "fields is null");
        Optional<Set<String>> selection = fields.map(Set::copyOf);
        try {
            if (Files.isDirectory(path)) {
                return ParquetPanelReader.read(path, groupFields, selection);
            }
            PanelFormat format = PanelFormat.of(path)
                    .orElseThrow(() -> new OptaicException(
                            EngineErrorCode.UNSUPPORTED_FORMAT,
                            "Cannot read '" + path + "': unknown format; expected a " + IoErrors.SUPPORTED_EXTENSIONS
                                    + " file or a directory of .parquet files"));
            if (!Files.exists(path)) {
                throw IoErrors.cannotRead(path, new NoSuchFileException(path.toString()));
            }
            return switch (format) {
                case CSV -> CsvPanelReader.readLong(path, groupFields, selection);
                case PARQUET -> ParquetPanelReader.read(path, groupFields, selection);
                case ARROW -> ArrowPanelReader.read(path, groupFields, selection);
            };
        } catch (IOException e) {
            throw IoErrors.cannotRead(path, e);
        }
    }

    /**
     * The fields a long-layout Parquet file or directory holds, read from its footers without touching the
     * data, so a caller can read only what it needs: name -> true for a label (group) field. Empty for
     * other formats, which are read whole.
     */
    public Optional<Map<String, Boolean>> fields(Path path) {
        requireNonNull(path, "path is null");
        if (!Files.isDirectory(path) && PanelFormat.of(path).orElse(null) != PanelFormat.PARQUET) {
            return Optional.empty();
        }
        try {
            return Optional.of(ParquetPanelReader.fields(path, groupFields));
        } catch (IOException e) {
            throw IoErrors.cannotRead(path, e);
        }
    }

    /** The Parquet files of a long panel path (a file, or a directory's {@code *.parquet} files in name order). */
    public static List<Path> parquetFiles(Path path) {
        requireNonNull(path, "path is null");
        try {
            return ParquetPanelReader.files(path);
        } catch (IOException e) {
            throw IoErrors.cannotRead(path, e);
        }
    }

    /**
     * The shape of Parquet panel files, from their footers and date dictionaries.
     *
     * @param calendar the distinct dates as epoch days, increasing
     * @param rows the number of rows of all files
     */
    public record Layout(int[] calendar, long rows) {
        public Layout {
            requireNonNull(calendar, "calendar is null");
        }

        /** Rows per date on average: the number of assets of a full panel. */
        public int assetsPerDate() {
            return calendar.length == 0
                    ? 0
                    : (int) Math.min(Integer.MAX_VALUE, (rows + calendar.length - 1) / calendar.length);
        }
    }

    /** The dates and row count of Parquet panel files, without decoding their data pages where avoidable. */
    public Layout layout(List<Path> parquetFiles) {
        try {
            return ParquetLayout.of(ParquetPanelReader.inputs(parquetFiles));
        } catch (IOException e) {
            throw IoErrors.cannotRead(parquetFiles.isEmpty() ? Path.of("") : parquetFiles.get(0), e);
        }
    }

    /** As {@link #layout(List)} for Parquet files on any file system (a Hadoop one through its input files). */
    public Layout parquetLayout(List<InputFile> parquetFiles) {
        try {
            return ParquetLayout.of(List.copyOf(parquetFiles));
        } catch (IOException e) {
            throw IoErrors.cannotRead(
                    parquetFiles.isEmpty() ? "no files" : parquetFiles.get(0).toString(), e);
        }
    }

    /** A date-range read, and how many rows were decoded to get it (pruning shows in the count). */
    public record RangeRead(Panel panel, long rowsDecoded) {
        public RangeRead {
            requireNonNull(panel, "panel is null");
        }
    }

    /**
     * Reads the rows dated in [from, to] (null bounds are open) of Parquet panel files, and of their fields only
     * {@code fields} when given. Only the row groups and pages whose date statistics meet the range are decoded;
     * the panel holds the dates and assets with a row in the range. A field a file lacks is NaN (no label) on its
     * rows; naming a field no file has is an error.
     */
    public RangeRead readRange(List<Path> parquetFiles, LocalDate from, LocalDate to, Optional<Set<String>> fields) {
        requireNonNull(parquetFiles, "parquetFiles is null");
        List<Path> files = List.copyOf(parquetFiles);
        String source = files.size() == 1
                ? files.get(0).toString()
                : files.isEmpty() ? "no files" : files.get(0).getParent() + " (" + files.size() + " files)";
        return readParquetRange(ParquetPanelReader.inputs(files), source, from, to, fields);
    }

    /**
     * As {@link #readRange} for Parquet files on any file system (a Hadoop one through its input files);
     * {@code source} names them in messages.
     */
    public RangeRead readParquetRange(
            List<InputFile> parquetFiles, String source, LocalDate from, LocalDate to, Optional<Set<String>> fields) {
        requireNonNull(parquetFiles, "parquetFiles is null");
        requireNonNull(fields, "fields is null");
        List<InputFile> files = List.copyOf(parquetFiles);
        ParquetPanelReader.Days days = new ParquetPanelReader.Days(
                from == null ? Integer.MIN_VALUE : Math.toIntExact(from.toEpochDay()),
                to == null ? Integer.MAX_VALUE : Math.toIntExact(to.toEpochDay()));
        try {
            ParquetPanelReader.Read read =
                    ParquetPanelReader.read(files, source, groupFields, fields.map(Set::copyOf), days);
            return new RangeRead(read.panel(), read.rowsDecoded());
        } catch (IOException e) {
            throw IoErrors.cannotRead(files.isEmpty() ? source : files.get(0).toString(), e);
        }
    }

    /**
     * Reads the wide layout: per field, a CSV with header {@code date,<asset1>,<asset2>,...} and one row per
     * date, an empty cell meaning the asset has no row that date. The fields are merged on the union of dates
     * and assets; a cell is present where any field has a value.
     */
    public Panel readWide(Map<String, Path> fieldFiles) {
        requireNonNull(fieldFiles, "fieldFiles is null");
        for (Path file : fieldFiles.values()) {
            if (!Files.isRegularFile(file)) {
                throw IoErrors.cannotRead(file, new NoSuchFileException(file.toString()));
            }
        }
        return CsvPanelReader.readWide(fieldFiles, groupFields);
    }
}
