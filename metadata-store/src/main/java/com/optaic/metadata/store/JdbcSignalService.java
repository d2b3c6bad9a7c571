package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.GuardrailContext;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.PromotionPolicy;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.Signal;
import com.optaic.metadata.SignalService;
import com.optaic.metadata.SubspaceKind;
import com.optaic.metadata.ValidationStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link SignalService} over {@code signals}, reusing instances, runs, data versions and guardrails. */
final class JdbcSignalService implements SignalService {
    static final String INSERT = """
            INSERT INTO signals (resource_id, dataset_id, data_version_id, validation_status, validation_run_id,
                                 validation_report, promoted_from)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
            """;

    static final String GET = """
            SELECT dataset_id, data_version_id, validation_status, validation_run_id, validation_report, promoted_from
            FROM signals WHERE resource_id = ?
            """;

    static final String SET_VALIDATION = """
            UPDATE signals SET validation_status = ?, validation_run_id = ?, validation_report = ?::jsonb,
                               row_version = row_version + 1
            WHERE resource_id = ?
            """;

    static final String SUBSPACE_KIND_ON_PATH = """
            SELECT r.kind FROM resources r WHERE r.id = ANY (?) AND r.resource_type = 'Subspace'
            """;

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final LineageWriter lineage;
    private final Activities activities;
    private final Guardrails guardrails;
    private final JdbcInstanceService instances;
    private final JdbcRunService runs;
    private final JdbcDataVersionService dataVersions;

    JdbcSignalService(
            StoreContext context,
            JdbcInstanceService instances,
            JdbcRunService runs,
            JdbcDataVersionService dataVersions) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.lineage = context.lineage();
        this.activities = context.activities();
        this.guardrails = context.guardrails();
        this.instances = instances;
        this.runs = runs;
        this.dataVersions = dataVersions;
    }

    @Override
    public Signal register(Actor actor, UUID datasetId, Optional<Integer> version, UUID parentId, String name) {
        return tx.write(() -> {
            Resource dataset = access.require(actor, datasetId, Permission.READ, "register a signal from");
            AccessControl.requireType(dataset, EnumSet.of(ResourceType.DatasetInstance), "register a signal from");
            Resource parent = access.requireActive(actor, parentId, Permission.CREATE, "register a signal under");
            requireSubspaceKind(parent, SubspaceKind.STAGING, "register a signal under");
            DataVersion dataVersion = version.isPresent()
                    ? dataVersions.get(actor, datasetId, version.get())
                    : dataVersions
                            .resolve(actor, datasetId, DataVersionService.LATEST)
                            .orElseThrow(() -> Inputs.invalid(
                                    "Cannot register a signal from '" + dataset.name() + "': it has no version"));
            ObjectNode config = Json.object();
            config.put("dataset_id", datasetId.toString());
            config.put("data_version", dataVersion.version());
            Instance instance = instances.insert(
                    actor, parent, UUID.randomUUID(), ResourceType.SignalInstance, name, "", Map.of(), config);
            UUID id = instance.resource().id();
            jdbc.update(
                    INSERT, id, datasetId, dataVersion.id(), ValidationStatus.UNVALIDATED.wireName(), null, null, null);
            lineage.link(actor, LineageNode.resource(datasetId), LineageNode.resource(id), EdgeType.DERIVED_FROM);
            lineage.link(
                    actor, LineageNode.dataVersion(dataVersion.id()), LineageNode.resource(id), EdgeType.DERIVED_FROM);
            Signal signal = load(instance.resource());
            activities.resource(actor, "signal.registered", id, null, signal);
            return signal;
        });
    }

    @Override
    public Signal validate(Actor actor, UUID signalId, UUID runId, UUID targetSubspaceId) {
        return tx.write(() -> {
            Resource resource = requireSignal(actor, signalId, Permission.RUN, "validate", true);
            Signal before = load(resource);
            Run run = runs.loadReadable(actor, runId);
            if (!run.resource().parentId().equals(Optional.of(signalId))) {
                throw Inputs.invalid("Cannot validate signal '" + resource.name() + "' with run " + runId
                        + ": the run belongs to another instance");
            }
            if (run.status() != RunStatus.SUCCEEDED && run.status() != RunStatus.FAILED) {
                throw Inputs.invalid("Cannot validate signal '" + resource.name() + "' with run " + runId + ": it is "
                        + run.status() + "; validate once it has finished");
            }
            Resource target = access.require(actor, targetSubspaceId, Permission.READ, "validate against");
            requireSubspaceKind(target, SubspaceKind.OFFICIAL, "validate against");
            PromotionPolicy policy = JdbcSpaceService.policyOf(target);
            Optional<String> failures = run.status() == RunStatus.SUCCEEDED
                    ? Guardrails.thresholdFailures(policy.thresholds(), run.metrics())
                    : Optional.of("run " + runId + " FAILED");
            ObjectNode report = Json.object();
            report.put("run_id", runId.toString());
            report.put("target_subspace_id", targetSubspaceId.toString());
            report.set("thresholds", Json.tree(policy.thresholds()));
            report.set("metrics", run.metrics());
            report.put("passed", failures.isEmpty());
            failures.ifPresent(f -> report.put("failures", f));
            ValidationStatus status = failures.isEmpty() ? ValidationStatus.PASSED : ValidationStatus.FAILED;
            jdbc.update(SET_VALIDATION, status.wireName(), runId, Json.write(report), signalId);
            Signal after = load(resource);
            activities.resource(actor, "signal.validated", signalId, before, after);
            return after;
        });
    }

    @Override
    public Signal promote(Actor actor, UUID signalId, UUID targetSubspaceId) {
        return tx.write(() -> {
            Resource resource = requireSignal(actor, signalId, Permission.READ, "promote", true);
            Signal signal = load(resource);
            if (signal.promotedFrom().isPresent()) {
                throw Inputs.invalid("Cannot promote signal '" + resource.name() + "': it is already official");
            }
            Resource target = access.requireActiveLocked(actor, targetSubspaceId, Permission.PROMOTE, "promote into");
            AccessControl.requireType(target, EnumSet.of(ResourceType.Subspace), "promote into");
            requireSubspaceKind(target, SubspaceKind.OFFICIAL, "promote into");
            PromotionPolicy policy = JdbcSpaceService.policyOf(target);
            Optional<Run> validationRun = signal.validationRunId().map(id -> runs.loadReadable(actor, id));
            guardrails.check(GuardrailContext.forPromotion(actor, signal, validationRun, policy), "promote");
            Instance source = instances.load(resource);
            Instance official = instances.insert(
                    actor,
                    target,
                    UUID.randomUUID(),
                    ResourceType.SignalInstance,
                    resource.name(),
                    resource.description(),
                    Map.of(),
                    source.config());
            UUID id = official.resource().id();
            jdbc.update(
                    INSERT,
                    id,
                    signal.datasetId(),
                    signal.dataVersionId(),
                    signal.validationStatus().wireName(),
                    signal.validationRunId().orElse(null),
                    signal.validationReport().map(Json::write).orElse(null),
                    signalId);
            lineage.link(actor, LineageNode.resource(signalId), LineageNode.resource(id), EdgeType.COPIED_FROM);
            Resource dataset =
                    access.requireActiveLocked(actor, signal.datasetId(), Permission.READ, "promote a signal of");
            DataVersion version = dataVersions.loadById(actor, signal.dataVersionId());
            dataVersions.moveAlias(actor, dataset, DataVersionService.OFFICIAL, version);
            Signal promoted = load(official.resource());
            activities.resource(actor, "signal.promoted", id, signal, promoted);
            return promoted;
        });
    }

    @Override
    public Signal get(Actor actor, UUID signalId) {
        return tx.read(() -> load(requireSignal(actor, signalId, Permission.READ, "read", false)));
    }

    private Signal load(Resource resource) {
        return jdbc
                .query(
                        GET,
                        (rs, n) -> new Signal(
                                resource,
                                Sql.uuid(rs, "dataset_id"),
                                Sql.uuid(rs, "data_version_id"),
                                ValidationStatus.fromWireName(rs.getString("validation_status")),
                                Sql.optionalUuid(rs, "validation_run_id"),
                                Json.readOptional(rs.getString("validation_report")),
                                Sql.optionalUuid(rs, "promoted_from")),
                        resource.id())
                .stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_STORE_INTERNAL, "Signal " + resource.id() + " has no signals row"));
    }

    private Resource requireSignal(Actor actor, UUID id, Permission permission, String action, boolean lock) {
        Resource resource = lock
                ? access.requireActiveLocked(actor, id, permission, action)
                : access.require(actor, id, permission, action);
        return AccessControl.requireType(resource, EnumSet.of(ResourceType.SignalInstance), action);
    }

    /** The node must be, or lie under, a subspace of this kind. */
    private void requireSubspaceKind(Resource node, SubspaceKind kind, String action) {
        String found =
                jdbc.query(SUBSPACE_KIND_ON_PATH, (rs, n) -> rs.getString(1), Sql.uuidArray(node.path())).stream()
                        .findFirst()
                        .orElse(null);
        if (!kind.wireName().equals(found)) {
            throw Inputs.invalid("Cannot " + action + " " + node.type() + " '" + node.name() + "': it must be in a "
                    + kind.wireName() + " subspace" + (found == null ? "" : ", not a " + found + " one"));
        }
    }
}
