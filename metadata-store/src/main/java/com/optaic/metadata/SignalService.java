package com.optaic.metadata;

import java.util.Optional;
import java.util.UUID;

/**
 * Signals: a dataset version registered under a staging subspace, validated by a run, promoted to an official
 * subspace. Promotion passes the PROMOTE guardrails (a successful validation run meeting the target's
 * thresholds; four-eyes if the target demands it), creates the official SignalInstance with a
 * {@code copied_from} edge, and points the dataset's {@code official} alias at the signal's version.
 */
public interface SignalService {
    /** Registers the dataset's version (or its latest) as a signal under a staging subspace or a project in one. */
    Signal register(Actor actor, UUID datasetId, Optional<Integer> version, UUID parentId, String name);

    /**
     * Judges a finished run of the signal against the thresholds of the official subspace it would be promoted
     * to, and records the outcome. Needs {@code run} on the signal.
     */
    Signal validate(Actor actor, UUID signalId, UUID runId, UUID targetSubspaceId);

    /** Promotes into {@code targetSubspaceId}; needs {@code promote} there and {@code read} on the signal. */
    Signal promote(Actor actor, UUID signalId, UUID targetSubspaceId);

    Signal get(Actor actor, UUID signalId);
}
