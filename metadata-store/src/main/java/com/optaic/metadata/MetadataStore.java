package com.optaic.metadata;

/**
 * The metadata store: one database, its migrations, and the services over it. Closing it closes the pool and
 * stops the embedded server if it started one.
 */
public interface MetadataStore extends AutoCloseable {
    /** Applies pending migrations; returns the status afterwards. */
    MigrationStatus migrate();

    MigrationStatus status();

    Bootstrap bootstrap();

    ResourceService resources();

    AccessService access();

    DefinitionService definitions();

    InstanceService instances();

    RunService runs();

    DataVersionService dataVersions();

    LineageService lineage();

    ActivityLog activities();

    PrincipalService principals();

    SpaceService spaces();

    SignalService signals();

    @Override
    void close();
}
