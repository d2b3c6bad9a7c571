package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The rows of one split that fall in a date range, in a form Spark can ship between tasks ({@link Panel} is not
 * serialisable): the panel's arrays, asset-major, with the split's own label tables. A fragment holds only dates
 * and assets that have a row.
 */
final class Fragment implements Serializable {
    private static final long serialVersionUID = 1L;

    final int split;
    final int[] epochDays;
    final String[] assets;
    final boolean[] present;
    final LinkedHashMap<String, double[]> numeric;
    final LinkedHashMap<String, String[]> labels;
    final LinkedHashMap<String, double[]> codes;

    private Fragment(
            int split,
            int[] epochDays,
            String[] assets,
            boolean[] present,
            LinkedHashMap<String, double[]> numeric,
            LinkedHashMap<String, String[]> labels,
            LinkedHashMap<String, double[]> codes) {
        this.split = split;
        this.epochDays = epochDays;
        this.assets = assets;
        this.present = present;
        this.numeric = numeric;
        this.labels = labels;
        this.codes = codes;
    }

    /** The rows of the panel dated in (afterDay, throughDay]. */
    static Fragment of(int split, Panel panel, int afterDay, int throughDay) {
        int[] days = panel.epochDays();
        int from = 0;
        while (from < days.length && days[from] <= afterDay) {
            from++;
        }
        int to = from;
        while (to < days.length && days[to] <= throughDay) {
            to++;
        }
        LinkedHashMap<String, String[]> labels = new LinkedHashMap<>();
        LinkedHashMap<String, double[]> codes = new LinkedHashMap<>();
        panel.groupFields().forEach((name, column) -> {
            labels.put(name, column.labels());
            codes.put(name, column.codes());
        });
        return new Fragment(
                        split,
                        days,
                        panel.assets(),
                        panel.presence(),
                        new LinkedHashMap<>(panel.numericFields()),
                        labels,
                        codes)
                .rows(from, to);
    }

    int dateCount() {
        return epochDays.length;
    }

    long rowCount() {
        long rows = 0;
        for (boolean p : present) {
            rows += p ? 1 : 0;
        }
        return rows;
    }

    /** Calendar rows [from, to), keeping only the dates and assets with a row there (this fragment if all are). */
    Fragment rows(int from, int to) {
        int dates = epochDays.length;
        boolean[] dateUsed = new boolean[Math.max(0, to - from)];
        List<Integer> keptAssets = new ArrayList<>();
        for (int a = 0; a < assets.length; a++) {
            boolean any = false;
            for (int t = from; t < to; t++) {
                if (present[a * dates + t]) {
                    any = true;
                    dateUsed[t - from] = true;
                }
            }
            if (any) {
                keptAssets.add(a);
            }
        }
        int[] rows = IntStream.range(0, dateUsed.length)
                .filter(i -> dateUsed[i])
                .map(i -> from + i)
                .toArray();
        int rowCount = rows.length;
        if (rowCount == dates && keptAssets.size() == assets.length) {
            return this;
        }
        int[] newDays = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            newDays[i] = epochDays[rows[i]];
        }
        String[] newAssets = new String[keptAssets.size()];
        int[] sourceAssets = new int[newAssets.length];
        for (int i = 0; i < newAssets.length; i++) {
            sourceAssets[i] = keptAssets.get(i);
            newAssets[i] = assets[sourceAssets[i]];
        }
        boolean[] newPresent = new boolean[newAssets.length * rowCount];
        for (int i = 0; i < newAssets.length; i++) {
            for (int r = 0; r < rowCount; r++) {
                newPresent[i * rowCount + r] = present[sourceAssets[i] * dates + rows[r]];
            }
        }
        LinkedHashMap<String, double[]> newNumeric = new LinkedHashMap<>();
        numeric.forEach((name, values) -> newNumeric.put(name, copy(values, dates, rows, sourceAssets)));
        LinkedHashMap<String, double[]> newCodes = new LinkedHashMap<>();
        codes.forEach((name, values) -> newCodes.put(name, copy(values, dates, rows, sourceAssets)));
        return new Fragment(split, newDays, newAssets, newPresent, newNumeric, labels, newCodes);
    }

    private static double[] copy(double[] values, int dates, int[] rows, int[] sourceAssets) {
        double[] out = new double[sourceAssets.length * rows.length];
        boolean contiguous = rows.length == 0 || rows[rows.length - 1] - rows[0] == rows.length - 1;
        for (int i = 0; i < sourceAssets.length; i++) {
            int base = sourceAssets[i] * dates;
            if (contiguous) {
                System.arraycopy(values, base + (rows.length == 0 ? 0 : rows[0]), out, i * rows.length, rows.length);
                continue;
            }
            for (int r = 0; r < rows.length; r++) {
                out[i * rows.length + r] = values[base + rows[r]];
            }
        }
        return out;
    }

    /** The fragment cut at file boundaries: per range whose [first day, last day] holds rows, its part. */
    List<Map.Entry<Integer, Fragment>> byRange(int[] rangeFirstDays) {
        List<Map.Entry<Integer, Fragment>> parts = new ArrayList<>();
        int t = 0;
        while (t < epochDays.length) {
            int range = rangeOf(rangeFirstDays, epochDays[t]);
            int end = t + 1;
            int nextStart = range + 1 < rangeFirstDays.length ? rangeFirstDays[range + 1] : Integer.MAX_VALUE;
            while (end < epochDays.length && epochDays[end] < nextStart) {
                end++;
            }
            parts.add(Map.entry(range, rows(t, end)));
            t = end;
        }
        return parts;
    }

    /** The range whose first day is the last one at or before {@code day}. */
    static int rangeOf(int[] rangeFirstDays, int day) {
        int i = Arrays.binarySearch(rangeFirstDays, day);
        return i >= 0 ? i : -i - 2;
    }
}
