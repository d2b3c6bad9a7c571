package com.optaic.metadata;

import java.util.Locale;

/** Whether a signal's latest validation run met the promotion thresholds. */
public enum ValidationStatus {
    UNVALIDATED,
    PASSED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValidationStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
