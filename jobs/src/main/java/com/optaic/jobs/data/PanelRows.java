package com.optaic.jobs.data;

import com.optaic.engine.data.Panel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calendar slices of a panel (the dataset package keeps its own helpers private). */
public final class PanelRows {
    private PanelRows() {}

    /** The rows dated strictly after {@code date}; the same panel if all are. */
    public static Panel after(Panel panel, LocalDate date) {
        int first = 0;
        int day = (int) date.toEpochDay();
        int[] days = panel.epochDays();
        while (first < days.length && days[first] <= day) {
            first++;
        }
        return first == 0 ? panel : rows(panel, first, days.length);
    }

    /** Calendar rows [from, to) of every field. */
    public static Panel rows(Panel panel, int from, int to) {
        int dates = panel.dateCount();
        int rows = to - from;
        int assets = panel.assetCount();
        boolean[] present = new boolean[rows * assets];
        for (int a = 0; a < assets; a++) {
            System.arraycopy(panel.presence(), a * dates + from, present, a * rows, rows);
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        panel.numericFields().forEach((name, values) -> numeric.put(name, slice(values, dates, from, rows, assets)));
        Map<String, Panel.GroupColumn> groups = new LinkedHashMap<>();
        panel.groupFields().forEach((name, group) -> groups.put(name,
                new Panel.GroupColumn(group.labels(), slice(group.codes(), dates, from, rows, assets))));
        return new Panel(Arrays.copyOfRange(panel.epochDays(), from, to), panel.assets(), present, numeric, groups);
    }

    private static double[] slice(double[] values, int dates, int from, int rows, int assets) {
        double[] out = new double[rows * assets];
        for (int a = 0; a < assets; a++) {
            System.arraycopy(values, a * dates + from, out, a * rows, rows);
        }
        return out;
    }
}
