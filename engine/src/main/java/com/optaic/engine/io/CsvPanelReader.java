package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads panels from CSV text: the long layout {@code date,asset,fields...} and the wide one-file-per-field layout. */
final class CsvPanelReader {
    private static final int INITIAL_ROWS = 1 << 16;

    private CsvPanelReader() {}

    static Panel readLong(Path path, Set<String> groupFieldNames, Optional<Set<String>> selection) throws IOException {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path);
                CsvScanner csv = new CsvScanner(in, source)) {
            if (!csv.next()) {
                throw IoErrors.badFile(source, "the file is empty; expected a header line 'date,asset,<fields...>'");
            }
            String[] header = header(csv);
            int dateColumn = requireColumn(csv, header, "date");
            int assetColumn = requireColumn(csv, header, "asset");
            List<String> available = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (c != dateColumn && c != assetColumn) {
                    available.add(header[c]);
                }
            }
            selection.ifPresent(fields -> requireKnown(source, fields, available));

            // Per column: -1 skipped or key, else the index among numeric fields or among group fields.
            int[] numericIndex = new int[header.length];
            int[] groupIndex = new int[header.length];
            Arrays.fill(numericIndex, -1);
            Arrays.fill(groupIndex, -1);
            List<String> numericNames = new ArrayList<>();
            List<String> groupNames = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                String name = header[c];
                if (c == dateColumn
                        || c == assetColumn
                        || selection.map(s -> !s.contains(name)).orElse(false)) {
                    continue;
                }
                if (groupFieldNames.contains(name)) {
                    groupIndex[c] = groupNames.size();
                    groupNames.add(name);
                } else {
                    numericIndex[c] = numericNames.size();
                    numericNames.add(name);
                }
            }
            int[] numericColumns = columnsOf(numericIndex, numericNames.size());
            int[] groupColumns = columnsOf(groupIndex, groupNames.size());

            LongTable.Chunk chunk = new LongTable.Chunk(source, true, 0, numericNames.size(), groupNames.size());
            int capacity = INITIAL_ROWS;
            chunk.days = new int[capacity];
            chunk.assetIds = new int[capacity];
            chunk.lines = new int[capacity];
            for (int f = 0; f < numericColumns.length; f++) {
                chunk.numeric[f] = new double[capacity];
            }
            for (int g = 0; g < groupColumns.length; g++) {
                chunk.groupCodes[g] = new int[capacity];
            }
            ByteInterner assets = new ByteInterner();
            ByteInterner[] labels = new ByteInterner[groupColumns.length];
            Arrays.setAll(labels, g -> new ByteInterner());
            DateCache dates = new DateCache();

            int rows = 0;
            while (csv.next()) {
                if (csv.fieldCount() != header.length) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_ROW,
                            source + ":" + csv.lineNumber() + ": expected " + header.length + " columns, found "
                                    + csv.fieldCount());
                }
                if (rows == capacity) {
                    capacity = grownCapacity(capacity);
                    chunk.days = Arrays.copyOf(chunk.days, capacity);
                    chunk.assetIds = Arrays.copyOf(chunk.assetIds, capacity);
                    chunk.lines = Arrays.copyOf(chunk.lines, capacity);
                    for (int f = 0; f < numericColumns.length; f++) {
                        chunk.numeric[f] = Arrays.copyOf(chunk.numeric[f], capacity);
                    }
                    for (int g = 0; g < groupColumns.length; g++) {
                        chunk.groupCodes[g] = Arrays.copyOf(chunk.groupCodes[g], capacity);
                    }
                }
                chunk.lines[rows] = csv.lineNumber();
                chunk.days[rows] = dates.day(csv, dateColumn);
                if (csv.isEmpty(assetColumn)) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_VALUE,
                            source + ":" + csv.lineNumber() + ": the asset is empty (column " + (assetColumn + 1)
                                    + ")");
                }
                chunk.assetIds[rows] = intern(assets, csv, assetColumn);
                for (int f = 0; f < numericColumns.length; f++) {
                    chunk.numeric[f][rows] = number(csv, numericColumns[f], "field", numericNames.get(f));
                }
                for (int g = 0; g < groupColumns.length; g++) {
                    int column = groupColumns[g];
                    chunk.groupCodes[g][rows] = csv.isEmpty(column) ? -1 : intern(labels[g], csv, column);
                }
                rows++;
            }
            chunk.rows = rows;
            chunk.assetNames = assets.strings();
            for (int g = 0; g < groupColumns.length; g++) {
                chunk.groupLabels[g] = labels[g].strings();
            }
            LongTable table = new LongTable(numericNames, groupNames);
            table.add(chunk);
            return table.toPanel();
        }
    }

    static Panel readWide(Map<String, Path> files, Set<String> groupFieldNames) {
        List<WideFile> parsed = new ArrayList<>();
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            try {
                parsed.add(readWideFile(entry.getValue(), groupFieldNames.contains(entry.getKey())));
            } catch (IOException e) {
                throw IoErrors.cannotRead(entry.getValue(), e);
            }
        }
        TreeSet<Integer> daySet = new TreeSet<>();
        TreeSet<String> assetSet = new TreeSet<>();
        for (WideFile file : parsed) {
            for (int r = 0; r < file.rows; r++) {
                daySet.add(file.days[r]);
            }
            assetSet.addAll(Arrays.asList(file.assets));
        }
        int[] calendar = daySet.stream().mapToInt(Integer::intValue).toArray();
        String[] assets = assetSet.toArray(new String[0]);
        LongTable.DayIndex dayIndex = new LongTable.DayIndex(calendar);
        Map<String, Integer> assetIndex = new HashMap<>();
        for (int a = 0; a < assets.length; a++) {
            assetIndex.put(assets[a], a);
        }
        int dateCount = calendar.length;
        boolean[] present = new boolean[dateCount * assets.length];
        Map<String, double[]> numericFields = new LinkedHashMap<>();
        Map<String, GroupColumn> groupFields = new LinkedHashMap<>();
        int f = 0;
        for (String field : files.keySet()) {
            WideFile file = parsed.get(f++);
            double[] values = new double[present.length];
            Arrays.fill(values, Double.NaN);
            int width = file.assets.length;
            int[] assetOffset = new int[width];
            for (int j = 0; j < width; j++) {
                assetOffset[j] = assetIndex.get(file.assets[j]) * dateCount;
            }
            for (int r = 0; r < file.rows; r++) {
                int t = dayIndex.rowOf(file.days[r]);
                for (int j = 0; j < width; j++) {
                    if (file.has[r * width + j]) {
                        int cell = assetOffset[j] + t;
                        values[cell] = file.values[r * width + j];
                        present[cell] = true;
                    }
                }
            }
            if (file.labels != null) {
                groupFields.put(field, sortedLabels(file.labels, values));
            } else {
                numericFields.put(field, values);
            }
        }
        return new Panel(calendar, assets, present, numericFields, groupFields);
    }

    /** One wide file: row-major values per (date row, asset column), {@code has} false where the cell was empty. */
    private static final class WideFile {
        int rows;
        int[] days;
        String[] assets;
        double[] values;
        boolean[] has;
        /** Label table when the field is a group field; values then hold codes into it. */
        String[] labels;
    }

    private static WideFile readWideFile(Path path, boolean group) throws IOException {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path);
                CsvScanner csv = new CsvScanner(in, source)) {
            if (!csv.next()) {
                throw IoErrors.badFile(source, "the file is empty; expected a header line 'date,<asset>,...'");
            }
            String[] header = header(csv);
            if (!header[0].equals("date")) {
                throw new OptaicException(
                        EngineErrorCode.BAD_FILE,
                        source + ":1: the first column must be 'date', found '" + header[0] + "'");
            }
            WideFile file = new WideFile();
            file.assets = Arrays.copyOfRange(header, 1, header.length);
            int width = file.assets.length;
            int capacity = 1024;
            file.days = new int[capacity];
            file.values = new double[capacity * width];
            file.has = new boolean[capacity * width];
            ByteInterner labels = group ? new ByteInterner() : null;
            Map<Integer, Integer> lineOfDay = new HashMap<>();
            DateCache dates = new DateCache();
            int rows = 0;
            while (csv.next()) {
                if (csv.fieldCount() != header.length) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_ROW,
                            source + ":" + csv.lineNumber() + ": expected " + header.length + " columns, found "
                                    + csv.fieldCount());
                }
                if (rows == capacity) {
                    capacity = grownCapacity(capacity);
                    file.days = Arrays.copyOf(file.days, capacity);
                    file.values = Arrays.copyOf(file.values, capacity * width);
                    file.has = Arrays.copyOf(file.has, capacity * width);
                }
                int day = dates.day(csv, 0);
                Integer firstLine = lineOfDay.putIfAbsent(day, csv.lineNumber());
                if (firstLine != null) {
                    throw new OptaicException(
                            EngineErrorCode.DUPLICATE_ROW,
                            source + ":" + csv.lineNumber()
                                    + ": duplicate row for date " + LocalDate.ofEpochDay(day) + ", first seen at line "
                                    + firstLine);
                }
                file.days[rows] = day;
                int base = rows * width;
                for (int j = 0; j < width; j++) {
                    int column = j + 1;
                    if (csv.isEmpty(column)) {
                        file.values[base + j] = Double.NaN;
                        continue;
                    }
                    file.has[base + j] = true;
                    file.values[base + j] =
                            group ? intern(labels, csv, column) : number(csv, column, "asset", file.assets[j]);
                }
                rows++;
            }
            file.rows = rows;
            if (group) {
                file.labels = labels.strings();
            }
            return file;
        }
    }

    /** A group column from codes into a label table in order of appearance, re-coded to sorted labels. */
    private static GroupColumn sortedLabels(String[] labels, double[] codes) {
        String[] sorted = labels.clone();
        Arrays.sort(sorted);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            index.put(sorted[i], i);
        }
        double[] recode = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            recode[i] = index.get(labels[i]);
        }
        for (int i = 0; i < codes.length; i++) {
            if (!Double.isNaN(codes[i])) {
                codes[i] = recode[(int) codes[i]];
            }
        }
        return new GroupColumn(sorted, codes);
    }

    private static String[] header(CsvScanner csv) {
        String[] header = csv.texts();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            header[c] = header[c].strip();
            if (header[c].isEmpty()) {
                throw new OptaicException(
                        EngineErrorCode.BAD_FILE,
                        csv.source() + ":" + csv.lineNumber() + ": column " + (c + 1) + " of the header has no name");
            }
            Integer first = seen.putIfAbsent(header[c], c);
            if (first != null) {
                throw new OptaicException(
                        EngineErrorCode.BAD_FILE,
                        csv.source() + ":" + csv.lineNumber() + ": column '" + header[c] + "' appears twice (columns "
                                + (first + 1) + " and " + (c + 1) + ")");
            }
        }
        return header;
    }

    private static int requireColumn(CsvScanner csv, String[] header, String name) {
        int column = Arrays.asList(header).indexOf(name);
        if (column < 0) {
            throw new OptaicException(
                    EngineErrorCode.BAD_FILE,
                    csv.source() + ":" + csv.lineNumber() + ": the header has no '" + name + "' column; found "
                            + Arrays.toString(header));
        }
        return column;
    }

    static void requireKnown(String source, Set<String> requested, List<String> available) {
        for (String field : new TreeSet<>(requested)) {
            if (!available.contains(field)) {
                throw new OptaicException(
                        EngineErrorCode.UNKNOWN_FIELD,
                        "Cannot read field '" + field + "' from '" + source + "': no such column; the file has "
                                + available);
            }
        }
    }

    private static int[] columnsOf(int[] indexByColumn, int count) {
        int[] columns = new int[count];
        for (int c = 0; c < indexByColumn.length; c++) {
            if (indexByColumn[c] >= 0) {
                columns[indexByColumn[c]] = c;
            }
        }
        return columns;
    }

    private static int grownCapacity(int capacity) {
        if (capacity >= Integer.MAX_VALUE - 8) {
            throw new OptaicException(
                    EngineErrorCode.BAD_FILE, "Cannot read more than " + capacity + " rows from one file");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, capacity + (capacity >> 1) + 16L);
    }

    private static int intern(ByteInterner interner, CsvScanner csv, int column) {
        return csv.isEscaped(column)
                ? interner.intern(csv.text(column))
                : interner.intern(csv.bytes(), csv.start(column), csv.end(column));
    }

    /** The number in a cell, NaN if empty; the error names the column as {@code kind 'name'}. */
    private static double number(CsvScanner csv, int column, String kind, String name) {
        if (csv.isEmpty(column)) {
            return Double.NaN;
        }
        try {
            return TextValues.parseDouble(csv.bytes(), csv.start(column), csv.end(column));
        } catch (NumberFormatException e) {
            throw new OptaicException(
                    EngineErrorCode.BAD_VALUE,
                    csv.source() + ":" + csv.lineNumber() + ": " + kind + " '" + name + "' (column " + (column + 1)
                            + "): '" + csv.text(column) + "' "
                            + (TextValues.OUT_OF_RANGE.equals(e.getMessage())
                                    ? "is " + TextValues.OUT_OF_RANGE + " (it would read as infinity or zero)"
                                    : "is not a number"));
        }
    }

    /** Parses date cells, remembering the last one: long files repeat each date for every asset. */
    private static final class DateCache {
        private byte[] last = new byte[0];
        private int lastDay;

        int day(CsvScanner csv, int column) {
            byte[] bytes = csv.bytes();
            int start = csv.start(column);
            int end = csv.end(column);
            if (Arrays.equals(last, 0, last.length, bytes, start, end)) {
                return lastDay;
            }
            int day = TextValues.parseDay(bytes, start, end);
            if (day == TextValues.NOT_A_DATE) {
                throw new OptaicException(
                        EngineErrorCode.BAD_VALUE,
                        csv.source() + ":" + csv.lineNumber() + ": '" + csv.text(column)
                                + "' is not a date (expected yyyy-MM-dd)");
            }
            last = Arrays.copyOfRange(bytes, start, end);
            lastDay = day;
            return day;
        }
    }
}
