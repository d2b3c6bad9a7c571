package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where run outputs live on disk: {@code <root>/datasets/<dataset id>/...} for dataset files (written by the
 * engine's {@code DatasetWriter}) and {@code <root>/runs/<run id>/} for a run's scratch files.
 */
public record Storage(Path root) {
    public Storage {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
    }

    /** {@code OPTAIC_STORAGE}, else {@code <OPTAIC_HOME>/data}, else {@code ~/.optaic/data}. */
    public static Storage fromEnvironment(Map<String, String> env) {
        Optional<String> explicit = Optional.ofNullable(env.get("OPTAIC_STORAGE")).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return new Storage(Path.of(explicit.get()));
        }
        Path home = Optional.ofNullable(env.get("OPTAIC_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".optaic"));
        return new Storage(home.resolve("data"));
    }

    public Path datasets() {
        return root.resolve("datasets");
    }

    public Path runDirectory(UUID runId) {
        return root.resolve("runs").resolve(runId.toString());
    }
}
