package com.optaic.jobs;

import com.optaic.common.ErrorCodeCatalog;
import com.optaic.engine.EngineErrorCode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.operators.OperatorsErrorCode;

/** Every error code the command line and the API can report, one enum per module, checked for clashes. */
public final class ErrorCodes {
    public static final ErrorCodeCatalog ALL = ErrorCodeCatalog.of(MetadataErrorCode.class,
            OperatorsErrorCode.class, EngineErrorCode.class, JobsErrorCode.class);

    private ErrorCodes() {
    }
}
