package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.io.ParquetPanelReader.Days;
import com.optaic.engine.io.ParquetValueSink.UnalignedPages;
import com.optaic.engine.io.ParquetValueSinks.DaySink;
import com.optaic.engine.io.ParquetValueSinks.LabelSink;
import com.optaic.engine.io.ParquetValueSinks.NumberSink;
import com.optaic.engine.io.ParquetValueSinks.TextDaySink;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
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
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Decodes one row group of a panel file into a {@link LongTable.Chunk}, pruning by dates: a row group whose date
 * statistics miss the range is not read ({@link #mayHoldDays}), and within one that is, only the pages whose
 * column indexes meet the range are decoded. Each call opens its own file handle and codecs.
 */
final class ParquetRowGroupReader {
    private ParquetRowGroupReader() {}

    /** One file's footer and the projection of its columns that the read needs. */
    record FileInfo(
            InputFile input, String source, ParquetMetadata footer, MessageType projection, boolean dateIsText) {}

    /** Whether a row group's date statistics (when it has them) allow a date in the range. */
    static boolean mayHoldDays(BlockMetaData block, Days days) {
        if (days.isAll()) {
            return true;
        }
        for (ColumnChunkMetaData column : block.getColumns()) {
            if (column.getPath().toDotString().equals("date")) {
                Statistics<?> statistics = column.getStatistics();
                if (statistics == null
                        || statistics.isEmpty()
                        || !statistics.hasNonNullValue()
                        || !(statistics.genericGetMin() instanceof Integer min)
                        || !(statistics.genericGetMax() instanceof Integer max)) {
                    return true;
                }
                return days.overlaps(min, max);
            }
        }
        return true;
    }

    /**
     * Decodes one row group. For a date range over a DATE column, only the pages whose statistics meet the range
     * are read; if some column's pages do not line up with the rows selected (a writer that cut pages by size),
     * the whole row group is read instead. The caller drops the rows outside the range.
     */
    static LongTable.Chunk readRowGroup(
            FileInfo file,
            BlockMetaData block,
            long firstRow,
            List<String> numericNames,
            List<String> groupNames,
            Days days)
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
        return FilterCompat.get(FilterApi.and(
                FilterApi.gtEq(FilterApi.intColumn("date"), days.from()),
                FilterApi.ltEq(FilterApi.intColumn("date"), days.to())));
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

    private static LongTable.Chunk decodeRowGroup(
            FileInfo file,
            BlockMetaData block,
            long firstRow,
            List<String> numericNames,
            List<String> groupNames,
            FilterCompat.Filter filter)
            throws IOException {
        // Options per task: their codec factory caches decompressors, which are not thread-safe.
        ParquetReadOptions options = filter == null ? ParquetPanelSchema.readOptions() : filteredReadOptions(filter);
        InputFile input = file.input();
        try (ParquetFileReader reader = new ParquetFileReader(input, file.footer(), options, input.newStream())) {
            reader.setRequestedSchema(file.projection());
            // The reader lists only the row groups its filter keeps (the same objects as the footer's).
            int index = indexOf(reader.getRowGroups(), block);
            PageReadStore pages =
                    index < 0 ? null : filter == null ? reader.readRowGroup(index) : reader.readFilteredRowGroup(index);
            int rows = pages == null ? 0 : Math.toIntExact(pages.getRowCount());
            long[] selected = filter == null || rows == 0
                    ? null
                    : pages.getRowIndexes().map(ParquetRowGroupReader::toArray).orElse(null);
            if (selected != null && selected.length == block.getRowCount()) {
                selected = null;
            }
            LongTable.Chunk chunk = new LongTable.Chunk(
                    file.source(),
                    false,
                    firstRow + (selected == null ? 0 : selected[0]),
                    numericNames.size(),
                    groupNames.size());
            chunk.rows = rows;
            if (rows == 0) {
                chunk.days = new int[0];
                chunk.assetIds = new int[0];
                chunk.assetNames = new String[0];
                return chunk;
            }

            MessageType projection = file.projection();
            ParquetValueSink[] sinks = new ParquetValueSink[projection.getFieldCount()];
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
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(
                    pages,
                    new RootConverter(sinks),
                    projection,
                    file.footer().getFileMetaData().getCreatedBy());
            Map<ColumnPath, ColumnChunkMetaData> chunkMetaData = new HashMap<>();
            for (ColumnChunkMetaData column : block.getColumns()) {
                chunkMetaData.put(column.getPath(), column);
            }
            List<ColumnDescriptor> columns = projection.getColumns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDescriptor column = columns.get(i);
                ParquetValueSink sink = sinks[i];
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
            throw IoErrors.badFile(
                    file.source(),
                    "row group " + (file.footer().getBlocks().indexOf(block) + 1) + " cannot be decoded ("
                            + IoErrors.describe(e) + ")");
        } catch (RuntimeException e) {
            if (e instanceof OptaicException || e instanceof UnalignedPages) {
                throw e;
            }
            throw IoErrors.badFile(
                    file.source(),
                    "row group " + (file.footer().getBlocks().indexOf(block) + 1)
                            + " cannot be decoded ("
                            + IoErrors.describe(e) + ")");
        }
    }

    /** The generic path: one value at a time through parquet's column reader and the sink's converter calls. */
    private static void decode(ColumnReader reader, ParquetValueSink sink, int rows) {
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
        private final ParquetValueSink[] sinks;

        RootConverter(ParquetValueSink[] sinks) {
            this.sinks = sinks;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return sinks[fieldIndex];
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
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
}
