package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.GuardrailContext;
import com.optaic.metadata.GuardrailHook;
import com.optaic.metadata.Instance;
import com.optaic.metadata.InstanceService;
import com.optaic.metadata.InstanceVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Schedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link InstanceService} over {@code instances}, {@code instance_versions} and {@code instance_version_pins}. */
final class JdbcInstanceService implements InstanceService {
    static final String INSERT_INSTANCE = """
            INSERT INTO instances (resource_id, current_version, current_config) VALUES (?, 1, ?::jsonb)
            """;

    static final String INSERT_VERSION = """
            INSERT INTO instance_versions (instance_id, version, config, created_by) VALUES (?, ?, ?::jsonb, ?)
            """;

    static final String INSERT_PIN = """
            INSERT INTO instance_version_pins (instance_id, version, slot, definition_version_id) VALUES (?, ?, ?, ?)
            """;

    static final String SET_CURRENT = """
            UPDATE instances SET current_version = ?, current_config = ?::jsonb WHERE resource_id = ?
            """;

    static final String SET_SCHEDULE =
            "UPDATE instances SET schedule_cron = ?, schedule_zone = ? WHERE resource_id = ?";

    static final String GET_INSTANCE = """
            SELECT current_version, current_config, schedule_cron, schedule_zone FROM instances WHERE resource_id = ?
            """;

    static final String GET_PINS = """
            SELECT slot, definition_version_id FROM instance_version_pins WHERE instance_id = ? AND version = ?
            """;

    static final String GET_VERSION = """
            SELECT instance_id, version, config, created_by, created_at FROM instance_versions
            WHERE instance_id = ? AND version = ?
            """;

    static final String LIST_VERSIONS = """
            SELECT instance_id, version, config, created_by, created_at FROM instance_versions
            WHERE instance_id = ? ORDER BY version
            """;

    static final String SCHEDULED = """
            SELECT %s FROM resources r
            JOIN instances i ON i.resource_id = r.id
            WHERE r.tenant_id = ? AND i.schedule_cron IS NOT NULL AND r.status = 'active' AND r.path && %s
            ORDER BY r.name, r.id
            """.formatted(ResourceRows.COLUMNS, AccessControl.READABLE_ROOTS);

    private static final Pattern SLOT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final Activities activities;
    private final Guardrails guardrails;
    private final JdbcDefinitionService definitions;

    JdbcInstanceService(StoreContext context, JdbcDefinitionService definitions) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.activities = context.activities();
        this.guardrails = context.guardrails();
        this.definitions = definitions;
    }

    @Override
    public Instance create(Actor actor, NewInstance instance) {
        if (instance.type().tier() != ResourceType.Tier.INSTANCE || instance.type() == ResourceType.SignalInstance) {
            throw Inputs.invalid("Cannot create a " + instance.type() + " with InstanceService"
                    + (instance.type() == ResourceType.SignalInstance ? "; register it with SignalService" : ""));
        }
        Inputs.jsonObject("Instance config", instance.config());
        checkSlots(instance.pins());
        return tx.write(() -> {
            Resource parent = access.requireActive(
                    actor, instance.parentId(), Permission.CREATE, "create a " + instance.type() + " under");
            Map<String, DefinitionVersion> pinned = loadPins(actor, instance.pins());
            guardrails.check(
                    GuardrailContext.forInstance(
                            GuardrailHook.CREATE, actor, instance.type(), instance.name(), instance.config(), pinned),
                    "create");
            return insert(
                    actor,
                    parent,
                    UUID.randomUUID(),
                    instance.type(),
                    instance.name(),
                    instance.description(),
                    instance.pins(),
                    instance.config());
        });
    }

    /** Inserts resource, instance and version 1 with its pins, and records instance.created. */
    Instance insert(
            Actor actor,
            Resource parent,
            UUID id,
            ResourceType type,
            String name,
            String description,
            Map<String, UUID> pins,
            JsonNode config) {
        Resource resource = writer.insert(
                actor,
                new ResourceWriter.Spec(
                        id,
                        actor.tenantId(),
                        Optional.of(parent),
                        type,
                        name,
                        Optional.empty(),
                        actor.principalId(),
                        description,
                        List.of(),
                        Json.object()));
        insertRows(actor, resource, pins, config);
        Instance created = new Instance(resource, 1, config, pins, Optional.empty());
        activities.resource(actor, "instance.created", id, null, created);
        return created;
    }

    private void insertRows(Actor actor, Resource resource, Map<String, UUID> pins, JsonNode config) {
        jdbc.update(INSERT_INSTANCE, resource.id(), Json.write(config));
        insertVersion(actor, resource.id(), 1, pins, config);
    }

    private void insertVersion(Actor actor, UUID instanceId, int version, Map<String, UUID> pins, JsonNode config) {
        jdbc.update(INSERT_VERSION, instanceId, version, Json.write(config), actor.principalId());
        for (Map.Entry<String, UUID> pin : new TreeMap<>(pins).entrySet()) {
            jdbc.update(INSERT_PIN, instanceId, version, pin.getKey(), pin.getValue());
        }
    }

    @Override
    public Instance update(
            Actor actor, UUID instanceId, int expectedVersion, JsonNode config, Optional<Map<String, UUID>> pins) {
        Inputs.jsonObject("Instance config", config);
        pins.ifPresent(JdbcInstanceService::checkSlots);
        return tx.write(() -> {
            Resource resource = requireInstance(actor, instanceId, Permission.UPDATE, "update", true);
            Instance before = load(resource);
            if (before.currentVersion() != expectedVersion) {
                throw new OptaicException(
                        MetadataErrorCode.CONCURRENT_MODIFICATION,
                        "Cannot update " + resource.type()
                                + " '" + resource.name() + "': expected version " + expectedVersion
                                + " but it is at version "
                                + before.currentVersion() + "; read it again and retry");
            }
            Map<String, UUID> newPins = pins.orElse(before.pins());
            if (Hashing.canonical(config).equals(Hashing.canonical(before.config())) && newPins.equals(before.pins())) {
                return before;
            }
            if (resource.type() == ResourceType.SignalInstance) {
                throw Inputs.invalid("Cannot update SignalInstance '" + resource.name()
                        + "': a signal's config is fixed when it is registered");
            }
            Map<String, DefinitionVersion> pinned = loadPins(actor, newPins);
            guardrails.check(
                    GuardrailContext.forInstance(
                            GuardrailHook.UPDATE, actor, resource.type(), resource.name(), config, pinned),
                    "update");
            int next = before.currentVersion() + 1;
            insertVersion(actor, instanceId, next, newPins, config);
            jdbc.update(SET_CURRENT, next, Json.write(config), instanceId);
            Resource touched = writer.touch(instanceId);
            Instance after = new Instance(touched, next, config, newPins, before.schedule());
            activities.resource(actor, "instance.updated", instanceId, before, after);
            return after;
        });
    }

    @Override
    public Instance schedule(Actor actor, UUID instanceId, Optional<Schedule> schedule) {
        Optional<Schedule> checked = schedule.map(s -> new Schedule(CronSyntax.check(s.cron()), s.zone()));
        return tx.write(() -> {
            Resource resource = requireInstance(actor, instanceId, Permission.UPDATE, "schedule", true);
            Instance before = load(resource);
            jdbc.update(
                    SET_SCHEDULE,
                    checked.map(Schedule::cron).orElse(null),
                    checked.map(s -> s.zone().getId()).orElse(null),
                    instanceId);
            Instance after = load(writer.touch(instanceId));
            activities.resource(
                    actor,
                    checked.isPresent() ? "instance.scheduled" : "instance.unscheduled",
                    instanceId,
                    before,
                    after);
            return after;
        });
    }

    @Override
    public Instance get(Actor actor, UUID instanceId) {
        return tx.read(() -> load(requireInstance(actor, instanceId, Permission.READ, "read", false)));
    }

    @Override
    public InstanceVersion version(Actor actor, UUID instanceId, int version) {
        return tx.read(() -> {
            Resource resource = requireInstance(actor, instanceId, Permission.READ, "read", false);
            return jdbc.query(GET_VERSION, (rs, n) -> mapVersion(rs), instanceId, version).stream()
                    .findFirst()
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND,
                            resource.type() + " '" + resource.name() + "' has no version " + version));
        });
    }

    @Override
    public List<InstanceVersion> versions(Actor actor, UUID instanceId) {
        return tx.read(() -> {
            requireInstance(actor, instanceId, Permission.READ, "read", false);
            return jdbc.query(LIST_VERSIONS, (rs, n) -> mapVersion(rs), instanceId);
        });
    }

    @Override
    public List<Instance> scheduled(Actor actor) {
        return tx.read(() ->
                jdbc
                        .query(SCHEDULED, ResourceRows.MAPPER, actor.tenantId(), actor.principalId(), actor.tenantId())
                        .stream()
                        .map(this::load)
                        .toList());
    }

    private InstanceVersion mapVersion(ResultSet rs) throws SQLException {
        UUID instanceId = Sql.uuid(rs, "instance_id");
        int version = rs.getInt("version");
        return new InstanceVersion(
                instanceId,
                version,
                Json.read(rs.getString("config")),
                pins(instanceId, version),
                Sql.uuid(rs, "created_by"),
                Sql.instant(rs, "created_at"));
    }

    /** Gives {@code copy} (a freshly inserted instance resource) the source's current config and pins as version 1. */
    void copyCurrentVersion(Actor actor, Resource source, Resource copy) {
        Instance current = load(source);
        insertRows(actor, copy, current.pins(), current.config());
    }

    Instance load(Resource resource) {
        return jdbc
                .query(
                        GET_INSTANCE,
                        (rs, n) -> {
                            int version = rs.getInt("current_version");
                            String cron = rs.getString("schedule_cron");
                            Optional<Schedule> schedule = cron == null
                                    ? Optional.empty()
                                    : Optional.of(new Schedule(cron, ZoneId.of(rs.getString("schedule_zone"))));
                            return new Instance(
                                    resource,
                                    version,
                                    Json.read(rs.getString("current_config")),
                                    pins(resource.id(), version),
                                    schedule);
                        },
                        resource.id())
                .stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_STORE_INTERNAL,
                        "Instance " + resource.id() + " has no instances row"));
    }

    Map<String, UUID> pins(UUID instanceId, int version) {
        Map<String, UUID> pins = new HashMap<>();
        jdbc.query(
                GET_PINS,
                rs -> {
                    pins.put(rs.getString("slot"), Sql.uuid(rs, "definition_version_id"));
                },
                instanceId,
                version);
        return pins;
    }

    Map<String, DefinitionVersion> loadPins(Actor actor, Map<String, UUID> pins) {
        Map<String, DefinitionVersion> pinned = new HashMap<>();
        for (Map.Entry<String, UUID> pin : pins.entrySet()) {
            try {
                pinned.put(pin.getKey(), definitions.loadVersionById(actor, pin.getValue()));
            } catch (OptaicException e) {
                throw new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND,
                        "Slot '" + pin.getKey() + "' pins definition version " + pin.getValue()
                                + ", which does not exist or is not readable",
                        e);
            }
        }
        return pinned;
    }

    Resource requireInstance(Actor actor, UUID id, Permission permission, String action, boolean write) {
        Resource resource = write
                ? access.requireActiveLocked(actor, id, permission, action)
                : access.require(actor, id, permission, action);
        return AccessControl.requireTier(resource, ResourceType.Tier.INSTANCE, action);
    }

    private static void checkSlots(Map<String, UUID> pins) {
        for (String slot : pins.keySet()) {
            Inputs.text("Pin slot", slot, 64);
            if (!SLOT.matcher(slot).matches()) {
                throw Inputs.invalid("Pin slot '" + slot + "' must be lower-case letters, digits and '_',"
                        + " starting with a letter");
            }
        }
        if (pins.size() > 32) {
            throw Inputs.invalid("An instance pins at most 32 definitions, got " + pins.size());
        }
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw Inputs.invalid("Unknown time zone '" + id + "'");
        }
    }
}
