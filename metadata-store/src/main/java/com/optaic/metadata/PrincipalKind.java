package com.optaic.metadata;

import java.util.Locale;

/** A person, or a machine identity such as a scheduler. */
public enum PrincipalKind {
    USER,
    SERVICE_ACCOUNT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PrincipalKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
