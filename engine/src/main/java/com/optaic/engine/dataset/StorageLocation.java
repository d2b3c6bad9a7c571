package com.optaic.engine.dataset;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * A file or directory under a dataset storage root: a plain local path (java.nio, the fast default) or a path
 * on any Hadoop {@code FileSystem} ({@code file://}, {@code hdfs://}, ...). These are the only file operations
 * datasets, their versions and the file catalog use.
 *
 * <p>Implementations must guarantee: a missing file is reported as {@link java.nio.file.NoSuchFileException};
 * {@link #createDirectoryExclusively} and {@link #publishAs} are atomic and fail (return false) if the name is
 * taken; {@link #writeNew} leaves either no file or the whole content.
 */
public sealed interface StorageLocation permits LocalStorageLocation, HadoopStorageLocation {
    /** A scheme of two or more letters: one letter is a Windows drive ({@code C:\...}), a plain path. */
    Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** A storage root given as text: a URI with a scheme is a Hadoop file system path, anything else a local path. */
    static StorageLocation of(String root) {
        if (URI_SCHEME.matcher(root).matches()) {
            try {
                URI uri = new URI(root);
                if (uri.isOpaque()) { // file:relative has no path a file system can resolve
                    throw new IllegalArgumentException("'" + root + "' is not a hierarchical URI: write "
                            + uri.getScheme() + ":///absolute/path (or " + uri.getScheme()
                            + "://authority/path), or give a plain path without a scheme");
                }
                return HadoopStorageLocation.of(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + root + "' is not a URI: " + e.getMessage(), e);
            }
        }
        return local(Path.of(root).toAbsolutePath().normalize());
    }

    static StorageLocation local(Path path) {
        return new LocalStorageLocation(path);
    }

    /** The entry named by a relative path with '/' separators. */
    StorageLocation resolve(String relativePath);

    /** The directory holding this entry. */
    StorageLocation parent();

    /** The last segment of the path. */
    String name();

    /** The file system's URI scheme ({@code file} for a plain local path). */
    String scheme();

    /**
     * Whether this is on an object store ({@code s3a://}, {@code gs://}, {@code abfs://}, ...): no atomic,
     * non-replacing rename, so no file catalog on it.
     */
    default boolean isObjectStore() {
        return HadoopStorageLocation.OBJECT_STORE_SCHEMES.contains(scheme());
    }

    /** This location as a local path, if it is a plain one. */
    Optional<Path> localPath();

    void createDirectories() throws IOException;

    /** Creates this directory (its parent exists); false if the name is taken. */
    boolean createDirectoryExclusively() throws IOException;

    /** The entries of this directory (none if it is missing). */
    List<StorageLocation> list() throws IOException;

    boolean isDirectory() throws IOException;

    long size() throws IOException;

    /** The SHA-256 of this file's bytes as 64 lower-case hex digits. */
    String sha256() throws IOException;

    Instant lastModified() throws IOException;

    byte[] readAllBytes() throws IOException;

    /** Creates this file (fails if it exists) holding {@code bytes}, durable on return. */
    void writeNew(byte[] bytes) throws IOException;

    /**
     * Publishes this file under {@code target}'s name (same directory) atomically and only if that name is free:
     * false if it is taken. This file may remain and the caller deletes it.
     */
    boolean publishAs(StorageLocation target) throws IOException;

    /** Forces a written file's content to the device where the file system allows it. */
    void fsync() throws IOException;

    /** Forces a directory's new entries to the device where the file system allows it. */
    void fsyncDirectory();

    void deleteIfExists() throws IOException;

    /** Deletes this file or directory tree, ignoring failures (what is left is an orphan gc removes). */
    void deleteQuietly();

    InputFile inputFile();

    OutputFile outputFile();
}
