package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
            PanelFormat format = PanelFormat.of(path).orElseThrow(() -> new OptaicException(
                    IoErrors.UNSUPPORTED_FORMAT, "Cannot read '" + path + "': unknown format; expected a "
                    + IoErrors.SUPPORTED_EXTENSIONS + " file or a directory of .parquet files"));
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
