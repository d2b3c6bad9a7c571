package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails the RUNNING runs whose executing process is gone: no heartbeat ({@link ExecutorHeartbeat}) for longer than
 * the stale limit, and not a live process on this host. Called by each {@code serve} tick, {@code run status} and
 * {@code run cancel --wait}; the job execution is recovered as for a restart ({@link DeadExecutorRecovery}), so
 * the run can be restarted from the step it died in.
 */
final class StaleRunRecovery {
    private static final int BATCH = 100;

    private final MetadataStore store;
    private final DeadExecutorRecovery recovery;

    StaleRunRecovery(MetadataStore store, DeadExecutorRecovery recovery) {
        this.store = requireNonNull(store, "store is null");
        this.recovery = requireNonNull(recovery, "recovery is null");
    }

    /** Fails the actor's stale runs (those it may run); returns them as they are now. */
    List<Run> failStale(Actor actor, Duration staleAfter) {
        List<Run> failed = new ArrayList<>();
        for (Run run : store.runs().stale(actor, staleAfter, BATCH)) {
            try {
                recovery.fail(actor, run, true, "no heartbeat for over " + staleAfter.toSeconds() + " s");
                failed.add(store.runs().get(actor, run.resource().id()));
            } catch (OptaicException e) {
                if (e.code() != JobsErrorCode.EXECUTOR_ALIVE && !isConcurrentFinish(e)) {
                    throw e;
                }
                // Alive here (a long pause, not a death), or its executor finished it meanwhile: leave it.
            }
        }
        return failed;
    }

    private static boolean isConcurrentFinish(OptaicException e) {
        return e.code() == MetadataErrorCode.ILLEGAL_TRANSITION
                || e.code() == MetadataErrorCode.CONCURRENT_MODIFICATION;
    }
}
