package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * A path on a Hadoop {@code FileSystem}, for storage roots given as URIs ({@code file:///...} goes through
 * Hadoop's checksummed {@code LocalFileSystem}, {@code hdfs://...} through HDFS).
 *
 * <p>The exclusive publish is {@code FileContext.rename(src, dst, Rename.NONE)}, which on HDFS is one atomic
 * NameNode operation that fails if the target exists. Hadoop's local file system implements that rename as a
 * check then a POSIX rename (not exclusive under a race), so on {@code file:} the publish is a hard link of the
 * underlying local file instead, as for plain paths. Object stores ({@link #OBJECT_STORE_SCHEMES}) have neither;
 * the file catalog refuses them.
 *
 * <p>Durability: every file this class creates (data files through {@link #outputFile}, manifests through
 * {@link #writeNew}) is created with {@code CreateFlag.SYNC_BLOCK}, so on HDFS each block, the last one when the
 * stream closes, is fsynced by every datanode of its pipeline before the write is acknowledged: a closed file
 * survives the datanodes losing power, and {@link #fsync} has nothing more to force. (An {@code hsync} before
 * close would force only the current block of a file larger than one.) On {@code file:} the flag means nothing
 * and {@link #fsync} forces the underlying local file instead, as for plain paths.
 */
record HadoopStorageLocation(Path path, Configuration configuration) implements StorageLocation {
    private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

    /** Object stores: no atomic, non-replacing rename, so no file catalog on them. */
    static final Set<String> OBJECT_STORE_SCHEMES =
            Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn", "obs");

    HadoopStorageLocation {
        requireNonNull(path, "path is null");
        requireNonNull(configuration, "configuration is null");
    }

    /**
     * A root URI with the default Hadoop configuration (core-site.xml etc. on the class path) and, inside a Spark
     * process, the {@code spark.hadoop.*} settings of its Spark configuration: an executor on a cluster gets the
     * driver's Hadoop settings that way (Spark's documented channel), whatever its own class path holds.
     *
     * @throws IllegalArgumentException if no Hadoop file system serves the scheme (object stores excepted: the
     *         file catalog names them as such)
     */
    static HadoopStorageLocation of(URI root) {
        Configuration configuration = new Configuration();
        sparkHadoopSettings(configuration);
        if (!OBJECT_STORE_SCHEMES.contains(root.getScheme())) {
            try {
                FileSystem.getFileSystemClass(root.getScheme(), configuration);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "no Hadoop FileSystem for scheme '" + root.getScheme() + "' on the class path", e);
            }
        }
        return new HadoopStorageLocation(new Path(root), configuration);
    }

    /** Copies {@code spark.hadoop.K=V} of this process's Spark configuration, if it runs Spark, as {@code K=V}. */
    private static void sparkHadoopSettings(Configuration configuration) {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return;
        }
        for (Tuple2<String, String> setting : env.conf().getAllWithPrefix(SPARK_HADOOP_PREFIX)) {
            configuration.set(setting._1(), setting._2(), "spark.hadoop");
        }
    }

    private FileSystem fileSystem() throws IOException {
        try {
            return path.getFileSystem(configuration);
        } catch (IllegalArgumentException e) {
            // HDFS reports a host it cannot resolve this way when the file system is first used, which is also
            // what a nameservice (hdfs://nameservice/...) is without the configuration that defines it.
            if (e.getCause() instanceof UnknownHostException) {
                throw new OptaicException(
                        EngineErrorCode.UNSUPPORTED_STORAGE,
                        "Cannot use '" + path + "': unknown host '"
                                + path.toUri().getHost()
                                + "'; a nameservice needs its Hadoop configuration on the class path"
                                + " (bin/optaic adds HADOOP_CONF_DIR)",
                        e);
            }
            throw e;
        }
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
     * Hadoop's {@code mkdirs} and {@code FileContext.mkdir} both succeed on an existing directory (on HDFS too), so
     * on HDFS this creates a private directory under a random hidden name and renames it to this name with
     * {@code Rename.NONE}, one NameNode operation that fails if the name is taken (a crash in between leaves an
     * empty hidden directory, which gc removes). On {@code file:}, where that rename is a check then a rename, it
     * is java.nio's exclusive create of the local directory. Object stores have neither: there it is a check then
     * a create, exclusive enough for the callers here, which draw a random 32-bit suffix per name.
     */
    @Override
    public boolean createDirectoryExclusively() throws IOException {
        if (scheme().equals("file")) {
            try {
                Files.createDirectory(localFile());
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        FileSystem fileSystem = fileSystem();
        if (OBJECT_STORE_SCHEMES.contains(scheme())) {
            return !fileSystem.exists(path) && fileSystem.mkdirs(path);
        }
        Path claim = new Path(
                path.getParent(),
                "." + path.getName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileContext context = FileContext.getFileContext(path.toUri(), configuration);
        context.mkdir(claim, FsPermission.getDirDefault(), false);
        try {
            context.rename(claim, path, Options.Rename.NONE);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            fileSystem.delete(claim, false);
            return false;
        }
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
        try (FSDataOutputStream out = createSynced()) {
            out.write(bytes);
        }
        fsync();
    }

    /** Creates this file (fails if it exists) so that each block is forced to disk as it closes (class comment). */
    private FSDataOutputStream createSynced() throws IOException {
        FileSystem fileSystem = fileSystem();
        return fileSystem.create(
                path,
                FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(configuration)),
                EnumSet.of(CreateFlag.CREATE, CreateFlag.SYNC_BLOCK),
                configuration.getInt(
                        CommonConfigurationKeysPublic.IO_FILE_BUFFER_SIZE_KEY,
                        CommonConfigurationKeysPublic.IO_FILE_BUFFER_SIZE_DEFAULT),
                fileSystem.getDefaultReplication(path),
                fileSystem.getDefaultBlockSize(path),
                null);
    }

    /** The local file behind a {@code file:} path. */
    private java.nio.file.Path localFile() throws IOException {
        return localFile(path);
    }

    private java.nio.file.Path localFile(Path file) throws IOException {
        return java.nio.file.Path.of(fileSystem().makeQualified(file).toUri());
    }

    @Override
    public boolean publishAs(StorageLocation target) throws IOException {
        Path targetPath = ((HadoopStorageLocation) target).path;
        if (scheme().equals("file")) {
            java.nio.file.Path source = localFile();
            java.nio.file.Path published = localFile(targetPath);
            try {
                Files.createLink(published, source);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            // The winner alone brings the checksum along; without it the manifest still reads, unverified.
            try {
                Files.createLink(
                        published.resolveSibling("." + published.getFileName() + ".crc"),
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
    public void fsync() throws IOException {
        if (scheme().equals("file")) {
            StorageFiles.fsync(localFile());
        }
        // Elsewhere the file was forced when its stream closed; see the class comment.
    }

    @Override
    public void fsyncDirectory() {
        if (scheme().equals("file")) {
            try {
                StorageFiles.fsyncDirectory(localFile());
            } catch (IOException ignored) {
                // Not a local directory after all: nothing more can be forced.
            }
        }
        // HDFS: namespace changes are durable in the NameNode's edit log before they are acknowledged.
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

    /**
     * Parquet's output file for this path, created as {@link #writeNew} creates files (each block forced to disk as
     * it closes). It asks for no particular block size: the file system's default, and Parquet then pads nothing,
     * so the bytes are those a plain local path gets.
     */
    @Override
    public OutputFile outputFile() {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return new ParquetStream(createSynced());
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                throw new IOException("'" + path + "' is written once: data files are never overwritten");
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return path.toString();
            }
        };
    }

    /** A Hadoop output stream as Parquet writes it. */
    private static final class ParquetStream extends PositionOutputStream {
        private final FSDataOutputStream out;

        ParquetStream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
