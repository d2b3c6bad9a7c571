package com.optaic.engine.io;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes the long layout as an Arrow IPC file in record batches of {@link #BATCH_ROWS} rows: {@code date} as
 * DateDay, {@code asset} as Utf8, numbers as Float8 and labels as Utf8, NaN and missing labels as nulls.
 */
final class ArrowPanelWriter {
    static final int BATCH_ROWS = 1 << 16;

    private ArrowPanelWriter() {
    }

    static void write(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, Path file) throws IOException {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("date", FieldType.notNullable(new ArrowType.Date(DateUnit.DAY)), null));
        fields.add(new Field("asset", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        for (OutputColumn column : columns) {
            ArrowType type = column.isLabel() ? ArrowType.Utf8.INSTANCE
                    : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            fields.add(new Field(column.name(), FieldType.nullable(type), null));
        }
        int dates = panel.dateCount();
        int[] epochDays = panel.epochDays();
        boolean[] present = panel.presence();
        byte[][] assets = new byte[panel.assetCount()][];
        for (int a = 0; a < assets.length; a++) {
            assets[a] = panel.assets()[a].getBytes(StandardCharsets.UTF_8);
        }
        byte[][][] labels = new byte[columns.size()][][];
        for (int c = 0; c < columns.size(); c++) {
            String[] names = columns.get(c).labels();
            if (names != null) {
                labels[c] = new byte[names.length][];
                for (int i = 0; i < names.length; i++) {
                    labels[c][i] = names[i].getBytes(StandardCharsets.UTF_8);
                }
            }
        }

        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            DateDayVector dateVector = (DateDayVector) root.getVector(0);
            VarCharVector assetVector = (VarCharVector) root.getVector(1);
            int[] cells = new int[BATCH_ROWS];
            int t = rowFrom;
            int a = 0;
            while (t < rowTo) {
                int rows = 0;
                while (t < rowTo && rows < BATCH_ROWS) {
                    int cell = a * dates + t;
                    if (present[cell]) {
                        cells[rows++] = cell;
                    }
                    if (++a == assets.length) {
                        a = 0;
                        t++;
                    }
                }
                if (rows == 0) {
                    break;
                }
                root.allocateNew();
                for (int r = 0; r < rows; r++) {
                    dateVector.setSafe(r, epochDays[cells[r] % dates]);
                    assetVector.setSafe(r, assets[cells[r] / dates]);
                }
                for (int c = 0; c < columns.size(); c++) {
                    double[] values = columns.get(c).values();
                    if (labels[c] != null) {
                        VarCharVector vector = (VarCharVector) root.getVector(c + 2);
                        for (int r = 0; r < rows; r++) {
                            double code = values[cells[r]];
                            if (!Double.isNaN(code)) {
                                vector.setSafe(r, labels[c][(int) code]);
                            }
                        }
                    } else {
                        Float8Vector vector = (Float8Vector) root.getVector(c + 2);
                        for (int r = 0; r < rows; r++) {
                            double value = values[cells[r]];
                            if (!Double.isNaN(value)) {
                                vector.setSafe(r, value);
                            }
                        }
                    }
                }
                root.setRowCount(rows);
                writer.writeBatch();
            }
            writer.end();
        }
    }
}
