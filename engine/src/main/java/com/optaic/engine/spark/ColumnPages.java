package com.optaic.engine.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes a flat column chunk a page at a time in bulk, for the encodings panel files use: definition levels
 * in the RLE/bit-packed hybrid, values PLAIN or dictionary ids (V1 and V2 pages). Each present value goes to
 * the target's converter ({@code addDouble}, {@code addValueFromDictionary}...) at its row; parquet's
 * {@code ColumnReader}, which costs several times more per value, remains the path for anything else
 * ({@link #canDecode}). When the row group was filtered by page statistics, the target receives only the
 * selected rows, numbered by their position among them.
 */
final class ColumnPages {
    /** Receives one column's values. */
    interface Target {
        /** The converter that takes the values (and the dictionary) of the row set by {@link #row}. */
        PrimitiveConverter converter();

        /** Sets the row (position among the selected rows) the next value or null belongs to. */
        void row(int row);

        void putNull();

        /** The array PLAIN doubles may be stored into directly (a numeric column of doubles), or null. */
        default double[] doubles() {
            return null;
        }

        /**
         * The array dictionary-encoded values may be stored into directly, as {@link #dictionaryMap()}'s entry
         * for their id, or null.
         */
        default int[] ints() {
            return null;
        }

        /** Per dictionary id, the value {@link #ints()} takes; valid after the dictionary was set. */
        default int[] dictionaryMap() {
            return null;
        }
    }

    /** PLAIN values, dictionary ids (RLE_DICTIONARY, or PLAIN_DICTIONARY as V1 writers name them), RLE levels. */
    private static final Set<Encoding> SUPPORTED = supported();
    private static final Set<PrimitiveTypeName> SUPPORTED_TYPES = EnumSet.of(PrimitiveTypeName.INT32,
            PrimitiveTypeName.INT64, PrimitiveTypeName.FLOAT, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.BINARY,
            PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);

    private ColumnPages() {
    }

    private static Set<Encoding> supported() {
        Set<Encoding> supported = EnumSet.of(Encoding.PLAIN, Encoding.RLE);
        for (Encoding encoding : Encoding.values()) {
            if (encoding.usesDictionary()) {
                supported.add(encoding);
            }
        }
        return supported;
    }

    /** Whether a flat column chunk uses only encodings and a type this class decodes. */
    static boolean canDecode(ColumnChunkMetaData chunk, ColumnDescriptor column) {
        return chunk != null && column.getMaxRepetitionLevel() == 0 && column.getMaxDefinitionLevel() <= 1
                && SUPPORTED.containsAll(chunk.getEncodings())
                && SUPPORTED_TYPES.contains(column.getPrimitiveType().getPrimitiveTypeName());
    }

    /**
     * Decodes every page of a column chunk into {@code target}.
     *
     * @param selected the row group's selected rows (ascending row indexes) when it was filtered, else null
     * @param rows the number of rows the target takes
     */
    static void decode(PageReader pages, ColumnDescriptor column, Target target, long[] selected, int rows)
            throws IOException {
        try (ByteBufferReleaser releaser = new ByteBufferReleaser(HeapByteBufferAllocator.getInstance())) {
            decode(pages, column, target, selected, rows, releaser);
        }
    }

    private static void decode(PageReader pages, ColumnDescriptor column, Target target, long[] selected, int rows,
                               ByteBufferReleaser releaser) throws IOException {
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        if (dictionaryPage != null) {
            target.converter().setDictionary(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
        }
        PrimitiveConverter converter = target.converter();
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        int typeLength = column.getPrimitiveType().getTypeLength();
        boolean optional = column.getMaxDefinitionLevel() > 0;
        int[] levels = new int[0];
        int[] ids = new int[0];
        int next = 0; // next position among the selected rows (or next row when nothing was filtered)
        long rowIndex = 0;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            if (selected != null) {
                rowIndex = page.getFirstRowIndex().orElseThrow(() -> new ParquetDecodingException(
                        "column '" + column.getPath()[0] + "': a filtered page has no row index"));
            }
            ByteBuffer levelBytes;
            ByteBuffer values;
            Encoding valueEncoding;
            if (page instanceof DataPageV1 v1) {
                ByteBuffer bytes = buffer(v1.getBytes(), releaser);
                if (optional) {
                    if (v1.getDlEncoding() != Encoding.RLE) {
                        throw new ParquetDecodingException("column '" + column.getPath()[0]
                                + "': definition levels in " + v1.getDlEncoding());
                    }
                    int length = bytes.getInt();
                    levelBytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN).limit(length);
                    bytes.position(bytes.position() + length);
                } else {
                    levelBytes = null;
                }
                values = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
                valueEncoding = v1.getValueEncoding();
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                levelBytes = optional ? buffer(v2.getDefinitionLevels(), releaser) : null;
                values = buffer(v2.getData(), releaser);
                valueEncoding = v2.getDataEncoding();
            }
            int present = count;
            if (levelBytes != null) {
                levels = grow(levels, count);
                decodeHybrid(levelBytes, 1, count, levels);
                present = 0;
                for (int i = 0; i < count; i++) {
                    present += levels[i];
                }
            }
            boolean dictionary = valueEncoding.usesDictionary();
            if (dictionary) {
                int bitWidth = values.get() & 0xff;
                ids = grow(ids, present);
                decodeHybrid(values, bitWidth, present, ids);
            } else if (valueEncoding != Encoding.PLAIN) {
                throw new ParquetDecodingException("column '" + column.getPath()[0] + "': values in " + valueEncoding);
            }
            int value = 0;
            double[] doubles = target.doubles();
            int[] ints = target.ints();
            int[] map = dictionary && ints != null ? target.dictionaryMap() : null;
            if (type == PrimitiveTypeName.DOUBLE && !dictionary && doubles != null || map != null) {
                // The common case, without a call per value: doubles straight into the array, ids through the map.
                for (int i = 0; i < count; i++, rowIndex++) {
                    int position;
                    if (selected == null) {
                        position = next++;
                    } else {
                        while (next < selected.length && selected[next] < rowIndex) {
                            next++;
                        }
                        position = next < selected.length && selected[next] == rowIndex ? next++ : -1;
                    }
                    if (levelBytes != null && levels[i] == 0) {
                        if (position >= 0) {
                            target.row(position);
                            target.putNull();
                        }
                    } else if (map != null) {
                        int id = ids[value++];
                        if (position >= 0) {
                            ints[position] = map[id];
                        }
                    } else {
                        double v = values.getDouble();
                        if (position >= 0) {
                            doubles[position] = v;
                        }
                    }
                }
                continue;
            }
            for (int i = 0; i < count; i++, rowIndex++) {
                boolean isPresent = levelBytes == null || levels[i] != 0;
                int position;
                if (selected == null) {
                    position = next++;
                } else {
                    while (next < selected.length && selected[next] < rowIndex) {
                        next++;
                    }
                    position = next < selected.length && selected[next] == rowIndex ? next++ : -1;
                }
                if (!isPresent) {
                    if (position >= 0) {
                        target.row(position);
                        target.putNull();
                    }
                    continue;
                }
                if (dictionary) {
                    int id = ids[value++];
                    if (position >= 0) {
                        target.row(position);
                        converter.addValueFromDictionary(id);
                    }
                    continue;
                }
                if (position >= 0) {
                    target.row(position);
                }
                readPlain(values, type, typeLength, position >= 0 ? converter : null);
            }
        }
        if (next != rows && selected == null) {
            throw new ParquetDecodingException("column '" + column.getPath()[0] + "' has " + next + " values for "
                    + rows + " rows");
        }
    }

    /** Reads one PLAIN value and hands it to {@code converter}, or skips it when the converter is null. */
    private static void readPlain(ByteBuffer values, PrimitiveTypeName type, int typeLength,
                                  PrimitiveConverter converter) {
        switch (type) {
            case DOUBLE -> {
                double v = values.getDouble();
                if (converter != null) {
                    converter.addDouble(v);
                }
            }
            case FLOAT -> {
                float v = values.getFloat();
                if (converter != null) {
                    converter.addFloat(v);
                }
            }
            case INT32 -> {
                int v = values.getInt();
                if (converter != null) {
                    converter.addInt(v);
                }
            }
            case INT64 -> {
                long v = values.getLong();
                if (converter != null) {
                    converter.addLong(v);
                }
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                int length = type == PrimitiveTypeName.BINARY ? values.getInt() : typeLength;
                if (converter != null) {
                    byte[] bytes = new byte[length];
                    values.get(bytes);
                    converter.addBinary(Binary.fromConstantByteArray(bytes));
                } else {
                    values.position(values.position() + length);
                }
            }
            default -> throw new ParquetDecodingException("cannot decode PLAIN " + type);
        }
    }

    /** Decodes {@code count} values of the RLE/bit-packed hybrid encoding (no length prefix) into {@code out}. */
    static void decodeHybrid(ByteBuffer in, int bitWidth, int count, int[] out) {
        int n = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (n < count) {
            int header = readUnsignedVarInt(in);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int b = 0; b < valueBytes; b++) {
                    value |= (in.get() & 0xff) << (8 * b);
                }
                int end = Math.min(count, n + run);
                while (n < end) {
                    out[n++] = value;
                }
            } else {
                int values = (header >>> 1) * 8;
                long buffer = 0;
                int bits = 0;
                int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
                for (int i = 0; i < values; i++) {
                    while (bits < bitWidth) {
                        buffer |= (long) (in.get() & 0xff) << bits;
                        bits += 8;
                    }
                    if (n < count) {
                        out[n++] = (int) (buffer & mask);
                    }
                    buffer >>>= bitWidth;
                    bits -= bitWidth;
                }
            }
        }
    }

    private static int readUnsignedVarInt(ByteBuffer in) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.get() & 0xff;
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    private static ByteBuffer buffer(BytesInput bytes, ByteBufferReleaser releaser) {
        return bytes.toByteBuffer(releaser).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] grow(int[] array, int size) {
        return array.length >= size ? array : new int[Math.max(size, array.length * 2)];
    }
}
