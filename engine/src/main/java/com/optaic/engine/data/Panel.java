package com.optaic.engine.data;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dense date x asset panel in memory: the in-process form of a dataset slice and the input of the
 * kernels. The calendar is the sorted distinct dates of the input; a (date, asset) cell that had no row in
 * the input is absent ({@link #isPresent}) and holds NaN in every field.
 *
 * <p>Arrays are asset-major, so each asset's time series is contiguous: the value of asset {@code a} on
 * calendar row {@code t} is {@code field[a * dateCount() + t]}. Group fields (sector, industry...) are held
 * as codes into a label table, NaN where the label is missing.
 */
public final class Panel {
    /** A label-valued column such as {@code sector}: {@code codes[i]} indexes {@code labels}, NaN if missing. */
    public record GroupColumn(String[] labels, double[] codes) {
        public GroupColumn {
            requireNonNull(labels, "labels is null");
            requireNonNull(codes, "codes is null");
        }
    }

    private final int[] epochDays;
    private final String[] assets;
    private final boolean[] present;
    private final Map<String, double[]> numericFields;
    private final Map<String, GroupColumn> groupFields;

    /**
     * @param epochDays the calendar, strictly increasing days since 1970-01-01
     * @param assets asset identifiers, distinct
     * @param present per cell, whether the input had a row there; null means every cell is present
     */
    public Panel(
            int[] epochDays,
            String[] assets,
            boolean[] present,
            Map<String, double[]> numericFields,
            Map<String, GroupColumn> groupFields) {
        this.epochDays = requireNonNull(epochDays, "epochDays is null");
        this.assets = requireNonNull(assets, "assets is null");
        int cells = epochDays.length * assets.length;
        for (int i = 1; i < epochDays.length; i++) {
            if (epochDays[i] <= epochDays[i - 1]) {
                throw new IllegalArgumentException("calendar is not strictly increasing at row " + i);
            }
        }
        if (present == null) {
            present = new boolean[cells];
            Arrays.fill(present, true);
        }
        if (present.length != cells) {
            throw new IllegalArgumentException("present has " + present.length + " cells, expected " + cells);
        }
        this.present = present;
        this.numericFields = new LinkedHashMap<>(requireNonNull(numericFields, "numericFields is null"));
        this.groupFields = new LinkedHashMap<>(requireNonNull(groupFields, "groupFields is null"));
        this.numericFields.forEach((name, values) -> checkLength(name, values.length, cells));
        this.groupFields.forEach((name, column) -> checkLength(name, column.codes().length, cells));
    }

    private static void checkLength(String field, int length, int cells) {
        if (length != cells) {
            throw new IllegalArgumentException("field '" + field + "' has " + length + " cells, expected " + cells);
        }
    }

    public int dateCount() {
        return epochDays.length;
    }

    public int assetCount() {
        return assets.length;
    }

    public int cellCount() {
        return epochDays.length * assets.length;
    }

    /** Days since 1970-01-01 of calendar row {@code t}. Shared array: do not modify. */
    public int[] epochDays() {
        return epochDays;
    }

    public LocalDate date(int t) {
        return LocalDate.ofEpochDay(epochDays[t]);
    }

    /** Shared array: do not modify. */
    public String[] assets() {
        return assets;
    }

    public boolean isPresent(int asset, int t) {
        return present[asset * epochDays.length + t];
    }

    /** Per cell, asset-major. Shared array: do not modify. */
    public boolean[] presence() {
        return present;
    }

    public long presentCount() {
        return presentCount(0, epochDays.length);
    }

    /** Present cells in calendar rows [rowFrom, rowTo). */
    public long presentCount(int rowFrom, int rowTo) {
        long n = 0;
        int dates = epochDays.length;
        for (int a = 0; a < assets.length; a++) {
            for (int i = a * dates + rowFrom; i < a * dates + rowTo; i++) {
                if (present[i]) {
                    n++;
                }
            }
        }
        return n;
    }

    public Map<String, double[]> numericFields() {
        return Collections.unmodifiableMap(numericFields);
    }

    public Map<String, GroupColumn> groupFields() {
        return Collections.unmodifiableMap(groupFields);
    }

    public Optional<double[]> numeric(String name) {
        return Optional.ofNullable(numericFields.get(name));
    }

    public double[] requireNumeric(String name) {
        double[] values = numericFields.get(name);
        if (values == null) {
            throw new OptaicException(
                    EngineErrorCode.UNKNOWN_FIELD,
                    "Unknown field '" + name + "'; the panel has " + numericFields.keySet());
        }
        return values;
    }

    /** Calendar rows [from, to) of every field, as a new panel over the same assets. */
    public Panel rows(int from, int to) {
        List<String> fields = new ArrayList<>(numericFields.keySet());
        fields.addAll(groupFields.keySet());
        return rows(from, to, fields);
    }

    /** Calendar rows [from, to) of the named fields (numeric or label), as a new panel over the same assets. */
    public Panel rows(int from, int to, Collection<String> fields) {
        int dates = dateCount();
        if (from < 0 || to < from || to > dates) {
            throw new IllegalArgumentException(
                    "rows [" + from + ", " + to + ") outside the panel's " + dates + " dates");
        }
        boolean[] rowsPresent = copyRows(present, dates, from, to);
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        for (String field : fields) {
            GroupColumn group = groupFields.get(field);
            if (group != null) {
                groups.put(field, new GroupColumn(group.labels(), copyRows(group.codes(), dates, from, to)));
            } else {
                numeric.put(field, copyRows(requireNumeric(field), dates, from, to));
            }
        }
        return new Panel(Arrays.copyOfRange(epochDays, from, to), assets, rowsPresent, numeric, groups);
    }

    private boolean[] copyRows(boolean[] cells, int dates, int from, int to) {
        int rows = to - from;
        boolean[] out = new boolean[rows * assets.length];
        for (int a = 0; a < assets.length; a++) {
            System.arraycopy(cells, a * dates + from, out, a * rows, rows);
        }
        return out;
    }

    private double[] copyRows(double[] cells, int dates, int from, int to) {
        int rows = to - from;
        double[] out = new double[rows * assets.length];
        for (int a = 0; a < assets.length; a++) {
            System.arraycopy(cells, a * dates + from, out, a * rows, rows);
        }
        return out;
    }

    /** Row range [from, to) of the calendar covering the inclusive date bounds (null = open). */
    public int[] rowRange(LocalDate from, LocalDate to) {
        int lo = 0;
        int hi = epochDays.length;
        if (from != null) {
            int i = Arrays.binarySearch(epochDays, (int) from.toEpochDay());
            lo = i >= 0 ? i : -i - 1;
        }
        if (to != null) {
            int i = Arrays.binarySearch(epochDays, (int) to.toEpochDay());
            hi = i >= 0 ? i + 1 : -i - 1;
        }
        return new int[] {lo, Math.max(lo, hi)};
    }
}
