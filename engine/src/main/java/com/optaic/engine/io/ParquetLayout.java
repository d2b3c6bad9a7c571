package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The distinct dates and the row count of Parquet panel files. The dates come from the date column's
 * dictionary pages (a row group's dictionary holds exactly its dates); a file with a row group that is not
 * wholly dictionary-encoded has its date column decoded.
 */
final class ParquetLayout {
    private ParquetLayout() {}

    static PanelReader.Layout of(List<InputFile> files) throws IOException {
        TreeSet<Integer> days = new TreeSet<>();
        long rowCount = 0;
        for (InputFile file : files) {
            boolean decodeAll = false;
            try (ParquetFileReader reader = ParquetFileReader.open(file, ParquetPanelSchema.readOptions())) {
                rowCount += reader.getRecordCount();
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                ParquetPanelSchema.classify(file.toString(), schema, Set.of(), new LinkedHashMap<>());
                ColumnDescriptor date = schema.getColumnDescription(new String[] {"date"});
                boolean text = date.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
                for (BlockMetaData block : reader.getRowGroups()) {
                    if (block.getRowCount() == 0) {
                        continue;
                    }
                    ColumnChunkMetaData chunk = block.getColumns().stream()
                            .filter(c -> c.getPath().toDotString().equals("date"))
                            .findFirst()
                            .orElseThrow();
                    EncodingStats stats = chunk.getEncodingStats();
                    if (text || stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
                        decodeAll = true;
                        break;
                    }
                    DictionaryPageReadStore dictionaries = reader.getDictionaryReader(block);
                    DictionaryPage page = dictionaries.readDictionaryPage(date);
                    Dictionary dictionary = page.getEncoding().initDictionary(date, page);
                    for (int id = 0; id <= dictionary.getMaxId(); id++) {
                        days.add(dictionary.decodeToInt(id));
                    }
                }
            } catch (OptaicException e) {
                throw e;
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet panel file (" + IoErrors.describe(e) + ")");
            }
            if (decodeAll) {
                for (int day : ParquetPanelReader.read(
                                List.of(file),
                                file.toString(),
                                Set.of(),
                                Optional.of(Set.of()),
                                ParquetPanelReader.Days.ALL)
                        .panel()
                        .epochDays()) {
                    days.add(day);
                }
            }
        }
        return new PanelReader.Layout(days.stream().mapToInt(Integer::intValue).toArray(), rowCount);
    }
}
