package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes panel columns as a long table {@code date, asset, <columns...>}: one row per present cell of a
 * calendar row range, ordered by date then asset, NaN written as an empty cell or a null. The format follows
 * the target's extension: {@code .csv}, {@code .parquet} (date as INT32 DATE, asset as a dictionary-encoded
 * string, values as optional doubles) or {@code .arrow} (Arrow IPC file).
 *
 * <p>Writes are atomic: the target holds either its previous content or the complete new file, never part
 * of one, and no temporary file is left behind on failure.
 */
public final class PanelWriter {
    /** Writes every numeric and group field of the panel over its whole calendar. */
    public void write(Panel panel, Path target) {
        write(panel, 0, panel.dateCount(), allColumns(panel), target);
    }

    /**
     * Writes every field of the panel as a new Parquet file on any file system (a Hadoop one through its output
     * file). Not atomic: the caller writes into a fresh directory that nothing reads before it commits.
     */
    public void writeParquet(Panel panel, OutputFile target) {
        writeParquet(panel, 0, panel.dateCount(), allColumns(panel), target);
    }

    /** As {@link #write(Panel, int, int, LinkedHashMap, Path)} into a new Parquet file on any file system. */
    public void writeParquet(
            Panel panel, int rowFrom, int rowTo, LinkedHashMap<String, double[]> columns, OutputFile target) {
        requireNonNull(columns, "columns is null");
        List<OutputColumn> output = new ArrayList<>();
        columns.forEach((name, values) -> output.add(new OutputColumn(name, values, null)));
        writeParquet(panel, rowFrom, rowTo, output, target);
    }

    private static void writeParquet(
            Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, OutputFile target) {
        requireNonNull(target, "target is null");
        check(panel, rowFrom, rowTo, columns, target.getPath());
        try {
            ParquetPanelWriter.write(panel, rowFrom, rowTo, columns, target);
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target.getPath(), e);
        }
    }

    /**
     * As {@link #write(Panel, int, int, LinkedHashMap, Path)} into a Parquet file, with the columns named
     * {@code names} computed by {@code blocks} of at least {@code blockDates} dates (whole row groups, in date
     * order) as they are written, so that only one block's columns are held at a time. The file is the one
     * {@code write} makes of the same values, byte for byte. Atomic as {@code write}.
     *
     * @param panel the panel whose calendar rows [rowFrom, rowTo) are written: its presence, dates and assets
     */
    public void writeParquetByBlocks(
            Panel panel, int rowFrom, int rowTo, List<String> names, int blockDates, ColumnBlocks blocks, Path target) {
        writeParquetByBlocks(
                panel, rowFrom, rowTo, names, blockDates, blocks, target, ParquetPanelWriter.ROW_GROUP_BYTES);
    }

    /** As {@link #writeParquetByBlocks(Panel, int, int, List, int, ColumnBlocks, Path)} with another row group size. */
    void writeParquetByBlocks(
            Panel panel,
            int rowFrom,
            int rowTo,
            List<String> names,
            int blockDates,
            ColumnBlocks blocks,
            Path target,
            long rowGroupBytes) {
        requireNonNull(panel, "panel is null");
        requireNonNull(names, "names is null");
        requireNonNull(blocks, "blocks is null");
        requireNonNull(target, "target is null");
        if (PanelFormat.of(target).orElse(null) != PanelFormat.PARQUET) {
            throw new OptaicException(
                    EngineErrorCode.UNSUPPORTED_FORMAT,
                    "Cannot write '" + target + "' by blocks: only a .parquet file is written by blocks");
        }
        List<OutputColumn> schema = new ArrayList<>();
        double[] shape = new double[panel.cellCount()];
        names.forEach(name -> schema.add(new OutputColumn(name, shape, null)));
        check(panel, rowFrom, rowTo, schema, target);
        AtomicOutput.write(
                target,
                file -> ParquetPanelWriter.writeByBlocks(
                        panel, rowFrom, rowTo, schema, blockDates, blocks, new LocalOutputFile(file), rowGroupBytes));
    }

    private static List<OutputColumn> allColumns(Panel panel) {
        requireNonNull(panel, "panel is null");
        return OutputColumn.allOf(panel);
    }

    /**
     * Writes {@code columns} (asset-major arrays of the panel's shape) for the present cells of calendar rows
     * [rowFrom, rowTo).
     */
    public void write(Panel panel, int rowFrom, int rowTo, LinkedHashMap<String, double[]> columns, Path target) {
        requireNonNull(panel, "panel is null");
        requireNonNull(columns, "columns is null");
        List<OutputColumn> output = new ArrayList<>();
        columns.forEach((name, values) -> output.add(new OutputColumn(name, values, null)));
        write(panel, rowFrom, rowTo, output, target);
    }

    private static void write(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, Path target) {
        requireNonNull(target, "target is null");
        PanelFormat format = PanelFormat.of(target)
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.UNSUPPORTED_FORMAT,
                        "Cannot write '" + target + "': unknown format; expected a " + IoErrors.SUPPORTED_EXTENSIONS
                                + " file name"));
        check(panel, rowFrom, rowTo, columns, target);
        AtomicOutput.write(target, file -> {
            switch (format) {
                case CSV -> CsvPanelWriter.write(panel, rowFrom, rowTo, columns, file);
                case PARQUET -> ParquetPanelWriter.write(panel, rowFrom, rowTo, columns, file);
                case ARROW -> ArrowPanelWriter.write(panel, rowFrom, rowTo, columns, file);
            }
        });
    }

    private static void check(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, Object target) {
        String prefix = "Cannot write '" + target + "': ";
        if (rowFrom < 0 || rowTo < rowFrom || rowTo > panel.dateCount()) {
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    prefix + "row range [" + rowFrom + ", " + rowTo + ") is not within the panel's " + panel.dateCount()
                            + " dates");
        }
        Set<String> names = new HashSet<>();
        for (OutputColumn column : columns) {
            String name = column.name();
            if (name.isEmpty() || name.equals("date") || name.equals("asset") || !names.add(name)) {
                throw new OptaicException(
                        EngineErrorCode.BAD_ARGUMENT,
                        prefix + "column name '" + name + "' is empty, reserved or repeated");
            }
            if (column.values().length != panel.cellCount()) {
                throw new OptaicException(
                        EngineErrorCode.BAD_ARGUMENT,
                        prefix + "column '" + name + "' has "
                                + column.values().length + " cells, but the panel has " + panel.cellCount() + " ("
                                + panel.assetCount() + " assets x " + panel.dateCount() + " dates)");
            }
        }
    }
}
