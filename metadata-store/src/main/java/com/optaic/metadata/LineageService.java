package com.optaic.metadata;

import java.util.List;

/**
 * Lineage edges between resources, definition versions, runs and data versions. The store writes the edges of
 * its own operations (copies, runs' inputs and outputs, signals); callers add others. Walks return only edges
 * whose both ends the caller may read.
 */
public interface LineageService {
    /** Adds an edge; needs {@code update} on the downstream node's resource and {@code read} on the upstream's. */
    void link(Actor actor, LineageNode upstream, LineageNode downstream, EdgeType type);

    List<LineageEdge> walk(Actor actor, LineageQuery query);
}
