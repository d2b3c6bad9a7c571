package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fills Arrow vectors with a panel's present cells in the long layout, date then asset, one batch of at most
 * {@link #BATCH_ROWS} rows per {@link #next()}: {@code date} as DateDay, {@code asset} as Utf8, numbers as Float8
 * and labels as Utf8, NaN and missing labels as nulls. The Arrow IPC writer and dataset readers share it.
 *
 * <pre>{@code
 * try (ArrowBatches batches = ArrowBatches.of(panel, allocator)) {
 *     while (batches.next()) {
 *         consume(batches.root());   // valid until the next call
 *     }
 * }
 * }</pre>
 */
public final class ArrowBatches implements AutoCloseable {
    public static final int BATCH_ROWS = 1 << 16;

    private final Panel panel;
    private final int rowTo;
    private final List<OutputColumn> columns;
    private final VectorSchemaRoot root;
    private final byte[][] assets;
    private final byte[][][] labels;
    private final int[] cells = new int[BATCH_ROWS];
    private int row;
    private int asset;

    ArrowBatches(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, BufferAllocator allocator) {
        this.panel = requireNonNull(panel, "panel is null");
        if (rowFrom < 0 || rowTo < rowFrom || rowTo > panel.dateCount()) {
            throw new IllegalArgumentException(
                    "rows [" + rowFrom + ", " + rowTo + ") outside the panel's " + panel.dateCount() + " dates");
        }
        this.rowTo = rowTo;
        this.row = rowFrom;
        this.columns = List.copyOf(columns);
        this.root = VectorSchemaRoot.create(schema(this.columns), requireNonNull(allocator, "allocator is null"));
        this.assets = new byte[panel.assetCount()][];
        for (int a = 0; a < assets.length; a++) {
            assets[a] = panel.assets()[a].getBytes(StandardCharsets.UTF_8);
        }
        this.labels = new byte[this.columns.size()][][];
        for (int c = 0; c < this.columns.size(); c++) {
            String[] names = this.columns.get(c).labels();
            if (names != null) {
                labels[c] = new byte[names.length][];
                for (int i = 0; i < names.length; i++) {
                    labels[c][i] = names[i].getBytes(StandardCharsets.UTF_8);
                }
            }
        }
    }

    /** Every field of the panel (numbers, then labels) for all its dates. */
    public static ArrowBatches of(Panel panel, BufferAllocator allocator) {
        return of(panel, 0, panel.dateCount(), allocator);
    }

    /** Every field of the panel for calendar rows [rowFrom, rowTo). */
    public static ArrowBatches of(Panel panel, int rowFrom, int rowTo, BufferAllocator allocator) {
        return new ArrowBatches(panel, rowFrom, rowTo, OutputColumn.allOf(panel), allocator);
    }

    static Schema schema(List<OutputColumn> columns) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("date", FieldType.notNullable(new ArrowType.Date(DateUnit.DAY)), null));
        fields.add(new Field("asset", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        for (OutputColumn column : columns) {
            ArrowType type = column.isLabel()
                    ? ArrowType.Utf8.INSTANCE
                    : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            fields.add(new Field(column.name(), FieldType.nullable(type), null));
        }
        return new Schema(fields);
    }

    /** The vectors of the current batch. */
    public VectorSchemaRoot root() {
        return root;
    }

    /** Fills the next batch; false (and an empty root) when every row has been served. */
    public boolean next() {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        int rows = 0;
        while (row < rowTo && rows < BATCH_ROWS) {
            int cell = asset * dates + row;
            if (present[cell]) {
                cells[rows++] = cell;
            }
            if (++asset == assets.length) {
                asset = 0;
                row++;
            }
        }
        root.allocateNew();
        if (rows == 0) {
            root.setRowCount(0);
            return false;
        }
        int[] epochDays = panel.epochDays();
        DateDayVector dateVector = (DateDayVector) root.getVector(0);
        VarCharVector assetVector = (VarCharVector) root.getVector(1);
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
        return true;
    }

    @Override
    public void close() {
        root.close();
    }
}
