package com.optaic.engine.dataset;

/** The type of a dataset field, fixed for the life of the dataset: a field never changes type across versions. */
public enum FieldType {
    /** Numbers, stored as optional Parquet DOUBLE; NaN is stored as null. */
    NUMERIC("numeric (double)"),
    /** Labels such as sector, stored as optional dictionary-encoded Parquet strings. */
    GROUP("group (string)");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    /** How messages name the type, e.g. {@code numeric (double)}. */
    public String description() {
        return description;
    }
}
