package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.util.Optional;
import java.util.UUID;

/**
 * Walk lineage from a node, up (towards what it came from) or down (towards what came from it), at most
 * {@code maxDepth} edges. With {@code asOfRun}, only edges that existed when that run ended (or now, if it has
 * not) are followed.
 */
public record LineageQuery(LineageNode start, Direction direction, int maxDepth, Optional<UUID> asOfRun) {
    public static final int MAX_DEPTH = 50;

    public enum Direction {
        UPSTREAM,
        DOWNSTREAM
    }

    public LineageQuery {
        requireNonNull(start, "start is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(asOfRun, "asOfRun is null");
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Lineage depth must be between 1 and " + MAX_DEPTH + ", got " + maxDepth);
        }
    }

    public static LineageQuery upstream(LineageNode start, int maxDepth) {
        return new LineageQuery(start, Direction.UPSTREAM, maxDepth, Optional.empty());
    }

    public static LineageQuery downstream(LineageNode start, int maxDepth) {
        return new LineageQuery(start, Direction.DOWNSTREAM, maxDepth, Optional.empty());
    }

    public LineageQuery asOf(UUID runId) {
        return new LineageQuery(start, direction, maxDepth, Optional.of(runId));
    }
}
