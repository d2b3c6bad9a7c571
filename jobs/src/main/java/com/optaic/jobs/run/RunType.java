package com.optaic.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import java.util.List;
import java.util.UUID;

/**
 * One kind of run (PipelineRun, ExperimentRun, ...), plugged into the frame's resolve -> execute -> publish job
 * and registered in {@link RunTypes}. An implementation provides:
 * <ol>
 *   <li>its config: {@link #parseConfig} turns the instance config into a typed record ({@code C}); a refusal is a
 *       {@link JobsErrorCode#BAD_RUN_CONFIG} naming the member at fault (see {@code BacktestConfig.parse});</li>
 *   <li>its inputs: {@link #inputsFor}, the data versions a new run reads, frozen in its snapshot when queued;</li>
 *   <li>the resolve checks and the work: {@link #resolve} checks the parsed config against the store and the
 *       snapshot (datasets exist, inputs are in the snapshot, code_refs resolve) and returns the {@link RunWork};</li>
 *   <li>the outputs: the work writes its files staged and returns them with the run's metrics as a
 *       {@link StagedResult}, which the frame publishes.</li>
 * </ol>
 * The frame does the rest: the state machine, retries, restart, cancellation, timings, publishing, lineage and
 * activities.
 *
 * <p>Implementations must keep {@link #parseConfig} and {@link #resolve} free of side effects (they run again on
 * every restart) and report user mistakes (bad config, bad expression, missing field) as user-error
 * {@code OptaicException}s so that they are not retried.
 *
 * @param <C> the typed config its instances carry
 */
public interface RunType<C> {
    /** The run resource type this handles; also the Spring Batch job name. */
    ResourceType runType();

    /** The instance type its runs belong to. */
    ResourceType instanceType();

    /**
     * Whether this run type runs instances of {@code instanceType}: {@link #instanceType} alone unless a run type
     * serves several (a MonitoringRun watches a DatasetInstance or a ModelInstance).
     */
    default boolean serves(ResourceType instanceType) {
        return instanceType() == instanceType;
    }

    /**
     * Whether a run of this type is what {@code run start} and the scheduler start for an instance of
     * {@link #instanceType} when no run type is named. An instance type that several run types serve (a
     * ModelInstance: TrainingRun and InferenceRun) names exactly one default; the others are started by name.
     */
    default boolean defaultForInstance() {
        return true;
    }

    /** Parses and validates a snapshot's instance config; the refusal names the member at fault. */
    C parseConfig(JsonNode config);

    /** The data versions a new run of this instance will read, frozen in its snapshot. */
    default List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        return List.of();
    }

    /**
     * Checks the parsed config against the store and the snapshot and builds the work, resolving code_refs through
     * the type's registry. Called in the resolve step of every attempt with {@code parseConfig}'s result.
     */
    RunWork resolve(C config, RunContext context);

    /** Parses the context's snapshot config and resolves the run with it: what the frame's resolve step calls. */
    default RunWork resolve(RunContext context) {
        return resolve(parseConfig(context.snapshot().config()), context);
    }
}
