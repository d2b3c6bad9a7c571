package com.optaic.jobs.run;

import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import java.util.List;
import java.util.UUID;

/**
 * One kind of run (PipelineRun, ExperimentRun, ...), plugged into the frame's resolve -> execute -> publish
 * job. Adding a run type is one implementation of this interface registered in {@link RunTypes}; the frame does
 * the state machine, retries, restart, timings, publishing, lineage and activities.
 *
 * <p>Implementations must keep {@link #resolve} free of side effects (it runs again on every restart) and
 * report user mistakes (bad config, bad expression, missing field) as user-error {@code OptaicException}s so
 * that they are not retried.
 */
public interface RunType {
    /** The run resource type this handles; also the Spring Batch job name. */
    ResourceType runType();

    /** The instance type its runs belong to. */
    ResourceType instanceType();

    /** The data versions a new run of this instance will read, frozen in its snapshot. */
    default List<UUID> inputsFor(MetadataStore store, Actor actor, Instance instance) {
        return List.of();
    }

    /** Validates the snapshot and builds the work, resolving code_refs through the type's registry. */
    RunWork resolve(RunContext context);
}
