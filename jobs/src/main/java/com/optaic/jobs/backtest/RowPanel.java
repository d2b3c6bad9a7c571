package com.optaic.jobs.backtest;

import com.optaic.engine.data.Panel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a {@link Panel} from keyed rows (a date, an asset, named numbers and labels): how a table of events
 * (fills, round trips, drawdown episodes) becomes a dataset. Each (date, asset) key may appear once; a field
 * not set on a row is missing there.
 */
final class RowPanel {
    private record Row(int epochDay, String asset, Map<String, Double> numbers, Map<String, String> labels) {}

    private final String table;
    private final List<String> numericFields;
    private final List<String> groupFields;
    private final List<Row> rows = new ArrayList<>();

    RowPanel(String table, List<String> numericFields, List<String> groupFields) {
        this.table = table;
        this.numericFields = List.copyOf(numericFields);
        this.groupFields = List.copyOf(groupFields);
    }

    void add(int epochDay, String asset, Map<String, Double> numbers, Map<String, String> labels) {
        rows.add(new Row(epochDay, asset, numbers, labels));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Panel build() {
        int[] days = rows.stream().mapToInt(Row::epochDay).distinct().sorted().toArray();
        String[] assets = new TreeSet<>(rows.stream().map(Row::asset).toList()).toArray(String[]::new);
        int cells = days.length * assets.length;
        boolean[] present = new boolean[cells];
        Map<String, double[]> numbers = new LinkedHashMap<>();
        numericFields.forEach(f -> numbers.put(f, filled(cells)));
        Map<String, double[]> codes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> labelCodes = new HashMap<>();
        groupFields.forEach(f -> {
            codes.put(f, filled(cells));
            labelCodes.put(f, new LinkedHashMap<>());
        });
        for (Row row : rows) {
            int cell =
                    Arrays.binarySearch(assets, row.asset()) * days.length + Arrays.binarySearch(days, row.epochDay());
            if (present[cell]) {
                throw new IllegalStateException(
                        table + " has two rows for " + row.asset() + " on " + LocalDate.ofEpochDay(row.epochDay()));
            }
            present[cell] = true;
            row.numbers().forEach((field, value) -> numbers.get(field)[cell] = value);
            row.labels()
                    .forEach((field, label) -> codes.get(field)[cell] = labelCodes
                            .get(field)
                            .computeIfAbsent(label, l -> labelCodes.get(field).size()));
        }
        Map<String, Panel.GroupColumn> groups = new LinkedHashMap<>();
        codes.forEach((field, values) -> groups.put(
                field, new Panel.GroupColumn(labelCodes.get(field).keySet().toArray(String[]::new), values)));
        return new Panel(days, assets, present, numbers, groups);
    }

    private static double[] filled(int cells) {
        double[] values = new double[cells];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
