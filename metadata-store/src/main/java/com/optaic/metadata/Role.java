package com.optaic.metadata;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A named bundle of permissions granted to a principal on a node and inherited by everything below it. */
public enum Role {
    OWNER,
    OPERATOR,
    VIEWER,
    AUDITOR;

    /** The default permissions the bootstrap seeds for this role. */
    public Set<Permission> defaultPermissions() {
        return switch (this) {
            case OWNER -> EnumSet.allOf(Permission.class);
            case OPERATOR -> EnumSet.of(Permission.READ, Permission.CREATE, Permission.UPDATE, Permission.RUN);
            case VIEWER -> EnumSet.of(Permission.READ);
            case AUDITOR -> EnumSet.of(Permission.READ, Permission.AUDIT_READ);
        };
    }

    /** The name stored in the database: {@code owner}, {@code operator}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
