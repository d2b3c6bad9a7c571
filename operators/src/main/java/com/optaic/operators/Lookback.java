package com.optaic.operators;

/** How many calendar rows of history an operator adds to its inputs' lookback, given its window d. */
public enum Lookback {
    NONE("none"),
    /** A window of d rows: d - 1 earlier rows. */
    WINDOW_MINUS_ONE("d-1 rows"),
    /** A shift by d rows: d earlier rows (a negative d reads the future instead). */
    WINDOW("d rows");

    private final String description;

    Lookback(String description) {
        this.description = description;
    }

    public int rows(int window) {
        return switch (this) {
            case NONE -> 0;
            case WINDOW_MINUS_ONE -> window - 1;
            case WINDOW -> Math.max(0, window);
        };
    }

    public String description() {
        return description;
    }
}
