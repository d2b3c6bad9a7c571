package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which of the tenant's runs {@link RunService#recent} lists: an empty set or an absent bound does not filter.
 *
 * @param statuses runs in one of these states
 * @param types runs of one of these run types
 * @param since runs queued at or after this instant
 * @param under runs anywhere below this node of the tree (a space, project or instance)
 */
public record RunFilter(
        Set<RunStatus> statuses, Set<ResourceType> types, Optional<Instant> since, Optional<UUID> under) {
    public static final RunFilter ALL = new RunFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty());

    public RunFilter {
        statuses = Set.copyOf(requireNonNull(statuses, "statuses is null"));
        types = Set.copyOf(requireNonNull(types, "types is null"));
        requireNonNull(since, "since is null");
        requireNonNull(under, "under is null");
        for (ResourceType type : types) {
            if (type.tier() != ResourceType.Tier.RUN) {
                throw new IllegalArgumentException(type + " is not a run type");
            }
        }
    }
}
