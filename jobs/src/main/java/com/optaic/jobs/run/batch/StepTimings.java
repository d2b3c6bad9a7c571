package com.optaic.jobs.run.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.metadata.Run;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** The {@code timings} metric of a run: seconds per step, this attempt's over earlier attempts'. */
final class StepTimings {
    private StepTimings() {}

    /** The run's recorded timings with this attempt's steps put over them; a step still running counts until now. */
    static ObjectNode of(Run run, JobExecution execution) {
        ObjectNode timings = run.metrics().path("timings").isObject()
                ? ((ObjectNode) run.metrics().get("timings")).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStartTime() == null) {
                continue;
            }
            LocalDateTime end = step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime();
            timings.put(
                    step.getStepName(),
                    Duration.between(step.getStartTime(), end).toMillis() / 1000.0);
        }
        return timings;
    }
}
