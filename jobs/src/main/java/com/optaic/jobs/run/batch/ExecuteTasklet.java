package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.run.RunProgress;
import com.optaic.jobs.run.StagedResult;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code execute} step: the resolved work writes its output files, staged and not visible, transient failures
 * retried with backoff; the staged result is kept in the job execution context ({@link #STAGED}) for the publish
 * step.
 */
final class ExecuteTasklet implements Tasklet {
    /** The job execution context key of the staged result. */
    static final String STAGED = "optaic.staged";

    private final JobRepository jobRepository;
    private final Attempts attempts;
    private final RetryPolicy retry;
    private final Supplier<RunProgress> progress;

    ExecuteTasklet(JobRepository jobRepository, Attempts attempts, RetryPolicy retry, Supplier<RunProgress> progress) {
        this.jobRepository = requireNonNull(jobRepository, "jobRepository is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        UUID runId = RunJobFactory.runId(execution);
        Attempts.Attempt attempt = attempts.of(runId);
        Attempts.Resolved resolved = attempt.resolved();
        CancellationToken token = attempt.token();
        progress.get().step(runId, token.label(), "execute");
        StagedResult result = retry.call(() -> {
            token.throwIfCancelled();
            try {
                return resolved.work().execute();
            } catch (RuntimeException e) {
                token.throwIfCancelled(); // work stopped by the cancel fails in its own way: report the cancel
                throw e;
            }
        });
        execution.getExecutionContext().putString(STAGED, result.toJson());
        jobRepository.updateExecutionContext(execution);
        return RepeatStatus.FINISHED;
    }
}
