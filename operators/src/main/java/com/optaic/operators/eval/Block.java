package com.optaic.operators.eval;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.plan.FieldCatalog;
import java.util.HashMap;
import java.util.Map;

/**
 * A dense block of calendar rows x assets that expressions are evaluated over: the unit of work in
 * process and, later, of one Spark task. Arrays are asset-major (each asset's rows contiguous:
 * {@code index = asset * dates + row}), NaN where there is no value. {@code present} marks the cells
 * that exist in the data; absent cells take no part in cross-sections. The block never copies or
 * modifies the arrays it is given.
 */
public final class Block {
    private final int dates;
    private final int assets;
    private final boolean[] present;
    private final int firstRow;
    private final Map<String, double[]> numeric = new HashMap<>();
    private final Map<String, double[]> groups = new HashMap<>();

    /** @param present per cell, or null when every cell is present */
    public Block(int dates, int assets, boolean[] present) {
        this(dates, assets, present, 0);
    }

    /**
     * @param present per cell, or null when every cell is present
     * @param firstRow the global calendar row of the block's first date (blocks cut from a longer calendar
     *     pass it so that results equal those of the whole calendar bit for bit)
     */
    public Block(int dates, int assets, boolean[] present, int firstRow) {
        if (dates < 0 || assets < 0) {
            throw new IllegalArgumentException("negative block size");
        }
        if (present != null && present.length != dates * assets) {
            throw new IllegalArgumentException("present has " + present.length + " cells, expected " + dates * assets);
        }
        this.dates = dates;
        this.assets = assets;
        this.present = present;
        if (firstRow < 0) {
            throw new IllegalArgumentException("negative firstRow");
        }
        this.firstRow = firstRow;
    }

    public int firstRow() {
        return firstRow;
    }

    public Block numeric(String name, double[] values) {
        numeric.put(requireNonNull(name, "name is null"), checked(name, values));
        return this;
    }

    /** A group field: per cell a group code (any number; equal codes are one group), NaN if unknown. */
    public Block group(String name, double[] codes) {
        groups.put(requireNonNull(name, "name is null"), checked(name, codes));
        return this;
    }

    private double[] checked(String name, double[] values) {
        if (values.length != dates * assets) {
            throw new IllegalArgumentException(
                    "field '" + name + "' has " + values.length + " cells, expected " + dates * assets);
        }
        return values;
    }

    public int dates() {
        return dates;
    }

    public int assets() {
        return assets;
    }

    public int cells() {
        return dates * assets;
    }

    boolean[] present() {
        return present;
    }

    double[] numeric(String name) {
        return numeric.get(name);
    }

    double[] groupCodes(String name) {
        double[] codes = groups.get(name);
        return codes != null ? codes : numeric.get(name);
    }

    public FieldCatalog catalog() {
        return new FieldCatalog(numeric.keySet(), groups.keySet());
    }
}
