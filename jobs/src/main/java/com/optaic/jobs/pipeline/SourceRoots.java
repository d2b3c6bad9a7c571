package com.optaic.jobs.pipeline;

import com.optaic.common.OptaicException;
import com.optaic.engine.ingest.IngestSource;
import com.optaic.engine.ingest.IngestSplit;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.Storage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files a pipeline source may read. Never OptAIC's own storage root nor {@code OPTAIC_HOME}: a dataset is
 * read through the store, with its permissions, not as files behind its back. On a shared store (an external
 * {@code OPTAIC_DB_URL}, or {@code serve}) only files under the roots an administrator allows,
 * {@code OPTAIC_SOURCE_ROOTS} (a path-separator list; none allowed when unset). Paths are compared as real paths,
 * so neither {@code ..} nor a symbolic link escapes. Checked on the files a run actually reads (globs expanded).
 */
public final class SourceRoots {
    public static final String VARIABLE = "OPTAIC_SOURCE_ROOTS";

    private final List<Path> forbidden;
    private final Optional<List<Path>> allowed;

    private SourceRoots(List<Path> forbidden, Optional<List<Path>> allowed) {
        this.forbidden = List.copyOf(forbidden);
        this.allowed = allowed.map(List::copyOf);
    }

    /** From the environment; {@code shared} when this process runs others' runs (serve) or the store is external. */
    public static SourceRoots fromEnvironment(Map<String, String> env, Storage storage, boolean shared) {
        List<Path> forbidden = new ArrayList<>();
        storage.root().localPath().ifPresent(root -> forbidden.add(real(root)));
        Optional.ofNullable(env.get("OPTAIC_HOME"))
                .filter(home -> !home.isBlank())
                .ifPresent(home -> forbidden.add(real(Path.of(home))));
        String roots = env.get(VARIABLE);
        Optional<List<Path>> allowed = Optional.empty();
        if (roots != null && !roots.isBlank()) {
            List<Path> list = new ArrayList<>();
            for (String root : roots.split(File.pathSeparator)) {
                if (!root.isBlank()) {
                    list.add(real(Path.of(root.strip())));
                }
            }
            allowed = Optional.of(list);
        } else if (shared || env.containsKey("OPTAIC_DB_URL")) {
            allowed = Optional.of(List.of());
        }
        return new SourceRoots(forbidden, allowed);
    }

    /** The source, refusing (SOURCE_NOT_ALLOWED) the first file of its splits that may not be read. */
    public IngestSource confine(IngestSource source) {
        return parallelism -> {
            List<IngestSplit> splits = source.splits(parallelism);
            for (IngestSplit split : splits) {
                split.inputFiles().forEach(this::check);
            }
            return splits;
        };
    }

    void check(String file) {
        Path real = real(Path.of(file));
        for (Path root : forbidden) {
            if (real.startsWith(root)) {
                throw new OptaicException(
                        JobsErrorCode.SOURCE_NOT_ALLOWED,
                        "Pipeline input '" + file + "' is inside OptAIC's own storage (" + root
                                + "); read a dataset through the store (e.g. an experiment on it), not as files");
            }
        }
        if (allowed.isPresent() && allowed.get().stream().noneMatch(real::startsWith)) {
            throw new OptaicException(
                    JobsErrorCode.SOURCE_NOT_ALLOWED,
                    "Pipeline input '" + file + "' is outside the roots a shared store may read ("
                            + (allowed.get().isEmpty() ? VARIABLE + " is unset" : VARIABLE + "=" + allowed.get())
                            + "); an administrator allows a directory by adding it to " + VARIABLE);
        }
    }

    /** The real path, or for a file not there (yet) its absolute normalised path under its real parent. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            Path parent = absolute.getParent();
            return parent == null || !Files.exists(parent)
                    ? absolute
                    : real(parent).resolve(absolute.getFileName());
        }
    }
}
