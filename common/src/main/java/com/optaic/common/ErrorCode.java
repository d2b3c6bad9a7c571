package com.optaic.common;

import static java.util.Objects.requireNonNull;

/** A stable, named error with its category, e.g. {@code EXPRESSION_SYNTAX (USER_ERROR)}. */
public record ErrorCode(String name, ErrorCategory category) {
    public ErrorCode {
        requireNonNull(name, "name is null");
        requireNonNull(category, "category is null");
    }

    public static ErrorCode user(String name) {
        return new ErrorCode(name, ErrorCategory.USER_ERROR);
    }

    public static ErrorCode internal(String name) {
        return new ErrorCode(name, ErrorCategory.INTERNAL);
    }

    @Override
    public String toString() {
        return name + " (" + category + ")";
    }
}
