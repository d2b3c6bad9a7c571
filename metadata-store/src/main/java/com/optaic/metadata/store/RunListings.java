package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side of {@link JdbcRunService}: an instance's runs, the tenant's recent runs (keyset pages, newest
 * first), and the QUEUED and stale RUNNING runs a launcher or {@code serve} picks up, each filtered by what the
 * caller may read or run.
 */
final class RunListings {
    static final String RUNS_OF = """
            SELECT %s FROM resources r JOIN runs ru ON ru.resource_id = r.id
            WHERE ru.instance_id = ? AND r.tenant_id = ?
              AND (?::timestamptz IS NULL OR (ru.queued_at, r.id) < (?::timestamptz, ?::uuid))
            ORDER BY ru.queued_at DESC, r.id DESC
            LIMIT ?
            """.formatted(JdbcRunService.RUN_COLUMNS);

    /** Parameters: principal, tenant (readable roots); tenant; statuses, types (text[] or null); since; under; cursor. */
    static final String RECENT = """
            SELECT %s FROM resources r JOIN runs ru ON ru.resource_id = r.id
            WHERE r.path && %s AND r.tenant_id = ?
              AND (?::text[] IS NULL OR ru.status = ANY (?::text[]))
              AND (?::text[] IS NULL OR r.resource_type = ANY (?::text[]))
              AND (?::timestamptz IS NULL OR ru.queued_at >= ?::timestamptz)
              AND (?::uuid IS NULL OR ?::uuid = ANY (r.path))
              AND (?::timestamptz IS NULL OR (ru.queued_at, r.id) < (?::timestamptz, ?::uuid))
            ORDER BY ru.queued_at DESC, r.id DESC
            LIMIT ?
            """.formatted(JdbcRunService.RUN_COLUMNS, AccessControl.READABLE_ROOTS);

    static final String QUEUED = """
            SELECT %s FROM resources r JOIN runs ru ON ru.resource_id = r.id
            WHERE ru.status = 'QUEUED' AND r.tenant_id = ? AND ru.queued_at < ?
            ORDER BY ru.queued_at, r.id
            LIMIT ?
            """.formatted(JdbcRunService.RUN_COLUMNS);

    static final String STALE = """
            SELECT %s FROM resources r JOIN runs ru ON ru.resource_id = r.id
            LEFT JOIN run_heartbeats hb ON hb.run_id = ru.resource_id
            WHERE ru.status = 'RUNNING' AND r.tenant_id = ?
              AND GREATEST(hb.beat_at, ru.started_at) < clock_timestamp() - make_interval(secs => ?)
            ORDER BY ru.started_at, r.id
            LIMIT ?
            """.formatted(JdbcRunService.RUN_COLUMNS);

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;

    RunListings(JdbcTemplate jdbc, Tx tx, AccessControl access) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
    }

    Page<Run> runsOf(Actor actor, UUID instanceId, PageRequest page) {
        return tx.read(() -> {
            access.require(actor, instanceId, Permission.READ, "read runs of");
            Optional<Cursors.TimeKey> after = Cursors.timeKey(page);
            List<Run> rows = jdbc.query(
                    RUNS_OF,
                    JdbcRunService.MAPPER,
                    instanceId,
                    actor.tenantId(),
                    after.map(k -> Sql.timestamp(k.time())).orElse(null),
                    after.map(k -> Sql.timestamp(k.time())).orElse(null),
                    after.map(Cursors.TimeKey::id).orElse(null),
                    page.limit() + 1);
            return page(rows, page);
        });
    }

    Page<Run> recent(Actor actor, RunFilter filter, PageRequest page) {
        return tx.read(() -> {
            filter.under().ifPresent(node -> access.require(actor, node, Permission.READ, "list runs under"));
            Optional<Cursors.TimeKey> after = Cursors.timeKey(page);
            Object statuses = filter.statuses().isEmpty()
                    ? null
                    : Sql.textArray(filter.statuses().stream().map(Enum::name).toList());
            Object types = filter.types().isEmpty()
                    ? null
                    : Sql.textArray(filter.types().stream().map(Enum::name).toList());
            Object since = filter.since().map(Sql::timestamp).orElse(null);
            Object under = filter.under().orElse(null);
            Object afterTime = after.map(k -> Sql.timestamp(k.time())).orElse(null);
            List<Run> rows = jdbc.query(
                    RECENT,
                    JdbcRunService.MAPPER,
                    actor.principalId(),
                    actor.tenantId(),
                    actor.tenantId(),
                    statuses,
                    statuses,
                    types,
                    types,
                    since,
                    since,
                    under,
                    under,
                    afterTime,
                    afterTime,
                    after.map(Cursors.TimeKey::id).orElse(null),
                    page.limit() + 1);
            return page(rows, page);
        });
    }

    List<Run> queued(Actor actor, Instant queuedBefore, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return tx.read(() ->
                jdbc.query(QUEUED, JdbcRunService.MAPPER, actor.tenantId(), Sql.timestamp(queuedBefore), limit).stream()
                        .filter(run -> access.load(actor, run.snapshot().instanceId())
                                .filter(checked -> checked.can(Permission.RUN))
                                .isPresent())
                        .toList());
    }

    List<Run> stale(Actor actor, Duration staleAfter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return tx.read(() ->
                jdbc
                        .query(STALE, JdbcRunService.MAPPER, actor.tenantId(), staleAfter.toMillis() / 1000.0, limit)
                        .stream()
                        .filter(run -> access.load(actor, run.resource().id())
                                .filter(checked -> checked.can(Permission.RUN))
                                .isPresent())
                        .toList());
    }

    /** A page of at most {@code page.limit()} rows from a query that asked for one more, to know if more follow. */
    private static Page<Run> page(List<Run> rows, PageRequest page) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<Run> items = rows.subList(0, page.limit());
        Run last = items.get(items.size() - 1);
        return new Page<>(
                items,
                Optional.of(Cursors.byTime(last.queuedAt(), last.resource().id())));
    }
}
