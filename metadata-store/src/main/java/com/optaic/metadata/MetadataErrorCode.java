package com.optaic.metadata;

import static com.optaic.common.ErrorCategory.*;
import static com.optaic.common.ErrorCode.RetryRule.*;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.ErrorCodeRange;

/** The error codes the metadata store raises. Numbers in {@link ErrorCodeRange#METADATA}; a number, once released, is never reused. */
public enum MetadataErrorCode implements ErrorCode {
    METADATA_NOT_FOUND(
            1001,
            NOT_FOUND,
            NEVER,
            "The resource does not exist in the caller's tenant, or the caller may not read it."),
    PERMISSION_DENIED(
            1002,
            NOT_FOUND,
            NEVER,
            "The caller can read the resource but lacks the permission the operation needs (reported as not found, so ids do not leak)."),
    ALREADY_EXISTS(1003, CONFLICT, NEVER, "Something with the same key exists already (SQLSTATE 23505)."),
    CONCURRENT_MODIFICATION(
            1004,
            CONFLICT,
            RETRYABLE,
            "An optimistic-lock check failed or the database aborted a concurrent transaction; safe to retry."),
    ILLEGAL_TRANSITION(
            1005,
            USER_ERROR,
            NEVER,
            "A run, definition version or other state machine was asked for a transition it does not allow."),
    IMMUTABLE(1006, USER_ERROR, NEVER, "A write to a record that never changes once written."),
    GUARDRAIL_FAILED(1007, USER_ERROR, NEVER, "A guardrail blocked the change; the message names the rule and why."),
    INVALID_INPUT(
            1008,
            USER_ERROR,
            NEVER,
            "A malformed argument: bad name, NUL character, oversized text, invalid JSON schema, bad cron."),
    DATABASE_UNAVAILABLE(1009, EXTERNAL, RETRYABLE, "The database could not be reached or failed outside our control."),
    METADATA_STORE_INTERNAL(1010, INTERNAL, NEVER, "A store invariant broke: a bug.");

    private final Details details;

    MetadataErrorCode(int number, ErrorCategory category, RetryRule retry, String description) {
        this.details = new Details(number, category, retry, description);
    }

    @Override
    public Details details() {
        return details;
    }
}
