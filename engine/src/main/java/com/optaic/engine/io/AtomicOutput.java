package com.optaic.engine.io;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one: the content goes to a
 * hidden temporary file beside the target, which is renamed over the target at the end and deleted on any
 * failure. A file system without atomic rename is refused rather than written non-atomically. The file
 * is not forced to disk: callers that publish versions (the dataset writer) force and checksum their
 * files before committing a manifest.
 */
final class AtomicOutput {
    /** Writes the whole content to the given (not yet existing) file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicOutput() {}

    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw IoErrors.cannotWrite(target, new NoSuchFileException(String.valueOf(directory)));
        }
        if (Files.isDirectory(absolute)) {
            // The atomic move would replace an empty directory and fail on a full one with a file system message.
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    "Cannot write '" + target + "': it is an existing directory; name a file to write");
        }
        Path temp = directory.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            content.writeTo(temp);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; that failure is the one to report.
                }
            }
        }
    }
}
