package com.optaic.engine.io;

import static com.optaic.engine.io.ParquetPanelWriter.PAGE_ROWS;

import com.optaic.engine.data.Panel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * Encodes one column chunk of a row group straight from the panel's arrays into V1 data pages of
 * {@link ParquetPanelWriter#PAGE_ROWS} rows: PLAIN doubles, RLE/bit-packed definition levels and dictionary ids,
 * back to back in one buffer, with min/max statistics per page. Safe to run for several columns at once.
 */
final class ParquetColumnEncoder {
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private ParquetColumnEncoder() {}

    /** A column chunk's pages, encoded back to back in one buffer, and its dictionary page if any. */
    record ColumnChunk(
            DictionaryPage dictionary,
            byte[] data,
            int[] pageEnds,
            Statistics<?>[] statistics,
            Encoding definitionEncoding,
            Encoding valueEncoding) {}

    /** Encodes column {@code column} of the schema (0 date, 1 asset, then the output columns). */
    static ColumnChunk encodeColumn(
            Panel panel,
            ParquetRowGroupPlan plan,
            int column,
            List<OutputColumn> columns,
            ParquetDictionaries dictionaries,
            ColumnDescriptor descriptor) {
        if (column == 0) {
            int[] epochDays = panel.epochDays();
            int from = plan.group().from();
            int groupDates = plan.group().to() - from;
            ByteBuffer dictionary = ByteBuffer.allocate(4 * groupDates).order(ByteOrder.LITTLE_ENDIAN);
            for (int t = from; t < plan.group().to(); t++) {
                dictionary.putInt(epochDays[t]);
            }
            return encodeIds(
                    plan,
                    plan.dateIds(),
                    HybridRle.bitWidth(groupDates - 1),
                    new DictionaryPage(BytesInput.from(dictionary.array()), groupDates, Encoding.PLAIN),
                    (start, end) -> {
                        IntStatistics statistics =
                                (IntStatistics) Statistics.createStats(descriptor.getPrimitiveType());
                        statistics.setMinMax(
                                epochDays[from + plan.dateIds()[start]], epochDays[from + plan.dateIds()[end - 1]]);
                        return statistics;
                    });
        }
        if (column == 1) {
            return encodeIds(
                    plan,
                    plan.assetIds(),
                    HybridRle.bitWidth(dictionaries.assets.length - 1),
                    new DictionaryPage(dictionaries.assetPage, dictionaries.assets.length, Encoding.PLAIN),
                    (start, end) -> rankStatistics(
                            descriptor, plan.assetIds(), start, end, dictionaries.assets, dictionaries.assetRanks));
        }
        int c = column - 2;
        double[] values = columns.get(c).values();
        if (dictionaries.labels[c] == null) {
            return encodeDoubles(plan, values, descriptor);
        }
        return encodeLabels(
                plan,
                values,
                dictionaries.labels[c],
                dictionaries.labelRanks[c],
                new DictionaryPage(dictionaries.labelPages[c], dictionaries.labels[c].length, Encoding.PLAIN),
                descriptor);
    }

    /** Statistics of the page holding rows [start, end) of a plan. */
    @FunctionalInterface
    private interface PageStatistics {
        Statistics<?> of(int start, int end);
    }

    /** A required dictionary-encoded column; each page is a bit width byte and the hybrid-encoded ids. */
    private static ColumnChunk encodeIds(
            ParquetRowGroupPlan plan,
            int[] ids,
            int bitWidth,
            DictionaryPage dictionary,
            PageStatistics pageStatistics) {
        int pages = plan.pageCount();
        ByteBuffer data = buffer(pages * (1 + HybridRle.maxEncodedSize(PAGE_ROWS, bitWidth)));
        int[] pageEnds = new int[pages];
        Statistics<?>[] statistics = new Statistics<?>[pages];
        int[] scratch = new int[PAGE_ROWS];
        for (int p = 0; p < pages; p++) {
            int start = p * PAGE_ROWS;
            int end = Math.min(plan.group().rows(), start + PAGE_ROWS);
            System.arraycopy(ids, start, scratch, 0, end - start);
            data.put((byte) bitWidth);
            HybridRle.encode(scratch, end - start, bitWidth, data);
            pageEnds[p] = data.position();
            statistics[p] = pageStatistics.of(start, end);
        }
        return new ColumnChunk(dictionary, data.array(), pageEnds, statistics, Encoding.RLE, Encoding.RLE_DICTIONARY);
    }

    /** An optional double column; each page is its definition levels then the plain non-null values. */
    private static ColumnChunk encodeDoubles(ParquetRowGroupPlan plan, double[] values, ColumnDescriptor descriptor) {
        int pages = plan.pageCount();
        int rows = plan.group().rows();
        ByteBuffer data = buffer(pages * (4 + HybridRle.maxEncodedSize(PAGE_ROWS, 1)) + 8L * rows);
        int[] pageEnds = new int[pages];
        Statistics<?>[] statistics = new Statistics<?>[pages];
        double[] page = new double[PAGE_ROWS];
        int[] levels = new int[PAGE_ROWS];
        int[] cells = plan.cells();
        for (int p = 0; p < pages; p++) {
            int start = p * PAGE_ROWS;
            int count = Math.min(rows, start + PAGE_ROWS) - start;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int nonNull = 0;
            for (int r = 0; r < count; r++) {
                double value = values[cells[start + r]];
                page[r] = value;
                if (!Double.isNaN(value)) {
                    nonNull++;
                    if (value <= min && (value < min || Double.doubleToRawLongBits(value) == NEGATIVE_ZERO)) {
                        min = value;
                    }
                    if (value >= max && (value > max || Double.doubleToRawLongBits(value) == 0L)) {
                        max = value;
                    }
                }
            }
            DoubleStatistics pageStatistics = (DoubleStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            if (nonNull > 0) {
                pageStatistics.setMinMax(min, max);
            }
            pageStatistics.incrementNumNulls(count - nonNull);
            statistics[p] = pageStatistics;

            writeLevels(data, page, count, nonNull, levels);
            if (nonNull == count) {
                for (int r = 0; r < count; r++) {
                    data.putDouble(page[r]);
                }
            } else {
                for (int r = 0; r < count; r++) {
                    if (!Double.isNaN(page[r])) {
                        data.putDouble(page[r]);
                    }
                }
            }
            pageEnds[p] = data.position();
        }
        return new ColumnChunk(null, data.array(), pageEnds, statistics, Encoding.RLE, Encoding.PLAIN);
    }

    /** An optional label column; each page is its definition levels, a bit width byte, then the non-null ids. */
    private static ColumnChunk encodeLabels(
            ParquetRowGroupPlan plan,
            double[] codes,
            Binary[] labels,
            int[] ranks,
            DictionaryPage dictionary,
            ColumnDescriptor descriptor) {
        int pages = plan.pageCount();
        int rows = plan.group().rows();
        int bitWidth = HybridRle.bitWidth(labels.length - 1);
        ByteBuffer data = buffer(
                pages * (5L + HybridRle.maxEncodedSize(PAGE_ROWS, 1) + HybridRle.maxEncodedSize(PAGE_ROWS, bitWidth)));
        int[] pageEnds = new int[pages];
        Statistics<?>[] statistics = new Statistics<?>[pages];
        double[] page = new double[PAGE_ROWS];
        int[] ids = new int[PAGE_ROWS];
        int[] levels = new int[PAGE_ROWS];
        int[] cells = plan.cells();
        for (int p = 0; p < pages; p++) {
            int start = p * PAGE_ROWS;
            int count = Math.min(rows, start + PAGE_ROWS) - start;
            int nonNull = 0;
            for (int r = 0; r < count; r++) {
                double code = codes[cells[start + r]];
                page[r] = code;
                if (!Double.isNaN(code)) {
                    ids[nonNull++] = (int) code;
                }
            }
            BinaryStatistics pageStatistics = rankStatistics(descriptor, ids, 0, nonNull, labels, ranks);
            pageStatistics.incrementNumNulls(count - nonNull);
            statistics[p] = pageStatistics;
            writeLevels(data, page, count, nonNull, levels);
            data.put((byte) bitWidth);
            HybridRle.encode(ids, nonNull, bitWidth, data);
            pageEnds[p] = data.position();
        }
        return new ColumnChunk(dictionary, data.array(), pageEnds, statistics, Encoding.RLE, Encoding.RLE_DICTIONARY);
    }

    /** Definition levels with their 4-byte length prefix: 1 where the value is present, 0 for NaN. */
    private static void writeLevels(ByteBuffer data, double[] page, int count, int nonNull, int[] levels) {
        int lengthAt = data.position();
        data.position(lengthAt + 4);
        if (nonNull == count) {
            HybridRle.writeVarInt(data, count << 1);
            data.put((byte) 1);
        } else {
            for (int r = 0; r < count; r++) {
                levels[r] = !Double.isNaN(page[r]) ? 1 : 0;
            }
            HybridRle.encode(levels, count, 1, data);
        }
        data.putInt(lengthAt, data.position() - lengthAt - 4);
    }

    /** Min/max of dictionary entries by rank over ids[start, end); no min/max when the range is empty. */
    private static BinaryStatistics rankStatistics(
            ColumnDescriptor column, int[] ids, int start, int end, Binary[] entries, int[] ranks) {
        BinaryStatistics statistics = (BinaryStatistics) Statistics.createStats(column.getPrimitiveType());
        if (end > start) {
            int min = ids[start];
            int max = ids[start];
            for (int r = start + 1; r < end; r++) {
                int id = ids[r];
                if (ranks[id] < ranks[min]) {
                    min = id;
                } else if (ranks[id] > ranks[max]) {
                    max = id;
                }
            }
            statistics.updateStats(entries[min]);
            statistics.updateStats(entries[max]);
        }
        return statistics;
    }

    private static ByteBuffer buffer(long capacity) {
        return ByteBuffer.allocate(Math.toIntExact(capacity)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
