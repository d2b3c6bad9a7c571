package com.optaic.engine.dataset;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The file-system side of datasets: where a dataset lives under a storage root, checksums and durability.
 *
 * <p>{@link DatasetWriter}, {@link DatasetReader}, {@link VersionStaging} and {@link FileVersionCatalog} go
 * through {@link StorageLocation}: java.nio for a plain local root, a Hadoop {@code FileSystem} for a URI root.
 * The helpers here serve the local side and the manifest paths.
 */
final class StorageFiles {
    /** Dataset names: one path segment of letters, digits, '_', '-' and '.', not starting with '.' or '_'. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private static final int HASH_BUFFER_BYTES = 1 << 20;

    private StorageFiles() {}

    /** Checks that a dataset name is usable as a directory name under the storage root. */
    static String checkDatasetName(String dataset) {
        if (dataset == null || !NAME.matcher(dataset).matches()) {
            throw new OptaicException(
                    EngineErrorCode.INVALID_DATASET_NAME,
                    "Invalid dataset name '" + dataset
                            + "': use 1 to 128 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        return dataset;
    }

    /** The directory of a dataset under the storage root. */
    static Path datasetDirectory(Path root, String dataset) {
        return root.resolve(checkDatasetName(dataset));
    }

    /** The directory of a dataset under the storage root. */
    static StorageLocation datasetDirectory(StorageLocation root, String dataset) {
        return root.resolve(checkDatasetName(dataset));
    }

    /** A path inside the dataset's directory as a manifest writes it: relative, with '/' separators. */
    static String relativize(Path datasetDirectory, Path file) {
        Path relative = datasetDirectory.relativize(file);
        StringBuilder text = new StringBuilder();
        for (Path segment : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(segment);
        }
        return text.toString();
    }

    /** The SHA-256 of a file as 64 lower-case hex digits. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER_BYTES);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Forces a file's content to the device, so a commit that follows cannot outlive the data on power loss. */
    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries (new names, renames) to the device where the platform allows it; some
     * platforms cannot open a directory, and there the rename is as durable as the file system makes it.
     */
    static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows); nothing more can be done portably.
        }
    }

    /** The one-line error for a file-system failure while doing {@code what}. */
    static OptaicException failure(String what, IOException e) {
        return new OptaicException(EngineErrorCode.STORAGE_FAILURE, what + ": " + describe(e), e);
    }

    /** The exception's class and message, e.g. {@code AccessDeniedException: /data/x}. */
    static String describe(IOException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
