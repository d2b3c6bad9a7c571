package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;

/** Reads a long panel from an Arrow IPC file: {@code date} (date or text), {@code asset} (text), then fields. */
final class ArrowPanelReader {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ArrowPanelReader() {}

    static Panel read(Path path, Set<String> groupFieldNames, Optional<Set<String>> selection) throws IOException {
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
            List<String> available = new ArrayList<>();
            List<String> numericNames = new ArrayList<>();
            List<String> groupNames = new ArrayList<>();
            boolean hasDate = false;
            boolean hasAsset = false;
            for (Field field : root.getSchema().getFields()) {
                String name = field.getName();
                if (name.equals("date")) {
                    hasDate = true;
                } else if (name.equals("asset")) {
                    hasAsset = true;
                } else {
                    available.add(name);
                }
            }
            if (!hasDate || !hasAsset) {
                throw IoErrors.badFile(
                        source,
                        "a panel file needs columns 'date' and 'asset'; found "
                                + root.getSchema().getFields().stream()
                                        .map(Field::getName)
                                        .toList());
            }
            selection.ifPresent(fields -> CsvPanelReader.requireKnown(source, fields, available));
            for (String name : available) {
                if (selection.isPresent() && !selection.get().contains(name)) {
                    continue;
                }
                FieldVector vector = root.getVector(name);
                if (vector instanceof VarCharVector || groupFieldNames.contains(name)) {
                    groupNames.add(name);
                } else if (vector instanceof FloatingPointVector
                        || vector instanceof BaseIntVector
                        || vector instanceof BitVector) {
                    numericNames.add(name);
                } else {
                    throw IoErrors.badFile(
                            source,
                            "column '" + name + "' has type "
                                    + vector.getField().getType() + ", which is not a number or a label");
                }
            }

            LongTable table = new LongTable(numericNames, groupNames);
            long firstRow = 0;
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                LongTable.Chunk chunk =
                        new LongTable.Chunk(source, false, firstRow, numericNames.size(), groupNames.size());
                chunk.rows = rows;
                chunk.days = days(root.getVector("date"), rows, chunk);
                ByteInterner assets = new ByteInterner();
                chunk.assetIds = codes(root.getVector("asset"), rows, assets, chunk, false);
                chunk.assetNames = assets.strings();
                for (int f = 0; f < numericNames.size(); f++) {
                    chunk.numeric[f] = numbers(root.getVector(numericNames.get(f)), rows);
                }
                for (int g = 0; g < groupNames.size(); g++) {
                    ByteInterner labels = new ByteInterner();
                    chunk.groupCodes[g] = codes(root.getVector(groupNames.get(g)), rows, labels, chunk, true);
                    chunk.groupLabels[g] = labels.strings();
                }
                table.add(chunk);
                firstRow += rows;
            }
            return table.toPanel();
        }
    }

    private static int[] days(FieldVector vector, int rows, LongTable.Chunk chunk) {
        int[] days = new int[rows];
        for (int row = 0; row < rows; row++) {
            if (vector.isNull(row)) {
                throw new OptaicException(EngineErrorCode.BAD_VALUE, chunk.where(row) + ": 'date' is null");
            }
            if (vector instanceof DateDayVector dayVector) {
                days[row] = dayVector.get(row);
            } else if (vector instanceof DateMilliVector milliVector) {
                days[row] = (int) Math.floorDiv(milliVector.get(row), MILLIS_PER_DAY);
            } else if (vector instanceof VarCharVector text) {
                byte[] bytes = text.get(row);
                days[row] = TextValues.parseDay(bytes, 0, bytes.length);
                if (days[row] == TextValues.NOT_A_DATE) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_VALUE,
                            chunk.where(row) + ": '" + text.getObject(row) + "' is not a date (expected yyyy-MM-dd)");
                }
            } else {
                throw IoErrors.badFile(
                        chunk.source,
                        "column 'date' has type " + vector.getField().getType()
                                + "; expected a date or a yyyy-MM-dd string");
            }
        }
        return days;
    }

    private static int[] codes(
            FieldVector vector, int rows, ByteInterner interner, LongTable.Chunk chunk, boolean nullable) {
        int[] codes = new int[rows];
        String name = vector.getField().getName();
        if (!(vector instanceof VarCharVector text)) {
            if (!nullable) {
                throw IoErrors.badFile(
                        chunk.source,
                        "column '" + name + "' has type " + vector.getField().getType() + "; expected a string");
            }
            for (int row = 0; row < rows; row++) {
                codes[row] = vector.isNull(row) ? -1 : interner.intern(String.valueOf(vector.getObject(row)));
            }
            return codes;
        }
        ArrowBuf data = text.getDataBuffer();
        byte[] scratch = new byte[64];
        for (int row = 0; row < rows; row++) {
            if (text.isNull(row)) {
                if (!nullable) {
                    throw new OptaicException(EngineErrorCode.BAD_VALUE, chunk.where(row) + ": '" + name + "' is null");
                }
                codes[row] = -1;
                continue;
            }
            int start = text.getStartOffset(row);
            int length = text.getEndOffset(row) - start;
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            data.getBytes(start, scratch, 0, length);
            codes[row] = interner.intern(scratch, 0, length);
        }
        return codes;
    }

    private static double[] numbers(FieldVector vector, int rows) {
        double[] values = new double[rows];
        Arrays.fill(values, Double.NaN);
        for (int row = 0; row < rows; row++) {
            if (vector.isNull(row)) {
                continue;
            }
            if (vector instanceof FloatingPointVector floating) {
                values[row] = floating.getValueAsDouble(row);
            } else if (vector instanceof BaseIntVector integer) {
                values[row] = integer.getValueAsLong(row);
            } else if (vector instanceof BitVector bits) {
                values[row] = bits.get(row);
            }
        }
        return values;
    }
}
