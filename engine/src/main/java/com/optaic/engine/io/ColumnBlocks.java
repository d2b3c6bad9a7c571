package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.util.Map;

/**
 * Output columns computed a block of dates at a time, for {@link PanelWriter#writeParquetByBlocks}: the writer
 * asks for consecutive calendar row ranges in date order and keeps only the block it is writing (and the one
 * before, while its last row group is encoded), so memory is bounded by a block, not by the whole output.
 */
@FunctionalInterface
public interface ColumnBlocks {
    /** The columns holding calendar rows [from, to) of the panel being written. */
    Block compute(int from, int to);

    /**
     * Columns over {@code panel}, whose row 0 is calendar row {@code firstRow} of the panel being written: each
     * an asset-major array of {@code panel}'s shape, one per output name.
     */
    record Block(Panel panel, int firstRow, Map<String, double[]> columns) {
        public Block {
            requireNonNull(panel, "panel is null");
            requireNonNull(columns, "columns is null");
        }
    }
}
