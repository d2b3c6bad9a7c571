package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.RunTypes;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Runs one attempt of a run in the calling thread: registers the attempt for its steps, starts the run's job and
 * turns how Spring Batch ended it into a {@link RunOutcome} (the run as the store has it, and the error users are
 * told); Spring Batch's refusals become {@code OptaicException}s.
 */
final class AttemptLauncher {
    private static final int START_ATTEMPTS = 10;

    private final MetadataStore store;
    private final RunTypes types;
    private final Map<ResourceType, Job> jobs;
    private final JobOperator jobOperator;
    private final Attempts attempts;

    AttemptLauncher(
            MetadataStore store,
            RunTypes types,
            Map<ResourceType, Job> jobs,
            JobOperator jobOperator,
            Attempts attempts) {
        this.store = requireNonNull(store, "store is null");
        this.types = requireNonNull(types, "types is null");
        this.jobs = Map.copyOf(jobs);
        this.jobOperator = requireNonNull(jobOperator, "jobOperator is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
    }

    RunOutcome execute(Actor actor, Run run) {
        UUID runId = run.resource().id();
        Job job = jobs.get(run.resource().type());
        if (job == null) {
            types.get(run.resource().type());
            throw new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL, "No job for " + run.resource().type());
        }
        // A run executes with its creator's permissions, whoever adopts it (serve, run execute, a restart by
        // another user): every input check of its steps runs as that principal, never as the adopter.
        Actor creator = Actor.of(run.resource().createdBy(), run.resource().tenantId());
        attempts.add(runId, actor.requestId().map(creator::withRequestId).orElse(creator));
        try {
            JobExecution execution = start(job, runId);
            Optional<Throwable> failure = execution.getStatus() == BatchStatus.COMPLETED
                    ? Optional.empty()
                    : execution.getAllFailureExceptions().stream().findFirst().map(AttemptLauncher::rootOptaic);
            return new RunOutcome(store.runs().get(actor, runId), failure);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new OptaicException(
                    JobsErrorCode.RUN_NOT_RESTARTABLE,
                    RunFrame.describe(run) + ": its job already completed; a completed run is never run again",
                    e);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new OptaicException(
                    JobsErrorCode.EXECUTOR_ALIVE,
                    RunFrame.describe(run) + " is being executed by another process: " + e.getMessage(),
                    e);
        } catch (OptaicException e) {
            throw e;
        } catch (Exception e) {
            throw new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL,
                    "Spring Batch refused to start " + RunFrame.describe(run) + ": " + e,
                    e);
        } finally {
            attempts.remove(runId);
        }
    }

    /**
     * Starts the run's job. PostgreSQL aborts the creation of a job execution now and then when several runs start
     * at once (SQLSTATE 40001 "could not serialize access", or 40P01 a deadlock); nothing was created then, so the
     * start is tried again.
     */
    private JobExecution start(Job job, UUID runId) throws Exception {
        long backoff = 10;
        for (int attempt = 1; ; attempt++) {
            try {
                return jobOperator.start(job, RunJobFactory.parameters(runId));
            } catch (Exception e) {
                if (attempt >= START_ATTEMPTS || !isSerializationFailure(e)) {
                    throw e;
                }
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff));
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }

    private static boolean isSerializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The OptaicException a step's failure wraps, if any: the error users are told. */
    static Throwable rootOptaic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptaicException) {
                return t;
            }
        }
        return failure;
    }
}
