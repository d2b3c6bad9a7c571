package com.optaic.metadata;

import java.util.Locale;

/** One thing a principal may do on a node. */
public enum Permission {
    READ,
    CREATE,
    UPDATE,
    DELETE,
    RUN,
    PROMOTE,
    GRANT,
    AUDIT_READ;

    /** The name stored in the database: {@code read}, ..., {@code audit-read}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Permission fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
