package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The shutdown hook of a process executing runs: on SIGTERM or SIGINT (or a normal exit while a run is still
 * executing), each RUNNING run of this process is moved FAILED with "interrupted by signal", and its job execution
 * recovered, so that no run stays RUNNING and {@code run restart} can resume it. Once FAILED, a run can no longer
 * publish (publishing needs a RUNNING run), so work that goes on until the JVM halts writes nothing visible.
 */
final class InterruptedRuns {
    static final String MESSAGE = "interrupted by signal";

    private final MetadataStore store;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Attempts attempts;

    InterruptedRuns(MetadataStore store, JobRepository jobRepository, JobOperator jobOperator, Attempts attempts) {
        this.store = requireNonNull(store, "store is null");
        this.jobRepository = requireNonNull(jobRepository, "jobRepository is null");
        this.jobOperator = requireNonNull(jobOperator, "jobOperator is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
    }

    void failAll() {
        for (Map.Entry<UUID, Attempts.Attempt> entry : attempts.current()) {
            if (entry.getValue().runningToken().isEmpty()) {
                continue;
            }
            try {
                fail(entry.getValue(), entry.getKey());
            } catch (RuntimeException e) {
                // Best effort while the JVM stops: the stale-run recovery fails it later from its old heartbeat.
            }
        }
    }

    private void fail(Attempts.Attempt attempt, UUID runId) {
        Run run = store.runs().get(attempt.actor(), runId);
        if (run.status() != RunStatus.RUNNING) {
            return;
        }
        store.runs()
                .transition(
                        attempt.actor(),
                        runId,
                        RunStatus.FAILED,
                        Optional.of(MESSAGE + " (pid " + ProcessHandle.current().pid() + ")"));
        JobExecution last =
                jobRepository.getLastJobExecution(run.resource().type().name(), RunJobFactory.parameters(runId));
        if (last != null && last.getStatus().isRunning()) {
            jobOperator.recover(jobRepository.getJobExecution(last.getId()));
        }
    }
}
