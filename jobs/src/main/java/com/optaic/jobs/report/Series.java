package com.optaic.jobs.report;

import static java.util.Objects.requireNonNull;

/** A named series of values over a chart's x positions; NaN is a gap. */
public record Series(String name, double[] values) {
    public Series {
        requireNonNull(name, "name is null");
        requireNonNull(values, "values is null");
    }
}
