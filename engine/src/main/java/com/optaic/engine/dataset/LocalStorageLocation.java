package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * A plain local path, through java.nio. The exclusive publish is a hard link: created atomically and only if the
 * name is free (an {@code ATOMIC_MOVE} rename would silently replace an existing target on POSIX).
 */
record LocalStorageLocation(Path path) implements StorageLocation {
    LocalStorageLocation {
        requireNonNull(path, "path is null");
    }

    @Override
    public StorageLocation resolve(String relativePath) {
        Path resolved = path;
        for (String segment : relativePath.split("/")) {
            resolved = resolved.resolve(segment);
        }
        return new LocalStorageLocation(resolved);
    }

    @Override
    public StorageLocation parent() {
        return new LocalStorageLocation(path.getParent());
    }

    @Override
    public String name() {
        return path.getFileName().toString();
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.of(path);
    }

    @Override
    public void createDirectories() throws IOException {
        Files.createDirectories(path);
    }

    @Override
    public boolean createDirectoryExclusively() throws IOException {
        try {
            Files.createDirectory(path);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public List<StorageLocation> list() throws IOException {
        List<StorageLocation> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            stream.forEach(entry -> entries.add(new LocalStorageLocation(entry)));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return entries;
    }

    @Override
    public boolean isDirectory() {
        return Files.isDirectory(path);
    }

    @Override
    public long size() throws IOException {
        return Files.size(path);
    }

    @Override
    public String sha256() throws IOException {
        return StorageFiles.sha256(path);
    }

    @Override
    public Instant lastModified() throws IOException {
        return Files.getLastModifiedTime(path).toInstant();
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        return Files.readAllBytes(path);
    }

    @Override
    public void writeNew(byte[] bytes) throws IOException {
        Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        StorageFiles.fsync(path);
    }

    @Override
    public boolean publishAs(StorageLocation target) throws IOException {
        try {
            Files.createLink(((LocalStorageLocation) target).path, path);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            throw new IOException(
                    "the file system under '" + path.getParent() + "' has no hard links, which the"
                            + " file catalog needs for an exclusive commit; use the metadata-store catalog",
                    e);
        }
    }

    @Override
    public void fsync() throws IOException {
        StorageFiles.fsync(path);
    }

    @Override
    public void fsyncDirectory() {
        StorageFiles.fsyncDirectory(path);
    }

    @Override
    public void deleteIfExists() throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public void deleteQuietly() {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException ignored) {
            // Best effort: whatever is left is an unreferenced orphan that gc removes.
        }
    }

    @Override
    public InputFile inputFile() {
        return new LocalInputFile(path) {
            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    @Override
    public OutputFile outputFile() {
        return new LocalOutputFile(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
