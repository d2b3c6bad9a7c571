package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A directed edge from upstream to downstream, and how far from the query's start it was found. */
public record LineageEdge(LineageNode upstream, LineageNode downstream, EdgeType type, int depth, Instant createdAt) {
    public LineageEdge {
        requireNonNull(upstream, "upstream is null");
        requireNonNull(downstream, "downstream is null");
        requireNonNull(type, "type is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
