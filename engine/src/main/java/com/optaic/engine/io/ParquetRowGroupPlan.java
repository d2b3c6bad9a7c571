package com.optaic.engine.io;

import static com.optaic.engine.io.ParquetPanelWriter.PAGE_ROWS;

import com.optaic.engine.data.Panel;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one row group in file order, sorted by date then asset: panel cell, date id (calendar row - from)
 * and asset per row. Row groups hold whole dates, so a date filter prunes them.
 */
record ParquetRowGroupPlan(ParquetRowGroupPlan.RowGroup group, int[] cells, int[] dateIds, int[] assetIds) {
    /** One row group: calendar rows [from, to) holding {@code rows} present cells. */
    record RowGroup(int from, int to, int rows) {}

    int pageCount() {
        return (group.rows() + PAGE_ROWS - 1) / PAGE_ROWS;
    }

    /** Splits the row range at date boundaries into groups of about {@code rowGroupBytes}. */
    static List<RowGroup> rowGroups(Panel panel, int rowFrom, int rowTo, long rowGroupBytes, long bytesPerRow) {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        int[] rowsOfDate = new int[rowTo - rowFrom];
        for (int a = 0; a < panel.assetCount(); a++) {
            int base = a * dates;
            for (int t = rowFrom; t < rowTo; t++) {
                if (present[base + t]) {
                    rowsOfDate[t - rowFrom]++;
                }
            }
        }
        long targetRows = Math.max(1, rowGroupBytes / bytesPerRow);
        List<RowGroup> groups = new ArrayList<>();
        int from = rowFrom;
        long rows = 0;
        for (int t = rowFrom; t < rowTo; t++) {
            int dateRows = rowsOfDate[t - rowFrom];
            if (rows > 0 && rows + dateRows > targetRows) {
                groups.add(new RowGroup(from, t, (int) rows));
                from = t;
                rows = 0;
            }
            rows += dateRows;
        }
        if (rows > 0) {
            groups.add(new RowGroup(from, rowTo, (int) rows));
        }
        return groups;
    }

    /** The plan of a row group: its present cells in date-then-asset order. */
    static ParquetRowGroupPlan of(Panel panel, RowGroup group) {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        int[] cells = new int[group.rows()];
        int[] dateIds = new int[group.rows()];
        int[] assetIds = new int[group.rows()];
        int row = 0;
        for (int t = group.from(); t < group.to(); t++) {
            for (int a = 0, cell = t; a < panel.assetCount(); a++, cell += dates) {
                if (present[cell]) {
                    cells[row] = cell;
                    dateIds[row] = t - group.from();
                    assetIds[row] = a;
                    row++;
                }
            }
        }
        return new ParquetRowGroupPlan(group, cells, dateIds, assetIds);
    }
}
