package com.optaic.common;

/** The block of error numbers each module owns; a module's enum keeps every code inside its block. */
public enum ErrorCodeRange {
    METADATA(1000),
    OPERATORS(2000),
    ENGINE(3000),
    JOBS(4000),
    CLUSTER(5000);

    private final int first;

    ErrorCodeRange(int first) {
        this.first = first;
    }

    public int first() {
        return first;
    }

    /** Inclusive. */
    public int last() {
        return first + 999;
    }

    public boolean contains(int number) {
        return number >= first && number <= last();
    }
}
