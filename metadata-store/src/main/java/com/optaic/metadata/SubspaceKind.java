package com.optaic.metadata;

import java.util.Locale;

/** What a Subspace is for: official resources, resources under review, or anything else. */
public enum SubspaceKind {
    OFFICIAL,
    STAGING,
    CUSTOM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
