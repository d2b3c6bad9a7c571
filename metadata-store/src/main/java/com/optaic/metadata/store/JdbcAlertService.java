package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import com.optaic.metadata.Alert;
import com.optaic.metadata.AlertService;
import com.optaic.metadata.NewAlert;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Run;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Alerts in table {@code alerts} (migration V6), readable wherever their run is. */
final class JdbcAlertService implements AlertService {
    static final String INSERT = """
            INSERT INTO alerts (tenant_id, run_id, instance_id, severity, feature, metric, value, threshold, time_window)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id, created_at
            """;

    private static final String COLUMNS =
            "a.id, a.run_id, a.instance_id, a.severity, a.feature, a.metric, a.value, a.threshold, a.time_window,"
                    + " a.created_at";

    /** Parameters: tenant id, principal id, tenant id, under id (or null), limit. */
    static final String LIST = """
            SELECT %s FROM alerts a
            JOIN resources r ON r.id = a.run_id
            WHERE a.tenant_id = ? AND r.path && %s AND (?::uuid IS NULL OR ?::uuid = ANY (r.path))
            ORDER BY a.id DESC
            LIMIT ?
            """.formatted(COLUMNS, AccessControl.READABLE_ROOTS);

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final Activities activities;
    private final JdbcRunService runs;

    JdbcAlertService(StoreContext context, JdbcRunService runs) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.activities = context.activities();
        this.runs = runs;
    }

    @Override
    public List<Alert> record(Actor actor, UUID runId, List<NewAlert> alerts) {
        List<NewAlert> copy = List.copyOf(alerts);
        return tx.write(() -> {
            access.require(actor, runId, Permission.RUN, "record alerts of");
            Run run = runs.get(actor, runId);
            UUID instanceId = run.snapshot().instanceId();
            List<Alert> recorded = new ArrayList<>();
            for (NewAlert alert : copy) {
                Alert saved = jdbc.queryForObject(
                        INSERT,
                        (rs, n) -> new Alert(
                                rs.getLong("id"),
                                runId,
                                instanceId,
                                alert,
                                rs.getTimestamp("created_at").toInstant()),
                        actor.tenantId(),
                        runId,
                        instanceId,
                        alert.severity(),
                        alert.feature(),
                        alert.metric(),
                        alert.value(),
                        alert.threshold(),
                        alert.window());
                activities.resource(actor, "alert.raised", runId, null, Map.of("alert_id", saved.id(), "alert", alert));
                recorded.add(saved);
            }
            return recorded;
        });
    }

    @Override
    public List<Alert> list(Actor actor, Optional<UUID> under, int limit) {
        if (limit < 1) {
            throw Inputs.invalid("Cannot list alerts: the limit must be positive, got " + limit);
        }
        return tx.read(() -> {
            under.ifPresent(id -> access.require(actor, id, Permission.READ, "list the alerts under"));
            UUID underId = under.orElse(null);
            return jdbc.query(
                    LIST,
                    (rs, n) -> map(rs),
                    actor.tenantId(),
                    actor.principalId(),
                    actor.tenantId(),
                    underId,
                    underId,
                    limit);
        });
    }

    private static Alert map(ResultSet rs) throws SQLException {
        return new Alert(
                rs.getLong("id"),
                rs.getObject("run_id", UUID.class),
                rs.getObject("instance_id", UUID.class),
                new NewAlert(
                        rs.getString("severity"),
                        rs.getString("feature"),
                        rs.getString("metric"),
                        rs.getDouble("value"),
                        rs.getDouble("threshold"),
                        rs.getString("time_window")),
                rs.getTimestamp("created_at").toInstant());
    }
}
