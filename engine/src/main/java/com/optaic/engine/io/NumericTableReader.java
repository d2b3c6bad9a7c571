package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the numeric columns of any table file ({@code .csv}, {@code .parquet}, {@code .arrow}) into arrays, NaN
 * marking a missing value (an empty or {@code NaN} CSV cell, a null). Unlike {@link PanelReader} it needs no
 * {@code date}/{@code asset} key: the columns named in {@link #KEY_COLUMNS} are skipped, as is every column that
 * is not numeric (text, dates, booleans), listed in {@link NumericTable#otherColumns()}.
 */
public final class NumericTableReader {
    /** Columns that identify a row rather than measure something. */
    public static final Set<String> KEY_COLUMNS = Set.of("date", "asset");

    /**
     * The numeric columns of a table, in file order, each of {@code rows} values.
     *
     * @param otherColumns the columns that were skipped as keys or as not numeric
     */
    public record NumericTable(Map<String, double[]> columns, List<String> otherColumns, long rows) {
        public NumericTable {
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
            otherColumns = List.copyOf(otherColumns);
        }
    }

    private NumericTableReader() {}

    public static NumericTable read(Path path) {
        requireNonNull(path, "path is null");
        PanelFormat format = PanelFormat.of(path)
                .orElseThrow(() -> new OptaicException(
                        EngineErrorCode.UNSUPPORTED_FORMAT,
                        "Cannot read '" + path + "': unknown format; expected a " + IoErrors.SUPPORTED_EXTENSIONS
                                + " file"));
        try {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            if (Files.isDirectory(path)) {
                throw IoErrors.badFile(
                        path.toString(), "a directory; expected a " + IoErrors.SUPPORTED_EXTENSIONS + " file");
            }
            return switch (format) {
                case CSV -> readCsv(path);
                case PARQUET -> readParquet(path);
                case ARROW -> readArrow(path);
            };
        } catch (IOException e) {
            throw IoErrors.cannotRead(path, e);
        }
    }

    private static NumericTable readCsv(Path path) throws IOException {
        String source = path.toString();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw IoErrors.badFile(source, "the file is empty; expected a header line of column names");
            }
            List<String> header = splitCsv(stripBom(headerLine));
            int width = header.size();
            double[][] values = new double[width][1024];
            boolean[] numeric = new boolean[width];
            Arrays.fill(numeric, true);
            int rows = 0;
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                if (cells.size() != width) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_ROW,
                            "Cannot read '" + source + "': line " + lineNumber + " has " + cells.size()
                                    + " columns, the header " + width);
                }
                if (rows == values[0].length) {
                    for (int c = 0; c < width; c++) {
                        values[c] = Arrays.copyOf(values[c], rows * 2);
                    }
                }
                for (int c = 0; c < width; c++) {
                    if (numeric[c]) {
                        String text = cells.get(c).strip();
                        if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
                            values[c][rows] = Double.NaN;
                        } else {
                            try {
                                values[c][rows] = Double.parseDouble(text);
                            } catch (NumberFormatException e) {
                                numeric[c] = false; // a text column: skipped
                            }
                        }
                    }
                }
                rows++;
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            List<String> others = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                String name = header.get(c);
                if (columns.containsKey(name)) {
                    throw IoErrors.badFile(source, "column '" + name + "' appears twice in the header");
                }
                if (KEY_COLUMNS.contains(name) || !numeric[c]) {
                    others.add(name);
                } else {
                    columns.put(name, Arrays.copyOf(values[c], rows));
                }
            }
            return new NumericTable(columns, others, rows);
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Splits a CSV line on commas outside double quotes; a doubled quote inside quotes is one quote. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static NumericTable readParquet(Path path) throws IOException {
        String source = path.toString();
        try (ParquetFileReader reader =
                ParquetFileReader.open(new LocalInputFile(path), ParquetPanelSchema.readOptions())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            long rows = reader.getRecordCount();
            if (rows > Integer.MAX_VALUE - 8) {
                throw IoErrors.badFile(source, rows + " rows: more than one array holds");
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            List<String> others = new ArrayList<>();
            List<ColumnDescriptor> selected = new ArrayList<>();
            for (Type field : schema.getFields()) {
                String name = field.getName();
                if (KEY_COLUMNS.contains(name) || !isNumeric(field)) {
                    others.add(name);
                    continue;
                }
                columns.put(name, new double[(int) rows]);
                selected.add(schema.getColumnDescription(new String[] {name}));
            }
            int offset = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                int count = Math.toIntExact(pages.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoRecords(), schema, createdBy);
                for (ColumnDescriptor column : selected) {
                    double[] target = columns.get(column.getPath()[0]);
                    ColumnReader columnReader = store.getColumnReader(column);
                    int maxDefinition = column.getMaxDefinitionLevel();
                    PrimitiveType.PrimitiveTypeName type =
                            column.getPrimitiveType().getPrimitiveTypeName();
                    for (int r = 0; r < count; r++) {
                        if (columnReader.getCurrentDefinitionLevel() < maxDefinition) {
                            target[offset + r] = Double.NaN;
                        } else {
                            target[offset + r] = switch (type) {
                                case INT32 -> columnReader.getInteger();
                                case INT64 -> columnReader.getLong();
                                case FLOAT -> columnReader.getFloat();
                                default -> columnReader.getDouble();
                            };
                        }
                        columnReader.consume();
                    }
                }
                offset += count;
            }
            return new NumericTable(columns, others, rows);
        } catch (RuntimeException e) {
            if (e instanceof OptaicException) {
                throw e;
            }
            throw IoErrors.badFile(source, "not a readable Parquet file (" + IoErrors.describe(e) + ")");
        }
    }

    private static boolean isNumeric(Type field) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            return false;
        }
        PrimitiveType primitive = field.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return switch (primitive.getPrimitiveTypeName()) {
            case INT32, INT64 -> logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
            case FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /** Column readers need a record converter; no record is ever assembled here. */
    private static final class NoRecords extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {};
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }

    private static NumericTable readArrow(Path path) throws IOException {
        String source = path.toString();
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            VectorSchemaRoot root;
            try {
                root = reader.getVectorSchemaRoot();
            } catch (IOException | RuntimeException e) {
                throw IoErrors.badFile(source, "not an Arrow IPC file (" + IoErrors.describe(e) + ")");
            }
            List<String> names = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                String name = vector.getName();
                boolean numeric = vector instanceof FloatingPointVector
                        || (vector instanceof BaseIntVector && vector.getField().getType() instanceof ArrowType.Int);
                if (KEY_COLUMNS.contains(name) || !numeric) {
                    others.add(name);
                } else {
                    names.add(name);
                }
            }
            double[][] values = new double[names.size()][1024];
            int rows = 0;
            while (reader.loadNextBatch()) {
                int count = root.getRowCount();
                for (int c = 0; c < names.size(); c++) {
                    if (values[c].length < rows + count) {
                        values[c] = Arrays.copyOf(values[c], Math.max(rows + count, values[c].length * 2));
                    }
                    FieldVector vector = root.getVector(names.get(c));
                    for (int r = 0; r < count; r++) {
                        values[c][rows + r] = vector.isNull(r)
                                ? Double.NaN
                                : vector instanceof FloatingPointVector floating
                                        ? floating.getValueAsDouble(r)
                                        : ((BaseIntVector) vector).getValueAsLong(r);
                    }
                }
                rows += count;
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                columns.put(names.get(c), Arrays.copyOf(values[c], rows));
            }
            return new NumericTable(columns, others, rows);
        }
    }
}
