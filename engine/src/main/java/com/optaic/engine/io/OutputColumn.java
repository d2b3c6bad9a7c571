package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.util.ArrayList;
import java.util.List;

/**
 * A column to write, asset-major over the whole panel: numbers, or codes into {@code labels} when
 * {@code labels} is not null (NaN = missing label).
 */
record OutputColumn(String name, double[] values, String[] labels) {
    OutputColumn {
        requireNonNull(name, "name is null");
        requireNonNull(values, "values is null");
    }

    /** Every field of the panel as a column: numbers first, then labels (codes into their label lists). */
    static List<OutputColumn> allOf(Panel panel) {
        List<OutputColumn> columns = new ArrayList<>();
        panel.numericFields().forEach((name, values) -> columns.add(new OutputColumn(name, values, null)));
        panel.groupFields()
                .forEach((name, group) -> columns.add(new OutputColumn(name, group.codes(), group.labels())));
        return columns;
    }

    boolean isLabel() {
        return labels != null;
    }
}
