package com.optaic.engine.ingest;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** The input files a path names: a file, a directory (its files with the extension), or a glob. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The files, sorted by path. A glob ({@code data/prices-*.csv}, {@code data/**}{@code /*.csv}) matches below the
     * longest directory prefix without a wildcard; a directory gives its files ending in {@code extension}, not
     * descending and skipping hidden ({@code .}) and marker ({@code _}) files.
     */
    public static List<Path> expand(String path, String extension) {
        int wildcard = firstWildcard(path);
        if (wildcard < 0) {
            Path file = Path.of(path);
            if (Files.isDirectory(file)) {
                return list(file, directoryFiles(file, extension), path, extension);
            }
            if (!Files.isRegularFile(file)) {
                throw new OptaicException(EngineErrorCode.NO_INPUT, "Cannot ingest '" + path + "': no such file");
            }
            return List.of(file);
        }
        int slash = path.lastIndexOf('/', wildcard);
        Path base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.substring(slash + 1));
        if (!Files.isDirectory(base)) {
            throw new OptaicException(
                    EngineErrorCode.NO_INPUT, "Cannot ingest '" + path + "': no such directory '" + base + "'");
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return list(
                    base,
                    walk.filter(Files::isRegularFile)
                            .filter(file -> matcher.matches(base.relativize(file)))
                            .sorted()
                            .toList(),
                    path,
                    extension);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list '" + base + "'", e);
        }
    }

    private static List<Path> directoryFiles(Path directory, String extension) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(extension) && !name.startsWith(".") && !name.startsWith("_");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list '" + directory + "'", e);
        }
    }

    private static List<Path> list(Path base, List<Path> files, String path, String extension) {
        if (files.isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.NO_INPUT,
                    "Cannot ingest '" + path + "': no " + extension + " file "
                            + (firstWildcard(path) < 0 ? "in the directory" : "matches under '" + base + "'"));
        }
        return files;
    }

    private static int firstWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            if ("*?[{".indexOf(path.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
