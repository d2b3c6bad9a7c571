package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Stores the values of one column chunk, either in bulk from whole pages ({@link #readPages}) or one at a
 * time as a converter at {@link #row}, which the generic decode loop sets before each value.
 */
abstract class ParquetValueSink extends PrimitiveConverter {
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
    abstract void putPlain(int start, int rows, int[] presence, ByteBuffer plain);

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
    final void readPages(PageReader pageReader, ColumnDescriptor column, int rows, long[] selected) throws IOException {
        DictionaryPage dictionaryPage = pageReader.readDictionaryPage();
        if (dictionaryPage != null) {
            setDictionary(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
        }
        ParquetPages pages = new ParquetPages(pageReader, column);
        int[] ids = new int[0];
        int start = 0;
        while (start < rows && pages.next()) {
            if (selected != null
                    && (start + pages.rows > rows
                            || pages.firstRowIndex != selected[start]
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
            throw new ParquetDecodingException(
                    "column '" + column.getPath()[0] + "' has " + start + " values for " + rows + " rows");
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

    /** A filtered row group whose pages cannot be decoded in bulk into the selected rows. */
    static final class UnalignedPages extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnalignedPages() {
            super(null, null, false, false);
        }
    }

    /** The next PLAIN-encoded BYTE_ARRAY value: a 4-byte little-endian length, then the bytes. */
    static Binary plainBinary(ByteBuffer plain) {
        byte[] bytes = new byte[plain.getInt()];
        plain.get(bytes);
        return Binary.fromConstantByteArray(bytes);
    }
}
