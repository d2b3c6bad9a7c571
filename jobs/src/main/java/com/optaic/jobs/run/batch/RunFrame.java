package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.CodeVersion;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.run.RunProgress;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunTypes;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Turns Run resources into Spring Batch jobs ({@link RunJobFactory}): one job per run type, one job instance per
 * run, so restarting a failed run resumes that instance from its failed step; {@link AttemptLauncher} runs an
 * attempt. Steps {@link ResolveTasklet resolve},
 * {@link ExecuteTasklet execute} and {@link PublishTasklet publish}; the {@link RunLifecycleListener} keeps the
 * run's state. A failure anywhere leaves the run FAILED with the failing step and the error, and no visible output.
 *
 * <p>Cancellation: {@link #cancel} (from any process) cancels a QUEUED run at once and records a request for a
 * RUNNING one, which the {@link CancelWatcher} of the process executing it brings to the run's token within
 * {@link CancelWatcher#POLL}; the token is checked before every step, and the work checks it inside and stops its
 * Spark job group through it. The run ends CANCELLED with the step it stopped in, no visible output, and cannot be
 * restarted. A request that arrives while the publish transaction runs rolls it back; once that transaction has
 * committed, the run has SUCCEEDED and a cancel is refused.
 */
public final class RunFrame implements AutoCloseable {
    public static final String SCHEMA = "optaic_batch";
    /** The run param naming the run a reproduction re-executes. */
    public static final String REPRODUCES = "reproduces";

    private final MetadataStore store;
    private final Storage storage;
    private final RunTypes types;
    private final AnnotationConfigApplicationContext spring;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Attempts attempts = new Attempts();
    private final AttemptLauncher launcher;
    private final CancelWatcher cancelWatcher;
    private final DeadExecutorRecovery recovery;
    private final StaleRunRecovery staleRecovery;
    private final ExecutorHeartbeat heartbeat;
    private final Thread interruptHook;
    private volatile RunProgress progress = RunProgress.NONE;

    private RunFrame(MetadataStore store, Storage storage, RunTypes types, RetryPolicy retry) {
        this.store = store;
        this.storage = storage;
        this.types = types;
        DataSource dataSource = store.dataSource();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.spring = new AnnotationConfigApplicationContext();
        spring.registerBean("dataSource", DataSource.class, () -> dataSource);
        spring.registerBean("transactionManager", PlatformTransactionManager.class, () -> transactions);
        spring.register(BatchConfiguration.class);
        spring.refresh();
        this.jobRepository = spring.getBean(JobRepository.class);
        this.jobOperator = spring.getBean(JobOperator.class);
        RunJobFactory factory = new RunJobFactory(
                jobRepository,
                new ResolveTasklet(store, storage, types, attempts, () -> progress),
                new ExecuteTasklet(jobRepository, attempts, retry, () -> progress),
                new PublishTasklet(store, attempts, retry, () -> progress),
                new RunLifecycleListener(store, jobRepository, attempts));
        Map<ResourceType, Job> jobs = new EnumMap<>(ResourceType.class);
        for (RunType<?> type : types.all()) {
            jobs.put(type.runType(), factory.build(type));
        }
        this.launcher = new AttemptLauncher(store, types, jobs, jobOperator, attempts);
        this.recovery = new DeadExecutorRecovery(store, jobRepository, jobOperator);
        this.staleRecovery = new StaleRunRecovery(store, recovery);
        this.cancelWatcher = CancelWatcher.start(store, attempts);
        this.heartbeat = ExecutorHeartbeat.start(store, attempts);
        this.interruptHook = new Thread(
                new InterruptedRuns(store, jobRepository, jobOperator, attempts)::failAll, "optaic-interrupted-runs");
        Runtime.getRuntime().addShutdownHook(interruptHook);
    }

    /** Migrates the job repository's schema (idempotent) and starts Spring Batch over the store's pool. */
    public static RunFrame start(MetadataStore store, Storage storage, RunTypes types, RetryPolicy retry) {
        requireNonNull(store, "store is null");
        store.migrateSchema(SCHEMA, "classpath:db/jobs");
        return new RunFrame(
                store,
                requireNonNull(storage, "storage is null"),
                requireNonNull(types, "types is null"),
                requireNonNull(retry, "retry is null"));
    }

    /** Who hears the steps of the runs executing in this process (a CLI's progress display). */
    public void progress(RunProgress progress) {
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Storage storage() {
        return storage;
    }

    public RunTypes types() {
        return types;
    }

    /** Queues a run of the instance's default run type (see {@link RunTypes#forInstance(ResourceType)}). */
    public Run queue(
            Actor actor, UUID instanceId, RunTrigger trigger, Optional<LocalDate> nominalDate, JsonNode params) {
        return queue(actor, instanceId, Optional.empty(), trigger, nominalDate, params);
    }

    /**
     * Queues a run of the instance's current version, with the input versions its run type reads now: of the named
     * run type, or of the instance type's default when none is named.
     */
    public Run queue(
            Actor actor,
            UUID instanceId,
            Optional<ResourceType> runType,
            RunTrigger trigger,
            Optional<LocalDate> nominalDate,
            JsonNode params) {
        Instance instance = store.instances().get(actor, instanceId);
        ResourceType instanceType = instance.resource().type();
        RunType<?> type =
                runType.isPresent() ? types.forInstance(instanceType, runType.get()) : types.forInstance(instanceType);
        List<UUID> inputs = type.inputsFor(store, actor, instance);
        return store.runs()
                .create(
                        actor,
                        new NewRun(
                                instanceId,
                                type.runType(),
                                trigger,
                                nominalDate,
                                params,
                                inputs,
                                CodeVersion.current()));
    }

    /** Executes a QUEUED run in this thread until it SUCCEEDS or FAILS. */
    public RunOutcome launch(Actor actor, UUID runId) {
        Run run = store.runs().get(actor, runId);
        if (run.status() != RunStatus.QUEUED) {
            throw new OptaicException(
                    JobsErrorCode.RUN_NOT_RESTARTABLE,
                    describe(run) + " is " + run.status()
                            + "; only a QUEUED run is launched (a FAILED one is restarted with `optaic run restart`)");
        }
        return launcher.execute(actor, run);
    }

    /**
     * Resumes a FAILED run from its failed step, as a new attempt of the same job instance. A run left RUNNING by
     * an executor that died is first marked FAILED ({@link DeadExecutorRecovery}; {@code force} trusts an executor
     * on another host to be dead). A SUCCEEDED run is never run again.
     */
    public RunOutcome restart(Actor actor, UUID runId, boolean force) {
        Run run = store.runs().get(actor, runId);
        switch (run.status()) {
            case SUCCEEDED ->
                throw new OptaicException(
                        JobsErrorCode.RUN_NOT_RESTARTABLE,
                        describe(run)
                                + " SUCCEEDED; a succeeded run is never run again (`optaic run reproduce " + runId
                                + "` re-executes its snapshot as a new run)");
            case CANCELLED ->
                throw new OptaicException(
                        JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run) + " was CANCELLED; start a new run");
            case QUEUED -> {
                return launcher.execute(actor, run);
            }
            case RUNNING -> recovery.fail(actor, run, force);
            case FAILED -> {}
        }
        store.runs().transition(actor, runId, RunStatus.QUEUED, Optional.empty());
        return launcher.execute(actor, store.runs().get(actor, runId));
    }

    /**
     * Re-executes a SUCCEEDED run's snapshot (its config, definition versions and inputs) as a new run that
     * publishes nothing, and records whether its output is identical ({@code identical}, {@code content_hash},
     * {@code original_content_hash} metrics; a {@code derived_from} edge from the original).
     */
    public RunOutcome reproduce(Actor actor, UUID runId) {
        Run original = store.runs().get(actor, runId);
        if (original.status() != RunStatus.SUCCEEDED) {
            throw new OptaicException(
                    JobsErrorCode.RUN_NOT_RESTARTABLE,
                    describe(original) + " is " + original.status() + "; only a SUCCEEDED run can be reproduced");
        }
        ObjectNode params = original.snapshot().params().deepCopy();
        params.put(REPRODUCES, runId.toString());
        Run created = store.runs()
                .create(
                        actor,
                        new NewRun(
                                original.snapshot().instanceId(),
                                original.resource().type(),
                                RunTrigger.MANUAL,
                                Optional.empty(),
                                params,
                                original.snapshot().inputDataVersions(),
                                CodeVersion.current()));
        return launcher.execute(actor, created);
    }

    /**
     * Fails the RUNNING runs (that the actor may run) whose executing process is gone: no heartbeat for longer than
     * {@code staleAfter} and not alive on this host. Returns the runs failed.
     */
    public List<Run> failStale(Actor actor, Duration staleAfter) {
        return staleRecovery.failStale(actor, requireNonNull(staleAfter, "staleAfter is null"));
    }

    /**
     * Cancels a run: a QUEUED one at once (CANCELLED); for a RUNNING one a request is recorded, and the process
     * executing it (this one or another) stops it within about {@link CancelWatcher#POLL} plus the time its work
     * takes to notice. Returns the run as it is after the request.
     */
    public Run cancel(Actor actor, UUID runId) {
        Run run = store.runs().requestCancel(actor, runId);
        cancelWatcher.requested(runId);
        return run;
    }

    /** Every step execution of every attempt of the run, oldest first. */
    public List<StepRecord> steps(Run run) {
        JobInstance instance = jobRepository.getJobInstance(
                run.resource().type().name(),
                RunJobFactory.parameters(run.resource().id()));
        if (instance == null) {
            return List.of();
        }
        List<StepRecord> records = new ArrayList<>();
        List<JobExecution> executions = new ArrayList<>(jobRepository.getJobExecutions(instance));
        executions.sort(Comparator.comparingLong(JobExecution::getId));
        for (JobExecution execution : executions) {
            List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
            steps.sort(Comparator.comparingLong(StepExecution::getId));
            for (StepExecution step : steps) {
                records.add(new StepRecord(
                        execution.getId(),
                        step.getStepName(),
                        step.getStatus().name(),
                        Optional.ofNullable(step.getStartTime()),
                        Optional.ofNullable(step.getEndTime()),
                        step.getExitStatus().getExitDescription()));
            }
        }
        return records;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(interruptHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (or ran) and fails what is still RUNNING here.
        }
        heartbeat.close();
        cancelWatcher.close();
        spring.close();
    }

    static String describe(Run run) {
        return run.resource().type() + " " + run.resource().id();
    }
}
