package com.optaic.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a writer outside this package (a Spark task) needs to describe a data file it wrote for a manifest. */
public final class DataFiles {
    private DataFiles() {
    }

    /** Forces a file's content to the device, as {@link DatasetWriter} does before a commit. */
    public static void force(Path file) throws IOException {
        StorageFiles.fsync(file);
    }

    public static long size(Path file) throws IOException {
        return Files.size(file);
    }

    /** The SHA-256 of a file as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        return StorageFiles.sha256(file);
    }
}
