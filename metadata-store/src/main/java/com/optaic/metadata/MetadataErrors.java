package com.optaic.metadata;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes the metadata store raises. Callers branch on the category, never on the message. */
public final class MetadataErrors {
    /** The resource does not exist in the caller's tenant, or the caller may not read it. */
    public static final ErrorCode NOT_FOUND = new ErrorCode("METADATA_NOT_FOUND", ErrorCategory.NOT_FOUND);
    /**
     * The caller can read the resource but lacks the permission the operation needs. Reported in the
     * NOT_FOUND category: common has no forbidden category yet.
     */
    public static final ErrorCode PERMISSION_DENIED = new ErrorCode("PERMISSION_DENIED", ErrorCategory.NOT_FOUND);
    /** Something with the same key exists already (SQLSTATE 23505). */
    public static final ErrorCode ALREADY_EXISTS = new ErrorCode("ALREADY_EXISTS", ErrorCategory.CONFLICT);
    /** An optimistic-lock check failed or the database aborted a concurrent transaction; safe to retry. */
    public static final ErrorCode CONCURRENT_MODIFICATION =
            new ErrorCode("CONCURRENT_MODIFICATION", ErrorCategory.CONFLICT);
    /** A run, definition version or other state machine was asked for a transition it does not allow. */
    public static final ErrorCode ILLEGAL_TRANSITION = ErrorCode.user("ILLEGAL_TRANSITION");
    /** A write to a record that never changes once written. */
    public static final ErrorCode IMMUTABLE = ErrorCode.user("IMMUTABLE");
    /** A guardrail blocked the change; the message names the rule and why. */
    public static final ErrorCode GUARDRAIL_FAILED = ErrorCode.user("GUARDRAIL_FAILED");
    /** A malformed argument: bad name, NUL character, oversized text, invalid JSON schema, bad cron. */
    public static final ErrorCode INVALID_INPUT = ErrorCode.user("INVALID_INPUT");
    /** The database could not be reached or failed outside our control. */
    public static final ErrorCode DATABASE_UNAVAILABLE = new ErrorCode("DATABASE_UNAVAILABLE", ErrorCategory.EXTERNAL);
    /** A store invariant broke: a bug. */
    public static final ErrorCode STORE_INTERNAL = ErrorCode.internal("METADATA_STORE_INTERNAL");

    private MetadataErrors() {}
}
