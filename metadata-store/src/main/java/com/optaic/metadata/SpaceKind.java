package com.optaic.metadata;

import java.util.Locale;

/** What a Space is for. */
public enum SpaceKind {
    PERSONAL,
    TEAM,
    SYSTEM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
