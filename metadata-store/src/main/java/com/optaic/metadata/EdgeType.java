package com.optaic.metadata;

import java.util.Locale;

/**
 * How a downstream node relates to its upstream node: derived from it (a copy, a signal from a dataset), copied
 * from it (a promotion), consumed by it (a run's inputs and definitions) or produced by it (a run's outputs).
 */
public enum EdgeType {
    DERIVED_FROM,
    COPIED_FROM,
    CONSUMED,
    PRODUCED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EdgeType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
