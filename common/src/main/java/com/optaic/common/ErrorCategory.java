package com.optaic.common;

/**
 * What kind of failure an {@link OptaicException} reports. The command line maps each category to its exit
 * code and the HTTP API to its status, so callers never parse messages.
 */
public enum ErrorCategory {
    /** The caller's input is wrong: a bad expression, a missing file, a duplicate key. Exit 2. */
    USER_ERROR(2),
    /** The named thing does not exist, or the caller may not see it. Exit 3. */
    NOT_FOUND(3),
    /** A concurrent change won, or the thing exists already; the caller may retry. Exit 4. */
    CONFLICT(4),
    /** Memory, disk or another resource ran out. Exit 1. */
    INSUFFICIENT_RESOURCES(1),
    /** A system we depend on failed (database, cluster); may be transient. Exit 1. */
    EXTERNAL(1),
    /** A bug in OptAIC. Exit 1. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCategory(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
