package com.optaic.metadata.store;

import com.optaic.metadata.MetadataErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataStoreConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The PostgreSQL server and connection pool a store uses. With no URL configured it starts an embedded server
 * (real PostgreSQL binaries) whose data directory is {@code <home>/postgres}, kept across restarts, with an
 * owner role for migrations ({@code postgres}) and a separate application role ({@value #APP_ROLE}).
 */
final class Database implements AutoCloseable {
    static final String APP_ROLE = "optaic_app";
    static final String DATABASE = "optaic";

    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource pool;
    private final String url;
    private final String migrationUser;
    private final String migrationPassword;
    private final String appRole;

    private Database(Optional<EmbeddedPostgres> embedded, HikariDataSource pool, String url, String migrationUser,
                     String migrationPassword, String appRole) {
        this.embedded = embedded;
        this.pool = pool;
        this.url = url;
        this.migrationUser = migrationUser;
        this.migrationPassword = migrationPassword;
        this.appRole = appRole;
    }

    static Database open(MetadataStoreConfig config) {
        if (config.isEmbedded()) {
            return openEmbedded(config);
        }
        String url = config.url().orElseThrow();
        String user = config.user().orElseThrow(() -> new OptaicException(MetadataErrorCode.INVALID_INPUT,
                "OPTAIC_DB_URL is set, so OPTAIC_DB_USER must be set too"));
        String password = config.password().orElse("");
        return new Database(Optional.empty(), pool(url, user, password, config.poolSize()), url,
                config.migrationUser().orElse(user),
                config.migrationUser().isPresent() ? config.migrationPassword().orElse("") : password, user);
    }

    private static Database openEmbedded(MetadataStoreConfig config) {
        Path dataDirectory = config.home().resolve("postgres");
        EmbeddedPostgres server;
        try {
            Files.createDirectories(config.home());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(config.embeddedPort())
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new OptaicException(MetadataErrorCode.DATABASE_UNAVAILABLE, "Cannot start the embedded PostgreSQL in "
                    + dataDirectory + " (is another OptAIC process using it? then point OPTAIC_DB_URL at that server): "
                    + e.getMessage(), e);
        }
        try {
            prepareEmbedded(server.getPostgresDatabase());
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
            return new Database(Optional.of(server), pool(url, APP_ROLE, "", config.poolSize()), url, "postgres", "",
                    APP_ROLE);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    /** Creates the application role and database on a fresh embedded server; harmless on an existing one. */
    static void prepareEmbedded(DataSource admin) {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE
                    + "') THEN CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new OptaicException(MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot prepare the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("optaic-metadata");
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    DataSource dataSource() {
        return pool;
    }

    String url() {
        return url;
    }

    String migrationUser() {
        return migrationUser;
    }

    String migrationPassword() {
        return migrationPassword;
    }

    String appRole() {
        return appRole;
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(Database::closeQuietly);
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // The server is going away either way; nothing useful to do with a failure to stop it.
        }
    }
}
