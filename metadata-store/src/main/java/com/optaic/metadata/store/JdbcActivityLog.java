package com.optaic.metadata.store;

import com.optaic.metadata.Activity;
import com.optaic.metadata.ActivityLog;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Permission;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link ActivityLog} over {@code activities}, newest first, paged by activity id. */
final class JdbcActivityLog implements ActivityLog {
    static final String COLUMNS = """
            a.id, a.tenant_id, a.actor_id, a.verb, a.target_kind, a.target_id, a.before, a.after, a.request_id,
            a.created_at""";

    static final String SUBTREE = """
            SELECT %s FROM activities a JOIN resources r ON r.id = a.target_id
            WHERE a.tenant_id = ? AND r.path @> ARRAY[?::uuid] AND (?::bigint IS NULL OR a.id < ?)
            ORDER BY a.id DESC LIMIT ?
            """.formatted(COLUMNS);

    static final String TARGET = """
            SELECT %s FROM activities a
            WHERE a.tenant_id = ? AND a.target_id = ? AND (?::bigint IS NULL OR a.id < ?)
            ORDER BY a.id DESC LIMIT ?
            """.formatted(COLUMNS);

    static final String IS_RESOURCE = "SELECT count(*) FROM resources WHERE id = ? AND tenant_id = ?";
    static final String TENANT_ROOT = "SELECT id FROM resources WHERE tenant_id = ? AND parent_id IS NULL";

    static final RowMapper<Activity> MAPPER = (rs, n) -> new Activity(
            rs.getLong("id"),
            Sql.uuid(rs, "tenant_id"),
            Sql.uuid(rs, "actor_id"),
            rs.getString("verb"),
            rs.getString("target_kind"),
            Sql.uuid(rs, "target_id"),
            Json.readOptional(rs.getString("before")),
            Json.readOptional(rs.getString("after")),
            Optional.ofNullable(rs.getString("request_id")),
            Sql.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;

    JdbcActivityLog(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
    }

    @Override
    public Page<Activity> forSubtree(Actor actor, UUID resourceId, PageRequest page) {
        return tx.read(() -> {
            access.require(actor, resourceId, Permission.AUDIT_READ, "read the activities of");
            Long after = Cursors.longKey(page).orElse(null);
            return page(
                    jdbc.query(SUBTREE, MAPPER, actor.tenantId(), resourceId, after, after, page.limit() + 1),
                    page.limit());
        });
    }

    @Override
    public Page<Activity> forTarget(Actor actor, UUID targetId, PageRequest page) {
        return tx.read(() -> {
            Integer resources = jdbc.queryForObject(IS_RESOURCE, Integer.class, targetId, actor.tenantId());
            UUID governing = resources != null && resources > 0
                    ? targetId
                    : jdbc.queryForObject(TENANT_ROOT, UUID.class, actor.tenantId());
            access.require(actor, governing, Permission.AUDIT_READ, "read the activities of");
            Long after = Cursors.longKey(page).orElse(null);
            return page(
                    jdbc.query(TARGET, MAPPER, actor.tenantId(), targetId, after, after, page.limit() + 1),
                    page.limit());
        });
    }

    private static Page<Activity> page(List<Activity> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<Activity> items = rows.subList(0, limit);
        return new Page<>(
                items, Optional.of(Cursors.byLong(items.get(items.size() - 1).id())));
    }
}
