package com.optaic.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Versions of a dataset (DatasetInstance or SignalInstance) and their aliases. Publishing needs {@code update}
 * on the dataset, or {@code run} when a run of it produced the version; it moves the {@code latest} alias.
 * Aliases keep their history, so what an alias named at any past instant has an answer.
 */
public interface DataVersionService {
    /** The alias every publish moves. */
    String LATEST = "latest";
    /** The alias promotion moves. */
    String OFFICIAL = "official";

    DataVersion publish(Actor actor, NewDataVersion request);

    DataVersion get(Actor actor, UUID datasetId, int version);

    DataVersion getById(Actor actor, UUID dataVersionId);

    List<DataVersion> versions(Actor actor, UUID datasetId);

    /** Points an alias at a version; needs {@code update}, or {@code promote} for {@code official}. */
    AliasAssignment setAlias(Actor actor, UUID datasetId, String alias, int version);

    Optional<DataVersion> resolve(Actor actor, UUID datasetId, String alias);

    /** The version the alias named at {@code instant}, if it named one then. */
    Optional<DataVersion> resolveAsOf(Actor actor, UUID datasetId, String alias, Instant instant);

    /** Every assignment of the alias, oldest first. */
    List<AliasAssignment> aliasHistory(Actor actor, UUID datasetId, String alias);
}
