package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV text into lines and comma-separated fields without building strings: each field is a
 * byte range of {@link #bytes()}. Quoted fields may contain commas and doubled quotes but not line breaks.
 * Blank lines are skipped; line numbers are 1-based file lines.
 */
final class CsvScanner implements Closeable {
    private static final int INITIAL_BUFFER = 1 << 20;

    private final InputStream in;
    private final String source;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int lineNumber;
    private int fieldCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escaped = new boolean[16];

    CsvScanner(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        fill();
        if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    /** Advances to the next non-blank line and splits it; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            int newline = indexOfNewline();
            while (newline < 0 && !endOfInput) {
                fill();
                newline = indexOfNewline();
            }
            if (newline < 0 && position >= limit) {
                return false;
            }
            int lineEnd = newline < 0 ? limit : newline;
            lineNumber++;
            int start = position;
            position = newline < 0 ? limit : newline + 1;
            int end = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (end > start) {
                split(start, end);
                return true;
            }
        }
    }

    int lineNumber() {
        return lineNumber;
    }

    String source() {
        return source;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** The buffer holding the current line's fields; valid until the next call to {@link #next}. */
    byte[] bytes() {
        return buffer;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    /** Whether a quoted field holds doubled quotes, so its bytes are not its text. */
    boolean isEscaped(int field) {
        return escaped[field];
    }

    String text(int field) {
        String text = new String(buffer, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
        return escaped[field] ? text.replace("\"\"", "\"") : text;
    }

    String[] texts() {
        String[] texts = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            texts[i] = text(i);
        }
        return texts;
    }

    private void split(int start, int end) {
        fieldCount = 0;
        int i = start;
        while (true) {
            ensureFieldCapacity();
            boolean hasEscapes = false;
            int fieldStart;
            int fieldEnd;
            if (i < end && buffer[i] == '"') {
                fieldStart = i + 1;
                int j = fieldStart;
                while (true) {
                    if (j >= end) {
                        throw new OptaicException(
                                EngineErrorCode.BAD_ROW,
                                source + ":" + lineNumber + ": unterminated quoted field in column "
                                        + (fieldCount + 1));
                    }
                    if (buffer[j] == '"') {
                        if (j + 1 < end && buffer[j + 1] == '"') {
                            hasEscapes = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                fieldEnd = j;
                i = j + 1;
                if (i < end && buffer[i] != ',') {
                    throw new OptaicException(
                            EngineErrorCode.BAD_ROW,
                            source + ":" + lineNumber + ": unexpected text after the closing quote in column "
                                    + (fieldCount + 1));
                }
            } else {
                fieldStart = i;
                while (i < end && buffer[i] != ',') {
                    i++;
                }
                fieldEnd = i;
            }
            starts[fieldCount] = fieldStart;
            ends[fieldCount] = fieldEnd;
            escaped[fieldCount] = hasEscapes;
            fieldCount++;
            if (i >= end) {
                return;
            }
            i++; // the comma
        }
    }

    private void ensureFieldCapacity() {
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, fieldCount * 2);
            ends = Arrays.copyOf(ends, fieldCount * 2);
            escaped = Arrays.copyOf(escaped, fieldCount * 2);
        }
    }

    private int indexOfNewline() {
        byte[] b = buffer;
        for (int i = position; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the front, grows the buffer if a line fills it, and reads more. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.readNBytes(buffer, limit, buffer.length - limit);
        limit += read;
        if (limit < buffer.length) {
            endOfInput = true;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
