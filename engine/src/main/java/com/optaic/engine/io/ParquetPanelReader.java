package com.optaic.engine.io;

import com.optaic.engine.EngineErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a long panel from a Parquet file or a directory of them ({@code *.parquet}, hidden and {@code _} files
 * skipped). Only the requested columns are read from disk. Row groups are decoded in parallel, one task per
 * row group with its own file handle and codecs (parquet's decompressors are not thread-safe). A column chunk
 * in the usual encodings (see {@link ParquetPages}) is decoded a page at a time in bulk straight into
 * primitive arrays; anything else goes value by value through parquet's {@link ColumnReader} into the same
 * sinks, so every valid flat file reads, the common ones fast.
 */
final class ParquetPanelReader {
    private ParquetPanelReader() {
    }

    private enum Kind { NUMERIC, GROUP }

    /** One file's footer and the projection of its columns that the read needs. */
    private record FileInfo(InputFile input, String source, ParquetMetadata footer, MessageType projection,
                            boolean dateIsText) {
    }

    static Panel read(Path path, Set<String> groupFieldNames, Optional<Set<String>> selection) throws IOException {
        return read(inputs(files(path)), path.toString(), groupFieldNames, selection, Days.ALL).panel();
    }

    /** An inclusive range of epoch days. */
    record Days(int from, int to) {
        static final Days ALL = new Days(Integer.MIN_VALUE, Integer.MAX_VALUE);

        boolean isAll() {
            return from == Integer.MIN_VALUE && to == Integer.MAX_VALUE;
        }

        boolean overlaps(int min, int max) {
            return max >= from && min <= to;
        }
    }

    /** A panel read, and how many rows were decoded to get it (pruning shows in the count). */
    record Read(Panel panel, long rowsDecoded) {
    }

    /**
     * Reads the rows of {@code files} dated in {@code days}. Row groups whose date statistics miss the range are
     * skipped, and within the others only the pages whose statistics meet it are decoded (the panel writer keeps
     * pages aligned across columns); rows of a decoded page outside the range are dropped, and so are assets
     * left without a row.
     *
     * @param source names the files in messages (the path the caller was given)
     */
    static Read read(List<InputFile> files, String source, Set<String> groupFieldNames, Optional<Set<String>> selection,
                     Days days) throws IOException {
        ParquetReadOptions options = readOptions();

        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<ParquetMetadata> footers = new ArrayList<>();
        for (InputFile file : files) {
            ParquetMetadata footer;
            try (ParquetFileReader reader = ParquetFileReader.open(file, options)) {
                footer = reader.getFooter();
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet file (" + IoErrors.describe(e) + ")");
            }
            footers.add(footer);
            classify(file.toString(), footer.getFileMetaData().getSchema(), groupFieldNames, kinds);
        }
        selection.ifPresent(fields -> CsvPanelReader.requireKnown(source, fields, new ArrayList<>(kinds.keySet())));
        List<String> numericNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            if (selection.map(s -> s.contains(name)).orElse(true)) {
                (kind == Kind.NUMERIC ? numericNames : groupNames).add(name);
            }
        });

        List<IoTasks.Task<LongTable.Chunk>> tasks = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            InputFile file = files.get(f);
            ParquetMetadata footer = footers.get(f);
            MessageType schema = footer.getFileMetaData().getSchema();
            List<Type> projected = new ArrayList<>();
            for (Type field : schema.getFields()) {
                String name = field.getName();
                if (name.equals("date") || name.equals("asset") || numericNames.contains(name)
                        || groupNames.contains(name)) {
                    projected.add(field);
                }
            }
            boolean dateIsText = schema.getType("date").asPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveTypeName.BINARY;
            FileInfo info = new FileInfo(file, file.toString(), footer, new MessageType(schema.getName(), projected),
                    dateIsText);
            long firstRow = 0;
            List<BlockMetaData> blocks = footer.getBlocks();
            for (int b = 0; b < blocks.size(); b++) {
                BlockMetaData block = blocks.get(b);
                long blockFirstRow = firstRow;
                if (block.getRowCount() > 0 && (dateIsText || mayHoldDays(block, days))) {
                    tasks.add(() -> readRowGroup(info, block, blockFirstRow, numericNames, groupNames, days));
                }
                firstRow += block.getRowCount();
            }
        }
        LongTable table = new LongTable(numericNames, groupNames);
        long decoded = 0;
        for (LongTable.Chunk chunk : IoTasks.invokeAll(tasks)) {
            decoded += chunk.rows;
            if (!days.isAll()) {
                keepDays(chunk, days);
            }
            table.add(chunk);
        }
        return new Read(table.toPanel(), decoded);
    }

    /** Whether a row group's date statistics (when it has them) allow a date in the range. */
    private static boolean mayHoldDays(BlockMetaData block, Days days) {
        if (days.isAll()) {
            return true;
        }
        for (ColumnChunkMetaData column : block.getColumns()) {
            if (column.getPath().toDotString().equals("date")) {
                Statistics<?> statistics = column.getStatistics();
                if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()
                        || !(statistics.genericGetMin() instanceof Integer min)
                        || !(statistics.genericGetMax() instanceof Integer max)) {
                    return true;
                }
                return days.overlaps(min, max);
            }
        }
        return true;
    }

    /** Keeps a chunk's rows dated in the range, in place, and the assets that still have a row. */
    private static void keepDays(LongTable.Chunk chunk, Days days) {
        int kept = 0;
        for (int r = 0; r < chunk.rows; r++) {
            int day = chunk.days[r];
            if (day < days.from() || day > days.to()) {
                continue;
            }
            if (kept != r) {
                chunk.days[kept] = day;
                chunk.assetIds[kept] = chunk.assetIds[r];
                for (double[] values : chunk.numeric) {
                    if (values != null) {
                        values[kept] = values[r];
                    }
                }
                for (int[] codes : chunk.groupCodes) {
                    if (codes != null) {
                        codes[kept] = codes[r];
                    }
                }
            }
            kept++;
        }
        if (kept == chunk.rows) {
            return;
        }
        chunk.rows = kept;
        int[] newId = new int[chunk.assetNames.length];
        Arrays.fill(newId, -1);
        List<String> names = new ArrayList<>();
        for (int r = 0; r < kept; r++) {
            int id = chunk.assetIds[r];
            if (newId[id] < 0) {
                newId[id] = names.size();
                names.add(chunk.assetNames[id]);
            }
            chunk.assetIds[r] = newId[id];
        }
        chunk.assetNames = names.toArray(new String[0]);
    }

    /**
     * The distinct dates and the row count of Parquet panel files. The dates come from the date column's
     * dictionary pages (a row group's dictionary holds exactly its dates); a file with a row group that is not
     * wholly dictionary-encoded has its date column decoded.
     */
    static PanelReader.Layout layout(List<InputFile> files) throws IOException {
        TreeSet<Integer> days = new TreeSet<>();
        long rowCount = 0;
        for (InputFile file : files) {
            boolean decodeAll = false;
            try (ParquetFileReader reader = ParquetFileReader.open(file, readOptions())) {
                rowCount += reader.getRecordCount();
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                classify(file.toString(), schema, Set.of(), new LinkedHashMap<>());
                ColumnDescriptor date = schema.getColumnDescription(new String[] {"date"});
                boolean text = date.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
                for (BlockMetaData block : reader.getRowGroups()) {
                    if (block.getRowCount() == 0) {
                        continue;
                    }
                    ColumnChunkMetaData chunk = block.getColumns().stream()
                            .filter(c -> c.getPath().toDotString().equals("date")).findFirst().orElseThrow();
                    EncodingStats stats = chunk.getEncodingStats();
                    if (text || stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
                        decodeAll = true;
                        break;
                    }
                    DictionaryPageReadStore dictionaries = reader.getDictionaryReader(block);
                    DictionaryPage page = dictionaries.readDictionaryPage(date);
                    Dictionary dictionary = page.getEncoding().initDictionary(date, page);
                    for (int id = 0; id <= dictionary.getMaxId(); id++) {
                        days.add(dictionary.decodeToInt(id));
                    }
                }
            } catch (OptaicException e) {
                throw e;
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet panel file (" + IoErrors.describe(e) + ")");
            }
            if (decodeAll) {
                for (int day : read(List.of(file), file.toString(), Set.of(), Optional.of(Set.of()), Days.ALL)
                        .panel().epochDays()) {
                    days.add(day);
                }
            }
        }
        return new PanelReader.Layout(days.stream().mapToInt(Integer::intValue).toArray(), rowCount);
    }

    /** The fields of a file or directory, from the footers alone: name -> true for a label (group) field. */
    static Map<String, Boolean> fields(Path path, Set<String> groupFieldNames) throws IOException {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Path file : files(path)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), readOptions())) {
                classify(file.toString(), reader.getFooter().getFileMetaData().getSchema(), groupFieldNames, kinds);
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet file (" + IoErrors.describe(e) + ")");
            }
        }
        Map<String, Boolean> fields = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> fields.put(name, kind == Kind.GROUP));
        return fields;
    }

    private static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    }

    /** Options that prune row groups by statistics and pages by column indexes. */
    private static ParquetReadOptions filteredReadOptions(FilterCompat.Filter filter) {
        return ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withRecordFilter(filter)
                .useStatsFilter(true)
                .useColumnIndexFilter(true)
                .useDictionaryFilter(false)
                .useBloomFilter(false)
                .build();
    }

    private static int indexOf(List<BlockMetaData> blocks, BlockMetaData block) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) == block) {
                return i;
            }
        }
        return -1;
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

    /** Local files as Parquet inputs that name themselves by their path in messages. */
    static List<InputFile> inputs(List<Path> files) {
        return files.stream().map(ParquetPanelReader::input).toList();
    }

    static InputFile input(Path file) {
        return new LocalInputFile(file) {
            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    static List<Path> files(Path path) throws IOException {
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
                throw IoErrors.badFile(path.toString(), "the directory holds no .parquet files");
            }
            return files;
        }
    }

    /** Checks a file's schema and adds its fields to {@code kinds}, which must agree across files. */
    private static void classify(String source, MessageType schema, Set<String> groupFieldNames,
                                 Map<String, Kind> kinds) {
        if (!schema.containsField("date") || !schema.containsField("asset")) {
            List<String> names = schema.getFields().stream().map(Type::getName).toList();
            throw IoErrors.badFile(source, "a panel file needs columns 'date' and 'asset'; found " + names);
        }
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw IoErrors.badFile(source, "column '" + name + "' is nested or repeated; panel columns are flat");
            }
            PrimitiveType type = field.asPrimitiveType();
            PrimitiveTypeName physical = type.getPrimitiveTypeName();
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            if (name.equals("date")) {
                boolean isDate = physical == PrimitiveTypeName.INT32
                        && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
                if (!isDate && physical != PrimitiveTypeName.BINARY) {
                    throw IoErrors.badFile(source, "column 'date' is " + type
                            + "; expected INT32 (DATE) or a yyyy-MM-dd string");
                }
                continue;
            }
            boolean text = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            if (name.equals("asset")) {
                if (!text) {
                    throw IoErrors.badFile(source, "column 'asset' is " + type + "; expected a string");
                }
                continue;
            }
            Kind kind;
            if (text || groupFieldNames.contains(name)) {
                kind = Kind.GROUP;
            } else if (physical == PrimitiveTypeName.INT96) {
                throw IoErrors.badFile(source, "column '" + name + "' is INT96, which is not a number or a label");
            } else {
                kind = Kind.NUMERIC;
            }
            Kind previous = kinds.putIfAbsent(name, kind);
            if (previous != null && previous != kind) {
                throw IoErrors.badFile(source, "column '" + name + "' is " + type + " here but "
                        + (previous == Kind.GROUP ? "a label" : "numeric") + " in an earlier file");
            }
        }
    }

    /**
     * Decodes one row group. For a date range over a DATE column, only the pages whose statistics meet the range
     * are read; if some column's pages do not line up with the rows selected (a writer that cut pages by size),
     * the whole row group is read instead. The caller drops the rows outside the range.
     */
    private static LongTable.Chunk readRowGroup(FileInfo file, BlockMetaData block, long firstRow,
                                                List<String> numericNames, List<String> groupNames, Days days)
            throws IOException {
        if (!days.isAll() && !file.dateIsText()) {
            try {
                return decodeRowGroup(file, block, firstRow, numericNames, groupNames, dateFilter(days));
            } catch (UnalignedPages e) {
                // fall through to the whole row group
            }
        }
        return decodeRowGroup(file, block, firstRow, numericNames, groupNames, null);
    }

    private static FilterCompat.Filter dateFilter(Days days) {
        return FilterCompat.get(FilterApi.and(FilterApi.gtEq(FilterApi.intColumn("date"), days.from()),
                FilterApi.ltEq(FilterApi.intColumn("date"), days.to())));
    }

    /** A filtered row group whose pages cannot be decoded in bulk into the selected rows. */
    private static final class UnalignedPages extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnalignedPages() {
            super(null, null, false, false);
        }
    }

    private static LongTable.Chunk decodeRowGroup(FileInfo file, BlockMetaData block, long firstRow,
                                                  List<String> numericNames, List<String> groupNames,
                                                  FilterCompat.Filter filter) throws IOException {
        // Options per task: their codec factory caches decompressors, which are not thread-safe.
        ParquetReadOptions options = filter == null ? readOptions() : filteredReadOptions(filter);
        InputFile input = file.input();
        try (ParquetFileReader reader = new ParquetFileReader(input, file.footer(), options, input.newStream())) {
            reader.setRequestedSchema(file.projection());
            // The reader lists only the row groups its filter keeps (the same objects as the footer's).
            int index = indexOf(reader.getRowGroups(), block);
            PageReadStore pages = index < 0 ? null
                    : filter == null ? reader.readRowGroup(index) : reader.readFilteredRowGroup(index);
            int rows = pages == null ? 0 : Math.toIntExact(pages.getRowCount());
            long[] selected = filter == null || rows == 0 ? null
                    : pages.getRowIndexes().map(ParquetPanelReader::toArray).orElse(null);
            if (selected != null && selected.length == block.getRowCount()) {
                selected = null;
            }
            LongTable.Chunk chunk = new LongTable.Chunk(file.source(), false,
                    firstRow + (selected == null ? 0 : selected[0]), numericNames.size(), groupNames.size());
            chunk.rows = rows;
            if (rows == 0) {
                chunk.days = new int[0];
                chunk.assetIds = new int[0];
                chunk.assetNames = new String[0];
                return chunk;
            }

            MessageType projection = file.projection();
            ValueSink[] sinks = new ValueSink[projection.getFieldCount()];
            LabelSink assetSink = null;
            List<LabelSink> groupSinks = new ArrayList<>();
            List<Integer> groupSlots = new ArrayList<>();
            for (int i = 0; i < sinks.length; i++) {
                PrimitiveType type = projection.getType(i).asPrimitiveType();
                String name = type.getName();
                if (name.equals("date")) {
                    chunk.days = new int[rows];
                    sinks[i] = file.dateIsText() ? new TextDaySink(chunk.days) : new DaySink(chunk.days);
                } else if (name.equals("asset")) {
                    chunk.assetIds = new int[rows];
                    assetSink = new LabelSink(chunk.assetIds, type.getPrimitiveTypeName(), false);
                    sinks[i] = assetSink;
                } else if (numericNames.contains(name)) {
                    double[] values = new double[rows];
                    chunk.numeric[numericNames.indexOf(name)] = values;
                    sinks[i] = new NumberSink(values, type.getPrimitiveTypeName());
                } else {
                    int g = groupNames.indexOf(name);
                    chunk.groupCodes[g] = new int[rows];
                    LabelSink sink = new LabelSink(chunk.groupCodes[g], type.getPrimitiveTypeName(), true);
                    groupSinks.add(sink);
                    groupSlots.add(g);
                    sinks[i] = sink;
                }
            }
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new RootConverter(sinks), projection,
                    file.footer().getFileMetaData().getCreatedBy());
            Map<ColumnPath, ColumnChunkMetaData> chunkMetaData = new HashMap<>();
            for (ColumnChunkMetaData column : block.getColumns()) {
                chunkMetaData.put(column.getPath(), column);
            }
            List<ColumnDescriptor> columns = projection.getColumns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDescriptor column = columns.get(i);
                ValueSink sink = sinks[i];
                if (ParquetPages.canDecode(chunkMetaData.get(ColumnPath.get(column.getPath())), column)) {
                    sink.readPages(pages.getPageReader(column), column, rows, selected);
                } else {
                    decode(store.getColumnReader(column), sink, rows);
                }
                sink.checkValues(chunk, column.getPath()[0]);
            }
            chunk.assetNames = assetSink.labels();
            for (int s = 0; s < groupSinks.size(); s++) {
                chunk.groupLabels[groupSlots.get(s)] = groupSinks.get(s).labels();
            }
            return chunk;
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // parquet reports undecodable page headers and truncated chunks as plain IOExceptions
            throw IoErrors.badFile(file.source(), "row group " + (file.footer().getBlocks().indexOf(block) + 1)
                    + " cannot be decoded (" + IoErrors.describe(e) + ")");
        } catch (RuntimeException e) {
            if (e instanceof OptaicException || e instanceof UnalignedPages) {
                throw e;
            }
            throw IoErrors.badFile(file.source(), "row group " + (file.footer().getBlocks().indexOf(block) + 1)
                    + " cannot be decoded ("
                    + IoErrors.describe(e) + ")");
        }
    }

    /** The generic path: one value at a time through parquet's column reader and the sink's converter calls. */
    private static void decode(ColumnReader reader, ValueSink sink, int rows) {
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

    /** Hands each column's converter to the column readers; records are never assembled. */
    private static final class RootConverter extends GroupConverter {
        private final ValueSink[] sinks;

        RootConverter(ValueSink[] sinks) {
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

    /**
     * Stores the values of one column chunk, either in bulk from whole pages ({@link #readPages}) or one at a
     * time as a converter at {@link #row}, which the generic decode loop sets before each value.
     */
    private abstract static class ValueSink extends PrimitiveConverter {
        int row;
        /** The first row holding a null in a column that may not hold nulls, or -1. */
        private int nullRow = -1;

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        /** Stores a null at {@link #row}; false if the column may not hold nulls. */
        abstract boolean setNull();

        final void putNull() {
            if (!setNull() && nullRow < 0) {
                nullRow = row;
            }
        }

        /** Stores the dictionary ids of a page's present rows, rows [start, start + rows) of the chunk. */
        abstract void putIds(int start, int rows, int[] presence, int[] ids);

        /** Stores a page's plain-encoded values of its present rows. */
        abstract void putPlain(int start, int rows, int[] presence, ByteBuffer values);

        /** Raises the error for values this sink could not take: nulls where none may be, unparsable text. */
        void checkValues(LongTable.Chunk chunk, String name) {
            if (nullRow >= 0) {
                throw new OptaicException(EngineErrorCode.BAD_VALUE, chunk.where(nullRow) + ": '" + name + "' is null");
            }
        }

        /**
         * Decodes the pages of a column chunk in bulk.
         *
         * @param selected when the row group was filtered, the indexes of the rows kept, which the pages must hold
         *     exactly (else {@link UnalignedPages}); null when every row is read
         */
        final void readPages(PageReader pageReader, ColumnDescriptor column, int rows, long[] selected)
                throws IOException {
            DictionaryPage dictionaryPage = pageReader.readDictionaryPage();
            if (dictionaryPage != null) {
                setDictionary(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
            }
            ParquetPages pages = new ParquetPages(pageReader, column);
            int[] ids = new int[0];
            int start = 0;
            while (start < rows && pages.next()) {
                if (selected != null && (start + pages.rows > rows || pages.firstRowIndex != selected[start]
                        || selected[start + pages.rows - 1] != pages.firstRowIndex + pages.rows - 1)) {
                    throw new UnalignedPages();
                }
                if (start + pages.rows > rows) {
                    throw new ParquetDecodingException("column '" + column.getPath()[0] + "' has more values than rows");
                }
                if (pages.isDictionaryEncoded()) {
                    ids = pages.dictionaryIds(ids);
                    putIds(start, pages.rows, pages.presence, ids);
                } else {
                    putPlain(start, pages.rows, pages.presence, pages.values);
                }
                start += pages.rows;
            }
            if (start != rows) {
                throw new ParquetDecodingException("column '" + column.getPath()[0] + "' has " + start
                        + " values for " + rows + " rows");
            }
        }

        /** Calls {@code present} for each present row in order and {@link #putNull} for the others. */
        final void forEachRow(int start, int rows, int[] presence, IntConsumer present) {
            for (int r = 0; r < rows; r++) {
                row = start + r;
                if (presence == null || presence[r] != 0) {
                    present.accept(row);
                } else {
                    putNull();
                }
            }
        }
    }

    private static final class DaySink extends ValueSink {
        private final int[] days;
        private int[] dictionaryDays;

        DaySink(int[] days) {
            this.days = days;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryDays = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryDays.length; id++) {
                dictionaryDays[id] = dictionary.decodeToInt(id);
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            days[row] = dictionaryDays[dictionaryId];
        }

        @Override
        public void addInt(int value) {
            days[row] = value;
        }

        @Override
        boolean setNull() {
            return false;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    days[start + r] = dictionaryDays[ids[r]];
                }
                return;
            }
            int[] next = {0};
            forEachRow(start, rows, presence, row -> days[row] = dictionaryDays[ids[next[0]++]]);
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer values) {
            if (presence == null) {
                values.asIntBuffer().get(days, start, rows);
                return;
            }
            forEachRow(start, rows, presence, row -> days[row] = values.getInt());
        }
    }

    /** Dates stored as text; the first unparsable one is kept for the error message. */
    private static final class TextDaySink extends ValueSink {
        private final int[] days;
        private int[] dictionaryDays;
        private Dictionary dictionary;
        private String badText;
        private int badRow;

        TextDaySink(int[] days) {
            this.days = days;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            dictionaryDays = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryDays.length; id++) {
                dictionaryDays[id] = TextValues.parseDay(dictionary.decodeToBinary(id).toStringUsingUTF8());
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            store(dictionaryDays[dictionaryId], dictionaryId, null);
        }

        @Override
        public void addBinary(Binary value) {
            store(TextValues.parseDay(value.toStringUsingUTF8()), -1, value);
        }

        private void store(int day, int dictionaryId, Binary text) {
            days[row] = day;
            if (day == TextValues.NOT_A_DATE && badText == null) {
                badText = (text != null ? text : dictionary.decodeToBinary(dictionaryId)).toStringUsingUTF8();
                badRow = row;
            }
        }

        @Override
        boolean setNull() {
            return false;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            int[] next = {0};
            forEachRow(start, rows, presence, row -> addValueFromDictionary(ids[next[0]++]));
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer values) {
            forEachRow(start, rows, presence, row -> addBinary(plainBinary(values)));
        }

        @Override
        void checkValues(LongTable.Chunk chunk, String name) {
            super.checkValues(chunk, name);
            if (badText != null) {
                throw new OptaicException(EngineErrorCode.BAD_VALUE, chunk.where(badRow) + ": '" + badText
                        + "' is not a date (expected yyyy-MM-dd)");
            }
        }
    }

    private static final class NumberSink extends ValueSink {
        private final double[] values;
        private final PrimitiveTypeName type;
        private double[] dictionaryValues;

        NumberSink(double[] values, PrimitiveTypeName type) {
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
                    default -> throw new IllegalStateException("not a numeric column: " + type);
                };
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            values[row] = dictionaryValues[dictionaryId];
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
        boolean setNull() {
            values[row] = Double.NaN;
            return true;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    values[start + r] = dictionaryValues[ids[r]];
                }
                return;
            }
            for (int r = 0, next = 0; r < rows; r++) {
                values[start + r] = presence[r] != 0 ? dictionaryValues[ids[next++]] : Double.NaN;
            }
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer plain) {
            if (type == PrimitiveTypeName.DOUBLE) {
                if (presence == null) {
                    plain.asDoubleBuffer().get(values, start, rows);
                } else {
                    for (int r = 0; r < rows; r++) {
                        values[start + r] = presence[r] != 0 ? plain.getDouble() : Double.NaN;
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                if (presence != null && presence[r] == 0) {
                    values[start + r] = Double.NaN;
                    continue;
                }
                values[start + r] = switch (type) {
                    case FLOAT -> plain.getFloat();
                    case INT32 -> plain.getInt();
                    case INT64 -> plain.getLong();
                    default -> throw new IllegalStateException("not a plain numeric column: " + type);
                };
            }
        }
    }

    /** Labels (asset ids, group labels) as chunk-local codes in order of first appearance. */
    private static final class LabelSink extends ValueSink {
        private final int[] codes;
        private final PrimitiveTypeName type;
        private final boolean nullable;
        private final Map<Object, Integer> codeOf = new HashMap<>();
        private final List<String> labels = new ArrayList<>();
        private int[] dictionaryCodes;

        LabelSink(int[] codes, PrimitiveTypeName type, boolean nullable) {
            this.codes = codes;
            this.type = type;
            this.nullable = nullable;
        }

        String[] labels() {
            return labels.toArray(new String[0]);
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryCodes = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryCodes.length; id++) {
                dictionaryCodes[id] = switch (type) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> code(dictionary.decodeToBinary(id));
                    case INT32 -> code(dictionary.decodeToInt(id));
                    case INT64 -> code(dictionary.decodeToLong(id));
                    case FLOAT -> code(dictionary.decodeToFloat(id));
                    case DOUBLE -> code(dictionary.decodeToDouble(id));
                    case BOOLEAN -> code(dictionary.decodeToBoolean(id));
                    default -> throw new IllegalStateException("not a label column: " + type);
                };
            }
        }

        private int code(Object value) {
            Integer code = codeOf.get(value);
            if (code == null) {
                code = labels.size();
                Object key = value instanceof Binary binary ? binary.copy() : value;
                codeOf.put(key, code);
                labels.add(value instanceof Binary binary ? binary.toStringUsingUTF8() : labelOf(value));
            }
            return code;
        }

        private static String labelOf(Object value) {
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            if (value instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
                return Long.toString(f.longValue());
            }
            return String.valueOf(value);
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            codes[row] = dictionaryCodes[dictionaryId];
        }

        @Override
        public void addBinary(Binary value) {
            codes[row] = code(value);
        }

        @Override
        public void addInt(int value) {
            codes[row] = code(value);
        }

        @Override
        public void addLong(long value) {
            codes[row] = code(value);
        }

        @Override
        public void addFloat(float value) {
            codes[row] = code(value);
        }

        @Override
        public void addDouble(double value) {
            codes[row] = code(value);
        }

        @Override
        public void addBoolean(boolean value) {
            codes[row] = code(value);
        }

        @Override
        boolean setNull() {
            codes[row] = -1;
            return nullable;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    codes[start + r] = dictionaryCodes[ids[r]];
                }
                return;
            }
            int[] next = {0};
            forEachRow(start, rows, presence, row -> codes[row] = dictionaryCodes[ids[next[0]++]]);
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer values) {
            forEachRow(start, rows, presence, row -> codes[row] = switch (type) {
                case BINARY -> code(plainBinary(values));
                case INT32 -> code(values.getInt());
                case INT64 -> code(values.getLong());
                case FLOAT -> code(values.getFloat());
                case DOUBLE -> code(values.getDouble());
                default -> throw new IllegalStateException("not a plain label column: " + type);
            });
        }
    }

    /** The next PLAIN-encoded BYTE_ARRAY value: a 4-byte little-endian length, then the bytes. */
    private static Binary plainBinary(ByteBuffer values) {
        byte[] bytes = new byte[values.getInt()];
        values.get(bytes);
        return Binary.fromConstantByteArray(bytes);
    }
}
