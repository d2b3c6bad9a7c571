package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStoreConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The PostgreSQL server and connection pool a store uses. With no URL configured it uses the embedded server
 * of {@code <home>} ({@link EmbeddedPostgresServer}: started by the first process, shared by the others, left
 * running on close), with an owner role for migrations ({@code postgres}) and a separate application role
 * ({@value #APP_ROLE}).
 */
final class Database implements AutoCloseable {
    static final String APP_ROLE = "optaic_app";
    static final String DATABASE = "optaic";

    private final HikariDataSource pool;
    private final String url;
    private final String migrationUser;
    private final String migrationPassword;
    private final String appRole;

    private Database(
            HikariDataSource pool, String url, String migrationUser, String migrationPassword, String appRole) {
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
        String user = config.user()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.INVALID_INPUT, "OPTAIC_DB_URL is set, so OPTAIC_DB_USER must be set too"));
        String password = config.password().orElse("");
        return new Database(
                pool(url, user, password, config.poolSize()),
                url,
                config.migrationUser().orElse(user),
                config.migrationUser().isPresent() ? config.migrationPassword().orElse("") : password,
                user);
    }

    private static Database openEmbedded(MetadataStoreConfig config) {
        EmbeddedPostgresServer.Status server = EmbeddedPostgresServer.start(config.home(), config.embeddedPort());
        String url = "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE;
        return new Database(
                pool(url, APP_ROLE, "", config.poolSize()), url, EmbeddedPostgresServer.SUPERUSER, "", APP_ROLE);
    }

    /** Creates the application role and database on a fresh embedded server; harmless on an existing one. */
    static void prepareEmbedded(DataSource admin) {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE
                    + "') THEN CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
            boolean exists;
            try (ResultSet rs =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot prepare the embedded PostgreSQL: " + e.getMessage(),
                    e);
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
    }
}
