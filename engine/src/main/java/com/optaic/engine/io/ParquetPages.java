package com.optaic.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Walks the data pages of a flat column chunk and exposes each page's definition levels and value bytes, so
 * that values can be decoded in bulk instead of one call per value through parquet's column readers. Covers
 * the encodings that writers use for flat numeric and string columns (PLAIN and dictionary ids, RLE or
 * bit-packed levels, V1 and V2 pages); {@link #canDecode} says whether a chunk is covered.
 */
final class ParquetPages {
    @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what V1 writers put in data pages
    private static final Set<Encoding> VALUE_ENCODINGS =
            Set.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);

    private static final HeapByteBufferAllocator HEAP = HeapByteBufferAllocator.getInstance();
    private static final Set<PrimitiveTypeName> TYPES = Set.of(
            PrimitiveTypeName.DOUBLE,
            PrimitiveTypeName.FLOAT,
            PrimitiveTypeName.INT32,
            PrimitiveTypeName.INT64,
            PrimitiveTypeName.BINARY);

    private final PageReader reader;
    private final int maxDefinitionLevel;
    private int[] levels = new int[0];

    /** Rows of the current page. */
    int rows;
    /** Index in the row group of the current page's first row, or -1 if the page does not say. */
    long firstRowIndex;
    /** Rows of the current page whose value is present (not null). */
    int present;
    /** Per row of the current page, 1 if present; null when every row is present. */
    int[] presence;
    /** Encoding of the current page's values. */
    Encoding encoding;
    /** The current page's values (present rows only), little-endian, positioned at the first. */
    ByteBuffer values;

    ParquetPages(PageReader reader, ColumnDescriptor column) {
        this.reader = reader;
        this.maxDefinitionLevel = column.getMaxDefinitionLevel();
    }

    static boolean canDecode(ColumnChunkMetaData chunk, ColumnDescriptor column) {
        EncodingStats stats = chunk.getEncodingStats();
        return stats != null
                && VALUE_ENCODINGS.containsAll(stats.getDataEncodings())
                && column.getMaxRepetitionLevel() == 0
                && column.getMaxDefinitionLevel() <= 1
                && TYPES.contains(column.getPrimitiveType().getPrimitiveTypeName());
    }

    /** Moves to the next data page; false after the last. */
    @SuppressWarnings("deprecation") // BIT_PACKED: the level encoding of old writers
    boolean next() {
        DataPage page = reader.readPage();
        if (page == null) {
            return false;
        }
        rows = page.getValueCount();
        firstRowIndex = page.getFirstRowIndex().orElse(-1L);
        if (levels.length < rows) {
            levels = new int[Math.max(rows, levels.length * 2)];
        }
        if (page instanceof DataPageV1 v1) {
            ByteBuffer bytes = toBuffer(v1.getBytes());
            if (maxDefinitionLevel > 0) {
                if (v1.getDlEncoding() == Encoding.RLE) {
                    int length = bytes.getInt();
                    ByteBuffer encoded = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
                    encoded.limit(length);
                    HybridRle.decode(encoded, 1, levels, 0, rows);
                    bytes.position(bytes.position() + length);
                } else if (v1.getDlEncoding() == Encoding.BIT_PACKED) {
                    int start = bytes.position();
                    for (int r = 0; r < rows; r++) {
                        levels[r] = (bytes.get(start + r / 8) >>> (7 - r % 8)) & 1;
                    }
                    bytes.position(start + (rows + 7) / 8);
                } else {
                    throw new ParquetDecodingException("unsupported definition level encoding " + v1.getDlEncoding());
                }
            }
            encoding = v1.getValueEncoding();
            values = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            if (maxDefinitionLevel > 0) {
                ByteBuffer encoded = toBuffer(v2.getDefinitionLevels());
                HybridRle.decode(encoded, 1, levels, 0, rows);
            }
            encoding = v2.getDataEncoding();
            values = toBuffer(v2.getData());
        }
        if (maxDefinitionLevel == 0) {
            present = rows;
            presence = null;
        } else {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                count += levels[r];
            }
            present = count;
            presence = count == rows ? null : levels;
        }
        return true;
    }

    /** Whether the current page holds dictionary ids rather than values. */
    @SuppressWarnings("deprecation")
    boolean isDictionaryEncoded() {
        return encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY;
    }

    /** Decodes the current page's dictionary ids (one per present row) into {@code ids}. */
    int[] dictionaryIds(int[] ids) {
        int[] out = ids.length >= present ? ids : new int[present];
        int bitWidth = values.get() & 0xFF;
        if (bitWidth == 0) {
            Arrays.fill(out, 0, present, 0);
        } else {
            HybridRle.decode(values, bitWidth, out, 0, present);
        }
        return out;
    }

    /** The bytes as a little-endian buffer from position 0, without a copy when they are on the heap already. */
    private static ByteBuffer toBuffer(BytesInput bytes) {
        return bytes.toByteBuffer(HEAP, buffer -> {}).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
