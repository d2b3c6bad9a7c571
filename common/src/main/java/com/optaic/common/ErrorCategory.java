package com.optaic.common;

/**
 * What kind of failure an {@link OptaicException} reports. The command line maps each category to its exit
 * code and the HTTP API to its status, so callers never parse messages.
 */
public enum ErrorCategory {
    /** The caller's input is wrong: a bad expression, a missing file, a duplicate key. Exit 2. */
    USER_ERROR(2, 400),
    /** The named thing does not exist, or the caller may not see it. Exit 3. */
    NOT_FOUND(3, 404),
    /** A concurrent change won, or the thing exists already; the caller may retry. Exit 4. */
    CONFLICT(4, 409),
    /** Memory, disk or another resource ran out: not a bug, the same work may succeed with more. Exit 5. */
    INSUFFICIENT_RESOURCES(5, 503),
    /** A system we depend on failed (database, cluster); may be transient. Exit 1. */
    EXTERNAL(1, 502),
    /** A bug in OptAIC. Exit 1. */
    INTERNAL(1, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorCategory(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status an API answers with for this category. */
    public int httpStatus() {
        return httpStatus;
    }
}
