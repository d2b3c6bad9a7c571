package com.optaic.engine.io;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Refuses an output path that would overwrite an input file or replace a directory holding one, before anything
 * is written. Paths are compared as the file system resolves them (symbolic links, {@code .} and {@code ..}, and
 * for existing files their identity, so a hard link is caught too), not as they are spelled.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * @param outputOption how the user named the output, e.g. {@code --out}
     * @param inputs each input by how the user named it (e.g. {@code --data}, {@code --wide close}) and its path
     */
    public static void requireApartFromInputs(String outputOption, Path output, Map<String, Path> inputs) {
        requireNonNull(outputOption, "outputOption is null");
        requireNonNull(output, "output is null");
        requireNonNull(inputs, "inputs is null");
        Path resolvedOutput = resolved(output);
        inputs.forEach((inputOption, input) -> {
            Path resolvedInput = resolved(input);
            if (resolvedInput.equals(resolvedOutput) || sameExistingFile(output, input)) {
                throw refusal(outputOption, output, "is the input " + inputOption + " '" + input + "'");
            }
            if (resolvedInput.startsWith(resolvedOutput)) {
                throw refusal(outputOption, output, "holds the input " + inputOption + " '" + input + "'");
            }
        });
    }

    private static OptaicException refusal(String outputOption, Path output, String why) {
        return new OptaicException(
                EngineErrorCode.BAD_ARGUMENT,
                "Cannot write " + outputOption + " '" + output + "': it " + why
                        + "; nothing was written, choose another output path");
    }

    /** The real path of the longest existing prefix of {@code path}, followed by the names that do not exist yet. */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path resolved;
        try {
            resolved = existing == null ? absolute.getRoot() : existing.toRealPath();
        } catch (IOException e) {
            resolved = existing.normalize(); // unreadable on the way: compare as spelled
        }
        while (!missing.isEmpty()) {
            resolved = resolved.resolve(missing.pop());
        }
        return resolved.normalize();
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
