package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * version's name with an operation the file system performs atomically and only if the name is free
 * ({@link StorageLocation#publishAs}): of two committers of the same version exactly one succeeds, and readers
 * never see a partial manifest. On a local disk (a plain path or a {@code file:} URI) that is a hard link (an
 * {@code ATOMIC_MOVE} rename would not do: on POSIX it silently replaces an existing target, so both committers
 * would "win"); on HDFS it is {@code FileContext.rename(src, dst, Rename.NONE)}, one atomic NameNode operation.
 * Object stores (s3a, gs, abfs...) have no atomic non-replacing rename: the catalog refuses their roots, and
 * datasets there use the metadata-store catalog. A crash leaves at most a hidden temporary file, which readers
 * ignore.
 */
public final class FileVersionCatalog implements VersionCatalog {
    /** The directory under a dataset's directory that holds its manifests. */
    public static final String VERSIONS_DIRECTORY = "_versions";

    private static final Pattern NAME = StorageFiles.NAME;
    private static final Pattern MANIFEST_NAME = Pattern.compile("v(\\d{6,})\\.json");

    private final StorageLocation root;

    /** @param root the storage root, a local directory; each dataset is a directory under it */
    public FileVersionCatalog(Path root) {
        this(StorageLocation.local(requireNonNull(root, "root is null")));
    }

    /**
     * @param root the storage root on a file system with an atomic, non-replacing publish; each dataset is a
     *        directory under it
     * @throws OptaicException ({@link EngineErrorCode#UNSUPPORTED_STORAGE}) for an object store root
     */
    public FileVersionCatalog(StorageLocation root) {
        this.root = requireNonNull(root, "root is null");
        if (root.isObjectStore()) {
            throw new OptaicException(
                    EngineErrorCode.UNSUPPORTED_STORAGE,
                    "Cannot keep dataset versions as files"
                            + " under '" + root + "': " + root.scheme() + ":// is an object store, without the atomic"
                            + " non-replacing rename the file catalog commits with; use a local directory or an hdfs:// root,"
                            + " or the metadata-store catalog, which commits versions in the database instead");
        }
    }

    public StorageLocation root() {
        return root;
    }

    /** The file that holds (or will hold) a version's manifest. */
    public StorageLocation manifestPath(String dataset, long version) {
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
        StorageLocation file = manifestPath(dataset, version);
        byte[] json;
        try {
            json = file.readAllBytes();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StorageFiles.failure(
                    "Cannot read the manifest of dataset '" + dataset + "' version " + version + " at '" + file + "'",
                    e);
        }
        VersionManifest manifest;
        try {
            manifest = ManifestJson.read(json);
        } catch (IOException e) {
            throw new OptaicException(
                    EngineErrorCode.MANIFEST_CORRUPT,
                    "Cannot read the manifest of dataset '" + dataset + "' version " + version + " at '" + file + "': "
                            + e.getMessage(),
                    e);
        }
        if (!manifest.dataset().equals(dataset) || manifest.version() != version) {
            throw new OptaicException(
                    EngineErrorCode.MANIFEST_CORRUPT,
                    "The manifest at '" + file
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
        if (!manifest.dataset().equals(dataset)
                || manifest.parent() != expectedParent
                || manifest.version() != version) {
            throw new IllegalArgumentException("cannot commit dataset '" + manifest.dataset() + "' version "
                    + manifest.version() + " (parent " + manifest.parent() + ") as version " + version
                    + " of dataset '" + dataset + "' on parent " + expectedParent);
        }
        long latest = versionNumbers(dataset).stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(VersionManifest.NO_PARENT);
        if (latest != expectedParent) {
            throw conflict(dataset, version, expectedParent, latest);
        }
        StorageLocation directory = versionsDirectory(dataset);
        StorageLocation target = manifestPath(dataset, version);
        StorageLocation temporary = directory.resolve("." + target.name() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean publishing = false;
        try {
            directory.createDirectories();
            temporary.writeNew(ManifestJson.write(manifest));
            publishing = true;
            if (!temporary.publishAs(target)) {
                long now = versionNumbers(dataset).stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(version);
                throw conflict(dataset, version, expectedParent, now);
            }
            directory.fsyncDirectory();
        } catch (IOException e) {
            if (publishing) {
                // The publish itself (or making it durable) failed: the manifest may be visible or not.
                throw new OptaicException(
                        EngineErrorCode.COMMIT_STATE_UNKNOWN,
                        "Cannot tell whether dataset '"
                                + dataset + "' version " + version + " was committed at '" + target + "': "
                                + StorageFiles.describe(e) + "; list the versions before retrying",
                        e);
            }
            throw StorageFiles.failure(
                    "Cannot commit dataset '" + dataset + "' version " + version + " at '" + target + "'", e);
        } finally {
            try {
                temporary.deleteIfExists();
            } catch (IOException ignored) {
                // A leftover hidden temporary file is ignored by readers.
            }
        }
    }

    private static OptaicException conflict(String dataset, long version, long expectedParent, long latest) {
        return new OptaicException(
                EngineErrorCode.VERSION_CONFLICT,
                "Cannot commit dataset '" + dataset
                        + "' version " + version + ": it was written on version " + expectedParent
                        + ", but another writer has committed up to version " + latest
                        + " since; retry on the latest version");
    }

    /** The datasets under the root with at least one committed version, sorted by name. */
    public List<String> datasets() {
        List<String> names = new ArrayList<>();
        try {
            for (StorageLocation entry : root.list()) {
                String name = entry.name();
                if (NAME.matcher(name).matches() && !versionNumbers(name).isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot list the datasets under '" + root + "'", e);
        }
        names.sort(null);
        return names;
    }

    private StorageLocation versionsDirectory(String dataset) {
        return StorageFiles.datasetDirectory(root, dataset).resolve(VERSIONS_DIRECTORY);
    }

    private TreeSet<Long> versionNumbers(String dataset) {
        StorageLocation directory = versionsDirectory(dataset);
        TreeSet<Long> versions = new TreeSet<>();
        try {
            for (StorageLocation entry : directory.list()) {
                String name = entry.name();
                Matcher matcher = MANIFEST_NAME.matcher(name);
                if (matcher.matches() && matcher.group(1).length() <= 18) {
                    long version = Long.parseLong(matcher.group(1));
                    if (manifestName(version).equals(name)) {
                        versions.add(version);
                    }
                }
            }
        } catch (IOException e) {
            throw StorageFiles.failure(
                    "Cannot list the versions of dataset '" + dataset + "' in '" + directory + "'", e);
        }
        return versions;
    }
}
