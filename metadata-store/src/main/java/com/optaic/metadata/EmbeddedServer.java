package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.metadata.store.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded PostgreSQL that every OptAIC process on one home shares: started by the first process that needs
 * it (or {@code optaic db start}), outliving them all until {@link #stop}. The contract over the store's
 * implementation, for commands that manage the server itself.
 */
public final class EmbeddedServer {
    /** A running server: the postmaster's process id, its port and data directory. */
    public record Status(long pid, int port, Path dataDirectory) {
        public Status {
            requireNonNull(dataDirectory, "dataDirectory is null");
        }
    }

    private EmbeddedServer() {}

    /** The server of {@code home}: the running one, else one started now on {@code port} (0: any free port). */
    public static Status start(Path home, int port) {
        return status(EmbeddedPostgresServer.start(home, port));
    }

    /** The server of {@code home} if one is running and answers. */
    public static Optional<Status> running(Path home) {
        return EmbeddedPostgresServer.running(home).map(EmbeddedServer::status);
    }

    /** Stops the server of {@code home} and waits until it is gone; the server stopped, or empty if none ran. */
    public static Optional<Status> stop(Path home) {
        return EmbeddedPostgresServer.stop(home).map(EmbeddedServer::status);
    }

    private static Status status(EmbeddedPostgresServer.Status server) {
        return new Status(server.pid(), server.port(), server.dataDirectory());
    }
}
