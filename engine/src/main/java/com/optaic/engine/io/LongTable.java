package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rows of a long table ({@code date, asset, fields...}) as read from one or more files, in any order,
 * and their assembly into a {@link Panel}: the calendar is the sorted distinct dates, the assets are sorted,
 * and a repeated (date, asset) is an error that names both places.
 */
final class LongTable {
    /**
     * One batch of rows from one source, column-wise. Asset ids and group codes index tables local to the
     * chunk; a group code of -1 is a missing label, and a null field array means the source lacks the field.
     */
    static final class Chunk {
        final String source;
        /** Whether {@link #lines} holds file line numbers (CSV); otherwise rows are numbered from {@link #firstRow}. */
        final boolean lineNumbered;

        final long firstRow;
        int rows;
        int[] days;
        int[] assetIds;
        String[] assetNames;
        int[] lines;
        final double[][] numeric;
        final int[][] groupCodes;
        final String[][] groupLabels;

        Chunk(String source, boolean lineNumbered, long firstRow, int numericFields, int groupFields) {
            this.source = requireNonNull(source, "source is null");
            this.lineNumbered = lineNumbered;
            this.firstRow = firstRow;
            this.numeric = new double[numericFields][];
            this.groupCodes = new int[groupFields][];
            this.groupLabels = new String[groupFields][];
        }

        /** Where row {@code row} came from, as a message prefix: {@code x.csv:17} or {@code x.parquet: row 17}. */
        String where(int row) {
            return lineNumbered ? source + ":" + lines[row] : source + ": row " + (firstRow + row + 1);
        }

        /** The place of row {@code row} as seen from a message about {@code other}. */
        String placeSeenFrom(int row, Chunk other) {
            String place = lineNumbered ? "line " + lines[row] : "row " + (firstRow + row + 1);
            return source.equals(other.source) ? place : source + " " + place;
        }
    }

    private final List<String> numericNames;
    private final List<String> groupNames;
    private final List<Chunk> chunks = new ArrayList<>();

    LongTable(List<String> numericNames, List<String> groupNames) {
        this.numericNames = List.copyOf(numericNames);
        this.groupNames = List.copyOf(groupNames);
    }

    List<String> numericNames() {
        return numericNames;
    }

    List<String> groupNames() {
        return groupNames;
    }

    void add(Chunk chunk) {
        if (chunk.numeric.length != numericNames.size() || chunk.groupCodes.length != groupNames.size()) {
            throw new IllegalArgumentException("chunk of " + chunk.source + " does not match the table's fields");
        }
        if (chunk.rows > 0) {
            chunks.add(chunk);
        }
    }

    Panel toPanel() throws IOException {
        int[] calendar = calendar();
        DayIndex dayIndex = new DayIndex(calendar);
        String[] assets = assets();
        Map<String, Integer> assetIndex = indexOf(assets);
        int dates = calendar.length;
        int cellCount = Math.multiplyExact(dates, assets.length);
        boolean[] present = new boolean[cellCount];
        List<int[]> cellsByChunk = new ArrayList<>(chunks.size());
        for (int c = 0; c < chunks.size(); c++) {
            Chunk chunk = chunks.get(c);
            int[] localToGlobal = new int[chunk.assetNames.length];
            for (int i = 0; i < localToGlobal.length; i++) {
                localToGlobal[i] = assetIndex.get(chunk.assetNames[i]);
            }
            int[] cells = new int[chunk.rows];
            for (int row = 0; row < chunk.rows; row++) {
                int cell = localToGlobal[chunk.assetIds[row]] * dates + dayIndex.rowOf(chunk.days[row]);
                if (present[cell]) {
                    throw duplicate(c, row, cell, cellsByChunk, cells, calendar, assets);
                }
                present[cell] = true;
                cells[row] = cell;
            }
            cellsByChunk.add(cells);
        }

        List<IoTasks.Task<double[]>> numericTasks = new ArrayList<>();
        for (int f = 0; f < numericNames.size(); f++) {
            int field = f;
            numericTasks.add(() -> scatterNumeric(field, cellCount, cellsByChunk));
        }
        List<double[]> numericValues = IoTasks.invokeAll(numericTasks);
        Map<String, double[]> numericFields = new LinkedHashMap<>();
        for (int f = 0; f < numericNames.size(); f++) {
            numericFields.put(numericNames.get(f), numericValues.get(f));
        }
        Map<String, GroupColumn> groupFields = new LinkedHashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            groupFields.put(groupNames.get(g), scatterGroup(g, cellCount, cellsByChunk));
        }
        return new Panel(calendar, assets, present, numericFields, groupFields);
    }

    private int[] calendar() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (Chunk chunk : chunks) {
            for (int row = 0; row < chunk.rows; row++) {
                min = Math.min(min, chunk.days[row]);
                max = Math.max(max, chunk.days[row]);
            }
        }
        if (min > max) {
            return new int[0];
        }
        long span = (long) max - min + 1;
        if (span <= DayIndex.MAX_TABLE_SPAN) {
            boolean[] seen = new boolean[(int) span];
            int distinct = 0;
            for (Chunk chunk : chunks) {
                for (int row = 0; row < chunk.rows; row++) {
                    int offset = chunk.days[row] - min;
                    if (!seen[offset]) {
                        seen[offset] = true;
                        distinct++;
                    }
                }
            }
            int[] calendar = new int[distinct];
            int next = 0;
            for (int offset = 0; offset < seen.length; offset++) {
                if (seen[offset]) {
                    calendar[next++] = min + offset;
                }
            }
            return calendar;
        }
        int total = 0;
        for (Chunk chunk : chunks) {
            total += chunk.rows;
        }
        int[] all = new int[total];
        int next = 0;
        for (Chunk chunk : chunks) {
            System.arraycopy(chunk.days, 0, all, next, chunk.rows);
            next += chunk.rows;
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    private String[] assets() {
        TreeSet<String> assets = new TreeSet<>();
        for (Chunk chunk : chunks) {
            assets.addAll(Arrays.asList(chunk.assetNames));
        }
        return assets.toArray(new String[0]);
    }

    private static Map<String, Integer> indexOf(String[] sorted) {
        Map<String, Integer> index = new HashMap<>(sorted.length * 2);
        for (int i = 0; i < sorted.length; i++) {
            index.put(sorted[i], i);
        }
        return index;
    }

    private double[] scatterNumeric(int field, int cellCount, List<int[]> cellsByChunk) {
        double[] values = new double[cellCount];
        Arrays.fill(values, Double.NaN);
        for (int c = 0; c < chunks.size(); c++) {
            double[] source = chunks.get(c).numeric[field];
            if (source == null) {
                continue;
            }
            int[] cells = cellsByChunk.get(c);
            for (int row = 0; row < cells.length; row++) {
                values[cells[row]] = source[row];
            }
        }
        return values;
    }

    private GroupColumn scatterGroup(int field, int cellCount, List<int[]> cellsByChunk) {
        TreeSet<String> labelSet = new TreeSet<>();
        for (Chunk chunk : chunks) {
            if (chunk.groupLabels[field] != null) {
                labelSet.addAll(Arrays.asList(chunk.groupLabels[field]));
            }
        }
        String[] labels = labelSet.toArray(new String[0]);
        Map<String, Integer> labelIndex = indexOf(labels);
        double[] codes = new double[cellCount];
        Arrays.fill(codes, Double.NaN);
        for (int c = 0; c < chunks.size(); c++) {
            Chunk chunk = chunks.get(c);
            int[] local = chunk.groupCodes[field];
            if (local == null) {
                continue;
            }
            String[] localLabels = chunk.groupLabels[field];
            double[] localToGlobal = new double[localLabels.length];
            for (int i = 0; i < localLabels.length; i++) {
                localToGlobal[i] = labelIndex.get(localLabels[i]);
            }
            int[] cells = cellsByChunk.get(c);
            for (int row = 0; row < cells.length; row++) {
                if (local[row] >= 0) {
                    codes[cells[row]] = localToGlobal[local[row]];
                }
            }
        }
        return new GroupColumn(labels, codes);
    }

    /** The duplicate error for row {@code row} of chunk {@code c}, naming where the cell was first seen. */
    private OptaicException duplicate(
            int c, int row, int cell, List<int[]> cellsByChunk, int[] currentCells, int[] calendar, String[] assets) {
        Chunk chunk = chunks.get(c);
        String first = "an earlier row";
        search:
        for (int earlier = 0; earlier <= c; earlier++) {
            int[] cells = earlier == c ? currentCells : cellsByChunk.get(earlier);
            int end = earlier == c ? row : cells.length;
            for (int r = 0; r < end; r++) {
                if (cells[r] == cell) {
                    first = chunks.get(earlier).placeSeenFrom(r, chunk);
                    break search;
                }
            }
        }
        int dates = calendar.length;
        LocalDate date = LocalDate.ofEpochDay(calendar[cell % dates]);
        return new OptaicException(
                EngineErrorCode.DUPLICATE_ROW,
                chunk.where(row) + ": duplicate row for (" + date + ", " + assets[cell / dates] + "), first seen at "
                        + first);
    }

    /** Calendar row of an epoch day: a direct table when the calendar spans a sane range, else binary search. */
    static final class DayIndex {
        static final long MAX_TABLE_SPAN = 1 << 24;

        private final int[] calendar;
        private final int first;
        private final int[] table;

        DayIndex(int[] calendar) {
            this.calendar = calendar;
            this.first = calendar.length == 0 ? 0 : calendar[0];
            long span = calendar.length == 0 ? 0 : (long) calendar[calendar.length - 1] - first + 1;
            if (span <= MAX_TABLE_SPAN) {
                table = new int[(int) span];
                Arrays.fill(table, -1);
                for (int t = 0; t < calendar.length; t++) {
                    table[calendar[t] - first] = t;
                }
            } else {
                table = null;
            }
        }

        /** The row of {@code day}, which must be in the calendar. */
        int rowOf(int day) {
            return table != null ? table[day - first] : Arrays.binarySearch(calendar, day);
        }
    }
}
