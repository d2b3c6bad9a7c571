package com.optaic.jobs.run;

import java.util.UUID;

/**
 * Hears which step each run executing in this process is in, for a progress display. Called from the run's own
 * thread; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface RunProgress {
    RunProgress NONE = (runId, description, step) -> {};

    /** The run (described as {@code "ExperimentRun <id>"}) entered {@code step} (resolve, execute, publish). */
    void step(UUID runId, String description, String step);
}
