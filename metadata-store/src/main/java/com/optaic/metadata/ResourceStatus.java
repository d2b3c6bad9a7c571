package com.optaic.metadata;

import java.util.Locale;

/** Lifecycle of a node. Nothing is deleted: archiving hides a node from writes but keeps its history. */
public enum ResourceStatus {
    ACTIVE,
    ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResourceStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
