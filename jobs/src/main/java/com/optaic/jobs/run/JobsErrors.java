package com.optaic.jobs.run;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes the control plane raises. Callers branch on the category, never on the message. */
public final class JobsErrors {
    /** A definition names a code_ref no factory is registered under. */
    public static final ErrorCode UNKNOWN_CODE_REF = ErrorCode.user("UNKNOWN_CODE_REF");
    /** An instance or run config the factory refuses. */
    public static final ErrorCode BAD_RUN_CONFIG = ErrorCode.user("BAD_RUN_CONFIG");
    /** The run cannot be started or restarted in its current state. */
    public static final ErrorCode RUN_NOT_RESTARTABLE = ErrorCode.user("RUN_NOT_RESTARTABLE");
    /** The process executing the run is (or may be) still alive. */
    public static final ErrorCode EXECUTOR_ALIVE = new ErrorCode("EXECUTOR_ALIVE", ErrorCategory.CONFLICT);
    /** Another version of the output dataset was published after this run staged its own. */
    public static final ErrorCode OUTPUT_CONFLICT = new ErrorCode("OUTPUT_CONFLICT", ErrorCategory.CONFLICT);
    /** The run was cancelled on request; it ends CANCELLED and is never retried or restarted. */
    public static final ErrorCode RUN_CANCELLED = new ErrorCode("RUN_CANCELLED", ErrorCategory.CONFLICT);
    /** Spring Batch refused or failed in a way that is a bug of ours. */
    public static final ErrorCode BATCH_INTERNAL = ErrorCode.internal("BATCH_INTERNAL");

    private JobsErrors() {}
}
