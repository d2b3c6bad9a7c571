package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.CodeVersion;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The run's state around its job: before an attempt, records the executing process ({@link Executor}) and moves
 * the run QUEUED -> RUNNING (refusing a run in any other state), which starts the attempt; after a failed or
 * cancelled attempt, records the failed step and timings and moves the run FAILED or CANCELLED with the error.
 */
final class RunLifecycleListener implements JobExecutionListener {
    private final MetadataStore store;
    private final JobRepository jobRepository;
    private final Attempts attempts;

    RunLifecycleListener(MetadataStore store, JobRepository jobRepository, Attempts attempts) {
        this.store = requireNonNull(store, "store is null");
        this.jobRepository = requireNonNull(jobRepository, "jobRepository is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
    }

    @Override
    public void beforeJob(JobExecution execution) {
        UUID runId = RunJobFactory.runId(execution);
        Attempts.Attempt attempt = attempts.of(runId);
        Actor actor = attempt.actor();
        execution
                .getExecutionContext()
                .putString(Executor.CONTEXT_KEY, Executor.current().encode());
        jobRepository.updateExecutionContext(execution);
        Run run = store.runs().get(actor, runId);
        if (run.status() == RunStatus.QUEUED) {
            store.runs().transition(actor, runId, RunStatus.RUNNING, Optional.empty());
            attempt.start(new CancellationToken(RunFrame.describe(run)));
        } else {
            throw new OptaicException(
                    JobsErrorCode.RUN_NOT_RESTARTABLE,
                    RunFrame.describe(run) + " is " + run.status() + ", not QUEUED; its job does not start");
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        UUID runId = RunJobFactory.runId(execution);
        Optional<Attempts.Attempt> found = attempts.find(runId);
        Optional<CancellationToken> token = found.flatMap(Attempts.Attempt::end);
        if (execution.getStatus() == BatchStatus.COMPLETED || token.isEmpty()) {
            return; // succeeded, or this attempt never started the run (another process did, or it was not QUEUED)
        }
        Attempts.Attempt attempt = found.get();
        Actor actor = attempt.actor();
        Run run = store.runs().get(actor, runId);
        if (run.status() != RunStatus.RUNNING) {
            return;
        }
        String step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.UNKNOWN)
                .map(StepExecution::getStepName)
                .findFirst()
                .orElse("start");
        String message = execution.getAllFailureExceptions().stream()
                .findFirst()
                .map(AttemptLauncher::rootOptaic)
                .map(e -> e instanceof OptaicException ? e.getMessage() : e.toString())
                .orElse("job ended " + execution.getStatus());
        boolean cancelled = token.get().isCancelled();
        try {
            ObjectNode metrics = JsonNodeFactory.instance.objectNode();
            metrics.set("timings", StepTimings.of(run, execution));
            metrics.put(cancelled ? "cancelled_step" : "failed_step", step);
            metrics.put("code_version", CodeVersion.current());
            store.runs().recordMetrics(actor, runId, metrics);
        } catch (OptaicException e) {
            // The failure itself is what must be recorded; metrics are a nicety.
        }
        if (cancelled) {
            store.runs()
                    .transition(
                            actor,
                            runId,
                            RunStatus.CANCELLED,
                            Optional.of("cancelled in step '" + step + "': " + truncate(message)));
            return;
        }
        store.runs()
                .transition(
                        actor,
                        runId,
                        RunStatus.FAILED,
                        Optional.of("step '" + step + "' failed: " + truncate(message)));
    }

    private static String truncate(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 4000) + "...";
    }
}
