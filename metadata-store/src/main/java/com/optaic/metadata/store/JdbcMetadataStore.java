package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.AccessService;
import com.optaic.metadata.ActivityLog;
import com.optaic.metadata.AlertService;
import com.optaic.metadata.Bootstrap;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.DefinitionService;
import com.optaic.metadata.DenialLog;
import com.optaic.metadata.Guardrail;
import com.optaic.metadata.InstanceService;
import com.optaic.metadata.LineageService;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.MigrationStatus;
import com.optaic.metadata.PrincipalService;
import com.optaic.metadata.ResourceService;
import com.optaic.metadata.RunService;
import com.optaic.metadata.SignalService;
import com.optaic.metadata.SpaceService;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The PostgreSQL metadata store. {@link #open} connects (starting the embedded server if no URL is configured),
 * applies pending Flyway migrations unless told not to, and wires the services over one pool.
 */
public final class JdbcMetadataStore implements MetadataStore {
    private final Database database;
    private final Flyway flyway;
    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final JdbcBootstrap bootstrap;
    private final JdbcResourceService resources;
    private final JdbcAccessService access;
    private final JdbcDefinitionService definitions;
    private final JdbcInstanceService instances;
    private final JdbcRunService runs;
    private final JdbcDataVersionService dataVersions;
    private final JdbcLineageService lineage;
    private final JdbcActivityLog activities;
    private final JdbcDenialLog denials;
    private final JdbcPrincipalService principals;
    private final JdbcSpaceService spaces;
    private final JdbcSignalService signals;
    private final JdbcAlertService alerts;

    private JdbcMetadataStore(Database database, List<Guardrail> extraGuardrails) {
        this.database = database;
        this.flyway = Flyway.configure()
                .dataSource(database.url(), database.migrationUser(), database.migrationPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", database.appRole()))
                .load();
        this.jdbc = new JdbcTemplate(database.dataSource());
        this.tx = new Tx(new DataSourceTransactionManager(database.dataSource()));
        Activities activityWriter = new Activities(jdbc);
        StoreContext context = new StoreContext(
                jdbc,
                tx,
                new AccessControl(jdbc),
                new ResourceWriter(jdbc, activityWriter),
                new LineageWriter(jdbc),
                activityWriter,
                new Guardrails(extraGuardrails));
        this.definitions = new JdbcDefinitionService(context);
        this.instances = new JdbcInstanceService(context, definitions);
        this.dataVersions = new JdbcDataVersionService(context);
        this.runs = new JdbcRunService(context, instances, dataVersions);
        this.resources = new JdbcResourceService(context, definitions, instances);
        this.access = new JdbcAccessService(context);
        this.lineage = new JdbcLineageService(context, runs);
        this.activities = new JdbcActivityLog(context);
        this.denials = new JdbcDenialLog(context);
        this.principals = new JdbcPrincipalService(context);
        this.spaces = new JdbcSpaceService(context, access, principals);
        this.signals = new JdbcSignalService(context, instances, runs, dataVersions);
        this.alerts = new JdbcAlertService(context, runs);
        this.bootstrap = new JdbcBootstrap(context, definitions);
    }

    public static JdbcMetadataStore open(MetadataStoreConfig config) {
        return open(config, List.of());
    }

    /** Opens the store with extra guardrails beside the built-in ones. */
    public static JdbcMetadataStore open(MetadataStoreConfig config, List<Guardrail> extraGuardrails) {
        Database database = Database.open(config);
        try {
            JdbcMetadataStore store = new JdbcMetadataStore(database, List.copyOf(extraGuardrails));
            if (config.migrateOnStart()) {
                store.migrate();
            }
            return store;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public MigrationStatus migrate() {
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot migrate the metadata database at " + database.url() + ": " + e.getMessage(),
                    e);
        }
        return status();
    }

    @Override
    public MigrationStatus status() {
        try {
            MigrationInfoService info = flyway.info();
            MigrationInfo current = info.current();
            return new MigrationStatus(
                    Optional.ofNullable(current)
                            .map(c -> c.getVersion() == null
                                    ? "repeatable"
                                    : c.getVersion().getVersion()),
                    Arrays.stream(info.applied())
                            .map(JdbcMetadataStore::migration)
                            .toList(),
                    Arrays.stream(info.pending())
                            .map(JdbcMetadataStore::migration)
                            .toList());
        } catch (FlywayException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot read the migration status of " + database.url() + ": " + e.getMessage(),
                    e);
        }
    }

    private static MigrationStatus.Migration migration(MigrationInfo info) {
        return new MigrationStatus.Migration(
                info.getVersion() == null ? "repeatable" : info.getVersion().getVersion(),
                info.getDescription(),
                info.getState().getDisplayName(),
                Optional.ofNullable(info.getInstalledOn()).map(Date::toInstant));
    }

    /**
     * Flyway with the scripts under {@code location}, the schema created if missing, its history in
     * {@code <schema>.flyway_schema_history}; concurrent callers are serialised by Flyway's lock on that table.
     */
    @Override
    public MigrationStatus migrateSchema(String schema, String location) {
        Inputs.name("Schema", schema);
        if (!schema.matches("[a-z][a-z0-9_]{0,62}") || schema.equals("public")) {
            throw Inputs.invalid(
                    "A component schema must be a lower-case identifier other than public, got '" + schema + "'");
        }
        Flyway component = Flyway.configure()
                .dataSource(database.url(), database.migrationUser(), database.migrationPassword())
                .schemas(schema)
                .createSchemas(true)
                .locations(location)
                .placeholders(Map.of("appRole", database.appRole()))
                .load();
        try {
            component.migrate();
            MigrationInfoService info = component.info();
            MigrationInfo current = info.current();
            return new MigrationStatus(
                    Optional.ofNullable(current)
                            .map(c -> c.getVersion() == null
                                    ? "repeatable"
                                    : c.getVersion().getVersion()),
                    Arrays.stream(info.applied())
                            .map(JdbcMetadataStore::migration)
                            .toList(),
                    Arrays.stream(info.pending())
                            .map(JdbcMetadataStore::migration)
                            .toList());
        } catch (FlywayException e) {
            throw new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE,
                    "Cannot migrate schema " + schema + " of " + database.url() + " from " + location + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public String url() {
        return database.url();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return tx.write(work);
    }

    @Override
    public Bootstrap bootstrap() {
        return bootstrap;
    }

    @Override
    public ResourceService resources() {
        return resources;
    }

    @Override
    public AccessService access() {
        return access;
    }

    @Override
    public DefinitionService definitions() {
        return definitions;
    }

    @Override
    public InstanceService instances() {
        return instances;
    }

    @Override
    public RunService runs() {
        return runs;
    }

    @Override
    public DataVersionService dataVersions() {
        return dataVersions;
    }

    @Override
    public LineageService lineage() {
        return lineage;
    }

    @Override
    public ActivityLog activities() {
        return activities;
    }

    @Override
    public DenialLog denials() {
        return denials;
    }

    @Override
    public PrincipalService principals() {
        return principals;
    }

    @Override
    public SpaceService spaces() {
        return spaces;
    }

    @Override
    public SignalService signals() {
        return signals;
    }

    @Override
    public AlertService alerts() {
        return alerts;
    }

    @Override
    public void close() {
        database.close();
    }
}
