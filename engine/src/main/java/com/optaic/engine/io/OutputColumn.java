package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

/**
 * A column to write, asset-major over the whole panel: numbers, or codes into {@code labels} when
 * {@code labels} is not null (NaN = missing label).
 */
record OutputColumn(String name, double[] values, String[] labels) {
    OutputColumn {
        requireNonNull(name, "name is null");
        requireNonNull(values, "values is null");
    }

    boolean isLabel() {
        return labels != null;
    }

    /** The label of cell {@code cell}, or null where missing. */
    String label(int cell) {
        double code = values[cell];
        return Double.isNaN(code) ? null : labels[(int) code];
    }
}
