package com.optaic.metadata;

/** How a search compares a config field or metric with a value. Ordering comparisons apply to numbers only. */
public enum Comparison {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String sql;

    Comparison(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    public boolean isOrdering() {
        return this != EQ && this != NE;
    }
}
