package com.optaic.cluster;

import static com.optaic.common.ErrorCategory.*;
import static com.optaic.common.ErrorCode.RetryRule.*;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.ErrorCodeRange;

/** The error codes of running OptAIC on a Spark cluster. Numbers in {@link ErrorCodeRange#CLUSTER}; a number, once released, is never reused. */
public enum ClusterErrorCode implements ErrorCode {
    VERSION_MISMATCH(
            5001,
            USER_ERROR,
            NEVER,
            "The cluster runs another Spark, Scala or Hadoop version than OptAIC is built against."),
    BAD_CLUSTER_OPTION(
            5002,
            USER_ERROR,
            NEVER,
            "A cluster option or setting is invalid: worker count, memory, a missing assembly jar."),
    NO_CLUSTER(5003, NOT_FOUND, NEVER, "No local cluster runs under the OptAIC home."),
    CLUSTER_RUNNING(5004, CONFLICT, NEVER, "A local cluster already runs under the OptAIC home."),
    CLUSTER_START_FAILED(
            5005, EXTERNAL, RETRYABLE, "A master or worker process did not start or did not register in time.");

    private final Details details;

    ClusterErrorCode(int number, ErrorCategory category, RetryRule retry, String description) {
        this.details = new Details(number, category, retry, description);
    }

    @Override
    public Details details() {
        return details;
    }
}
