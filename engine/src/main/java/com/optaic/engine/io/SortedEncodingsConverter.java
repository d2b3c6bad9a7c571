package com.optaic.engine.io;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.crypto.InternalFileEncryptor;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Parquet's file writer collects each column chunk's encodings in a {@code HashSet} of enum constants, whose order
 * follows their identity hash codes: the footer's encoding lists, and so a file's bytes, differ from one JVM to the
 * next (a Spark executor's file from the driver's, one run's from its reproduction's) for the same data. This
 * converter writes every such list sorted by the encoding's number, so equal data gives equal bytes in every process
 * (content hashes compare files byte for byte).
 */
final class SortedEncodingsConverter extends ParquetMetadataConverter {
    private static final Field WRITER_CONVERTER = converterField();

    /** Makes {@code writer} write its footer through this converter; call before {@code end}. */
    static void install(ParquetFileWriter writer) {
        try {
            WRITER_CONVERTER.set(writer, new SortedEncodingsConverter());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot set the Parquet writer's metadata converter", e);
        }
    }

    @Override
    public FileMetaData toParquetMetadata(int currentVersion, ParquetMetadata metadata) {
        return toParquetMetadata(currentVersion, metadata, null);
    }

    @Override
    public FileMetaData toParquetMetadata(
            int currentVersion, ParquetMetadata metadata, InternalFileEncryptor encryptor) {
        FileMetaData converted = super.toParquetMetadata(currentVersion, metadata, encryptor);
        for (RowGroup group : converted.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                if (column != null && column.getEncodings() != null) {
                    List<Encoding> sorted = new ArrayList<>(column.getEncodings());
                    sorted.sort(Comparator.comparingInt(Encoding::getValue));
                    column.setEncodings(sorted);
                }
            }
        }
        return converted;
    }

    private static Field converterField() {
        try {
            Field field = ParquetFileWriter.class.getDeclaredField("metadataConverter");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("This Parquet's ParquetFileWriter has no metadataConverter field", e);
        }
    }
}
