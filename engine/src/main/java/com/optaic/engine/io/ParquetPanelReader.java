package com.optaic.engine.io;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.ParquetPanelSchema.Kind;
import com.optaic.engine.io.ParquetRowGroupReader.FileInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a long panel from a Parquet file or a directory of them ({@code *.parquet}, hidden and {@code _} files
 * skipped). Only the requested columns are read from disk. Row groups are decoded in parallel, one task per
 * row group with its own file handle and codecs (parquet's decompressors are not thread-safe): see
 * {@link ParquetRowGroupReader}. A column chunk in the usual encodings (see {@link ParquetPages}) is decoded a page
 * at a time in bulk straight into primitive arrays; anything else goes value by value through parquet's column
 * reader into the same sinks ({@link ParquetValueSink}), so every valid flat file reads, the common ones fast.
 */
final class ParquetPanelReader {
    private ParquetPanelReader() {}

    static Panel read(Path path, Set<String> groupFieldNames, Optional<Set<String>> selection) throws IOException {
        return read(inputs(files(path)), path.toString(), groupFieldNames, selection, Days.ALL)
                .panel();
    }

    /** An inclusive range of epoch days. */
    record Days(int from, int to) {
        static final Days ALL = new Days(Integer.MIN_VALUE, Integer.MAX_VALUE);

        boolean isAll() {
            return from == Integer.MIN_VALUE && to == Integer.MAX_VALUE;
        }

        boolean overlaps(int min, int max) {
            return max >= from && min <= to;
        }
    }

    /** A panel read, and how many rows were decoded to get it (pruning shows in the count). */
    record Read(Panel panel, long rowsDecoded) {}

    /**
     * Reads the rows of {@code files} dated in {@code days}. Row groups whose date statistics miss the range are
     * skipped, and within the others only the pages whose statistics meet it are decoded (the panel writer keeps
     * pages aligned across columns); rows of a decoded page outside the range are dropped, and so are assets
     * left without a row.
     *
     * @param source names the files in messages (the path the caller was given)
     */
    static Read read(
            List<InputFile> files,
            String source,
            Set<String> groupFieldNames,
            Optional<Set<String>> selection,
            Days days)
            throws IOException {
        ParquetReadOptions options = ParquetPanelSchema.readOptions();

        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<ParquetMetadata> footers = new ArrayList<>();
        for (InputFile file : files) {
            ParquetMetadata footer;
            try (ParquetFileReader reader = ParquetFileReader.open(file, options)) {
                footer = reader.getFooter();
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet file (" + IoErrors.describe(e) + ")");
            }
            footers.add(footer);
            ParquetPanelSchema.classify(
                    file.toString(), footer.getFileMetaData().getSchema(), groupFieldNames, kinds);
        }
        selection.ifPresent(fields -> CsvPanelReader.requireKnown(source, fields, new ArrayList<>(kinds.keySet())));
        List<String> numericNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            if (selection.map(s -> s.contains(name)).orElse(true)) {
                (kind == Kind.NUMERIC ? numericNames : groupNames).add(name);
            }
        });

        List<IoTasks.Task<LongTable.Chunk>> tasks = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            InputFile file = files.get(f);
            ParquetMetadata footer = footers.get(f);
            MessageType schema = footer.getFileMetaData().getSchema();
            List<Type> projected = new ArrayList<>();
            for (Type field : schema.getFields()) {
                String name = field.getName();
                if (name.equals("date")
                        || name.equals("asset")
                        || numericNames.contains(name)
                        || groupNames.contains(name)) {
                    projected.add(field);
                }
            }
            boolean dateIsText =
                    schema.getType("date").asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
            FileInfo info = new FileInfo(
                    file, file.toString(), footer, new MessageType(schema.getName(), projected), dateIsText);
            long firstRow = 0;
            List<BlockMetaData> blocks = footer.getBlocks();
            for (int b = 0; b < blocks.size(); b++) {
                BlockMetaData block = blocks.get(b);
                long blockFirstRow = firstRow;
                if (block.getRowCount() > 0 && (dateIsText || ParquetRowGroupReader.mayHoldDays(block, days))) {
                    tasks.add(() -> ParquetRowGroupReader.readRowGroup(
                            info, block, blockFirstRow, numericNames, groupNames, days));
                }
                firstRow += block.getRowCount();
            }
        }
        LongTable table = new LongTable(numericNames, groupNames);
        long decoded = 0;
        for (LongTable.Chunk chunk : IoTasks.invokeAll(tasks)) {
            decoded += chunk.rows;
            if (!days.isAll()) {
                keepDays(chunk, days);
            }
            table.add(chunk);
        }
        return new Read(table.toPanel(), decoded);
    }

    /** Keeps a chunk's rows dated in the range, in place, and the assets that still have a row. */
    private static void keepDays(LongTable.Chunk chunk, Days days) {
        int kept = 0;
        for (int r = 0; r < chunk.rows; r++) {
            int day = chunk.days[r];
            if (day < days.from() || day > days.to()) {
                continue;
            }
            if (kept != r) {
                chunk.days[kept] = day;
                chunk.assetIds[kept] = chunk.assetIds[r];
                for (double[] values : chunk.numeric) {
                    if (values != null) {
                        values[kept] = values[r];
                    }
                }
                for (int[] codes : chunk.groupCodes) {
                    if (codes != null) {
                        codes[kept] = codes[r];
                    }
                }
            }
            kept++;
        }
        if (kept == chunk.rows) {
            return;
        }
        chunk.rows = kept;
        int[] newId = new int[chunk.assetNames.length];
        Arrays.fill(newId, -1);
        List<String> names = new ArrayList<>();
        for (int r = 0; r < kept; r++) {
            int id = chunk.assetIds[r];
            if (newId[id] < 0) {
                newId[id] = names.size();
                names.add(chunk.assetNames[id]);
            }
            chunk.assetIds[r] = newId[id];
        }
        chunk.assetNames = names.toArray(new String[0]);
    }

    /** The fields of a file or directory, from the footers alone: name -> true for a label (group) field. */
    static Map<String, Boolean> fields(Path path, Set<String> groupFieldNames) throws IOException {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Path file : files(path)) {
            try (ParquetFileReader reader =
                    ParquetFileReader.open(new LocalInputFile(file), ParquetPanelSchema.readOptions())) {
                ParquetPanelSchema.classify(
                        file.toString(), reader.getFooter().getFileMetaData().getSchema(), groupFieldNames, kinds);
            } catch (RuntimeException e) {
                throw IoErrors.badFile(file.toString(), "not a Parquet file (" + IoErrors.describe(e) + ")");
            }
        }
        Map<String, Boolean> fields = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> fields.put(name, kind == Kind.GROUP));
        return fields;
    }

    /** Local files as Parquet inputs that name themselves by their path in messages. */
    static List<InputFile> inputs(List<Path> files) {
        return files.stream().map(ParquetPanelReader::input).toList();
    }

    static InputFile input(Path file) {
        return new LocalInputFile(file) {
            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            return List.of(path);
        }
        try (Stream<Path> listing = Files.list(path)) {
            List<Path> files = listing.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".parquet")
                                && !name.startsWith(".")
                                && !name.startsWith("_")
                                && Files.isRegularFile(p);
                    })
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw IoErrors.badFile(path.toString(), "the directory holds no .parquet files");
            }
            return files;
        }
    }
}
