package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.LineageService;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.Run;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link LineageService} over {@code lineage_edges}: a walk is one recursive query bounded by depth that never
 * follows an edge twice on the same path; edges to nodes the caller cannot read are dropped from the answer.
 */
final class JdbcLineageService implements LineageService {
    /** %1$s: column matching the start/previous node; %2$s: column of the node to continue from. */
    static final String WALK = """
            WITH RECURSIVE walk (id, upstream_kind, upstream_id, downstream_kind, downstream_id, edge_type, created_at,
                                 depth, next_id, seen) AS (
                SELECT e.id, e.upstream_kind, e.upstream_id, e.downstream_kind, e.downstream_id, e.edge_type,
                       e.created_at, 1, e.%2$s, ARRAY[e.id]
                FROM lineage_edges e
                WHERE e.tenant_id = ? AND e.%1$s = ? AND (?::timestamptz IS NULL OR e.created_at <= ?::timestamptz)
                UNION ALL
                SELECT e.id, e.upstream_kind, e.upstream_id, e.downstream_kind, e.downstream_id, e.edge_type,
                       e.created_at, w.depth + 1, e.%2$s, w.seen || e.id
                FROM walk w
                JOIN lineage_edges e ON e.%1$s = w.next_id AND e.tenant_id = ?
                WHERE w.depth < ? AND NOT e.id = ANY (w.seen)
                  AND (?::timestamptz IS NULL OR e.created_at <= ?::timestamptz)
            )
            SELECT DISTINCT ON (id) id, upstream_kind, upstream_id, downstream_kind, downstream_id, edge_type,
                   created_at, depth
            FROM walk
            ORDER BY id, depth
            """;

    /** Maps node ids to the resource that governs access to them, keeping only readable ones. */
    static final String READABLE_NODES = """
            SELECT x.node_id FROM (
                SELECT r.id AS node_id, r.id AS owner_id FROM resources r WHERE r.id = ANY (?)
                UNION ALL
                SELECT dv.id, dv.definition_id FROM definition_versions dv WHERE dv.id = ANY (?)
                UNION ALL
                SELECT d.id, d.dataset_id FROM data_versions d WHERE d.id = ANY (?)
            ) x
            JOIN resources r ON r.id = x.owner_id
            WHERE r.tenant_id = ? AND r.path && %s
            """.formatted(AccessControl.READABLE_ROOTS);

    static final String OWNER_OF_DEFINITION_VERSION = "SELECT definition_id FROM definition_versions WHERE id = ?";
    static final String OWNER_OF_DATA_VERSION = "SELECT dataset_id FROM data_versions WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final LineageWriter lineage;
    private final Activities activities;
    private final JdbcRunService runs;

    JdbcLineageService(StoreContext context, JdbcRunService runs) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.lineage = context.lineage();
        this.activities = context.activities();
        this.runs = runs;
    }

    @Override
    public void link(Actor actor, LineageNode upstream, LineageNode downstream, EdgeType type) {
        if (upstream.id().equals(downstream.id())) {
            throw Inputs.invalid("A lineage edge cannot point from " + upstream.id() + " to itself");
        }
        tx.writeVoid(() -> {
            access.require(actor, owner(upstream), Permission.READ, "link lineage from");
            Resource target = access.requireActive(actor, owner(downstream), Permission.UPDATE, "link lineage to");
            if (lineage.link(actor, upstream, downstream, type)) {
                Map<String, Object> edge = new HashMap<>();
                edge.put("upstream", upstream);
                edge.put("downstream", downstream);
                edge.put("type", type.wireName());
                activities.resource(actor, "lineage.linked", target.id(), null, edge);
            }
        });
    }

    @Override
    public List<LineageEdge> walk(Actor actor, LineageQuery query) {
        return tx.read(() -> {
            access.require(actor, owner(query.start()), Permission.READ, "walk the lineage of");
            Instant cutoff = null;
            if (query.asOfRun().isPresent()) {
                Run run = runs.loadReadable(actor, query.asOfRun().get());
                cutoff = run.endedAt().orElse(null);
                if (cutoff == null) {
                    cutoff = Instant.now();
                }
            }
            boolean up = query.direction() == LineageQuery.Direction.UPSTREAM;
            String sql = WALK.formatted(up ? "downstream_id" : "upstream_id", up ? "upstream_id" : "downstream_id");
            Object at = Sql.timestamp(cutoff);
            List<LineageEdge> edges = jdbc.query(
                    sql,
                    (rs, n) -> new LineageEdge(
                            new LineageNode(
                                    LineageNode.Kind.fromWireName(rs.getString("upstream_kind")),
                                    Sql.uuid(rs, "upstream_id")),
                            new LineageNode(
                                    LineageNode.Kind.fromWireName(rs.getString("downstream_kind")),
                                    Sql.uuid(rs, "downstream_id")),
                            EdgeType.fromWireName(rs.getString("edge_type")),
                            rs.getInt("depth"),
                            Sql.instant(rs, "created_at")),
                    actor.tenantId(),
                    query.start().id(),
                    at,
                    at,
                    actor.tenantId(),
                    query.maxDepth(),
                    at,
                    at);
            Set<UUID> readable = readable(actor, edges);
            return edges.stream()
                    .filter(e -> readable.contains(e.upstream().id())
                            && readable.contains(e.downstream().id()))
                    .sorted(Comparator.comparingInt(LineageEdge::depth).thenComparing(LineageEdge::createdAt))
                    .toList();
        });
    }

    private Set<UUID> readable(Actor actor, List<LineageEdge> edges) {
        Set<UUID> resources = new HashSet<>();
        Set<UUID> definitionVersions = new HashSet<>();
        Set<UUID> dataVersions = new HashSet<>();
        for (LineageEdge edge : edges) {
            for (LineageNode node : List.of(edge.upstream(), edge.downstream())) {
                switch (node.kind()) {
                    case RESOURCE -> resources.add(node.id());
                    case DEFINITION_VERSION -> definitionVersions.add(node.id());
                    case DATA_VERSION -> dataVersions.add(node.id());
                    default -> throw new IllegalStateException();
                }
            }
        }
        if (edges.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(
                READABLE_NODES,
                (rs, n) -> Sql.uuid(rs, "node_id"),
                Sql.uuidArray(resources),
                Sql.uuidArray(definitionVersions),
                Sql.uuidArray(dataVersions),
                actor.tenantId(),
                actor.principalId(),
                actor.tenantId()));
    }

    /** The resource whose permissions govern a node. */
    private UUID owner(LineageNode node) {
        return switch (node.kind()) {
            case RESOURCE -> node.id();
            case DEFINITION_VERSION -> single(OWNER_OF_DEFINITION_VERSION, node);
            case DATA_VERSION -> single(OWNER_OF_DATA_VERSION, node);
        };
    }

    private UUID single(String sql, LineageNode node) {
        Optional<UUID> owner = jdbc.query(sql, (rs, n) -> (UUID) rs.getObject(1), node.id()).stream()
                .findFirst();
        return owner.orElseThrow(() -> new OptaicException(
                MetadataErrorCode.METADATA_NOT_FOUND,
                "Lineage node " + node.kind().wireName() + " " + node.id() + " not found"));
    }
}
