package com.optaic.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs and their state machine (see {@link RunStatus}). Creating a run needs {@code run} on the instance;
 * moving it and recording its results need {@code run} on the run. {@code (instance, nominal date)} is unique:
 * a second run for the same nominal date is a conflict.
 */
public interface RunService {
    /** Queues a run of the instance's current version, snapshotting what it will execute. */
    Run create(Actor actor, NewRun request);

    Run get(Actor actor, UUID runId);

    /** The run of this instance for this nominal date, if there is one. */
    Optional<Run> findByNominalDate(Actor actor, UUID instanceId, LocalDate nominalDate);

    /** Runs of an instance, newest first. */
    Page<Run> runsOf(Actor actor, UUID instanceId, PageRequest page);

    /**
     * The tenant's runs the actor may read that match the filter, newest first (what ran last night). A filter
     * {@code under} a node the actor cannot read is NOT_FOUND.
     */
    Page<Run> recent(Actor actor, RunFilter filter, PageRequest page);

    /**
     * The tenant's QUEUED runs queued before {@code queuedBefore}, oldest first, that the actor may run: what a
     * launcher picks up when nobody is executing them (a run queued with --queue-only, or left by a stopped pool).
     */
    List<Run> queued(Actor actor, Instant queuedBefore, int limit);

    /**
     * Moves the run to {@code to}; an illegal move is refused with ILLEGAL_TRANSITION. {@code error} is recorded
     * on FAILED. Moving FAILED to QUEUED starts a new attempt.
     */
    Run transition(Actor actor, UUID runId, RunStatus to, Optional<String> error);

    /**
     * Cancels a run: a QUEUED run moves to CANCELLED at once; for a RUNNING run the request is recorded (once; a
     * second request keeps the first) and the process executing it, which polls {@link #cancelRequested}, stops it
     * and moves it to CANCELLED. A finished run cannot be cancelled (ILLEGAL_TRANSITION). Needs {@code run}.
     */
    Run requestCancel(Actor actor, UUID runId);

    /** When a cancel of the (RUNNING) run was requested, if it was. */
    Optional<Instant> cancelRequested(Actor actor, UUID runId);

    /**
     * The executing process is alive: records a beat for each of these RUNNING runs (needs {@code run} on each;
     * others are skipped). Not an activity: a beat changes no record, it only tells {@link #stale} apart.
     */
    void heartbeat(Actor actor, List<UUID> runIds);

    /**
     * The tenant's RUNNING runs the actor may run whose last beat (or start, if none) is older than
     * {@code staleAfter} by the database's clock (the one beats are written with, so hosts' clocks do not matter),
     * oldest first: runs whose executing process is probably gone.
     */
    List<Run> stale(Actor actor, Duration staleAfter, int limit);

    /** Merges metrics (a JSON object) into the run's metrics; only while RUNNING. */
    Run recordMetrics(Actor actor, UUID runId, JsonNode metrics);

    /** The data versions the run produced. */
    List<DataVersion> outputs(Actor actor, UUID runId);
}
