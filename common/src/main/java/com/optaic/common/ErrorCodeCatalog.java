package com.optaic.common;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error code of the modules it is given, checked on creation: each module's codes are enum constants
 * inside one {@link ErrorCodeRange} of their own, and no two codes share a number or a name. The reference page
 * of error codes is generated from it ({@link #markdown()}), so the documentation cannot drift from the code.
 */
public final class ErrorCodeCatalog {
    private final List<ErrorCode> codes;

    private ErrorCodeCatalog(List<ErrorCode> codes) {
        this.codes = List.copyOf(codes);
    }

    /** @throws IllegalStateException naming the first clash: a shared number, name or range, or a stray number */
    @SafeVarargs
    public static ErrorCodeCatalog of(Class<? extends ErrorCode>... enums) {
        List<ErrorCode> codes = new ArrayList<>();
        Map<ErrorCodeRange, Class<?>> ranges = new HashMap<>();
        Map<Integer, ErrorCode> byNumber = new HashMap<>();
        Map<String, ErrorCode> byName = new HashMap<>();
        for (Class<? extends ErrorCode> type : enums) {
            ErrorCode[] constants = requireNonNull(type, "enum is null").getEnumConstants();
            if (constants == null || constants.length == 0) {
                throw new IllegalStateException(type.getName() + " is not an enum with at least one error code");
            }
            ErrorCodeRange range = rangeOf(constants[0]);
            Class<?> owner = ranges.putIfAbsent(range, type);
            if (owner != null && owner != type) {
                throw new IllegalStateException(type.getName() + " and " + owner.getName() + " share range " + range);
            }
            for (ErrorCode code : constants) {
                if (!range.contains(code.number())) {
                    throw new IllegalStateException(describe(code) + " is outside " + type.getSimpleName() + "'s range "
                            + range + " (" + range.first() + ".." + range.last() + ")");
                }
                ErrorCode clash = byNumber.putIfAbsent(code.number(), code);
                if (clash != null) {
                    throw new IllegalStateException(
                            describe(code) + " and " + describe(clash) + " share number " + code.number());
                }
                clash = byName.putIfAbsent(code.name(), code);
                if (clash != null) {
                    throw new IllegalStateException(
                            describe(code) + " and " + describe(clash) + " share name " + code.name());
                }
                codes.add(code);
            }
        }
        codes.sort(Comparator.comparingInt(ErrorCode::number));
        return new ErrorCodeCatalog(codes);
    }

    public List<ErrorCode> codes() {
        return codes;
    }

    /** The reference page: one table row per code, by number, with its category's exit code and HTTP status. */
    public String markdown() {
        StringBuilder page = new StringBuilder();
        page.append("# Error codes\n\n")
                .append("Generated from the error-code enums by `cluster/.../ErrorCodeReferenceTest` (run it with ")
                .append("`-Doptaic.docs.write=true` to rewrite this page); do not edit by hand.\n\n")
                .append("Every error OptAIC reports on purpose carries one of these codes. The category decides the ")
                .append("command line's exit code and the HTTP status; the retry rule says whether trying again is ")
                .append("safe: `RETRYABLE` (transient, runs retry it with backoff), `NEVER`, `OUTCOME_UNKNOWN` ")
                .append("(the operation may have taken effect: check before retrying or cleaning up).\n\n")
                .append("| number | code | category | exit | HTTP | retry | meaning |\n")
                .append("|---:|---|---|---:|---:|---|---|\n");
        for (ErrorCode code : codes) {
            page.append("| ")
                    .append(code.number())
                    .append(" | `")
                    .append(code.name())
                    .append('`')
                    .append(" | ")
                    .append(code.category())
                    .append(" | ")
                    .append(code.category().exitCode())
                    .append(" | ")
                    .append(code.category().httpStatus())
                    .append(" | ")
                    .append(code.retry())
                    .append(" | ")
                    .append(code.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return page.toString();
    }

    private static ErrorCodeRange rangeOf(ErrorCode code) {
        for (ErrorCodeRange range : ErrorCodeRange.values()) {
            if (range.contains(code.number())) {
                return range;
            }
        }
        throw new IllegalStateException(describe(code) + " has a number in no module's range");
    }

    private static String describe(ErrorCode code) {
        return code.getClass().getSimpleName() + "." + code.name() + " (" + code.number() + ")";
    }
}
