package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import com.optaic.metadata.DenialLog;
import com.optaic.metadata.Permission;
import com.optaic.metadata.SystemIds;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link DenialLog} over {@code denied_attempts} (append-only by trigger) and {@code denied_suppressed}. */
final class JdbcDenialLog implements DenialLog {
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(? || '|' || ?))";
    static final String RECENT_COUNT = """
            SELECT count(*) FROM denied_attempts
            WHERE who = ? AND operation = ? AND at > clock_timestamp() - interval '1 minute'
            """;
    static final String SUPPRESS = """
            INSERT INTO denied_suppressed (who, operation, count) VALUES (?, ?, 1)
            ON CONFLICT (who, operation) DO UPDATE SET count = denied_suppressed.count + 1
            """;
    static final String TAKE_SUPPRESSED =
            "DELETE FROM denied_suppressed WHERE who = ? AND operation = ? RETURNING count";
    static final String INSERT = """
            INSERT INTO denied_attempts
                (tenant_id, principal_id, token_prefix, who, operation, target_id, reason, suppressed_before)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String RECENT = """
            SELECT id, at, tenant_id, principal_id, token_prefix, operation, target_id, reason, suppressed_before
            FROM denied_attempts
            WHERE tenant_id = ? OR (? AND tenant_id IS NULL)
            ORDER BY id DESC
            LIMIT ?
            """;

    private static final RowMapper<Denial> MAPPER = (rs, n) -> new Denial(
            rs.getLong("id"),
            Sql.instant(rs, "at"),
            Sql.optionalUuid(rs, "tenant_id"),
            Sql.optionalUuid(rs, "principal_id"),
            Optional.ofNullable(rs.getString("token_prefix")),
            rs.getString("operation"),
            Sql.optionalUuid(rs, "target_id"),
            rs.getString("reason"),
            rs.getLong("suppressed_before"));

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;

    JdbcDenialLog(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
    }

    @Override
    public boolean denied(Actor actor, String operation, Optional<UUID> targetId, String reason) {
        return record(
                actor.tenantId(),
                actor.principalId(),
                null,
                "principal:" + actor.principalId(),
                operation,
                targetId.orElse(null),
                reason);
    }

    @Override
    public boolean badToken(String token, String operation, String reason) {
        String prefix = DenialLog.tokenPrefix(token);
        return record(null, null, prefix, "token:" + prefix, operation, null, reason);
    }

    private boolean record(
            UUID tenant, UUID principal, String prefix, String who, String operation, UUID target, String reason) {
        String op = clip(operation, 200);
        String why = clip(reason, 2000);
        return tx.write(() -> {
            jdbc.queryForList(LOCK, who, op);
            Long recent = jdbc.queryForObject(RECENT_COUNT, Long.class, who, op);
            if (recent != null && recent >= PER_MINUTE) {
                jdbc.update(SUPPRESS, who, op);
                return false;
            }
            long suppressed = jdbc.queryForList(TAKE_SUPPRESSED, Long.class, who, op).stream()
                    .findFirst()
                    .orElse(0L);
            jdbc.update(INSERT, tenant, principal, prefix, who, op, target, why, suppressed);
            return true;
        });
    }

    @Override
    public List<Denial> recent(Actor actor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        boolean system = actor.tenantId().equals(SystemIds.SYSTEM_TENANT);
        UUID root = system ? SystemIds.SYSTEM_TENANT_ROOT : actor.tenantId();
        return tx.read(() -> {
            access.require(actor, root, Permission.AUDIT_READ, "read the denied attempts of");
            return jdbc.query(RECENT, MAPPER, actor.tenantId(), system, limit);
        });
    }

    private static String clip(String text, int max) {
        String flat = text.replace('\u0000', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
