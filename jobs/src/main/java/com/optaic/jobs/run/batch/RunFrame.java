package com.optaic.jobs.run.batch;

import com.optaic.metadata.MetadataErrorCode;
import com.optaic.jobs.JobsErrorCode;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.CodeVersion;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunProgress;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunTypes;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.StagedResult;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.PinnedDefinition;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunSnapshot;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.store.JdbcMetadataStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns Run resources into Spring Batch jobs: one job per run type, named after it, with the run id as its only
 * (identifying) parameter, so one Run is one job instance and restarting a failed run resumes that instance
 * from its failed step. Steps:
 * <ol>
 *   <li>{@code resolve}: load the run, its snapshot's pinned definition versions (guardrail: none deprecated, none
 *       changed), and let the {@link RunType} build the work through its code_ref registry. Runs again on
 *       every attempt (it is pure), so the work is always at hand.</li>
 *   <li>{@code execute}: the engine writes the output files, staged, not visible; transient failures retried
 *       with backoff. The staged result is kept in the job execution context.</li>
 *   <li>{@code publish}: in one database transaction, the output versions (one per output dataset), metrics
 *       (timings, code version, content hash), lineage, SUCCEEDED, and their activities.</li>
 * </ol>
 * A failure anywhere leaves the run FAILED with the failing step and the error, and no visible output.
 *
 * <p>Cancellation: {@link #cancel} (from any process) cancels a QUEUED run at once and records a request for a
 * RUNNING one. The process executing the run polls the requests of its runs every {@link #CANCEL_POLL}, cancels
 * the run's {@link CancellationToken} (checked before every step; the work checks it inside and stops its Spark job
 * group through it), and the run ends CANCELLED with the step it stopped in, no visible output, and cannot be
 * restarted. A request that arrives while the publish transaction runs rolls it back; once that transaction has
 * committed, the run has SUCCEEDED and a cancel is refused.
 */
public final class RunFrame implements AutoCloseable {
    public static final String SCHEMA = "optaic_batch";
    static final String RUN_ID = "run.id";
    static final String STAGED = "optaic.staged";
    static final String EXECUTOR = "optaic.executor";
    /** The run param naming the run a reproduction re-executes. */
    public static final String REPRODUCES = "reproduces";
    /** How often the executing process looks for cancel requests of its running runs. */
    static final Duration CANCEL_POLL = Duration.ofMillis(250);
    private static final int START_ATTEMPTS = 10;

    private final JdbcMetadataStore store;
    private final Storage storage;
    private final RunTypes types;
    private final RetryPolicy retry;
    private final AnnotationConfigApplicationContext spring;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Map<ResourceType, Job> jobs = new EnumMap<>(ResourceType.class);
    private final Map<UUID, Actor> actors = new ConcurrentHashMap<>();
    private final Map<Long, Resolved> resolved = new ConcurrentHashMap<>();
    private final Map<UUID, CancellationToken> tokens = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cancelWatch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "optaic-cancel-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final TransactionTemplate publishTransaction;
    private volatile RunProgress progress = RunProgress.NONE;

    private record Resolved(RunWork work, Optional<Run> reproduces) {}

    private RunFrame(JdbcMetadataStore store, Storage storage, RunTypes types, RetryPolicy retry) {
        this.store = store;
        this.storage = storage;
        this.types = types;
        this.retry = retry;
        DataSource dataSource = store.dataSource();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.publishTransaction = new TransactionTemplate(transactions);
        this.spring = new AnnotationConfigApplicationContext();
        spring.registerBean("dataSource", DataSource.class, () -> dataSource);
        spring.registerBean("transactionManager", PlatformTransactionManager.class, () -> transactions);
        spring.register(BatchConfiguration.class);
        spring.refresh();
        this.jobRepository = spring.getBean(JobRepository.class);
        this.jobOperator = spring.getBean(JobOperator.class);
        for (RunType type : types.all()) {
            jobs.put(type.runType(), buildJob(type));
        }
        cancelWatch.scheduleWithFixedDelay(this::pollCancelRequests, CANCEL_POLL.toMillis(), CANCEL_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Migrates the job repository's schema (idempotent) and starts Spring Batch over the store's pool. */
    public static RunFrame start(JdbcMetadataStore store, Storage storage, RunTypes types, RetryPolicy retry) {
        requireNonNull(store, "store is null");
        store.migrateSchema(SCHEMA, "classpath:db/jobs");
        return new RunFrame(store, requireNonNull(storage, "storage is null"), requireNonNull(types, "types is null"),
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

    // ---------------------------------------------------------------- operations

    /** Queues a run of the instance's current version, with the input versions its run type reads now. */
    public Run queue(Actor actor, UUID instanceId, RunTrigger trigger, Optional<LocalDate> nominalDate, JsonNode params) {
        Instance instance = store.instances().get(actor, instanceId);
        RunType type = types.forInstance(instance.resource().type());
        List<UUID> inputs = type.inputsFor(store, actor, instance);
        return store.runs().create(actor, new NewRun(instanceId, type.runType(), trigger, nominalDate, params, inputs,
                CodeVersion.current()));
    }

    /** Executes a QUEUED run in this thread until it SUCCEEDS or FAILS. */
    public RunOutcome launch(Actor actor, UUID runId) {
        Run run = store.runs().get(actor, runId);
        if (run.status() != RunStatus.QUEUED) {
            throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run) + " is " + run.status()
                    + "; only a QUEUED run is launched (a FAILED one is restarted with `optaic run restart`)");
        }
        return execute(actor, run);
    }

    /**
     * Resumes a FAILED run from its failed step, as a new attempt of the same job instance. A run left RUNNING by
     * an executor that died (killed, machine lost) is first marked FAILED, once it is sure the executor is gone: a
     * process on this host is checked; one on another host is trusted dead only with {@code force}. A SUCCEEDED
     * run is never run again.
     */
    public RunOutcome restart(Actor actor, UUID runId, boolean force) {
        Run run = store.runs().get(actor, runId);
        switch (run.status()) {
            case SUCCEEDED -> throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run)
                    + " SUCCEEDED; a succeeded run is never run again (`optaic run reproduce " + runId
                    + "` re-executes its snapshot as a new run)");
            case CANCELLED -> throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run)
                    + " was CANCELLED; start a new run");
            case QUEUED -> {
                return execute(actor, run);
            }
            case RUNNING -> recoverDeadExecutor(actor, run, force);
            case FAILED -> { }
        }
        store.runs().transition(actor, runId, RunStatus.QUEUED, Optional.empty());
        return execute(actor, store.runs().get(actor, runId));
    }

    /**
     * Re-executes a SUCCEEDED run's snapshot (its config, definition versions and inputs) as a new run that
     * publishes nothing, and records whether its output is identical ({@code identical}, {@code content_hash},
     * {@code original_content_hash} metrics; a {@code derived_from} edge from the original).
     */
    public RunOutcome reproduce(Actor actor, UUID runId) {
        Run original = store.runs().get(actor, runId);
        if (original.status() != RunStatus.SUCCEEDED) {
            throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(original) + " is " + original.status()
                    + "; only a SUCCEEDED run can be reproduced");
        }
        ObjectNode params = original.snapshot().params().deepCopy();
        params.put(REPRODUCES, runId.toString());
        Run created = store.runs().create(actor, new NewRun(original.snapshot().instanceId(),
                original.resource().type(), RunTrigger.MANUAL, Optional.empty(), params,
                original.snapshot().inputDataVersions(), CodeVersion.current()));
        return execute(actor, created);
    }

    /**
     * Cancels a run: a QUEUED one at once (CANCELLED); for a RUNNING one a request is recorded, and the process
     * executing it (this one or another) stops it within about {@link #CANCEL_POLL} plus the time its work takes to
     * notice. Returns the run as it is after the request.
     */
    public Run cancel(Actor actor, UUID runId) {
        Run run = store.runs().requestCancel(actor, runId);
        CancellationToken token = tokens.get(runId);
        if (token != null) {
            token.cancel("cancel requested");
        }
        return run;
    }

    /** Asks the store about the cancel requests of the runs executing here; a failed poll is retried on the next. */
    private void pollCancelRequests() {
        for (Map.Entry<UUID, CancellationToken> entry : tokens.entrySet()) {
            Actor actor = actors.get(entry.getKey());
            if (actor == null || entry.getValue().isCancelled()) {
                continue;
            }
            try {
                store.runs().cancelRequested(actor, entry.getKey())
                        .ifPresent(at -> entry.getValue().cancel("cancel requested at " + at));
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the run's own steps will report that if it lasts.
            }
        }
    }

    /** Every step execution of every attempt of the run, oldest first. */
    public List<StepRecord> steps(Run run) {
        JobInstance instance = jobRepository.getJobInstance(run.resource().type().name(),
                parameters(run.resource().id()));
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
                records.add(new StepRecord(execution.getId(), step.getStepName(), step.getStatus().name(),
                        Optional.ofNullable(step.getStartTime()), Optional.ofNullable(step.getEndTime()),
                        step.getExitStatus().getExitDescription()));
            }
        }
        return records;
    }

    @Override
    public void close() {
        cancelWatch.shutdownNow();
        spring.close();
    }

    // ---------------------------------------------------------------- the job

    private RunOutcome execute(Actor actor, Run run) {
        UUID runId = run.resource().id();
        Job job = jobs.get(run.resource().type());
        if (job == null) {
            types.get(run.resource().type());
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "No job for " + run.resource().type());
        }
        actors.put(runId, actor);
        try {
            JobExecution execution = start(job, runId);
            Optional<Throwable> failure = execution.getStatus() == BatchStatus.COMPLETED ? Optional.empty()
                    : execution.getAllFailureExceptions().stream().findFirst().map(RunFrame::rootOptaic);
            return new RunOutcome(store.runs().get(actor, runId), failure);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run)
                    + ": its job already completed; a completed run is never run again", e);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new OptaicException(JobsErrorCode.EXECUTOR_ALIVE, describe(run)
                    + " is being executed by another process: " + e.getMessage(), e);
        } catch (OptaicException e) {
            throw e;
        } catch (Exception e) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Spring Batch refused to start " + describe(run)
                    + ": " + e, e);
        } finally {
            actors.remove(runId);
        }
    }

    /**
     * Starts the run's job. Spring Batch creates the job execution in a SERIALIZABLE transaction, which PostgreSQL
     * aborts now and then when several runs start at once (SQLSTATE 40001, "could not serialize access"); nothing
     * was created then, so the start is tried again.
     */
    private JobExecution start(Job job, UUID runId) throws Exception {
        long backoff = 10;
        for (int attempt = 1; ; attempt++) {
            try {
                return jobOperator.start(job, parameters(runId));
            } catch (Exception e) {
                if (attempt >= START_ATTEMPTS || !isSerializationFailure(e)) {
                    throw e;
                }
                Thread.sleep(backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff));
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }

    private static boolean isSerializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40001".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootOptaic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptaicException) {
                return t;
            }
        }
        return failure;
    }

    private static JobParameters parameters(UUID runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId.toString(), true).toJobParameters();
    }

    private Job buildJob(RunType type) {
        String name = type.runType().name();
        ResourcelessTransactionManager noTransaction = new ResourcelessTransactionManager();
        Step resolve = new StepBuilder("resolve", jobRepository).tasklet(this::resolveStep, noTransaction)
                .allowStartIfComplete(true).build();
        Step execute = new StepBuilder("execute", jobRepository).tasklet(this::executeStep, noTransaction).build();
        Step publish = new StepBuilder("publish", jobRepository).tasklet(this::publishStep, noTransaction).build();
        return new JobBuilder(name, jobRepository).listener(new Lifecycle()).start(resolve).next(execute).next(publish)
                .build();
    }

    private UUID runId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString(RUN_ID));
    }

    private Actor actor(UUID runId) {
        Actor actor = actors.get(runId);
        if (actor == null) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " was started outside RunFrame");
        }
        return actor;
    }

    private RepeatStatus resolveStep(org.springframework.batch.core.step.StepContribution contribution,
                                     org.springframework.batch.core.scope.context.ChunkContext chunk) {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        UUID runId = runId(execution);
        Actor actor = actor(runId);
        CancellationToken token = token(runId);
        token.throwIfCancelled();
        progress.step(runId, token.label(), "resolve");
        Run run = store.runs().get(actor, runId);
        Optional<Run> reproduces = Optional.ofNullable(run.snapshot().params().get(REPRODUCES))
                .map(id -> store.runs().get(actor, UUID.fromString(id.asText())));
        RunSnapshot snapshot = reproduces.map(Run::snapshot).orElse(run.snapshot());
        Map<String, DefinitionVersion> definitions = new HashMap<>();
        for (Map.Entry<String, PinnedDefinition> pin : snapshot.definitions().entrySet()) {
            DefinitionVersion version = store.definitions().versionById(actor, pin.getValue().definitionVersionId());
            if (version.status() == DefinitionStatus.DEPRECATED) {
                throw new OptaicException(MetadataErrorCode.GUARDRAIL_FAILED, "Cannot run " + describe(run)
                        + ": guardrail 'pinned-definition-not-deprecated' failed: slot '" + pin.getKey() + "' pins "
                        + version.codeRef() + " v" + version.version() + ", which is deprecated");
            }
            if (!version.contentHash().equals(pin.getValue().contentHash())) {
                throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Definition version " + version.id()
                        + " changed since " + describe(run) + " was queued");
            }
            definitions.put(pin.getKey(), version);
        }
        RunType type = types.get(run.resource().type());
        RunWork work = type.resolve(new RunContext(store, actor, run, snapshot, definitions, storage, reproduces,
                token));
        resolved.put(execution.getId(), new Resolved(work, reproduces));
        return RepeatStatus.FINISHED;
    }

    private RepeatStatus executeStep(org.springframework.batch.core.step.StepContribution contribution,
                                     org.springframework.batch.core.scope.context.ChunkContext chunk) {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        Resolved work = resolved(execution);
        CancellationToken token = token(runId(execution));
        progress.step(runId(execution), token.label(), "execute");
        StagedResult result = retry.call(() -> {
            token.throwIfCancelled();
            try {
                return work.work().execute();
            } catch (RuntimeException e) {
                token.throwIfCancelled(); // work stopped by the cancel fails in its own way: report the cancel
                throw e;
            }
        });
        execution.getExecutionContext().putString(STAGED, result.toJson());
        jobRepository.updateExecutionContext(execution);
        return RepeatStatus.FINISHED;
    }

    private RepeatStatus publishStep(org.springframework.batch.core.step.StepContribution contribution,
                                     org.springframework.batch.core.scope.context.ChunkContext chunk) {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        UUID runId = runId(execution);
        Actor actor = actor(runId);
        Resolved work = resolved(execution);
        if (!execution.getExecutionContext().containsKey(STAGED)) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " reached publish with nothing staged");
        }
        StagedResult staged = StagedResult.fromJson(execution.getExecutionContext().getString(STAGED));
        CancellationToken token = token(runId);
        progress.step(runId, token.label(), "publish");
        retry.call(() -> publishTransaction.execute(status -> {
            token.throwIfCancelled();
            publish(actor, runId, execution, staged, work.reproduces());
            // The SUCCEEDED transition holds the run's lock until commit: a request that got in before it wins.
            store.runs().cancelRequested(actor, runId).ifPresent(at -> {
                token.cancel("cancel requested at " + at);
                token.throwIfCancelled();
            });
            return null;
        }));
        return RepeatStatus.FINISHED;
    }

    private CancellationToken token(UUID runId) {
        CancellationToken token = tokens.get(runId);
        if (token == null) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " has no attempt executing here");
        }
        return token;
    }

    private Resolved resolved(JobExecution execution) {
        Resolved work = resolved.get(execution.getId());
        if (work == null) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Run " + runId(execution)
                    + " was not resolved in this attempt");
        }
        return work;
    }

    /** The publish step's transaction: every store call below joins it, so all of it commits or none. */
    private void publish(Actor actor, UUID runId, JobExecution execution, StagedResult staged,
                         Optional<Run> reproduces) {
        Run run = store.runs().get(actor, runId);
        ObjectNode metrics = staged.metrics().deepCopy();
        metrics.put("code_version", CodeVersion.current());
        metrics.put("attempt", run.attempt());
        metrics.set("timings", timings(run, execution));
        if (reproduces.isPresent()) {
            Run original = reproduces.get();
            Optional<String> originalHash = Optional.ofNullable(original.metrics().get("content_hash"))
                    .map(JsonNode::asText);
            Optional<String> hash = staged.contentHash();
            metrics.put(REPRODUCES, original.resource().id().toString());
            metrics.put("identical", hash.equals(originalHash));
            hash.ifPresent(h -> metrics.put("content_hash", h));
            originalHash.ifPresent(h -> metrics.put("original_content_hash", h));
            store.lineage().link(actor, LineageNode.resource(original.resource().id()), LineageNode.resource(runId),
                    EdgeType.DERIVED_FROM);
        } else if (!staged.outputs().isEmpty()) {
            ObjectNode versions = JsonNodeFactory.instance.objectNode();
            for (StagedResult.StagedVersion output : staged.outputs()) {
                long latest = StoreDatasets.latest(store, actor, output.datasetId()).map(DataVersion::version)
                        .orElse(0);
                if (latest != output.manifest().parent()) {
                    throw new OptaicException(JobsErrorCode.OUTPUT_CONFLICT, "Cannot publish the output of "
                            + describe(run) + ": it was computed on version " + output.manifest().parent()
                            + " of dataset " + output.datasetId() + ", and version " + latest
                            + " has been published since; start a new run");
                }
                DataVersion version = store.dataVersions().publish(actor, new NewDataVersion(output.datasetId(),
                        StoreDatasets.toStore(output.manifest()), Optional.of(runId), output.incremental()));
                versions.put(output.datasetId().toString(), version.version());
            }
            StagedResult.StagedVersion first = staged.outputs().get(0);
            metrics.put("output_dataset", first.datasetId().toString());
            metrics.put("version", versions.get(first.datasetId().toString()).asInt());
            if (staged.outputs().size() > 1) {
                metrics.set("output_versions", versions);
            }
            metrics.put("content_hash", staged.contentHash().orElseThrow());
        }
        store.runs().recordMetrics(actor, runId, metrics);
        store.runs().transition(actor, runId, RunStatus.SUCCEEDED, Optional.empty());
    }

    /** Seconds per step, this attempt's over earlier attempts'; a step still running counts until now. */
    private static ObjectNode timings(Run run, JobExecution execution) {
        ObjectNode timings = run.metrics().path("timings").isObject()
                ? ((ObjectNode) run.metrics().get("timings")).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStartTime() == null) {
                continue;
            }
            LocalDateTime end = step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime();
            timings.put(step.getStepName(), Duration.between(step.getStartTime(), end).toMillis() / 1000.0);
        }
        return timings;
    }

    private void recoverDeadExecutor(Actor actor, Run run, boolean force) {
        UUID runId = run.resource().id();
        JobExecution last = jobRepository.getLastJobExecution(run.resource().type().name(), parameters(runId));
        String where = "before its job started";
        if (last != null && last.getStatus().isRunning()) {
            JobExecution full = jobRepository.getJobExecution(last.getId());
            Optional<Executor> executor = Executor.decode(full.getExecutionContext().containsKey(EXECUTOR)
                    ? full.getExecutionContext().getString(EXECUTOR) : null);
            if (executor.isPresent() && executor.get().aliveHere()) {
                throw new OptaicException(JobsErrorCode.EXECUTOR_ALIVE, describe(run) + " is RUNNING in "
                        + executor.get() + ", which is alive; wait for it or stop it first");
            }
            if (executor.isPresent() && !executor.get().onThisHost() && !force) {
                throw new OptaicException(JobsErrorCode.EXECUTOR_ALIVE, describe(run) + " is RUNNING in "
                        + executor.get() + "; if that process is gone, restart with --force");
            }
            where = "during step '" + full.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .map(StepExecution::getStepName).findFirst().orElse("?") + "'";
            jobOperator.recover(full);
            where = executor.map(e -> "executor " + e + " died ").orElse("executor died ") + where;
        } else {
            where = "executor died " + where;
        }
        store.runs().transition(actor, runId, RunStatus.FAILED, Optional.of(where));
    }

    private static String describe(Run run) {
        return run.resource().type() + " " + run.resource().id();
    }

    /** Moves the run RUNNING when an attempt starts and FAILED when it ends in failure. */
    private final class Lifecycle implements JobExecutionListener {
        @Override
        public void beforeJob(JobExecution execution) {
            UUID runId = runId(execution);
            Actor actor = actor(runId);
            execution.getExecutionContext().putString(EXECUTOR, Executor.current().encode());
            jobRepository.updateExecutionContext(execution);
            Run run = store.runs().get(actor, runId);
            if (run.status() == RunStatus.QUEUED) {
                store.runs().transition(actor, runId, RunStatus.RUNNING, Optional.empty());
                tokens.put(runId, new CancellationToken(describe(run)));
            } else {
                throw new OptaicException(JobsErrorCode.RUN_NOT_RESTARTABLE, describe(run) + " is " + run.status()
                        + ", not QUEUED; its job does not start");
            }
        }

        @Override
        public void afterJob(JobExecution execution) {
            resolved.remove(execution.getId());
            UUID runId = runId(execution);
            CancellationToken token = tokens.remove(runId);
            if (execution.getStatus() == BatchStatus.COMPLETED || token == null) {
                return; // succeeded, or this attempt never started the run (another process did, or it was not QUEUED)
            }
            Actor actor = actor(runId);
            Run run = store.runs().get(actor, runId);
            if (run.status() != RunStatus.RUNNING) {
                return;
            }
            String step = execution.getStepExecutions().stream()
                    .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.UNKNOWN)
                    .map(StepExecution::getStepName).findFirst().orElse("start");
            String message = execution.getAllFailureExceptions().stream().findFirst().map(RunFrame::rootOptaic)
                    .map(e -> e instanceof OptaicException ? e.getMessage() : e.toString())
                    .orElse("job ended " + execution.getStatus());
            boolean cancelled = token != null && token.isCancelled();
            try {
                ObjectNode metrics = JsonNodeFactory.instance.objectNode();
                metrics.set("timings", timings(run, execution));
                metrics.put(cancelled ? "cancelled_step" : "failed_step", step);
                metrics.put("code_version", CodeVersion.current());
                store.runs().recordMetrics(actor, runId, metrics);
            } catch (OptaicException e) {
                // The failure itself is what must be recorded; metrics are a nicety.
            }
            if (cancelled) {
                store.runs().transition(actor, runId, RunStatus.CANCELLED,
                        Optional.of("cancelled in step '" + step + "': " + truncate(message)));
                return;
            }
            store.runs().transition(actor, runId, RunStatus.FAILED,
                    Optional.of("step '" + step + "' failed: " + truncate(message)));
        }
    }

    private static String truncate(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 4000) + "...";
    }
}
