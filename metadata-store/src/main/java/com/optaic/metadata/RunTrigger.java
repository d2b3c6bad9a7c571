package com.optaic.metadata;

import java.util.Locale;

/** What started a run. Scheduled and backfill runs carry a nominal date. */
public enum RunTrigger {
    MANUAL,
    SCHEDULE,
    API,
    BACKFILL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunTrigger fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean needsNominalDate() {
        return this == SCHEDULE || this == BACKFILL;
    }
}
