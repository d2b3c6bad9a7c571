package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunSnapshot;
import java.util.Map;
import java.util.Optional;

/**
 * What a run type resolves a run from: the run, the snapshot to execute (the run's own, or for a reproduction
 * the original run's), the pinned definition versions of that snapshot by slot, and where files go.
 *
 * @param reproduces the run being reproduced, if this run is a reproduction; it then publishes nothing
 * @param cancellation cancelled when the run is; long work checks it and hooks its own stopping onto it
 */
public record RunContext(
        MetadataStore store,
        Actor actor,
        Run run,
        RunSnapshot snapshot,
        Map<String, DefinitionVersion> definitions,
        Storage storage,
        Optional<Run> reproduces,
        CancellationToken cancellation) {
    public RunContext(
            MetadataStore store,
            Actor actor,
            Run run,
            RunSnapshot snapshot,
            Map<String, DefinitionVersion> definitions,
            Storage storage,
            Optional<Run> reproduces) {
        this(store, actor, run, snapshot, definitions, storage, reproduces, CancellationToken.none());
    }

    public RunContext {
        requireNonNull(store, "store is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(run, "run is null");
        requireNonNull(snapshot, "snapshot is null");
        definitions = Map.copyOf(definitions);
        requireNonNull(storage, "storage is null");
        requireNonNull(reproduces, "reproduces is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    public DefinitionVersion definition(String slot) {
        DefinitionVersion version = definitions.get(slot);
        if (version == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    run.resource().type() + " "
                            + run.resource().id() + ": the instance pins no definition in slot '" + slot + "'; pinned: "
                            + definitions.keySet());
        }
        return version;
    }

    public boolean isReproduction() {
        return reproduces.isPresent();
    }
}
