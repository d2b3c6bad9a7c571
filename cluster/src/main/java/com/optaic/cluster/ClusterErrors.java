package com.optaic.cluster;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes of running OptAIC on a Spark cluster. */
public final class ClusterErrors {
    /** The cluster runs another Spark, Scala or Hadoop version than OptAIC is built against. */
    public static final ErrorCode VERSION_MISMATCH = ErrorCode.user("CLUSTER_VERSION_MISMATCH");
    /** A cluster option or setting is invalid (worker count, memory, missing assembly jar). */
    public static final ErrorCode BAD_CLUSTER_OPTION = ErrorCode.user("BAD_CLUSTER_OPTION");
    /** No local cluster runs under the OptAIC home. */
    public static final ErrorCode NO_CLUSTER = new ErrorCode("NO_CLUSTER", ErrorCategory.NOT_FOUND);
    /** A local cluster already runs under the OptAIC home. */
    public static final ErrorCode CLUSTER_RUNNING = new ErrorCode("CLUSTER_RUNNING", ErrorCategory.CONFLICT);
    /** A master or worker process did not start or did not register in time. */
    public static final ErrorCode CLUSTER_START_FAILED = new ErrorCode("CLUSTER_START_FAILED", ErrorCategory.EXTERNAL);

    private ClusterErrors() {}
}
