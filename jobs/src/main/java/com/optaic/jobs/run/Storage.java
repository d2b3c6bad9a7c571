package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.StorageLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The run storage root: {@code <root>/datasets/<dataset id>/...} holds the dataset files runs stage and the
 * metadata store publishes (written by the engine's {@code DatasetWriter}, {@code DatasetIngestion} and Spark
 * tasks), {@code <root>/file-datasets} the default root of {@code optaic eval --dataset}. The root is a plain
 * local path (java.nio, as fast as ever) or a Hadoop file system URI ({@code file:///...} through Hadoop's
 * checksummed local file system, {@code hdfs://namenode:8020/...}), which Spark executors reach under the same
 * name.
 *
 * <p>Object stores ({@code s3a://}, {@code gs://}, {@code abfs://}, ...) are refused. Run versions alone would not
 * need a rename (their files go to fresh directories and the metadata store publishes them), but the
 * {@code file-datasets} catalog under the same root commits with an atomic non-replacing rename object stores
 * lack, and no object store's {@code FileSystem} ships on OptAIC's class path to exercise the rest.
 */
public record Storage(StorageLocation root) {
    /** The environment variable naming the root. */
    public static final String VARIABLE = "OPTAIC_STORAGE";

    public Storage {
        requireNonNull(root, "root is null");
    }

    /**
     * A root given as text: a URI with a scheme is a Hadoop file system root, anything else a local path.
     *
     * @throws OptaicException ({@link EngineErrorCode#UNSUPPORTED_STORAGE}, a user error naming
     *         {@code OPTAIC_STORAGE}) for a scheme no Hadoop file system on the class path serves, an object store,
     *         or text that is no path
     */
    public static Storage of(String root) {
        StorageLocation location;
        try {
            location = StorageLocation.of(root);
        } catch (IllegalArgumentException e) { // also an InvalidPathException
            throw unsupported(root, e.getMessage());
        }
        if (location.isObjectStore()) {
            throw unsupported(
                    root,
                    location.scheme() + ":// is an object store; run storage must be a local"
                            + " directory or a file system with atomic renames (file:///..., hdfs://...)");
        }
        return new Storage(location);
    }

    private static OptaicException unsupported(String root, String reason) {
        return new OptaicException(
                EngineErrorCode.UNSUPPORTED_STORAGE,
                "Cannot use " + VARIABLE + " '" + root + "' as run storage: " + reason);
    }

    /** {@code OPTAIC_STORAGE}, else {@code <OPTAIC_HOME>/data}, else {@code ~/.optaic/data}. */
    public static Storage fromEnvironment(Map<String, String> env) {
        Optional<String> explicit = Optional.ofNullable(env.get(VARIABLE)).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return of(explicit.get());
        }
        Path home = Optional.ofNullable(env.get("OPTAIC_HOME"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".optaic"));
        return new Storage(
                StorageLocation.local(home.resolve("data").toAbsolutePath().normalize()));
    }

    /** The root of the datasets runs write, whose versions the metadata store keeps. */
    public StorageLocation datasets() {
        return root.resolve("datasets");
    }
}
