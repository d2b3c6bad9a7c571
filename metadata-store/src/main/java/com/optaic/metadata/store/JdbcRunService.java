package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Permission;
import com.optaic.metadata.PinnedDefinition;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunFilter;
import com.optaic.metadata.RunService;
import com.optaic.metadata.RunSnapshot;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@link RunService} over {@code runs}. The database trigger {@code runs_state_machine} enforces the same
 * transitions as {@link RunStatus}; this class checks first so the message names the run.
 */
final class JdbcRunService implements RunService {
    static final String RUN_COLUMNS = ResourceRows.COLUMNS + """
            , ru.status AS run_status, ru.trigger, ru.nominal_date, ru.snapshot, ru.attempt, ru.queued_at,
            ru.started_at, ru.ended_at, ru.error, ru.metrics, ru.row_version AS run_row_version""";

    static final String INSERT = """
            INSERT INTO runs (resource_id, instance_id, instance_version, trigger, nominal_date, snapshot)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)
            """;

    static final String GET = """
            SELECT %s FROM resources r JOIN runs ru ON ru.resource_id = r.id WHERE r.id = ?
            """.formatted(RUN_COLUMNS);

    static final String BY_NOMINAL_DATE = """
            SELECT ru.resource_id FROM runs ru JOIN resources r ON r.id = ru.resource_id
            WHERE ru.instance_id = ? AND ru.nominal_date = ? AND r.tenant_id = ?
            """;

    static final String TRANSITION = """
            UPDATE runs SET status = ?,
                   started_at = CASE WHEN ? = 'RUNNING' THEN clock_timestamp() ELSE started_at END,
                   ended_at = CASE WHEN ? IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN clock_timestamp()
                                   WHEN ? = 'QUEUED' THEN NULL ELSE ended_at END,
                   error = CASE WHEN ? = 'QUEUED' THEN NULL ELSE COALESCE(?, error) END,
                   attempt = attempt + CASE WHEN ? = 'QUEUED' THEN 1 ELSE 0 END,
                   row_version = row_version + 1
            WHERE resource_id = ? AND status = ?
            """;

    static final String MERGE_METRICS = """
            UPDATE runs SET metrics = metrics || ?::jsonb, row_version = row_version + 1
            WHERE resource_id = ? AND status = 'RUNNING'
            """;

    static final String REQUEST_CANCEL = """
            UPDATE runs SET cancel_requested_at = clock_timestamp(), cancel_requested_by = ?,
                   row_version = row_version + 1
            WHERE resource_id = ? AND status = 'RUNNING' AND cancel_requested_at IS NULL
            """;

    static final String HEARTBEAT = """
            INSERT INTO run_heartbeats (run_id, beat_at)
            SELECT ru.resource_id, clock_timestamp() FROM runs ru
            WHERE ru.resource_id = ? AND ru.status = 'RUNNING'
            ON CONFLICT (run_id) DO UPDATE SET beat_at = EXCLUDED.beat_at
            """;

    static final String CANCEL_REQUESTED = """
            SELECT cancel_requested_at FROM runs WHERE resource_id = ?
            """;

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final LineageWriter lineage;
    private final Activities activities;
    private final JdbcInstanceService instances;
    private final JdbcDataVersionService dataVersions;
    private final RunListings listings;

    JdbcRunService(StoreContext context, JdbcInstanceService instances, JdbcDataVersionService dataVersions) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.lineage = context.lineage();
        this.activities = context.activities();
        this.instances = instances;
        this.dataVersions = dataVersions;
        this.listings = new RunListings(jdbc, tx, access);
    }

    static Run map(ResultSet rs) throws SQLException {
        return new Run(
                ResourceRows.map(rs),
                RunStatus.valueOf(rs.getString("run_status")),
                RunTrigger.fromWireName(rs.getString("trigger")),
                Sql.optionalDate(rs, "nominal_date"),
                Json.read(rs.getString("snapshot"), RunSnapshot.class),
                rs.getInt("attempt"),
                Sql.instant(rs, "queued_at"),
                Sql.optionalInstant(rs, "started_at"),
                Sql.optionalInstant(rs, "ended_at"),
                Optional.ofNullable(rs.getString("error")),
                Json.read(rs.getString("metrics")),
                rs.getLong("run_row_version"));
    }

    static final RowMapper<Run> MAPPER = (rs, n) -> map(rs);

    @Override
    public Run create(Actor actor, NewRun request) {
        if (request.type().tier() != ResourceType.Tier.RUN) {
            throw Inputs.invalid("Cannot queue a " + request.type() + ": it is not a run type");
        }
        if (request.trigger().needsNominalDate() && request.nominalDate().isEmpty()) {
            throw Inputs.invalid("A " + request.trigger().wireName() + " run needs a nominal date");
        }
        Inputs.jsonObject("Run params", request.params());
        Inputs.name("Code version", request.codeVersion());
        return tx.write(() -> {
            Resource instanceResource = access.requireActive(actor, request.instanceId(), Permission.RUN, "run");
            AccessControl.requireTier(instanceResource, ResourceType.Tier.INSTANCE, "run");
            ResourceWriter.checkParent(request.type(), instanceResource);
            if (request.nominalDate().isPresent()) {
                Optional<UUID> existing = jdbc
                        .query(
                                BY_NOMINAL_DATE,
                                (rs, n) -> Sql.uuid(rs, "resource_id"),
                                request.instanceId(),
                                request.nominalDate().get(),
                                actor.tenantId())
                        .stream()
                        .findFirst();
                if (existing.isPresent()) {
                    throw duplicate(instanceResource, request.nominalDate().get(), existing, null);
                }
            }
            Instance instance = instances.load(instanceResource);
            Map<String, DefinitionVersion> pinned = instances.loadPins(actor, instance.pins());
            Map<String, PinnedDefinition> definitions = new HashMap<>();
            pinned.forEach((slot, version) -> definitions.put(
                    slot,
                    new PinnedDefinition(
                            version.definitionId(),
                            version.id(),
                            version.version(),
                            version.codeRef(),
                            version.contentHash())));
            List<DataVersion> inputs = new ArrayList<>();
            for (UUID input : request.inputDataVersions()) {
                inputs.add(dataVersions.loadById(actor, input));
            }
            RunSnapshot snapshot = new RunSnapshot(
                    instanceResource.id(),
                    instance.currentVersion(),
                    instance.config(),
                    definitions,
                    request.inputDataVersions(),
                    request.params(),
                    request.codeVersion());
            UUID id = UUID.randomUUID();
            String name = request.nominalDate().map(d -> d + "-").orElse("") + "run-"
                    + id.toString().substring(0, 8);
            Resource resource = writer.insert(
                    actor,
                    new ResourceWriter.Spec(
                            id,
                            actor.tenantId(),
                            Optional.of(instanceResource),
                            request.type(),
                            name,
                            Optional.empty(),
                            actor.principalId(),
                            "",
                            List.of(),
                            Json.object()));
            try {
                jdbc.update(
                        INSERT,
                        id,
                        instanceResource.id(),
                        instance.currentVersion(),
                        request.trigger().wireName(),
                        request.nominalDate().orElse(null),
                        Json.write(snapshot));
            } catch (DuplicateKeyException e) {
                throw duplicate(instanceResource, request.nominalDate().orElseThrow(), Optional.empty(), e);
            }
            for (DataVersion input : inputs) {
                lineage.link(actor, LineageNode.dataVersion(input.id()), LineageNode.resource(id), EdgeType.CONSUMED);
            }
            for (PinnedDefinition definition : definitions.values()) {
                lineage.link(
                        actor,
                        LineageNode.definitionVersion(definition.definitionVersionId()),
                        LineageNode.resource(id),
                        EdgeType.CONSUMED);
            }
            Run run = jdbc.queryForObject(GET, MAPPER, id);
            activities.resource(actor, "run.queued", id, null, run);
            return run;
        });
    }

    private static OptaicException duplicate(
            Resource instance, LocalDate date, Optional<UUID> existing, Exception cause) {
        String message = instance.type() + " '" + instance.name() + "' already has a run for nominal date " + date
                + existing.map(id -> " (run " + id + ")").orElse("");
        return cause == null
                ? new OptaicException(MetadataErrorCode.ALREADY_EXISTS, message)
                : new OptaicException(MetadataErrorCode.ALREADY_EXISTS, message, cause);
    }

    @Override
    public Run get(Actor actor, UUID runId) {
        return tx.read(() -> load(requireRun(actor, runId, Permission.READ, "read", false)));
    }

    Run load(Resource resource) {
        return jdbc.queryForObject(GET, MAPPER, resource.id());
    }

    /** A run by id within the caller's tenant, if readable. */
    Run loadReadable(Actor actor, UUID runId) {
        return load(requireRun(actor, runId, Permission.READ, "read", false));
    }

    @Override
    public Optional<Run> findByNominalDate(Actor actor, UUID instanceId, LocalDate nominalDate) {
        return tx.read(() -> {
            access.require(actor, instanceId, Permission.READ, "read runs of");
            return jdbc
                    .query(
                            BY_NOMINAL_DATE,
                            (rs, n) -> Sql.uuid(rs, "resource_id"),
                            instanceId,
                            nominalDate,
                            actor.tenantId())
                    .stream()
                    .findFirst()
                    .map(id -> jdbc.queryForObject(GET, MAPPER, id));
        });
    }

    @Override
    public Page<Run> runsOf(Actor actor, UUID instanceId, PageRequest page) {
        return listings.runsOf(actor, instanceId, page);
    }

    @Override
    public Page<Run> recent(Actor actor, RunFilter filter, PageRequest page) {
        return listings.recent(actor, filter, page);
    }

    @Override
    public List<Run> queued(Actor actor, Instant queuedBefore, int limit) {
        return listings.queued(actor, queuedBefore, limit);
    }

    @Override
    public List<Run> stale(Actor actor, Duration staleAfter, int limit) {
        return listings.stale(actor, staleAfter, limit);
    }

    @Override
    public void heartbeat(Actor actor, List<UUID> runIds) {
        tx.write(() -> {
            for (UUID runId : runIds) {
                if (access.load(actor, runId)
                        .filter(checked -> checked.can(Permission.RUN))
                        .isPresent()) {
                    jdbc.update(HEARTBEAT, runId);
                }
            }
            return null;
        });
    }

    @Override
    public Run transition(Actor actor, UUID runId, RunStatus to, Optional<String> error) {
        error.ifPresent(e -> Inputs.text("Run error", e, Inputs.MAX_TEXT_CHARS));
        return tx.write(() -> {
            Resource resource = requireRun(actor, runId, Permission.RUN, "move", true);
            return move(actor, resource, load(resource), to, error);
        });
    }

    private Run move(Actor actor, Resource resource, Run before, RunStatus to, Optional<String> error) {
        UUID runId = resource.id();
        if (!before.status().canMoveTo(to)) {
            throw new OptaicException(
                    MetadataErrorCode.ILLEGAL_TRANSITION,
                    "Cannot move " + resource.type() + " '"
                            + resource.name() + "' (" + runId + ") from " + before.status() + " to " + to
                            + "; allowed: "
                            + (before.status().allowedNext().isEmpty()
                                    ? "none, it is finished"
                                    : before.status().allowedNext().stream()
                                            .map(Enum::name)
                                            .collect(Collectors.joining(", "))));
        }
        String next = to.name();
        int changed = jdbc.update(
                TRANSITION,
                next,
                next,
                next,
                next,
                next,
                error.orElse(null),
                next,
                runId,
                before.status().name());
        if (changed != 1) {
            throw new OptaicException(
                    MetadataErrorCode.CONCURRENT_MODIFICATION,
                    "Run " + runId + " changed state concurrently; read it again and retry");
        }
        Run after = load(resource);
        activities.resource(actor, verb(before.status(), to), runId, before, after);
        return after;
    }

    @Override
    public Run requestCancel(Actor actor, UUID runId) {
        return tx.write(() -> {
            Resource resource = requireRun(actor, runId, Permission.RUN, "cancel", true);
            Run before = load(resource);
            switch (before.status()) {
                case QUEUED -> {
                    return move(actor, resource, before, RunStatus.CANCELLED, Optional.of("cancelled while queued"));
                }
                case RUNNING -> {
                    if (jdbc.update(REQUEST_CANCEL, actor.principalId(), runId) == 1) {
                        activities.resource(
                                actor,
                                "run.cancel_requested",
                                runId,
                                null,
                                Map.of("status", before.status().name()));
                    }
                    return load(resource);
                }
                default ->
                    throw new OptaicException(
                            MetadataErrorCode.ILLEGAL_TRANSITION,
                            "Cannot cancel "
                                    + resource.type() + " '" + resource.name() + "' (" + runId + "): it is "
                                    + before.status()
                                    + ", and only a QUEUED or RUNNING run can be cancelled");
            }
        });
    }

    @Override
    public Optional<Instant> cancelRequested(Actor actor, UUID runId) {
        return tx.read(() -> {
            requireRun(actor, runId, Permission.READ, "read", false);
            return jdbc
                    .query(CANCEL_REQUESTED, (rs, n) -> Sql.optionalInstant(rs, "cancel_requested_at"), runId)
                    .stream()
                    .findFirst()
                    .flatMap(t -> t);
        });
    }

    private static String verb(RunStatus from, RunStatus to) {
        if (to == RunStatus.RUNNING) {
            return "run.started";
        }
        if (from == RunStatus.FAILED && to == RunStatus.QUEUED) {
            return "run.requeued";
        }
        return "run." + to.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Run recordMetrics(Actor actor, UUID runId, JsonNode metrics) {
        Inputs.jsonObject("Run metrics", metrics);
        return tx.write(() -> {
            Resource resource = requireRun(actor, runId, Permission.RUN, "record metrics of", true);
            Run before = load(resource);
            if (before.status() != RunStatus.RUNNING) {
                throw new OptaicException(
                        MetadataErrorCode.ILLEGAL_TRANSITION,
                        "Cannot record metrics of "
                                + resource.type() + " '" + resource.name() + "' (" + runId + "): it is "
                                + before.status()
                                + ", and metrics are recorded only while RUNNING");
            }
            jdbc.update(MERGE_METRICS, Json.write(metrics), runId);
            Run after = load(resource);
            activities.resource(actor, "run.metrics_recorded", runId, before.metrics(), after.metrics());
            return after;
        });
    }

    @Override
    public List<DataVersion> outputs(Actor actor, UUID runId) {
        return tx.read(() -> {
            requireRun(actor, runId, Permission.READ, "read outputs of", false);
            return dataVersions.producedBy(runId);
        });
    }

    private Resource requireRun(Actor actor, UUID id, Permission permission, String action, boolean lock) {
        Resource resource = lock
                ? access.requireLocked(actor, id, permission, action)
                : access.require(actor, id, permission, action);
        return AccessControl.requireTier(resource, ResourceType.Tier.RUN, action);
    }
}
