package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Marks FAILED a run left RUNNING by an executor that died (killed, machine lost), once it is sure the executor is
 * gone: a process on this host is checked; one on another host is trusted dead only when forced. Its job
 * execution is recovered too, so that the run can then be restarted from the step it died in.
 */
final class DeadExecutorRecovery {
    private final MetadataStore store;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    DeadExecutorRecovery(MetadataStore store, JobRepository jobRepository, JobOperator jobOperator) {
        this.store = requireNonNull(store, "store is null");
        this.jobRepository = requireNonNull(jobRepository, "jobRepository is null");
        this.jobOperator = requireNonNull(jobOperator, "jobOperator is null");
    }

    /** Fails the RUNNING run, or refuses with EXECUTOR_ALIVE while its executor is (or may be) alive. */
    void fail(Actor actor, Run run, boolean force) {
        fail(actor, run, force, null);
    }

    /** As {@link #fail(Actor, Run, boolean)}, saying why the executor is thought gone ({@code why}, or null). */
    void fail(Actor actor, Run run, boolean force, String why) {
        UUID runId = run.resource().id();
        JobExecution last =
                jobRepository.getLastJobExecution(run.resource().type().name(), RunJobFactory.parameters(runId));
        String where = "before its job started";
        if (last != null && last.getStatus().isRunning()) {
            JobExecution full = jobRepository.getJobExecution(last.getId());
            Optional<Executor> executor = Executor.decode(
                    full.getExecutionContext().containsKey(Executor.CONTEXT_KEY)
                            ? full.getExecutionContext().getString(Executor.CONTEXT_KEY)
                            : null);
            if (executor.isPresent() && executor.get().aliveHere()) {
                throw new OptaicException(
                        JobsErrorCode.EXECUTOR_ALIVE,
                        RunFrame.describe(run) + " is RUNNING in " + executor.get()
                                + ", which is alive; wait for it or stop it first");
            }
            if (executor.isPresent() && !executor.get().onThisHost() && !force) {
                throw new OptaicException(
                        JobsErrorCode.EXECUTOR_ALIVE,
                        RunFrame.describe(run) + " is RUNNING in " + executor.get()
                                + "; if that process is gone, restart with --force");
            }
            where = "during step '"
                    + full.getStepExecutions().stream()
                            .filter(s -> s.getStatus().isRunning())
                            .map(StepExecution::getStepName)
                            .findFirst()
                            .orElse("?")
                    + "'";
            jobOperator.recover(full);
            where = executor.map(e -> "executor " + e + " died ").orElse("executor died ") + where;
        } else {
            where = "executor died " + where;
        }
        store.runs()
                .transition(
                        actor, runId, RunStatus.FAILED, Optional.of(why == null ? where : where + " (" + why + ")"));
    }
}
