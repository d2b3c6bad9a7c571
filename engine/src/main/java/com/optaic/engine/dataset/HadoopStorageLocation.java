package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * A path on a Hadoop {@code FileSystem}, for storage roots given as URIs ({@code file:///...} goes through
 * Hadoop's checksummed {@code LocalFileSystem}, {@code hdfs://...} through HDFS).
 *
 * <p>The exclusive publish is {@code FileContext.rename(src, dst, Rename.NONE)}, which on HDFS is one atomic
 * NameNode operation that fails if the target exists. Hadoop's local file system implements that rename as a
 * check then a POSIX rename (not exclusive under a race), so on {@code file:} the publish is a hard link of the
 * underlying local file instead, as for plain paths. Object stores ({@link #OBJECT_STORE_SCHEMES}) have neither;
 * the file catalog refuses them. Data files written through Hadoop are durable once closed as far as the file
 * system makes them (HDFS: acknowledged by every datanode of the pipeline); {@link #fsync} has nothing more to
 * force, while the manifest is {@code hsync}ed before it is published.
 */
record HadoopStorageLocation(Path path, Configuration configuration) implements StorageLocation {
    /** Object stores: no atomic, non-replacing rename, so no file catalog on them. */
    static final Set<String> OBJECT_STORE_SCHEMES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs",
            "oss", "cosn", "obs");

    HadoopStorageLocation {
        requireNonNull(path, "path is null");
        requireNonNull(configuration, "configuration is null");
    }

    /**
     * A root URI with the default Hadoop configuration (core-site.xml etc. on the class path).
     *
     * @throws IllegalArgumentException if no Hadoop file system serves the scheme (object stores excepted: the
     *         file catalog names them as such)
     */
    static HadoopStorageLocation of(URI root) {
        Configuration configuration = new Configuration();
        if (!OBJECT_STORE_SCHEMES.contains(root.getScheme())) {
            try {
                FileSystem.getFileSystemClass(root.getScheme(), configuration);
            } catch (IOException e) {
                throw new IllegalArgumentException("no Hadoop FileSystem for scheme '" + root.getScheme()
                        + "' on the class path", e);
            }
        }
        return new HadoopStorageLocation(new Path(root), configuration);
    }

    private FileSystem fileSystem() throws IOException {
        return path.getFileSystem(configuration);
    }

    @Override
    public StorageLocation resolve(String relativePath) {
        Path resolved = path;
        for (String segment : relativePath.split("/")) {
            resolved = new Path(resolved, segment);
        }
        return new HadoopStorageLocation(resolved, configuration);
    }

    @Override
    public StorageLocation parent() {
        return new HadoopStorageLocation(path.getParent(), configuration);
    }

    @Override
    public String name() {
        return path.getName();
    }

    @Override
    public String scheme() {
        String scheme = path.toUri().getScheme();
        return scheme == null ? FileSystem.getDefaultUri(configuration).getScheme() : scheme;
    }

    @Override
    public Optional<java.nio.file.Path> localPath() {
        return Optional.empty();
    }

    @Override
    public void createDirectories() throws IOException {
        fileSystem().mkdirs(path);
    }

    /**
     * Hadoop's {@code mkdirs} succeeds on an existing directory, so this is a check then a create: exclusive
     * against the callers here, which draw a random 32-bit suffix per directory name.
     */
    @Override
    public boolean createDirectoryExclusively() throws IOException {
        FileSystem fileSystem = fileSystem();
        if (fileSystem.exists(path)) {
            return false;
        }
        return fileSystem.mkdirs(path);
    }

    @Override
    public List<StorageLocation> list() throws IOException {
        List<StorageLocation> entries = new ArrayList<>();
        try {
            for (FileStatus status : fileSystem().listStatus(path)) {
                entries.add(new HadoopStorageLocation(status.getPath(), configuration));
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        return entries;
    }

    @Override
    public boolean isDirectory() throws IOException {
        return status().isDirectory();
    }

    @Override
    public long size() throws IOException {
        return status().getLen();
    }

    @Override
    public Instant lastModified() throws IOException {
        return Instant.ofEpochMilli(status().getModificationTime());
    }

    private FileStatus status() throws IOException {
        try {
            return fileSystem().getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw missing(e);
        }
    }

    private NoSuchFileException missing(FileNotFoundException e) {
        NoSuchFileException missing = new NoSuchFileException(path.toString());
        missing.initCause(e);
        return missing;
    }

    @Override
    public String sha256() throws IOException {
        MessageDigest digest = StorageFiles.newSha256();
        try (InputStream in = new DigestInputStream(fileSystem().open(path), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (FileNotFoundException e) {
            throw missing(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = fileSystem().open(path)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw missing(e);
        }
    }

    @Override
    public void writeNew(byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fileSystem().create(path, false)) {
            out.write(bytes);
            out.hsync();
        }
    }

    @Override
    public boolean publishAs(StorageLocation target) throws IOException {
        Path targetPath = ((HadoopStorageLocation) target).path;
        if (scheme().equals("file")) {
            java.nio.file.Path source = java.nio.file.Path.of(fileSystem().makeQualified(path).toUri());
            java.nio.file.Path published = java.nio.file.Path.of(fileSystem().makeQualified(targetPath).toUri());
            try {
                Files.createLink(published, source);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            // The winner alone brings the checksum along; without it the manifest still reads, unverified.
            try {
                Files.createLink(published.resolveSibling("." + published.getFileName() + ".crc"),
                        source.resolveSibling("." + source.getFileName() + ".crc"));
            } catch (IOException ignored) {
                // No checksum file (or a stale one a crash left): LocalFileSystem reads without it.
            }
            return true;
        }
        try {
            FileContext.getFileContext(path.toUri(), configuration).rename(path, targetPath, Options.Rename.NONE);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void fsync() {
        // Closed Hadoop files are as durable as the file system makes them; see the class comment.
    }

    @Override
    public void fsyncDirectory() {
        // Namespace changes are durable in the file system's metadata (the HDFS NameNode's edit log).
    }

    @Override
    public void deleteIfExists() throws IOException {
        fileSystem().delete(path, false);
    }

    @Override
    public void deleteQuietly() {
        try {
            fileSystem().delete(path, true);
        } catch (IOException ignored) {
            // Best effort: whatever is left is an unreferenced orphan that gc removes.
        }
    }

    @Override
    public InputFile inputFile() {
        return HadoopInputFile.fromPathUnchecked(path, configuration);
    }

    @Override
    public OutputFile outputFile() {
        return HadoopOutputFile.fromPathUnchecked(path, configuration);
    }

    @Override
    public String toString() {
        return path.toString();
    }

}
