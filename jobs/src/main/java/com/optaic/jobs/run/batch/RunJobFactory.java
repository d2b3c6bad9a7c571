package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.jobs.run.RunType;
import java.util.UUID;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * Builds the Spring Batch job of a run type: named after the run resource type, the run id its only (identifying)
 * parameter, so one Run is one job instance; steps {@code resolve} (again on every attempt), {@code execute} and
 * {@code publish}, under the run lifecycle listener. The steps keep their own transactions, so they run under none.
 */
final class RunJobFactory {
    static final String RUN_ID = "run.id";

    private final JobRepository jobRepository;
    private final Tasklet resolve;
    private final Tasklet execute;
    private final Tasklet publish;
    private final JobExecutionListener lifecycle;

    RunJobFactory(
            JobRepository jobRepository,
            ResolveTasklet resolve,
            ExecuteTasklet execute,
            PublishTasklet publish,
            RunLifecycleListener lifecycle) {
        this.jobRepository = requireNonNull(jobRepository, "jobRepository is null");
        this.resolve = requireNonNull(resolve, "resolve is null");
        this.execute = requireNonNull(execute, "execute is null");
        this.publish = requireNonNull(publish, "publish is null");
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    }

    Job build(RunType<?> type) {
        ResourcelessTransactionManager noTransaction = new ResourcelessTransactionManager();
        Step resolveStep = new StepBuilder("resolve", jobRepository)
                .tasklet(resolve, noTransaction)
                .allowStartIfComplete(true)
                .build();
        Step executeStep = new StepBuilder("execute", jobRepository)
                .tasklet(execute, noTransaction)
                .build();
        Step publishStep = new StepBuilder("publish", jobRepository)
                .tasklet(publish, noTransaction)
                .build();
        return new JobBuilder(type.runType().name(), jobRepository)
                .listener(lifecycle)
                .start(resolveStep)
                .next(executeStep)
                .next(publishStep)
                .build();
    }

    /** The identifying parameters of the run's job instance. */
    static JobParameters parameters(UUID runId) {
        return new JobParametersBuilder()
                .addString(RUN_ID, runId.toString(), true)
                .toJobParameters();
    }

    static UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString(RUN_ID));
    }
}
