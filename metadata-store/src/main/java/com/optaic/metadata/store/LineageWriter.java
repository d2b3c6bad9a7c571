package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.LineageNode;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts lineage edges inside the caller's transaction; the caller records the activity. */
final class LineageWriter {
    static final String INSERT = """
            INSERT INTO lineage_edges (tenant_id, upstream_kind, upstream_id, downstream_kind, downstream_id, edge_type,
                                       created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (upstream_id, downstream_id, edge_type) DO NOTHING
            """;

    private final JdbcTemplate jdbc;

    LineageWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean link(Actor actor, LineageNode upstream, LineageNode downstream, EdgeType type) {
        return jdbc.update(
                        INSERT,
                        actor.tenantId(),
                        upstream.kind().wireName(),
                        upstream.id(),
                        downstream.kind().wireName(),
                        downstream.id(),
                        type.wireName(),
                        actor.principalId())
                == 1;
    }
}
