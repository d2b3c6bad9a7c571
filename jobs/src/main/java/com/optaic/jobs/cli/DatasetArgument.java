package com.optaic.jobs.cli;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset named on the command line as {@code NAME[@VERSION]}, under a storage root of datasets whose versions
 * are kept as files ({@link FileVersionCatalog}): {@code --root} (a directory, or a Hadoop file system URI such as
 * {@code hdfs://namenode:8020/datasets} or {@code file:///data/datasets}), else {@code <storage>/file-datasets}
 * where the storage is {@code OPTAIC_STORAGE}, else {@code <OPTAIC_HOME>/data}.
 *
 * @param version the version asked for, or null for the latest
 */
record DatasetArgument(String name, Long version) {
    static final String DEFAULT_ROOT = "file-datasets";
    private static final Pattern SYNTAX = Pattern.compile("([^@]+)(?:@(\\d{1,18}))?");

    DatasetArgument {
        requireNonNull(name, "name is null");
    }

    /** Parses {@code NAME[@VERSION]}; {@code option} names the option in messages. */
    static DatasetArgument parse(String option, String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches() || (matcher.group(2) != null && Long.parseLong(matcher.group(2)) < 1)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    option + " '" + text
                            + "' is not NAME or NAME@VERSION (a version is a number from 1), e.g. prices or prices@3");
        }
        return new DatasetArgument(
                matcher.group(1), matcher.group(2) == null ? null : Long.parseLong(matcher.group(2)));
    }

    /** The dataset's id when the name is one: a dataset of the metadata store rather than of a file catalog. */
    Optional<UUID> storeId() {
        if (name.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The storage root: the one given (a path or a URI), else the default under the configured storage. */
    static StorageLocation root(String given, Map<String, String> environment) {
        if (given == null) {
            return Storage.fromEnvironment(environment).root().resolve(DEFAULT_ROOT);
        }
        StorageLocation root;
        try {
            root = StorageLocation.of(given);
        } catch (IllegalArgumentException e) { // also an InvalidPathException
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "Cannot use --root '" + given + "': " + e.getMessage());
        }
        if (isFile(root)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "Cannot use --root '" + given + "': it is a file; --root names a directory of datasets");
        }
        return root;
    }

    /** Whether the root exists as a file; a missing root is created by writers, and any other doubt is left to them. */
    private static boolean isFile(StorageLocation root) {
        if (root.localPath().isPresent()) {
            return Files.isRegularFile(root.localPath().get());
        }
        try {
            if (root.isDirectory()) {
                return false;
            }
            root.size();
            return true;
        } catch (IOException | RuntimeException e) { // missing (NoSuchFileException), or unreachable: not our call
            return false;
        }
    }

    /** The committed version this argument names, with the known datasets or versions when there is none. */
    VersionManifest resolve(FileVersionCatalog catalog) {
        Optional<VersionManifest> latest = catalog.latest(name); // checks the name first: a bad one is a user error
        if (latest.isEmpty()) {
            List<String> known = catalog.datasets();
            throw new OptaicException(
                    JobsErrorCode.UNKNOWN_DATASET,
                    "Unknown dataset '" + name + "' under '" + catalog.root()
                            + "'; "
                            + (known.isEmpty()
                                    ? "it holds no dataset (give --root DIR|URI)"
                                    : "known: " + String.join(", ", known)));
        }
        if (version == null) {
            return latest.get();
        }
        return catalog.get(name, version)
                .orElseThrow(() -> new OptaicException(
                        JobsErrorCode.UNKNOWN_VERSION,
                        "Dataset '" + name
                                + "' has no version " + version + "; it has versions "
                                + catalog.list(name).stream()
                                        .map(m -> Long.toString(m.version()))
                                        .toList()));
    }
}
