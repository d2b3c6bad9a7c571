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
}
