package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What killed or failed writes left under a root of file-catalog datasets, found and removed on request: the
 * write directories ({@code <dataset>/data/v<version>-<random>}) that no committed version references, and hidden
 * temporary files ({@code .<name>.<random>.tmp}) of data files and manifests.
 *
 * <p>Guarantees: only entries named as OptAIC names them are removed (a foreign file, even inside an orphaned write
 * directory, stays, and so does that directory); a write directory is an orphan only when a committed version
 * already holds its version number (its writer can no longer commit) or when it and everything in it is older
 * than {@code staleBefore} (its writer is gone: pass a time before the start of any write still running).
 */
public final class OrphanFiles {
    private static final Pattern WRITE_DIRECTORY = Pattern.compile("v(\\d{6,})-[0-9a-f]{8}");
    private static final Pattern DATA_FILE = Pattern.compile("\\.?part-[^/]+\\.parquet(\\.crc)?");
    private static final Pattern HIDDEN_TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp(\\.crc)?");

    private final StorageLocation root;
    private final Function<String, List<VersionManifest>> committedVersions;
    private final Predicate<String> mayBeWriting;

    /**
     * One orphaned entry.
     *
     * @param path the file's path relative to the root, with {@code /} separators
     * @param bytes its size
     * @param reason why nothing owns it
     */
    public record Orphan(String path, long bytes, String reason) {
        public Orphan {
            requireNonNull(path, "path is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** Under a root of datasets whose versions are files ({@link FileVersionCatalog}); no run writes there. */
    public OrphanFiles(StorageLocation root, FileVersionCatalog catalog) {
        this(root, catalog::list, dataset -> false);
    }

    /**
     * Under a root whose versions another catalog keeps (the metadata store's, for run storage).
     *
     * @param committedVersions a dataset directory's committed versions, oldest first; null when the dataset is
     *     unknown, whose directory is then left alone
     * @param mayBeWriting whether a write of the dataset may be running (a RUNNING run): then only the writes whose
     *     version is already committed are orphans, however old
     */
    public OrphanFiles(
            StorageLocation root,
            Function<String, List<VersionManifest>> committedVersions,
            Predicate<String> mayBeWriting) {
        this.root = requireNonNull(root, "root is null");
        this.committedVersions = requireNonNull(committedVersions, "committedVersions is null");
        this.mayBeWriting = requireNonNull(mayBeWriting, "mayBeWriting is null");
    }

    /** The orphaned files under the root, by path; a write directory's are listed file by file. */
    public List<Orphan> find(Instant staleBefore) {
        requireNonNull(staleBefore, "staleBefore is null");
        List<Orphan> orphans = new ArrayList<>();
        try {
            for (StorageLocation dataset : root.list()) {
                if (dataset.isDirectory() && isDatasetName(dataset.name())) {
                    findIn(dataset, staleBefore, orphans);
                }
            }
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot look for orphaned files under '" + root + "'", e);
        }
        return orphans;
    }

    /** Deletes the orphans {@link #find} returned, then the write directories they emptied; returns the bytes freed. */
    public long delete(List<Orphan> orphans) {
        long freed = 0;
        Set<String> directories = new HashSet<>();
        try {
            for (Orphan orphan : orphans) {
                StorageLocation file = root.resolve(orphan.path());
                file.deleteIfExists();
                freed += orphan.bytes();
                directories.add(file.parent().toString());
            }
            for (Orphan orphan : orphans) {
                StorageLocation directory = root.resolve(orphan.path()).parent();
                if (directories.remove(directory.toString())
                        && WRITE_DIRECTORY.matcher(directory.name()).matches()
                        && directory.list().isEmpty()) {
                    directory.deleteIfExists();
                }
            }
        } catch (IOException e) {
            throw StorageFiles.failure("Cannot delete orphaned files under '" + root + "'", e);
        }
        return freed;
    }

    private void findIn(StorageLocation dataset, Instant staleLimit, List<Orphan> orphans) throws IOException {
        String name = dataset.name();
        StorageLocation data = dataset.resolve(DatasetWriter.DATA_DIRECTORY);
        List<VersionManifest> versions = committedVersions.apply(name);
        if (versions == null) {
            return; // not a dataset this catalog knows: nothing there is known to be ours
        }
        // While a write may be running, nothing of it is stale however old: only taken versions are orphans.
        Instant staleBefore = mayBeWriting.test(name) ? Instant.MIN : staleLimit;
        long latest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
        Set<String> referencedDirectories = new HashSet<>();
        for (VersionManifest version : versions) {
            for (DataFile file : version.files()) {
                int slash = file.path().lastIndexOf('/');
                referencedDirectories.add(slash < 0 ? "" : file.path().substring(0, slash));
            }
        }
        for (StorageLocation directory : data.list()) {
            Matcher matcher = WRITE_DIRECTORY.matcher(directory.name());
            String relative = DatasetWriter.DATA_DIRECTORY + "/" + directory.name();
            if (!matcher.matches() || !directory.isDirectory()) {
                if (!directory.isDirectory()
                        && HIDDEN_TEMPORARY.matcher(directory.name()).matches()) {
                    addIfStale(directory, name + "/" + relative, staleBefore, orphans);
                }
                continue;
            }
            if (referencedDirectories.contains(relative)) {
                // A committed version's directory: only a hidden temporary inside it can be left over.
                for (StorageLocation file : directory.list()) {
                    if (HIDDEN_TEMPORARY.matcher(file.name()).matches()) {
                        addIfStale(file, name + "/" + relative + "/" + file.name(), staleBefore, orphans);
                    }
                }
                continue;
            }
            long version = Long.parseLong(matcher.group(1));
            TreeMap<String, StorageLocation> ours = new TreeMap<>();
            Instant newest = directory.lastModified();
            for (StorageLocation file : directory.list()) {
                if (DATA_FILE.matcher(file.name()).matches()
                        || HIDDEN_TEMPORARY.matcher(file.name()).matches()) {
                    ours.put(file.name(), file);
                }
                Instant modified = file.lastModified();
                newest = modified.isAfter(newest) ? modified : newest;
            }
            String reason;
            if (version <= latest) {
                reason = "write of version " + version + ", which is committed from another write";
            } else if (newest.isBefore(staleBefore)) {
                reason = "uncommitted write of version " + version + ", untouched since " + newest;
            } else {
                continue; // perhaps a write still running
            }
            for (StorageLocation file : ours.values()) {
                orphans.add(new Orphan(name + "/" + relative + "/" + file.name(), size(file), reason));
            }
            if (directory.list().isEmpty()) { // killed before its first file: the directory is the leftover
                orphans.add(new Orphan(name + "/" + relative, 0, reason));
            }
        }
        StorageLocation versionsDirectory = dataset.resolve(FileVersionCatalog.VERSIONS_DIRECTORY);
        for (StorageLocation file : versionsDirectory.list()) {
            if (HIDDEN_TEMPORARY.matcher(file.name()).matches()) {
                addIfStale(
                        file,
                        name + "/" + FileVersionCatalog.VERSIONS_DIRECTORY + "/" + file.name(),
                        staleBefore,
                        orphans);
            }
        }
    }

    private static void addIfStale(StorageLocation file, String path, Instant staleBefore, List<Orphan> orphans)
            throws IOException {
        if (file.lastModified().isBefore(staleBefore)) {
            orphans.add(new Orphan(path, size(file), "temporary file of an unfinished write"));
        }
    }

    private static long size(StorageLocation file) throws IOException {
        try {
            return file.size();
        } catch (NoSuchFileException e) {
            return 0; // removed meanwhile
        }
    }

    private static boolean isDatasetName(String name) {
        try {
            StorageFiles.checkDatasetName(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
