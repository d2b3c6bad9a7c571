package com.optaic.engine.dataset;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reshaping panels without touching disk: slicing a calendar range, keeping some assets and fields, and merging
 * the panels read from several files into one.
 */
final class Panels {

    private Panels() {}

    /** Calendar rows of the panel that have at least one present cell, in order. */
    static int[] rowsWithData(Panel panel) {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        boolean[] any = new boolean[dates];
        for (int a = 0; a < panel.assetCount(); a++) {
            int base = a * dates;
            for (int t = 0; t < dates; t++) {
                any[t] |= present[base + t];
            }
        }
        int count = 0;
        for (boolean b : any) {
            count += b ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int t = 0, next = 0; t < dates; t++) {
            if (any[t]) {
                rows[next++] = t;
            }
        }
        return rows;
    }

    /**
     * Calendar rows [rowFrom, rowTo) of the panel, keeping only the assets that have a present cell there (all of
     * them when {@code dropEmptyAssets} is false). Arrays are copied; group labels are shared.
     */
    static Panel sliceRows(Panel panel, int rowFrom, int rowTo, boolean dropEmptyAssets) {
        int dates = panel.dateCount();
        boolean[] present = panel.presence();
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < panel.assetCount(); a++) {
            boolean any = !dropEmptyAssets;
            for (int t = rowFrom; t < rowTo && !any; t++) {
                any = present[a * dates + t];
            }
            if (any) {
                kept.add(a);
            }
        }
        int[] assets = kept.stream().mapToInt(Integer::intValue).toArray();
        String[] names = new String[assets.length];
        Arrays.setAll(names, i -> panel.assets()[assets[i]]);
        return copyCells(panel, rowFrom, rowTo, assets, names);
    }

    /**
     * The cells of the inclusive date range (null = open) and of the listed assets, as a panel whose assets are
     * exactly {@code assets} (when not null) in sorted order: an asset the panel lacks is present nowhere.
     */
    static Panel select(Panel panel, LocalDate from, LocalDate to, Collection<String> assets) {
        int[] range = panel.rowRange(from, to);
        if (assets == null) {
            if (range[0] == 0 && range[1] == panel.dateCount()) {
                return panel;
            }
            int[] all = new int[panel.assetCount()];
            Arrays.setAll(all, a -> a);
            return copyCells(panel, range[0], range[1], all, panel.assets());
        }
        Map<String, Integer> index = indexOf(panel.assets());
        String[] wanted = new TreeSet<>(assets).toArray(new String[0]);
        int[] source = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            source[i] = index.getOrDefault(wanted[i], -1);
        }
        return copyCells(panel, range[0], range[1], source, wanted);
    }

    /**
     * Copies calendar rows [rowFrom, rowTo) of the given source assets, named {@code names} in the copy; a source
     * asset of -1 is present nowhere.
     */
    private static Panel copyCells(Panel panel, int rowFrom, int rowTo, int[] sourceAssets, String[] names) {
        int dates = panel.dateCount();
        int newDates = rowTo - rowFrom;
        int cells = sourceAssets.length * newDates;
        boolean[] present = new boolean[cells];
        for (int i = 0; i < sourceAssets.length; i++) {
            int a = sourceAssets[i];
            if (a >= 0) {
                System.arraycopy(panel.presence(), a * dates + rowFrom, present, i * newDates, newDates);
            }
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        panel.numericFields()
                .forEach((name, values) ->
                        numeric.put(name, copyValues(values, dates, rowFrom, newDates, sourceAssets)));
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        panel.groupFields()
                .forEach((name, column) -> groups.put(
                        name,
                        new GroupColumn(
                                column.labels(), copyValues(column.codes(), dates, rowFrom, newDates, sourceAssets))));
        int[] days = Arrays.copyOfRange(panel.epochDays(), rowFrom, rowTo);
        return new Panel(days, names, present, numeric, groups);
    }

    private static double[] copyValues(double[] values, int dates, int rowFrom, int newDates, int[] sourceAssets) {
        double[] copy = new double[sourceAssets.length * newDates];
        for (int i = 0; i < sourceAssets.length; i++) {
            int a = sourceAssets[i];
            if (a >= 0) {
                System.arraycopy(values, a * dates + rowFrom, copy, i * newDates, newDates);
            } else {
                Arrays.fill(copy, i * newDates, (i + 1) * newDates, Double.NaN);
            }
        }
        return copy;
    }

    /**
     * Merges panels whose present cells do not overlap into one: the calendar is the union of their calendars,
     * the assets {@code assets} if not null (others dropped) else the sorted union, and the fields those named,
     * in that order; a field a part lacks is NaN (missing label) on that part's cells.
     */
    static Panel merge(List<Panel> parts, String[] assets, List<String> numericNames, List<String> groupNames) {
        int[] calendar = parts.stream()
                .flatMapToInt(p -> Arrays.stream(p.epochDays()))
                .sorted()
                .distinct()
                .toArray();
        if (assets == null) {
            TreeSet<String> union = new TreeSet<>();
            parts.forEach(p -> union.addAll(Arrays.asList(p.assets())));
            assets = union.toArray(new String[0]);
        }
        Map<String, Integer> assetIndex = indexOf(assets);
        int dates = calendar.length;
        int cells = Math.multiplyExact(dates, assets.length);
        boolean[] present = new boolean[cells];
        Map<String, double[]> numeric = new LinkedHashMap<>();
        for (String name : numericNames) {
            double[] values = new double[cells];
            Arrays.fill(values, Double.NaN);
            numeric.put(name, values);
        }
        Map<String, String[]> labels = new LinkedHashMap<>();
        for (String name : groupNames) {
            TreeSet<String> union = new TreeSet<>();
            for (Panel part : parts) {
                GroupColumn column = part.groupFields().get(name);
                if (column != null) {
                    union.addAll(Arrays.asList(column.labels()));
                }
            }
            labels.put(name, union.toArray(new String[0]));
        }
        Map<String, double[]> codes = new LinkedHashMap<>();
        for (String name : groupNames) {
            double[] values = new double[cells];
            Arrays.fill(values, Double.NaN);
            codes.put(name, values);
        }

        for (Panel part : parts) {
            int partDates = part.dateCount();
            if (partDates == 0) {
                continue;
            }
            int firstRow = Arrays.binarySearch(calendar, part.epochDays()[0]);
            boolean contiguous =
                    Arrays.binarySearch(calendar, part.epochDays()[partDates - 1]) == firstRow + partDates - 1;
            int[] rowOf = new int[partDates];
            for (int t = 0; t < partDates; t++) {
                rowOf[t] = contiguous ? firstRow + t : Arrays.binarySearch(calendar, part.epochDays()[t]);
            }
            Map<String, double[]> groupRemaps = new HashMap<>();
            for (String name : groupNames) {
                GroupColumn column = part.groupFields().get(name);
                if (column != null) {
                    Map<String, Integer> index = indexOf(labels.get(name));
                    double[] remap = new double[column.labels().length];
                    for (int i = 0; i < remap.length; i++) {
                        remap[i] = index.get(column.labels()[i]);
                    }
                    groupRemaps.put(name, remap);
                }
            }
            boolean[] partPresent = part.presence();
            for (int a = 0; a < part.assetCount(); a++) {
                Integer target = assetIndex.get(part.assets()[a]);
                if (target == null) {
                    continue;
                }
                int source = a * partDates;
                int base = target * dates;
                for (int t = 0; t < partDates; t++) {
                    if (partPresent[source + t]) {
                        int cell = base + rowOf[t];
                        if (present[cell]) {
                            throw new OptaicException(
                                    EngineErrorCode.DUPLICATE_CELL,
                                    "Two data files hold a row for ("
                                            + LocalDate.ofEpochDay(calendar[rowOf[t]]) + ", " + assets[target]
                                            + ")");
                        }
                        present[cell] = true;
                    }
                }
                for (String name : numericNames) {
                    double[] values = part.numericFields().get(name);
                    if (values != null) {
                        copyRow(values, source, numeric.get(name), base, rowOf, contiguous);
                    }
                }
                for (Map.Entry<String, double[]> remap : groupRemaps.entrySet()) {
                    double[] from = part.groupFields().get(remap.getKey()).codes();
                    double[] to = codes.get(remap.getKey());
                    double[] map = remap.getValue();
                    for (int t = 0; t < partDates; t++) {
                        double code = from[source + t];
                        to[base + rowOf[t]] = !Double.isNaN(code) ? map[(int) code] : Double.NaN;
                    }
                }
            }
        }
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        for (String name : groupNames) {
            groups.put(name, new GroupColumn(labels.get(name), codes.get(name)));
        }
        return new Panel(calendar, assets, present, numeric, groups);
    }

    private static void copyRow(double[] from, int source, double[] to, int base, int[] rowOf, boolean contiguous) {
        if (contiguous) {
            System.arraycopy(from, source, to, base + rowOf[0], rowOf.length);
            return;
        }
        for (int t = 0; t < rowOf.length; t++) {
            to[base + rowOf[t]] = from[source + t];
        }
    }

    static Map<String, Integer> indexOf(String[] names) {
        Map<String, Integer> index = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        return index;
    }
}
