package com.optaic.engine.spark;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The error codes of evaluation on Spark, and the bridge that carries an {@link OptaicException} from a task
 * back to the driver: the exception's {@link ErrorCode} is a plain record, so Spark could not ship the
 * exception itself and would hand the driver only its text.
 */
final class SparkErrors {
    /** Same names as the panel readers' codes, so callers see one vocabulary. */
    static final ErrorCode BAD_FILE = ErrorCode.user("BAD_FILE");
    static final ErrorCode DUPLICATE_ROW = ErrorCode.user("DUPLICATE_ROW");
    static final ErrorCode FILE_NOT_FOUND = ErrorCode.user("FILE_NOT_FOUND");
    static final ErrorCode BAD_ARGUMENT = ErrorCode.user("BAD_ARGUMENT");
    static final ErrorCode IO_FAILURE = new ErrorCode("IO_FAILURE", ErrorCategory.EXTERNAL);
    /** The Spark job failed for a reason that is not one of ours (executor lost, out of memory...). */
    static final ErrorCode SPARK_JOB_FAILED = new ErrorCode("SPARK_JOB_FAILED", ErrorCategory.EXTERNAL);

    private SparkErrors() {
    }

    /** A task's failure in a serialisable form; {@link #toException()} rebuilds it on the driver. */
    static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String codeName;
        private final ErrorCategory category;

        TaskFailure(OptaicException failure) {
            super(failure.getMessage());
            this.codeName = failure.code().name();
            this.category = failure.category();
            setStackTrace(failure.getStackTrace());
        }

        OptaicException toException() {
            return new OptaicException(new ErrorCode(codeName, category), getMessage(), this);
        }
    }

    static OptaicException cannotRead(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new OptaicException(FILE_NOT_FOUND, "Cannot read '" + path + "': no such file", e);
        }
        return new OptaicException(IO_FAILURE, "Cannot read '" + path + "': " + describe(e), e);
    }

    static OptaicException cannotWrite(Object path, IOException e) {
        return new OptaicException(IO_FAILURE, "Cannot write '" + path + "': " + describe(e), e);
    }

    static OptaicException badFile(Object source, String what) {
        return new OptaicException(BAD_FILE, "Cannot read '" + source + "': " + what);
    }

    /** The first line of a throwable's message, or its class name. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
