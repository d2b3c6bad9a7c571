package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.AliasAssignment;
import com.optaic.metadata.DataFile;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link DataVersionService} over {@code data_versions} and {@code data_aliases}. */
final class JdbcDataVersionService implements DataVersionService {
    static final String COLUMNS = """
            dv.id, dv.dataset_id, dv.version, dv.manifest, dv.row_count, dv.min_date, dv.max_date,
            dv.previous_version_id, dv.produced_by_run_id, dv.created_by, dv.created_at""";

    static final String INSERT = """
            INSERT INTO data_versions (id, dataset_id, version, manifest, row_count, min_date, max_date, data_schema,
                                       previous_version_id, produced_by_run_id, created_by)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?)
            """;

    static final String LATEST_VERSION = """
            SELECT %s FROM data_versions dv WHERE dv.dataset_id = ? ORDER BY dv.version DESC LIMIT 1
            """.formatted(COLUMNS);

    static final String GET =
            "SELECT %s FROM data_versions dv WHERE dv.dataset_id = ? AND dv.version = ?".formatted(COLUMNS);

    static final String GET_BY_ID = """
            SELECT %s FROM data_versions dv JOIN resources r ON r.id = dv.dataset_id WHERE dv.id = ? AND r.tenant_id = ?
            """.formatted(COLUMNS);

    static final String LIST =
            "SELECT %s FROM data_versions dv WHERE dv.dataset_id = ? ORDER BY dv.version".formatted(COLUMNS);

    static final String PRODUCED_BY = """
            SELECT %s FROM data_versions dv WHERE dv.produced_by_run_id = ? ORDER BY dv.dataset_id, dv.version
            """.formatted(COLUMNS);

    static final String ALIAS_COLUMNS = """
            a.dataset_id, a.alias, a.data_version_id, dv.version, a.valid_from, a.valid_to, a.set_by""";

    static final String CURRENT_ALIAS = """
            SELECT %s FROM data_aliases a JOIN data_versions dv ON dv.id = a.data_version_id
            WHERE a.dataset_id = ? AND a.alias = ? AND a.valid_to IS NULL
            """.formatted(ALIAS_COLUMNS);

    static final String ALIAS_AS_OF = """
            SELECT %s FROM data_aliases a JOIN data_versions dv ON dv.id = a.data_version_id
            WHERE a.dataset_id = ? AND a.alias = ? AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
            ORDER BY a.valid_from DESC LIMIT 1
            """.formatted(ALIAS_COLUMNS);

    static final String ALIAS_HISTORY = """
            SELECT %s FROM data_aliases a JOIN data_versions dv ON dv.id = a.data_version_id
            WHERE a.dataset_id = ? AND a.alias = ? ORDER BY a.valid_from, a.id
            """.formatted(ALIAS_COLUMNS);

    static final String CLOSE_ALIAS = """
            UPDATE data_aliases SET valid_to = clock_timestamp()
            WHERE dataset_id = ? AND alias = ? AND valid_to IS NULL
            """;

    static final String OPEN_ALIAS = """
            INSERT INTO data_aliases (dataset_id, alias, data_version_id, set_by) VALUES (?, ?, ?, ?)
            """;

    static final String RUN_OF = """
            SELECT ru.status FROM runs ru JOIN resources r ON r.id = ru.resource_id WHERE ru.resource_id = ? AND r.tenant_id = ?
            """;

    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final LineageWriter lineage;
    private final Activities activities;

    JdbcDataVersionService(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.lineage = context.lineage();
        this.activities = context.activities();
    }

    static final RowMapper<DataVersion> MAPPER = (rs, n) -> map(rs);

    static DataVersion map(ResultSet rs) throws SQLException {
        return new DataVersion(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "dataset_id"),
                rs.getInt("version"),
                Json.read(rs.getString("manifest"), DataManifest.class),
                rs.getLong("row_count"),
                Sql.optionalDate(rs, "min_date"),
                Sql.optionalDate(rs, "max_date"),
                Sql.optionalUuid(rs, "previous_version_id"),
                Sql.optionalUuid(rs, "produced_by_run_id"),
                Sql.uuid(rs, "created_by"),
                Sql.instant(rs, "created_at"));
    }

    static final RowMapper<AliasAssignment> ALIAS_MAPPER = (rs, n) -> new AliasAssignment(
            Sql.uuid(rs, "dataset_id"),
            rs.getString("alias"),
            Sql.uuid(rs, "data_version_id"),
            rs.getInt("version"),
            Sql.instant(rs, "valid_from"),
            Sql.optionalInstant(rs, "valid_to"),
            Sql.uuid(rs, "set_by"));

    @Override
    public DataVersion publish(Actor actor, NewDataVersion request) {
        DataManifest manifest = request.manifest();
        checkManifest(manifest);
        return tx.write(() -> {
            Permission needed = request.producedByRun().isPresent() ? Permission.RUN : Permission.UPDATE;
            Resource dataset = requireDataset(actor, request.datasetId(), needed, "publish a version of", true);
            if (request.producedByRun().isPresent()) {
                UUID runId = request.producedByRun().get();
                access.require(actor, runId, Permission.RUN, "record outputs of");
                String status = jdbc.query(RUN_OF, (rs, n) -> rs.getString(1), runId, actor.tenantId()).stream()
                        .findFirst()
                        .orElseThrow(() -> new OptaicException(
                                MetadataErrorCode.METADATA_NOT_FOUND, "Run " + runId + " not found"));
                if (!RunStatus.RUNNING.name().equals(status)) {
                    throw Inputs.invalid("Cannot publish a version of " + dataset.type() + " '" + dataset.name()
                            + "' produced by run " + runId + ": the run is " + status + ", not RUNNING");
                }
            }
            Optional<DataVersion> previous =
                    jdbc.query(LATEST_VERSION, MAPPER, dataset.id()).stream().findFirst();
            if (request.incremental()) {
                DataVersion base = previous.orElseThrow(() -> Inputs.invalid("Cannot publish an incremental version of "
                        + dataset.type() + " '" + dataset.name() + "': it has no previous version"));
                Set<DataFile> files = new HashSet<>(manifest.files());
                for (DataFile file : base.manifest().files()) {
                    if (!files.contains(file)) {
                        throw Inputs.invalid(
                                "Incremental version of '" + dataset.name() + "' must keep every file of" + " version "
                                        + base.version() + " unchanged; '" + file.path() + "' is missing or differs");
                    }
                }
            }
            int number = previous.map(v -> v.version() + 1).orElse(1);
            UUID id = UUID.randomUUID();
            jdbc.update(
                    INSERT,
                    id,
                    dataset.id(),
                    number,
                    Json.write(manifest),
                    manifest.rows(),
                    manifest.minDate().orElse(null),
                    manifest.maxDate().orElse(null),
                    Json.write(manifest.schema()),
                    previous.map(DataVersion::id).orElse(null),
                    request.producedByRun().orElse(null),
                    actor.principalId());
            DataVersion created = jdbc.queryForObject(GET, MAPPER, dataset.id(), number);
            request.producedByRun()
                    .ifPresent(run -> lineage.link(
                            actor, LineageNode.resource(run), LineageNode.dataVersion(id), EdgeType.PRODUCED));
            writer.touch(dataset.id());
            activities.resource(actor, "data_version.published", dataset.id(), null, created);
            moveAlias(actor, dataset, LATEST, created);
            return created;
        });
    }

    private static void checkManifest(DataManifest manifest) {
        Inputs.json("Data schema", manifest.schema());
        Set<String> paths = new HashSet<>();
        for (DataFile file : manifest.files()) {
            Inputs.text("Data file path", file.path(), 4096);
            Inputs.text("Data file checksum", file.checksum(), 256);
            if (!paths.add(file.path())) {
                throw Inputs.invalid("Data file '" + file.path() + "' is listed twice in the manifest");
            }
        }
        if (manifest.files().size() > 100_000) {
            throw Inputs.invalid("A manifest lists at most 100000 files, got "
                    + manifest.files().size());
        }
    }

    @Override
    public DataVersion get(Actor actor, UUID datasetId, int version) {
        return tx.read(() -> {
            Resource dataset = requireDataset(actor, datasetId, Permission.READ, "read", false);
            return require(dataset, version);
        });
    }

    private DataVersion require(Resource dataset, int version) {
        return jdbc.query(GET, MAPPER, dataset.id(), version).stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND,
                        dataset.type() + " '" + dataset.name() + "' has no version " + version));
    }

    @Override
    public DataVersion getById(Actor actor, UUID dataVersionId) {
        return tx.read(() -> loadById(actor, dataVersionId));
    }

    /** A version by id, if its dataset is in the caller's tenant and readable; NOT_FOUND otherwise. */
    DataVersion loadById(Actor actor, UUID dataVersionId) {
        DataVersion version = jdbc.query(GET_BY_ID, MAPPER, dataVersionId, actor.tenantId()).stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND, "Data version " + dataVersionId + " not found"));
        if (!access.permissions(actor, version.datasetId()).contains(Permission.READ)) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_NOT_FOUND, "Data version " + dataVersionId + " not found");
        }
        return version;
    }

    List<DataVersion> producedBy(UUID runId) {
        return jdbc.query(PRODUCED_BY, MAPPER, runId);
    }

    @Override
    public List<DataVersion> versions(Actor actor, UUID datasetId) {
        return tx.read(() -> {
            requireDataset(actor, datasetId, Permission.READ, "read", false);
            return jdbc.query(LIST, MAPPER, datasetId);
        });
    }

    @Override
    public AliasAssignment setAlias(Actor actor, UUID datasetId, String alias, int version) {
        checkAlias(alias);
        Permission needed = OFFICIAL.equals(alias) ? Permission.PROMOTE : Permission.UPDATE;
        return tx.write(() -> {
            Resource dataset = requireDataset(actor, datasetId, needed, "set alias '" + alias + "' of", true);
            return moveAlias(actor, dataset, alias, require(dataset, version));
        });
    }

    /** Points {@code alias} at {@code version}, closing the current assignment; the caller holds the dataset lock. */
    AliasAssignment moveAlias(Actor actor, Resource dataset, String alias, DataVersion version) {
        Optional<AliasAssignment> current = jdbc.query(CURRENT_ALIAS, ALIAS_MAPPER, dataset.id(), alias).stream()
                .findFirst();
        if (current.isPresent() && current.get().dataVersionId().equals(version.id())) {
            return current.get();
        }
        jdbc.update(CLOSE_ALIAS, dataset.id(), alias);
        jdbc.update(OPEN_ALIAS, dataset.id(), alias, version.id(), actor.principalId());
        AliasAssignment assigned = jdbc.queryForObject(CURRENT_ALIAS, ALIAS_MAPPER, dataset.id(), alias);
        activities.resource(actor, "alias.set", dataset.id(), current.orElse(null), assigned);
        return assigned;
    }

    @Override
    public Optional<DataVersion> resolve(Actor actor, UUID datasetId, String alias) {
        checkAlias(alias);
        return tx.read(() -> {
            Resource dataset = requireDataset(actor, datasetId, Permission.READ, "read", false);
            return jdbc.query(CURRENT_ALIAS, ALIAS_MAPPER, dataset.id(), alias).stream()
                    .findFirst()
                    .map(a -> require(dataset, a.version()));
        });
    }

    @Override
    public Optional<DataVersion> resolveAsOf(Actor actor, UUID datasetId, String alias, Instant instant) {
        checkAlias(alias);
        return tx.read(() -> {
            Resource dataset = requireDataset(actor, datasetId, Permission.READ, "read", false);
            return jdbc
                    .query(
                            ALIAS_AS_OF,
                            ALIAS_MAPPER,
                            dataset.id(),
                            alias,
                            Sql.timestamp(instant),
                            Sql.timestamp(instant))
                    .stream()
                    .findFirst()
                    .map(a -> require(dataset, a.version()));
        });
    }

    @Override
    public List<AliasAssignment> aliasHistory(Actor actor, UUID datasetId, String alias) {
        checkAlias(alias);
        return tx.read(() -> {
            requireDataset(actor, datasetId, Permission.READ, "read", false);
            return jdbc.query(ALIAS_HISTORY, ALIAS_MAPPER, datasetId, alias);
        });
    }

    private static void checkAlias(String alias) {
        Inputs.text("Alias", alias, 64);
        if (!ALIAS.matcher(alias).matches()) {
            throw Inputs.invalid("Alias '" + alias + "' must be lower-case letters, digits, '_', '.' or '-',"
                    + " starting with a letter, at most 64 characters");
        }
    }

    Resource requireDataset(Actor actor, UUID id, Permission permission, String action, boolean lock) {
        Resource resource = lock
                ? access.requireActiveLocked(actor, id, permission, action)
                : access.require(actor, id, permission, action);
        return AccessControl.requireType(
                resource, EnumSet.of(ResourceType.DatasetInstance, ResourceType.SignalInstance), action);
    }
}
