package com.optaic.jobs.schedule;

import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import java.util.UUID;

/** Executes a QUEUED run to its end; {@code RunFrame::launch} in production. */
@FunctionalInterface
public interface Launcher {
    RunOutcome launch(Actor actor, UUID runId);
}
