package com.optaic.operators;

/** How an operator reads the panel; decides how the evaluator drives its kernel. */
public enum OperatorKind {
    /** Cell by cell. */
    ELEMENT_WISE("element-wise"),
    /** Per asset, over a window of calendar rows. */
    TIME_SERIES("time-series"),
    /** Per date, across the assets that have a value. */
    CROSS_SECTIONAL("cross-sectional"),
    /** Per date and group. */
    GROUP("group");

    private final String label;

    OperatorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
