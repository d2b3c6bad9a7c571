package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes activity rows inside the caller's transaction. Every mutation of the store goes through here. */
final class Activities {
    static final String INSERT = """
            INSERT INTO activities (tenant_id, actor_id, verb, target_kind, target_id, before, after, request_id)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
            """;

    private final JdbcTemplate jdbc;

    Activities(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code verb} on a target; {@code before}/{@code after} are serialised to JSON (null stays null). */
    void record(Actor actor, String verb, String targetKind, UUID targetId, Object before, Object after) {
        jdbc.update(
                INSERT,
                actor.tenantId(),
                actor.principalId(),
                verb,
                targetKind,
                targetId,
                Json.write(before),
                Json.write(after),
                actor.requestId().orElse(null));
    }

    void resource(Actor actor, String verb, UUID resourceId, Object before, Object after) {
        record(actor, verb, "resource", resourceId, before, after);
    }
}
