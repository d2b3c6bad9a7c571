package com.optaic.engine.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned integers (definition levels, dictionary ids),
 * over whole arrays: runs of 8 or more equal values become RLE runs, everything else bit-packed groups of 8.
 */
final class HybridRle {
    private HybridRle() {}

    /** The bit width that holds values up to {@code max}, at least 1. */
    static int bitWidth(int max) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
    }

    /** The most bytes {@link #encode} can write for {@code count} values. */
    static int maxEncodedSize(int count, int bitWidth) {
        return (count / 8 + 2) * (bitWidth + 5) + 16;
    }

    /** Appends the encoding of {@code values[0, count)} to {@code out} (little-endian, position advanced). */
    static void encode(int[] values, int count, int bitWidth, ByteBuffer out) {
        int byteWidth = (bitWidth + 7) / 8;
        int i = 0;
        while (i < count) {
            int run = runLength(values, i, count);
            if (run >= 8) {
                writeVarInt(out, run << 1);
                int value = values[i];
                for (int b = 0; b < byteWidth; b++) {
                    out.put((byte) (value >>> (8 * b)));
                }
                i += run;
                continue;
            }
            int start = i;
            int groups = 0;
            while (i < count && (groups == 0 || runLength(values, i, count) < 8)) {
                i += 8;
                groups++;
            }
            writeVarInt(out, groups << 1 | 1);
            pack(values, start, Math.min(count, start + groups * 8), start + groups * 8, bitWidth, out);
            i = Math.min(i, count);
        }
    }

    /** Decodes {@code count} values into {@code out[offset, offset + count)}, reading from {@code in}. */
    static void decode(ByteBuffer in, int bitWidth, int[] out, int offset, int count) {
        int byteWidth = (bitWidth + 7) / 8;
        int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        int i = offset;
        int end = offset + count;
        while (i < end) {
            int header = readVarInt(in);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int b = 0; b < byteWidth; b++) {
                    value |= (in.get() & 0xFF) << (8 * b);
                }
                int stop = Math.min(end, i + run);
                Arrays.fill(out, i, stop, value);
                i = stop;
            } else {
                int values = (header >>> 1) * 8;
                int bytes = (header >>> 1) * bitWidth;
                int position = in.position();
                long buffer = 0;
                int bits = 0;
                int read = 0;
                for (int v = 0; v < values; v++) {
                    while (bits < bitWidth) {
                        buffer |= (long) (in.get(position + read++) & 0xFF) << bits;
                        bits += 8;
                    }
                    if (i < end) {
                        out[i++] = (int) buffer & mask;
                    }
                    buffer >>>= bitWidth;
                    bits -= bitWidth;
                }
                in.position(position + bytes);
            }
        }
    }

    private static int runLength(int[] values, int from, int count) {
        int value = values[from];
        int j = from + 1;
        while (j < count && values[j] == value) {
            j++;
        }
        return j - from;
    }

    /** Bit-packs values[from, to), padded with zeros up to {@code paddedTo}, least significant bit first. */
    private static void pack(int[] values, int from, int to, int paddedTo, int bitWidth, ByteBuffer out) {
        long buffer = 0;
        int bits = 0;
        for (int i = from; i < paddedTo; i++) {
            long value = i < to ? values[i] & 0xFFFFFFFFL : 0;
            buffer |= value << bits;
            bits += bitWidth;
            while (bits >= 8) {
                out.put((byte) buffer);
                buffer >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            out.put((byte) buffer);
        }
    }

    static void writeVarInt(ByteBuffer out, int value) {
        while ((value & ~0x7F) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    static int readVarInt(ByteBuffer in) {
        int value = 0;
        int shift = 0;
        while (true) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }
}
