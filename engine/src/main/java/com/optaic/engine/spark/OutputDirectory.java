package com.optaic.engine.spark;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An output directory of part files that appears complete or not at all. Tasks write into a hidden staging
 * directory beside the target ({@code .<name>.<random>.inprogress}, ignored by Parquet readers); {@link #commit}
 * renames it into place once every task has succeeded, and {@link #abort} deletes it. Only what OptAIC wrote is
 * ever replaced: an empty directory, or an earlier output (its {@code part-NNNNN.parquet} files and the
 * {@value #SUCCESS_MARKER} marker its commit wrote, nothing else). Any other entry, hidden or not, makes the target
 * refused before anything is written and again at commit; the earlier output is moved aside, the new one moved
 * in, and of the old one only OptAIC's own files are deleted, so a reader sees the old or the new directory, or
 * for a moment none.
 */
final class OutputDirectory {
    static final String SUCCESS_MARKER = "_SUCCESS";
    private static final Pattern PART_FILE = Pattern.compile("part-[0-9]+\\.parquet");

    private final Path target;
    private final Path staging;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Checks that {@code target} may be written and creates its staging directory.
     *
     * @param singleFile whether the target is one file assembled from the staged parts (which then replaces a
     *     file there, atomically), so only its directory is checked
     */
    static OutputDirectory create(Path target, boolean singleFile) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new OptaicException(
                    EngineErrorCode.FILE_NOT_FOUND,
                    "Cannot write '" + target + "': no such directory '" + parent + "'");
        }
        if (singleFile && Files.isDirectory(absolute)) {
            throw new OptaicException(EngineErrorCode.BAD_ARGUMENT, "Cannot write '" + target + "': it is a directory");
        }
        if (singleFile) {
            // parts are staged beside the target; the single file is written by the caller
        } else if (Files.isRegularFile(absolute)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    "Cannot write '" + target + "': it is a file, and the"
                            + " Spark engine writes a directory of part files; remove it or choose another path");
        }
        if (Files.isDirectory(absolute)) {
            requireReplaceable(absolute, target);
        }
        Path staging = parent.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".inprogress");
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw SparkErrors.cannotWrite(staging, e);
        }
        return new OutputDirectory(absolute, staging);
    }

    /** Refuses an existing directory that is neither empty nor an earlier output, naming what it holds. */
    private static void requireReplaceable(Path directory, Path shown) {
        List<String> names = names(directory);
        if (names.isEmpty()) {
            return;
        }
        String foreign = names.stream().filter(name -> !isOwn(name)).findFirst().orElse(null);
        if (foreign != null) {
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    "Cannot write '" + shown + "': the directory exists"
                            + " and holds '" + foreign
                            + "', which was not written by OptAIC; nothing was changed, choose a"
                            + " new or empty directory");
        }
        if (!names.contains(SUCCESS_MARKER)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    "Cannot write '" + shown + "': the directory exists"
                            + " and holds part files but no " + SUCCESS_MARKER
                            + " marker, so it is not an output OptAIC"
                            + " completed; nothing was changed, choose a new or empty directory");
        }
    }

    /** Whether a name is one an output directory of ours holds: a part file or the marker. */
    private static boolean isOwn(String name) {
        return name.equals(SUCCESS_MARKER) || PART_FILE.matcher(name).matches();
    }

    private static List<String> names(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw SparkErrors.cannotRead(directory, e);
        }
    }

    Path target() {
        return target;
    }

    Path staging() {
        return staging;
    }

    /** Marks the staging directory complete and moves it to the target, replacing an earlier output there. */
    void commit() {
        Path old = null;
        try {
            Files.createFile(staging.resolve(SUCCESS_MARKER));
            if (Files.isDirectory(target)) {
                // The tasks took a while: check again what the target holds now.
                requireReplaceable(target, target);
            }
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".replaced");
                move(target, old);
            }
            move(staging, target);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                try {
                    move(old, target);
                    old = null;
                } catch (IOException ignored) {
                    // The commit failed; report that failure, the old output stays at its hidden name.
                }
            }
            abort();
            throw SparkErrors.cannotWrite(target, e);
        } catch (OptaicException e) {
            abort();
            throw e;
        }
        if (old != null) {
            deleteOwn(old);
        }
    }

    /**
     * Deletes an earlier output moved aside: its part files and marker, then the directory if that left it empty.
     * An entry someone added between the check and the move stays, with the directory at its hidden name.
     */
    private static void deleteOwn(Path old) {
        try {
            for (String name : names(old)) {
                if (isOwn(name)) {
                    Files.deleteIfExists(old.resolve(name));
                }
            }
            Files.deleteIfExists(old);
        } catch (IOException | OptaicException e) {
            // The new output is in place; a leftover hidden directory holds only what could not be deleted.
        }
    }

    /** Deletes the staging directory and whatever tasks wrote there; never throws. */
    void abort() {
        deleteRecursively(staging);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Best effort: a task of a failed job that is still running may add a file while we delete, so the
     * directory is listed again a few times.
     */
    static void deleteRecursively(Path directory) {
        for (int attempt = 0; attempt < 5 && Files.exists(directory); attempt++) {
            try (Stream<Path> walk = Files.walk(directory)) {
                List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
                for (Path path : paths) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // Retried below; a file that cannot be deleted at all leaves a hidden directory behind.
            }
        }
    }
}
