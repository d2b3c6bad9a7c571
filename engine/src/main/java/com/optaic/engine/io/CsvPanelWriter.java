package com.optaic.engine.io;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the long CSV layout: ISO dates; numbers in the shortest decimal that parses back to the same double
 * (as {@link Double#toString}, without its exponent form); NaN and missing labels as empty cells.
 */
final class CsvPanelWriter {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private CsvPanelWriter() {}

    static void write(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, Path file) throws IOException {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        byte[][] assets = new byte[panel.assetCount()][];
        for (int a = 0; a < assets.length; a++) {
            assets[a] = field(panel.assets()[a]);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            Buffer buffer = new Buffer(out);
            buffer.append(field("date")).append((byte) ',').append(field("asset"));
            for (OutputColumn column : columns) {
                buffer.append((byte) ',').append(field(column.name()));
            }
            buffer.append((byte) '\n');
            byte[][][] labels = new byte[columns.size()][][];
            for (int c = 0; c < columns.size(); c++) {
                String[] names = columns.get(c).labels();
                if (names != null) {
                    labels[c] = Arrays.stream(names).map(CsvPanelWriter::field).toArray(byte[][]::new);
                }
            }
            for (int t = rowFrom; t < rowTo; t++) {
                byte[] date = panel.date(t).toString().getBytes(StandardCharsets.US_ASCII);
                for (int a = 0; a < assets.length; a++) {
                    int cell = a * dates + t;
                    if (!present[cell]) {
                        continue;
                    }
                    buffer.append(date).append((byte) ',').append(assets[a]);
                    for (int c = 0; c < labels.length; c++) {
                        buffer.append((byte) ',');
                        double value = columns.get(c).values()[cell];
                        if (Double.isNaN(value)) {
                            continue;
                        }
                        if (labels[c] != null) {
                            buffer.append(labels[c][(int) value]);
                        } else if (!buffer.appendShortDecimal(value)) {
                            buffer.appendAscii(Double.toString(value));
                        }
                    }
                    buffer.append((byte) '\n');
                }
            }
            buffer.flush();
        }
    }

    /** The UTF-8 bytes of a text cell, quoted when it holds a comma, quote or line break. */
    private static byte[] field(String text) {
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        String cell = quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
        return cell.getBytes(StandardCharsets.UTF_8);
    }

    /** A byte buffer in front of the stream: no per-cell writes through the stream. */
    private static final class Buffer {
        private final OutputStream out;
        private final byte[] bytes = new byte[BUFFER];
        private final byte[] scratch = new byte[32];
        private int size;

        Buffer(OutputStream out) {
            this.out = out;
        }

        Buffer append(byte b) throws IOException {
            if (size == bytes.length) {
                flush();
            }
            bytes[size++] = b;
            return this;
        }

        Buffer append(byte[] data) throws IOException {
            if (data.length > bytes.length - size) {
                flush();
                if (data.length > bytes.length) {
                    out.write(data);
                    return this;
                }
            }
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
            return this;
        }

        void appendAscii(String text) throws IOException {
            int length = text.length();
            if (length > bytes.length - size) {
                flush();
            }
            for (int i = 0; i < length; i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
        }

        /**
         * Appends {@code value} as {@code digits.fraction} with the fewest fraction digits (at most 9) whose
         * decimal parses back to exactly {@code value}; false, appending nothing, if there is none. Such a
         * decimal m / 10^k with m below 2^53 parses to the correctly rounded quotient, which is checked here.
         */
        boolean appendShortDecimal(double value) throws IOException {
            double magnitude = Math.abs(value);
            if (!(magnitude >= 1e-9 && magnitude < 1e15)) {
                return false;
            }
            for (int k = 0; k <= MAX_FRACTION_DIGITS; k++) {
                double scaled = magnitude * POWERS_OF_TEN[k];
                if (scaled >= 1e15) {
                    return false;
                }
                long digits = Math.round(scaled);
                if (digits / POWERS_OF_TEN[k] == magnitude) {
                    appendDecimal(value < 0, digits, k);
                    return true;
                }
            }
            return false;
        }

        /** Appends sign, {@code digits} with a decimal point {@code scale} digits from the right ("5.0" at 0). */
        private void appendDecimal(boolean negative, long digits, int scale) throws IOException {
            int position = scratch.length;
            if (scale == 0) {
                scratch[--position] = '0';
                scratch[--position] = '.';
            }
            long rest = digits;
            int written = 0;
            do {
                if (written == scale && scale > 0) {
                    scratch[--position] = '.';
                }
                scratch[--position] = (byte) ('0' + rest % 10);
                rest /= 10;
                written++;
            } while (rest > 0 || written <= scale);
            if (negative) {
                scratch[--position] = '-';
            }
            if (scratch.length - position > bytes.length - size) {
                flush();
            }
            System.arraycopy(scratch, position, bytes, size, scratch.length - position);
            size += scratch.length - position;
        }

        void flush() throws IOException {
            out.write(bytes, 0, size);
            size = 0;
        }
    }
}
