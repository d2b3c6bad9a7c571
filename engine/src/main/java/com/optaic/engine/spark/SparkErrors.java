package com.optaic.engine.spark;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one-line messages of evaluation on Spark, and the bridge that carries an {@link OptaicException} from a
 * task back to the driver with its {@link ErrorCode}, where Spark would otherwise hand the driver only its text.
 */
final class SparkErrors {

    private SparkErrors() {}

    /** A task's failure in a serialisable form; {@link #toException()} rebuilds it on the driver. */
    static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Every error code is an enum constant, so it crosses Java serialisation as itself. */
        private final ErrorCode code;

        TaskFailure(OptaicException failure) {
            super(failure.getMessage());
            this.code = failure.code();
            setStackTrace(failure.getStackTrace());
        }

        OptaicException toException() {
            return new OptaicException(code, getMessage(), this);
        }
    }

    static OptaicException cannotRead(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new OptaicException(EngineErrorCode.FILE_NOT_FOUND, "Cannot read '" + path + "': no such file", e);
        }
        return new OptaicException(EngineErrorCode.IO_FAILURE, "Cannot read '" + path + "': " + describe(e), e);
    }

    static OptaicException cannotWrite(Object path, IOException e) {
        return new OptaicException(EngineErrorCode.IO_FAILURE, "Cannot write '" + path + "': " + describe(e), e);
    }

    static OptaicException badFile(Object source, String what) {
        return new OptaicException(EngineErrorCode.BAD_FILE, "Cannot read '" + source + "': " + what);
    }

    /** The first line of a throwable's message, or its class name. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
