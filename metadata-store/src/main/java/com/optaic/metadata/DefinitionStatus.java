package com.optaic.metadata;

import java.util.Locale;

/**
 * Lifecycle of one definition version: submitted, then evaluated (possibly again), then deployed, and finally
 * deprecated, which may also follow submitted or evaluated directly. The store refuses any other move.
 */
public enum DefinitionStatus {
    SUBMITTED,
    EVALUATED,
    DEPLOYED,
    DEPRECATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DefinitionStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
