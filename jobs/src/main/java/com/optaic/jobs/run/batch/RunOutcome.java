package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.metadata.Run;
import java.util.Optional;

/** A run after an attempt: its state in the store and, if the attempt failed, why. */
public record RunOutcome(Run run, Optional<Throwable> failure) {
    public RunOutcome {
        requireNonNull(run, "run is null");
        requireNonNull(failure, "failure is null");
    }
}
