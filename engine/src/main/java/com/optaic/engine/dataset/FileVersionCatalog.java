package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link VersionCatalog} kept as files beside the data: version {@code n} of dataset {@code d} is the JSON
 * manifest {@code <root>/d/_versions/v<n, at least 6 digits>.json}, and exists once that file does.
 *
 * <p>A commit writes the manifest to a hidden temporary file, forces it to disk, then publishes it under its
 * version's name with a hard link, which the file system creates atomically and only if the name is free: of two
 * committers of the same version exactly one succeeds, and readers never see a partial manifest. (An
 * {@code ATOMIC_MOVE} rename would not do: on POSIX it silently replaces an existing target, so both committers
 * would "win".) A crash leaves at most a hidden temporary file, which readers ignore. The file system must
 * support hard links (local disks and HDFS-style rename semantics do; object stores do not and need the
 * metadata-store catalog).
 */
public final class FileVersionCatalog implements VersionCatalog {
    /** The directory under a dataset's directory that holds its manifests. */
    public static final String VERSIONS_DIRECTORY = "_versions";

    private static final Pattern NAME = StorageFiles.NAME;
    private static final Pattern MANIFEST_NAME = Pattern.compile("v(\\d{6,})\\.json");

    private final Path root;

    /** @param root the storage root; each dataset is a directory under it */
    public FileVersionCatalog(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    public Path root() {
        return root;
    }

    /** The file that holds (or will hold) a version's manifest. */
    public Path manifestPath(String dataset, long version) {
        return versionsDirectory(dataset).resolve(manifestName(version));
    }

    private static String manifestName(long version) {
        return String.format(Locale.ROOT, "v%06d.json", version);
    }

    @Override
    public Optional<VersionManifest> latest(String dataset) {
        TreeSet<Long> versions = versionNumbers(dataset);
        return versions.isEmpty() ? Optional.empty() : get(dataset, versions.last());
    }

    @Override
    public Optional<VersionManifest> get(String dataset, long version) {
        Path file = manifestPath(dataset, version);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot read the manifest of dataset '" + dataset + "' version " + version
                    + " at '" + file + "'", e);
        }
        VersionManifest manifest;
        try {
            manifest = ManifestJson.read(json);
        } catch (IOException e) {
            throw new OptaicException(DatasetErrors.MANIFEST_CORRUPT, "Cannot read the manifest of dataset '"
                    + dataset + "' version " + version + " at '" + file + "': " + e.getMessage(), e);
        }
        if (!manifest.dataset().equals(dataset) || manifest.version() != version) {
            throw new OptaicException(DatasetErrors.MANIFEST_CORRUPT, "The manifest at '" + file
                    + "' describes dataset '" + manifest.dataset() + "' version " + manifest.version()
                    + ", not dataset '" + dataset + "' version " + version);
        }
        return Optional.of(manifest);
    }

    @Override
    public List<VersionManifest> list(String dataset) {
        List<VersionManifest> manifests = new ArrayList<>();
        for (long version : versionNumbers(dataset)) {
            get(dataset, version).ifPresent(manifests::add);
        }
        return manifests;
    }

    @Override
    public void commit(String dataset, long expectedParent, VersionManifest manifest) {
        requireNonNull(manifest, "manifest is null");
        StorageFiles.checkDatasetName(dataset);
        long version = expectedParent + 1;
        if (!manifest.dataset().equals(dataset) || manifest.parent() != expectedParent
                || manifest.version() != version) {
            throw new IllegalArgumentException("cannot commit dataset '" + manifest.dataset() + "' version "
                    + manifest.version() + " (parent " + manifest.parent() + ") as version " + version
                    + " of dataset '" + dataset + "' on parent " + expectedParent);
        }
        long latest = versionNumbers(dataset).stream().mapToLong(Long::longValue).max()
                .orElse(VersionManifest.NO_PARENT);
        if (latest != expectedParent) {
            throw conflict(dataset, version, expectedParent, latest);
        }
        Path directory = versionsDirectory(dataset);
        Path target = manifestPath(dataset, version);
        Path temporary = directory.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.write(temporary, ManifestJson.write(manifest), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            StorageFiles.fsync(temporary);
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                long now = versionNumbers(dataset).stream().mapToLong(Long::longValue).max().orElse(version);
                throw conflict(dataset, version, expectedParent, now);
            } catch (UnsupportedOperationException e) {
                throw new OptaicException(DatasetErrors.STORAGE_FAILURE, "Cannot commit dataset '" + dataset
                        + "' version " + version + ": the file system under '" + root + "' has no hard links, "
                        + "which the file catalog needs for an exclusive commit; use the metadata-store catalog");
            }
            StorageFiles.fsyncDirectory(directory);
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot commit dataset '" + dataset + "' version " + version + " at '"
                    + target + "'", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // A leftover hidden temporary file is ignored by readers.
            }
        }
    }

    private static OptaicException conflict(String dataset, long version, long expectedParent, long latest) {
        return new OptaicException(DatasetErrors.VERSION_CONFLICT, "Cannot commit dataset '" + dataset
                + "' version " + version + ": it was written on version " + expectedParent
                + ", but another writer has committed up to version " + latest + " since; retry on the latest version");
    }

    /** The datasets under the root with at least one committed version, sorted by name. */
    public List<String> datasets() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (NAME.matcher(name).matches() && !versionNumbers(name).isEmpty()) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot list the datasets under '" + root + "'", e);
        }
        names.sort(null);
        return names;
    }

    private Path versionsDirectory(String dataset) {
        return StorageFiles.datasetDirectory(root, dataset).resolve(VERSIONS_DIRECTORY);
    }

    private TreeSet<Long> versionNumbers(String dataset) {
        Path directory = versionsDirectory(dataset);
        TreeSet<Long> versions = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher matcher = MANIFEST_NAME.matcher(name);
                if (matcher.matches() && matcher.group(1).length() <= 18) {
                    long version = Long.parseLong(matcher.group(1));
                    if (manifestName(version).equals(name)) {
                        versions.add(version);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return versions;
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot list the versions of dataset '" + dataset + "' in '" + directory
                    + "'", e);
        }
        return versions;
    }
}
