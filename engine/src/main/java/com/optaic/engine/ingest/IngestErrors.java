package com.optaic.engine.ingest;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes of ingestion, besides those of the readers and the dataset writer it passes on. */
public final class IngestErrors {
    /** The same (date, asset) row in two input files. */
    public static final ErrorCode DUPLICATE_ROW = ErrorCode.user("DUPLICATE_ROW");
    /** A field that is numeric in one input file and a label in another. */
    public static final ErrorCode FIELD_TYPE_CONFLICT = ErrorCode.user("FIELD_TYPE_CONFLICT");
    /** No input file matches the configured path, directory or glob. */
    public static final ErrorCode NO_INPUT = ErrorCode.user("NO_INPUT");
    /** The Spark job failed for a reason that is not the input's (executor lost, out of memory...). */
    public static final ErrorCode SPARK_JOB_FAILED = new ErrorCode("SPARK_JOB_FAILED", ErrorCategory.EXTERNAL);

    private IngestErrors() {
    }
}
