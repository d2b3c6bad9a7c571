package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the dates of a long Parquet panel (a file, or a directory of {@code *.parquet} files, hidden and
 * {@code _} files skipped, as {@code PanelReader} does) without touching the rest of it.
 *
 * <p>{@link #layout} takes the distinct dates from the date column's dictionary pages (a row group's
 * dictionary holds exactly its dates), decoding the column only where a row group is not dictionary-encoded.
 * {@link #read} decodes only the row groups, and within them only the pages, whose date statistics overlap
 * the range (parquet's statistics and column-index filters; the panel writer keeps whole dates in a row
 * group and pages aligned across columns), and only the requested fields, a page at a time in bulk where
 * {@link ColumnPages} knows the encoding; rows of a decoded page that fall outside the range are dropped. The resulting {@link Panel} follows {@code PanelReader}'s rules: sorted
 * distinct dates, sorted assets, NaN for nulls, labels as codes into their sorted distinct values.
 */
public final class ParquetDateRange {
    private ParquetDateRange() {
    }

    /** A panel read for a date range, and how many rows were decoded to get it (for measurement). */
    public record Slice(Panel panel, long rowsDecoded) {
        public Slice {
            requireNonNull(panel, "panel is null");
        }
    }

    /** The Parquet files of a panel path, in name order. */
    public static List<Path> files(Path path) {
        requireNonNull(path, "path is null");
        try {
            if (!Files.isDirectory(path)) {
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(path.toString());
                }
                return List.of(path);
            }
            try (Stream<Path> listing = Files.list(path)) {
                List<Path> files = listing
                        .filter(p -> {
                            String name = p.getFileName().toString();
                            return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")
                                    && Files.isRegularFile(p);
                        })
                        .sorted()
                        .toList();
                if (files.isEmpty()) {
                    throw SparkErrors.badFile(path, "the directory holds no .parquet files");
                }
                return files;
            }
        } catch (IOException e) {
            throw SparkErrors.cannotRead(path, e);
        }
    }

    /**
     * The shape of a panel from its footers and date dictionaries.
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
            return calendar.length == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (rows + calendar.length - 1) / calendar.length);
        }
    }

    /** The dates and row count of the panel. */
    public static Layout layout(Path path) {
        TreeSet<Integer> days = new TreeSet<>();
        long rowCount = 0;
        for (Path file : files(path)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options(null))) {
                rowCount += reader.getRecordCount();
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                ColumnDescriptor date = dateColumn(file, schema);
                boolean text = date.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
                List<BlockMetaData> blocks = reader.getRowGroups();
                boolean decodeAll = false;
                for (BlockMetaData block : blocks) {
                    if (block.getRowCount() == 0) {
                        continue;
                    }
                    ColumnChunkMetaData chunk = chunk(block, "date");
                    EncodingStats stats = chunk.getEncodingStats();
                    if (stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
                        decodeAll = true;
                        break;
                    }
                    DictionaryPageReadStore dictionaries = reader.getDictionaryReader(block);
                    DictionaryPage page = dictionaries.readDictionaryPage(date);
                    Dictionary dictionary = page.getEncoding().initDictionary(date, page);
                    for (int id = 0; id <= dictionary.getMaxId(); id++) {
                        days.add(text ? parseDay(file, dictionary.decodeToBinary(id)) : dictionary.decodeToInt(id));
                    }
                }
                if (decodeAll) {
                    readDates(file, schema, date, text, days);
                }
            } catch (IOException e) {
                throw SparkErrors.cannotRead(file, e);
            } catch (OptaicException e) {
                throw e;
            } catch (RuntimeException e) {
                throw SparkErrors.badFile(file, "not a Parquet panel file (" + SparkErrors.describe(e) + ")");
            }
        }
        return new Layout(days.stream().mapToInt(Integer::intValue).toArray(), rowCount);
    }

    /** Decodes the whole date column of a file into {@code days}. */
    private static void readDates(Path file, MessageType schema, ColumnDescriptor date, boolean text,
                                  TreeSet<Integer> days) throws IOException {
        MessageType projection = new MessageType(schema.getName(), List.of(schema.getType("date")));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options(null))) {
            reader.setRequestedSchema(projection);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                int rows = Math.toIntExact(pages.getRowCount());
                DaySink sink = new DaySink(file, new int[rows], text);
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new Root(new Sink[] {sink}), projection,
                        reader.getFooter().getFileMetaData().getCreatedBy());
                decode(store.getColumnReader(date), sink, rows);
                for (int day : sink.days) {
                    days.add(day);
                }
            }
        }
    }

    /**
     * Reads the rows dated in [fromDay, toDay] (epoch days, inclusive) with the given fields; a field that a
     * file lacks is NaN (or no label) on that file's rows. Every field must exist in at least one file.
     */
    public static Slice read(Path path, int fromDay, int toDay, Set<String> numericFields, Set<String> groupFields) {
        requireNonNull(numericFields, "numericFields is null");
        requireNonNull(groupFields, "groupFields is null");
        List<String> numeric = List.copyOf(new TreeSet<>(numericFields));
        List<String> groups = List.copyOf(new TreeSet<>(groupFields));
        Rows rows = new Rows(groups.size());
        long decoded = 0;
        for (Path file : files(path)) {
            try {
                decoded += readFile(file, fromDay, toDay, numeric, groups, rows);
            } catch (FileSystemException e) {
                throw SparkErrors.cannotRead(file, e);
            } catch (IOException e) {
                // parquet reports undecodable page headers and truncated chunks as plain IOExceptions
                throw SparkErrors.badFile(file, "cannot be decoded (" + SparkErrors.describe(e) + ")");
            } catch (OptaicException e) {
                throw e;
            } catch (RuntimeException e) {
                throw SparkErrors.badFile(file, "cannot be decoded (" + SparkErrors.describe(e) + ")");
            }
        }
        return new Slice(rows.toPanel(numeric, groups), decoded);
    }

    private static long readFile(Path file, int fromDay, int toDay, List<String> numeric, List<String> groups,
                                 Rows rows) throws IOException {
        long decoded = 0;
        ParquetFileReader probe = ParquetFileReader.open(new LocalInputFile(file), options(null));
        MessageType schema;
        try (probe) {
            schema = probe.getFooter().getFileMetaData().getSchema();
        }
        ColumnDescriptor date = dateColumn(file, schema);
        boolean text = date.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
        if (!schema.containsField("asset")) {
            throw SparkErrors.badFile(file, "a panel file needs columns 'date' and 'asset'");
        }
        // Text dates compare as text; only DATE columns are pruned by statistics.
        FilterCompat.Filter filter = text ? null : FilterCompat.get(FilterApi.and(
                FilterApi.gtEq(FilterApi.intColumn("date"), fromDay),
                FilterApi.ltEq(FilterApi.intColumn("date"), toDay)));
        List<Type> projected = new ArrayList<>();
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (name.equals("date") || name.equals("asset") || numeric.contains(name) || groups.contains(name)) {
                projected.add(field);
            }
        }
        MessageType projection = new MessageType(schema.getName(), projected);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options(filter))) {
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> blocks = reader.getRowGroups(); // those whose statistics overlap the range
            for (int b = 0; b < blocks.size(); b++) {
                if (blocks.get(b).getRowCount() == 0) {
                    continue;
                }
                PageReadStore pages = reader.readFilteredRowGroup(b); // only the pages overlapping the range
                if (pages == null) {
                    continue;
                }
                int count = Math.toIntExact(pages.getRowCount());
                decoded += count;
                long[] selected = pages.getRowIndexes().map(ParquetDateRange::toArray).orElse(null);
                Chunk chunk = new Chunk(count, numeric.size(), groups.size());
                Sink[] sinks = new Sink[projection.getFieldCount()];
                for (int i = 0; i < sinks.length; i++) {
                    String name = projection.getType(i).getName();
                    PrimitiveTypeName type = projection.getType(i).asPrimitiveType().getPrimitiveTypeName();
                    if (name.equals("date")) {
                        sinks[i] = new DaySink(file, chunk.days, text);
                    } else if (name.equals("asset")) {
                        sinks[i] = new LabelSink(file, "asset", chunk.assets, type, rows.assets, false);
                    } else if (numeric.contains(name)) {
                        double[] values = new double[count];
                        chunk.numeric[numeric.indexOf(name)] = values;
                        sinks[i] = new NumberSink(file, name, values, type);
                    } else {
                        int g = groups.indexOf(name);
                        chunk.groups[g] = new int[count];
                        sinks[i] = new LabelSink(file, name, chunk.groups[g], type, rows.labels.get(g), true);
                    }
                }
                ColumnReadStoreImpl store = null;
                List<ColumnDescriptor> columns = projection.getColumns();
                for (int i = 0; i < columns.size(); i++) {
                    ColumnDescriptor column = columns.get(i);
                    if (ColumnPages.canDecode(chunk(blocks.get(b), column.getPath()[0]), column)) {
                        ColumnPages.decode(pages.getPageReader(column), column, sinks[i], selected, count);
                    } else {
                        if (store == null) {
                            store = new ColumnReadStoreImpl(pages, new Root(sinks), projection, createdBy);
                        }
                        decode(store.getColumnReader(column), sinks[i], count);
                    }
                }
                rows.add(file, chunk, fromDay, toDay);
            }
        }
        return decoded;
    }

    private static long[] toArray(PrimitiveIterator.OfLong rows) {
        long[] array = new long[16];
        int n = 0;
        while (rows.hasNext()) {
            if (n == array.length) {
                array = Arrays.copyOf(array, n * 2);
            }
            array[n++] = rows.nextLong();
        }
        return Arrays.copyOf(array, n);
    }

    private static ParquetReadOptions options(FilterCompat.Filter filter) {
        ParquetReadOptions.Builder builder = ParquetReadOptions.builder(new PlainParquetConfiguration());
        if (filter != null) {
            builder.withRecordFilter(filter)
                    .useStatsFilter(true)
                    .useColumnIndexFilter(true)
                    .useDictionaryFilter(false)
                    .useBloomFilter(false);
        }
        return builder.build();
    }

    private static ColumnDescriptor dateColumn(Path file, MessageType schema) {
        if (!schema.containsField("date")) {
            throw SparkErrors.badFile(file, "a panel file needs columns 'date' and 'asset'");
        }
        Type date = schema.getType("date");
        PrimitiveTypeName type = date.isPrimitive() ? date.asPrimitiveType().getPrimitiveTypeName() : null;
        if (type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.BINARY) {
            throw SparkErrors.badFile(file, "column 'date' is " + date + "; expected INT32 (DATE) or a yyyy-MM-dd string");
        }
        return schema.getColumnDescription(new String[] {"date"});
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, String column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().toDotString().equals(column)) {
                return chunk;
            }
        }
        throw new IllegalStateException("row group has no column " + column);
    }

    /** One value at a time through parquet's column reader into the sink's converter calls. */
    private static void decode(ColumnReader reader, Sink sink, int rows) {
        int maxDefinition = reader.getDescriptor().getMaxDefinitionLevel();
        for (int row = 0; row < rows; row++) {
            sink.row = row;
            if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                reader.writeCurrentValueToConverter();
            } else {
                sink.putNull();
            }
            reader.consume();
        }
    }

    private static int parseDay(Path file, Binary text) {
        String value = text.toStringUsingUTF8();
        try {
            if (value.length() == 8 && value.chars().allMatch(Character::isDigit)) {
                return (int) LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
                        Integer.parseInt(value.substring(6, 8))).toEpochDay();
            }
            return (int) LocalDate.parse(value).toEpochDay();
        } catch (DateTimeException | NumberFormatException e) {
            throw new OptaicException(SparkErrors.BAD_FILE, "Cannot read '" + file + "': '" + value
                    + "' is not a date (expected yyyy-MM-dd)");
        }
    }

    /** The decoded rows of one row group, before the date filter; labels as ids into the read's interners. */
    private static final class Chunk {
        final int rows;
        final int[] days;
        final int[] assets;
        final double[][] numeric;
        final int[][] groups;

        Chunk(int rows, int numericFields, int groupFields) {
            this.rows = rows;
            this.days = new int[rows];
            this.assets = new int[rows];
            this.numeric = new double[numericFields][];
            this.groups = new int[groupFields][];
        }

        /** The first {@code rows} rows of {@code source}, sharing its arrays. */
        Chunk(int rows, Chunk source) {
            this.rows = rows;
            this.days = source.days;
            this.assets = source.assets;
            this.numeric = source.numeric;
            this.groups = source.groups;
        }
    }

    /** Distinct labels in order of first appearance. */
    private static final class Interner {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> labels = new ArrayList<>();

        int id(String label) {
            Integer id = ids.get(label);
            if (id == null) {
                id = labels.size();
                ids.put(label, id);
                labels.add(label);
            }
            return id;
        }

        /** Per id, its rank among the labels in sorted order. */
        int[] sortedRanks() {
            Integer[] order = new Integer[labels.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (x, y) -> labels.get(x).compareTo(labels.get(y)));
            int[] ranks = new int[order.length];
            for (int r = 0; r < order.length; r++) {
                ranks[order[r]] = r;
            }
            return ranks;
        }

        String[] sorted() {
            return labels.stream().sorted().toArray(String[]::new);
        }
    }

    /** The kept rows of all chunks, and their assembly into a panel. */
    private static final class Rows {
        final Interner assets = new Interner();
        final List<Interner> labels = new ArrayList<>();
        final List<Chunk> chunks = new ArrayList<>();
        final List<Path> sources = new ArrayList<>();

        Rows(int groupFields) {
            for (int g = 0; g < groupFields; g++) {
                labels.add(new Interner());
            }
        }

        /** Keeps the rows of a chunk dated in [fromDay, toDay], compacting the chunk in place. */
        void add(Path source, Chunk chunk, int fromDay, int toDay) {
            int kept = 0;
            for (int r = 0; r < chunk.rows; r++) {
                int day = chunk.days[r];
                if (day < fromDay || day > toDay) {
                    continue;
                }
                if (kept != r) {
                    chunk.days[kept] = day;
                    chunk.assets[kept] = chunk.assets[r];
                    for (double[] values : chunk.numeric) {
                        if (values != null) {
                            values[kept] = values[r];
                        }
                    }
                    for (int[] codes : chunk.groups) {
                        if (codes != null) {
                            codes[kept] = codes[r];
                        }
                    }
                }
                kept++;
            }
            if (kept > 0) {
                chunks.add(new Chunk(kept, chunk));
                sources.add(source);
            }
        }

        Panel toPanel(List<String> numericNames, List<String> groupNames) {
            // Rows were kept for days in [fromDay, toDay] only, so the days index a table of that span.
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            for (Chunk chunk : chunks) {
                for (int r = 0; r < chunk.rows; r++) {
                    first = Math.min(first, chunk.days[r]);
                    last = Math.max(last, chunk.days[r]);
                }
            }
            int[] rowOfDay = new int[first > last ? 0 : last - first + 1];
            for (Chunk chunk : chunks) {
                for (int r = 0; r < chunk.rows; r++) {
                    rowOfDay[chunk.days[r] - first] = 1;
                }
            }
            int dates = 0;
            for (int offset = 0; offset < rowOfDay.length; offset++) {
                rowOfDay[offset] = rowOfDay[offset] == 0 ? -1 : dates++;
            }
            int[] calendar = new int[dates];
            for (int offset = 0; offset < rowOfDay.length; offset++) {
                if (rowOfDay[offset] >= 0) {
                    calendar[rowOfDay[offset]] = first + offset;
                }
            }
            int[] assetRank = assets.sortedRanks();
            String[] assetNames = assets.sorted();
            int cellCount = Math.multiplyExact(dates, assetNames.length);
            boolean[] present = new boolean[cellCount];
            Map<String, double[]> numeric = new LinkedHashMap<>();
            double[][] numericValues = new double[numericNames.size()][];
            for (int f = 0; f < numericValues.length; f++) {
                numericValues[f] = new double[cellCount];
                Arrays.fill(numericValues[f], Double.NaN);
                numeric.put(numericNames.get(f), numericValues[f]);
            }
            double[][] groupCodes = new double[groupNames.size()][];
            int[][] labelRanks = new int[groupNames.size()][];
            Map<String, Panel.GroupColumn> groups = new LinkedHashMap<>();
            for (int g = 0; g < groupCodes.length; g++) {
                groupCodes[g] = new double[cellCount];
                Arrays.fill(groupCodes[g], Double.NaN);
                labelRanks[g] = labels.get(g).sortedRanks();
                groups.put(groupNames.get(g), new Panel.GroupColumn(labels.get(g).sorted(), groupCodes[g]));
            }
            // Cells first, then one field at a time: rows come date by date and cells are asset-major, so
            // writing one array at a time keeps the lines being written few enough to stay in cache.
            int[][] cellsOfChunk = new int[chunks.size()][];
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                int[] cells = new int[chunk.rows];
                for (int r = 0; r < chunk.rows; r++) {
                    int cell = assetRank[chunk.assets[r]] * dates + rowOfDay[chunk.days[r] - first];
                    if (present[cell]) {
                        throw new OptaicException(SparkErrors.DUPLICATE_ROW, "Cannot read '" + sources.get(c)
                                + "': duplicate row for (" + LocalDate.ofEpochDay(chunk.days[r]) + ", "
                                + assets.labels.get(chunk.assets[r]) + ")");
                    }
                    present[cell] = true;
                    cells[r] = cell;
                }
                cellsOfChunk[c] = cells;
            }
            for (int f = 0; f < numericValues.length; f++) {
                double[] values = numericValues[f];
                for (int c = 0; c < chunks.size(); c++) {
                    double[] source = chunks.get(c).numeric[f];
                    if (source != null) {
                        int[] cells = cellsOfChunk[c];
                        for (int r = 0; r < cells.length; r++) {
                            values[cells[r]] = source[r];
                        }
                    }
                }
            }
            for (int g = 0; g < groupCodes.length; g++) {
                double[] codes = groupCodes[g];
                int[] ranks = labelRanks[g];
                for (int c = 0; c < chunks.size(); c++) {
                    int[] source = chunks.get(c).groups[g];
                    if (source != null) {
                        int[] cells = cellsOfChunk[c];
                        for (int r = 0; r < cells.length; r++) {
                            if (source[r] >= 0) {
                                codes[cells[r]] = ranks[source[r]];
                            }
                        }
                    }
                }
            }
            return new Panel(calendar, assetNames, present, numeric, groups);
        }
    }

    /** Hands each column's converter to the column readers; records are never assembled. */
    private static final class Root extends GroupConverter {
        private final Sink[] sinks;

        Root(Sink[] sinks) {
            this.sinks = sinks;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return sinks[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }

    /** Stores one column's values at {@link #row}, which the decode loop sets before each value. */
    private abstract static class Sink extends PrimitiveConverter implements ColumnPages.Target {
        final Path file;
        final String column;
        int row;

        Sink(Path file, String column) {
            this.file = file;
            this.column = column;
        }

        @Override
        public PrimitiveConverter converter() {
            return this;
        }

        @Override
        public void row(int position) {
            row = position;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void putNull() {
            throw SparkErrors.badFile(file, "'" + column + "' is null in a row");
        }
    }

    private static final class DaySink extends Sink {
        final int[] days;
        private final boolean text;
        private int[] dictionaryDays;

        DaySink(Path file, int[] days, boolean text) {
            super(file, "date");
            this.days = days;
            this.text = text;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryDays = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryDays.length; id++) {
                dictionaryDays[id] = text ? parseDay(file, dictionary.decodeToBinary(id)) : dictionary.decodeToInt(id);
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            days[row] = dictionaryDays[dictionaryId];
        }

        @Override
        public int[] ints() {
            return days;
        }

        @Override
        public int[] dictionaryMap() {
            return dictionaryDays;
        }

        @Override
        public void addInt(int value) {
            days[row] = value;
        }

        @Override
        public void addBinary(Binary value) {
            days[row] = parseDay(file, value);
        }
    }

    private static final class NumberSink extends Sink {
        private final double[] values;
        private final PrimitiveTypeName type;
        private double[] dictionaryValues;

        NumberSink(Path file, String column, double[] values, PrimitiveTypeName type) {
            super(file, column);
            this.values = values;
            this.type = type;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryValues = new double[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryValues.length; id++) {
                dictionaryValues[id] = switch (type) {
                    case DOUBLE -> dictionary.decodeToDouble(id);
                    case FLOAT -> dictionary.decodeToFloat(id);
                    case INT32 -> dictionary.decodeToInt(id);
                    case INT64 -> dictionary.decodeToLong(id);
                    case BOOLEAN -> dictionary.decodeToBoolean(id) ? 1 : 0;
                    default -> throw SparkErrors.badFile(file, "column '" + column + "' is " + type + ", not a number");
                };
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            values[row] = dictionaryValues[dictionaryId];
        }

        @Override
        public double[] doubles() {
            return type == PrimitiveTypeName.DOUBLE ? values : null;
        }

        @Override
        public void addDouble(double value) {
            values[row] = value;
        }

        @Override
        public void addFloat(float value) {
            values[row] = value;
        }

        @Override
        public void addInt(int value) {
            values[row] = value;
        }

        @Override
        public void addLong(long value) {
            values[row] = value;
        }

        @Override
        public void addBoolean(boolean value) {
            values[row] = value ? 1 : 0;
        }

        @Override
        public void putNull() {
            values[row] = Double.NaN;
        }
    }

    /** Labels (assets, groups) as ids of an interner shared by the whole read; -1 for a missing label. */
    private static final class LabelSink extends Sink {
        private final int[] ids;
        private final PrimitiveTypeName type;
        private final Interner interner;
        private final boolean nullable;
        private int[] dictionaryIds;

        LabelSink(Path file, String column, int[] ids, PrimitiveTypeName type, Interner interner, boolean nullable) {
            super(file, column);
            this.ids = ids;
            this.type = type;
            this.interner = interner;
            this.nullable = nullable;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryIds = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryIds.length; id++) {
                dictionaryIds[id] = interner.id(switch (type) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> dictionary.decodeToBinary(id).toStringUsingUTF8();
                    case INT32 -> Integer.toString(dictionary.decodeToInt(id));
                    case INT64 -> Long.toString(dictionary.decodeToLong(id));
                    case FLOAT -> label(dictionary.decodeToFloat(id));
                    case DOUBLE -> label(dictionary.decodeToDouble(id));
                    case BOOLEAN -> Boolean.toString(dictionary.decodeToBoolean(id));
                    default -> throw SparkErrors.badFile(file, "column '" + column + "' is " + type + ", not a label");
                });
            }
        }

        /** As the panel reader labels a number: integral values without a decimal point. */
        private static String label(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.valueOf(value);
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            ids[row] = dictionaryIds[dictionaryId];
        }

        @Override
        public int[] ints() {
            return ids;
        }

        @Override
        public int[] dictionaryMap() {
            return dictionaryIds;
        }

        @Override
        public void addBinary(Binary value) {
            ids[row] = interner.id(new String(value.getBytesUnsafe(), StandardCharsets.UTF_8));
        }

        @Override
        public void addInt(int value) {
            ids[row] = interner.id(Integer.toString(value));
        }

        @Override
        public void addLong(long value) {
            ids[row] = interner.id(Long.toString(value));
        }

        @Override
        public void addFloat(float value) {
            ids[row] = interner.id(label(value));
        }

        @Override
        public void addDouble(double value) {
            ids[row] = interner.id(label(value));
        }

        @Override
        public void addBoolean(boolean value) {
            ids[row] = interner.id(Boolean.toString(value));
        }

        @Override
        public void putNull() {
            if (!nullable) {
                super.putNull();
            }
            ids[row] = -1;
        }
    }
}
