package com.optaic.metadata;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alerts raised by runs (MonitoringRuns): recorded once with an activity each, never changed. */
public interface AlertService {
    /**
     * Records a run's alerts in the caller's transaction, each with an {@code alert.raised} activity on the run.
     * Needs {@code run} on the run.
     */
    List<Alert> record(Actor actor, UUID runId, List<NewAlert> alerts);

    /** The newest alerts of runs the caller may read, under a node of the tree if given, at most {@code limit}. */
    List<Alert> list(Actor actor, Optional<UUID> under, int limit);
}
