package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** The error codes of panel input and output, and the one-line messages for file-system failures. */
final class IoErrors {

    static final String SUPPORTED_EXTENSIONS = ".csv, .parquet or .arrow";

    private IoErrors() {}

    static OptaicException cannotRead(Path path, IOException e) {
        return failure("read", path.toString(), e);
    }

    /** As {@link #cannotRead(Path, IOException)} for a file named by its URI or path. */
    static OptaicException cannotRead(String file, IOException e) {
        return failure("read", file, e);
    }

    static OptaicException cannotWrite(Path path, IOException e) {
        return failure("write", path.toString(), e);
    }

    static OptaicException cannotWrite(String file, IOException e) {
        return failure("write", file, e);
    }

    private static OptaicException failure(String verb, String path, IOException e) {
        String prefix = "Cannot " + verb + " '" + path + "': ";
        if (e instanceof FileNotFoundException) { // a Hadoop file system's "no such file"
            return new OptaicException(EngineErrorCode.FILE_NOT_FOUND, prefix + "no such file", e);
        }
        if (e instanceof NoSuchFileException missing) {
            String what = missing.getFile() == null || missing.getFile().equals(path)
                    ? "no such file"
                    : "no such file or directory '" + missing.getFile() + "'";
            return new OptaicException(EngineErrorCode.FILE_NOT_FOUND, prefix + what, e);
        }
        if (e instanceof AccessDeniedException) {
            return new OptaicException(EngineErrorCode.ACCESS_DENIED, prefix + "permission denied", e);
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT, prefix + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        return new OptaicException(EngineErrorCode.IO_FAILURE, prefix + describe(e), e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    static OptaicException badFile(String source, String what) {
        return new OptaicException(EngineErrorCode.BAD_FILE, "Cannot read '" + source + "': " + what);
    }
}
