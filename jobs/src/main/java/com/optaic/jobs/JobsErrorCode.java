package com.optaic.jobs;

import static com.optaic.common.ErrorCategory.*;
import static com.optaic.common.ErrorCode.RetryRule.*;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.ErrorCodeRange;

/** The error codes the control plane raises: run configs, the run frame, the command line. Numbers in {@link ErrorCodeRange#JOBS}; a number, once released, is never reused. */
public enum JobsErrorCode implements ErrorCode {
    UNKNOWN_CODE_REF(4001, USER_ERROR, NEVER, "A definition names a code_ref no factory is registered under."),
    BAD_RUN_CONFIG(4002, USER_ERROR, NEVER, "An instance or run config the factory refuses."),
    RUN_NOT_RESTARTABLE(4003, USER_ERROR, NEVER, "The run cannot be started or restarted in its current state."),
    EXECUTOR_ALIVE(4004, CONFLICT, NEVER, "The process executing the run is (or may be) still alive."),
    OUTPUT_CONFLICT(
            4005,
            CONFLICT,
            NEVER,
            "Another version of the output dataset was published after this run staged its own."),
    RUN_CANCELLED(
            4006,
            CONFLICT,
            NEVER,
            "The run was cancelled on request; it ends CANCELLED and is never retried or restarted."),
    BATCH_INTERNAL(4007, INTERNAL, NEVER, "Spring Batch refused or failed in a way that is a bug of ours."),
    UNKNOWN_DATASET(4008, NOT_FOUND, NEVER, "A command names a dataset that does not exist."),
    UNKNOWN_VERSION(4009, NOT_FOUND, NEVER, "A command names a dataset version that does not exist."),
    BAD_OPTION(4010, USER_ERROR, NEVER, "Command-line options that are invalid or contradict each other."),
    FILE_NOT_READABLE(4011, USER_ERROR, NEVER, "A file named on the command line cannot be read."),
    BAD_TOKEN(4012, NOT_FOUND, NEVER, "OPTAIC_TOKEN names no active principal."),
    BLANK_TOKEN(
            4013, USER_ERROR, NEVER, "OPTAIC_TOKEN is set but blank (unset it to act as the bootstrap administrator)."),
    BAD_SETTING(4014, USER_ERROR, NEVER, "An OPTAIC_* environment variable whose value is not what it must be."),
    NO_APPLICATION_JAR(
            4100,
            USER_ERROR,
            NEVER,
            "A run on a Spark cluster cannot find OptAIC's application jar to ship to the executors."),
    SOURCE_NOT_ALLOWED(
            4120,
            USER_ERROR,
            NEVER,
            "A pipeline source names a file in OptAIC's own storage, or outside OPTAIC_SOURCE_ROOTS on a shared store."),
    REPORT_NOT_WRITTEN(4260, USER_ERROR, NEVER, "An HTML report cannot be written where the command was told to."),
    MISSING_TOKEN(
            4280,
            USER_ERROR,
            NEVER,
            "OPTAIC_TOKEN is unset on a shared (OPTAIC_DB_URL) store: acting as the administrator without a token is"
                    + " for the embedded store or the database host only.");

    private final Details details;

    JobsErrorCode(int number, ErrorCategory category, RetryRule retry, String description) {
        this.details = new Details(number, category, retry, description);
    }

    @Override
    public Details details() {
        return details;
    }
}
