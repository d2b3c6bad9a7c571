package com.optaic.metadata;

import com.optaic.metadata.store.JdbcMetadataStore;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The metadata store: one database, its migrations, and the services over it. Closing it closes the pool and
 * stops the embedded server if it started one.
 */
public interface MetadataStore extends AutoCloseable {
    /**
     * Opens the PostgreSQL store the config names, starting the embedded server if it names no URL, and applies
     * pending migrations unless {@link MetadataStoreConfig#migrateOnStart()} is false.
     */
    static MetadataStore open(MetadataStoreConfig config) {
        return JdbcMetadataStore.open(config);
    }

    /** Applies pending migrations; returns the status afterwards. */
    MigrationStatus migrate();

    MigrationStatus status();

    /**
     * Migrates the tables of a component that shares this database (Spring Batch's job repository, say) in a schema
     * of its own, from the Flyway scripts under {@code location} (e.g. {@code classpath:db/jobs}), as the migration
     * owner; the scripts see {@code ${appRole}}, the role the pool connects as. Idempotent, and safe to call from
     * several processes at once.
     */
    MigrationStatus migrateSchema(String schema, String location);

    /** The JDBC URL of the server in use, embedded or external. */
    String url();

    /**
     * The application pool, for a component that keeps its own tables in this database: a Spring transaction it
     * opens on this pool is the one every store call made inside it joins.
     */
    DataSource dataSource();

    /**
     * Runs {@code work} in one transaction that every store call made inside it joins: all of it commits or none
     * does. Database failures surface as the store's error codes, as the services' own do.
     */
    <T> T inTransaction(Supplier<T> work);

    Bootstrap bootstrap();

    ResourceService resources();

    AccessService access();

    DefinitionService definitions();

    InstanceService instances();

    RunService runs();

    DataVersionService dataVersions();

    LineageService lineage();

    ActivityLog activities();

    /** Refused attempts, append-only and rate-limited. */
    DenialLog denials();

    PrincipalService principals();

    SpaceService spaces();

    SignalService signals();

    /** Alerts raised by runs. */
    AlertService alerts();

    @Override
    void close();
}
