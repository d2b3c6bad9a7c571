package com.optaic.common;

import static java.util.Objects.requireNonNull;

/**
 * A stable, numbered error: its number and name never change once released, its category decides the exit code
 * and HTTP status, and its retry rule tells a caller whether trying again is safe. Implemented only by one enum per
 * module, each owning a range of numbers (see {@link ErrorCodeRange}), so no code is made at run time.
 */
public interface ErrorCode {
    /** Unique across OptAIC, upper snake case, e.g. {@code EXPRESSION_SYNTAX}: the enum constant's name. */
    String name();

    /** The code's fixed attributes; an enum keeps one per constant. */
    Details details();

    /** Unique across OptAIC, inside the owning module's range. */
    default int number() {
        return details().number();
    }

    default ErrorCategory category() {
        return details().category();
    }

    default RetryRule retry() {
        return details().retry();
    }

    /** What went wrong, in one sentence, for the error-code reference. */
    default String description() {
        return details().description();
    }

    /** What an error code is besides its name. */
    record Details(int number, ErrorCategory category, RetryRule retry, String description) {
        public Details {
            requireNonNull(category, "category is null");
            requireNonNull(retry, "retry is null");
            requireNonNull(description, "description is null");
        }
    }

    /** Whether trying again is safe, and whether it may help. */
    enum RetryRule {
        /** Transient: a lost connection, a concurrent change, a cluster that failed; trying again may succeed. */
        RETRYABLE,
        /** Trying again gives the same failure: a user error, corrupt data, a bug. */
        NEVER,
        /**
         * The operation may or may not have taken effect (a commit whose answer was lost): neither retry nor clean
         * up before checking what happened, as Iceberg's {@code CommitStateUnknownException}.
         */
        OUTCOME_UNKNOWN
    }
}
