package com.optaic.metadata.store;

import com.optaic.metadata.MetadataStoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One real PostgreSQL server per test JVM (the embedded binaries the product uses), and a fresh database per
 * caller. Stores open against it exactly as against an external server: the application role
 * {@code optaic_app} for the pool, the superuser {@code postgres} for migrations.
 */
public final class TestingPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestingPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("optaic-test-pg");
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                Database.prepareEmbedded(server.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty database and the config that opens a store on it. */
    public static MetadataStoreConfig newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        new JdbcTemplate(pg.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
        return new MetadataStoreConfig(
                Optional.of(url),
                Optional.of(Database.APP_ROLE),
                Optional.of(""),
                Optional.of("postgres"),
                Optional.of(""),
                Path.of("target", "optaic-home"),
                0,
                12,
                true);
    }

    /** A superuser connection to the database a config points at, for checks that bypass the store. */
    public static JdbcTemplate admin(MetadataStoreConfig config) {
        return new JdbcTemplate(new DriverManagerDataSource(config.url().orElseThrow(), "postgres", ""));
    }

    /** A connection as the store's own application role, outside the store's services. */
    public static JdbcTemplate appRole(MetadataStoreConfig config) {
        return new JdbcTemplate(new DriverManagerDataSource(config.url().orElseThrow(), Database.APP_ROLE, ""));
    }
}
