package com.optaic.jobs.run.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/** One step execution of one attempt of a run, as Spring Batch's job repository keeps it. */
public record StepRecord(
        long jobExecutionId,
        String step,
        String status,
        Optional<LocalDateTime> start,
        Optional<LocalDateTime> end,
        String exitMessage) {
    public Optional<Duration> duration() {
        return start.flatMap(s -> end.map(e -> Duration.between(s, e)));
    }
}
