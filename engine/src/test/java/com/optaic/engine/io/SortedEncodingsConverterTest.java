package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/** The footer lists a column chunk's encodings by number, whatever order the writer's set iterates in. */
class SortedEncodingsConverterTest {
    @Test
    void encodingsAreWrittenInTheOrderOfTheirNumbers() {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.DOUBLE)
                .named("x")
                .named("panel");
        PrimitiveType type = schema.getColumns().get(0).getPrimitiveType();
        // the order a HashSet of the writer may iterate in, in some JVM
        LinkedHashSet<Encoding> encodings =
                new LinkedHashSet<>(List.of(Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.PLAIN));
        BlockMetaData block = new BlockMetaData();
        block.addColumn(ColumnChunkMetaData.get(
                ColumnPath.get("x"),
                PrimitiveTypeName.DOUBLE,
                CompressionCodecName.UNCOMPRESSED,
                encodings,
                Statistics.createStats(type),
                4,
                0,
                1,
                10,
                10));
        block.setRowCount(1);
        block.setTotalByteSize(10);
        ParquetMetadata metadata = new ParquetMetadata(
                new org.apache.parquet.hadoop.metadata.FileMetaData(schema, Map.of(), "test"), List.of(block));

        FileMetaData footer = new SortedEncodingsConverter().toParquetMetadata(1, metadata);

        assertThat(footer.getRow_groups()
                        .get(0)
                        .getColumns()
                        .get(0)
                        .getMeta_data()
                        .getEncodings())
                .containsExactly(
                        org.apache.parquet.format.Encoding.PLAIN,
                        org.apache.parquet.format.Encoding.RLE,
                        org.apache.parquet.format.Encoding.RLE_DICTIONARY);
    }
}
