package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.RunProgress;
import com.optaic.jobs.run.RunType;
import com.optaic.jobs.run.RunTypes;
import com.optaic.jobs.run.RunWork;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.PinnedDefinition;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code resolve} step: loads the run and the snapshot it executes (a reproduction's is the original run's),
 * checks the snapshot's pinned definition versions (guardrail: none deprecated, none changed since queued) and lets
 * the {@link RunType} parse the config and build the work, which it keeps on the attempt for the later steps.
 * Writes nothing, so it runs again on every attempt and the work is always at hand.
 */
final class ResolveTasklet implements Tasklet {
    private final MetadataStore store;
    private final Storage storage;
    private final RunTypes types;
    private final Attempts attempts;
    private final Supplier<RunProgress> progress;

    ResolveTasklet(
            MetadataStore store, Storage storage, RunTypes types, Attempts attempts, Supplier<RunProgress> progress) {
        this.store = requireNonNull(store, "store is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.types = requireNonNull(types, "types is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        UUID runId = RunJobFactory.runId(contribution.getStepExecution().getJobExecution());
        Attempts.Attempt attempt = attempts.of(runId);
        Actor actor = attempt.actor();
        CancellationToken token = attempt.token();
        token.throwIfCancelled();
        progress.get().step(runId, token.label(), "resolve");
        Run run = store.runs().get(actor, runId);
        Optional<Run> reproduces = Optional.ofNullable(run.snapshot().params().get(RunFrame.REPRODUCES))
                .map(id -> store.runs().get(actor, UUID.fromString(id.asText())));
        RunSnapshot snapshot = reproduces.map(Run::snapshot).orElse(run.snapshot());
        Map<String, DefinitionVersion> definitions = new HashMap<>();
        for (Map.Entry<String, PinnedDefinition> pin : snapshot.definitions().entrySet()) {
            DefinitionVersion version =
                    store.definitions().versionById(actor, pin.getValue().definitionVersionId());
            if (version.status() == DefinitionStatus.DEPRECATED) {
                throw new OptaicException(
                        MetadataErrorCode.GUARDRAIL_FAILED,
                        "Cannot run " + RunFrame.describe(run)
                                + ": guardrail 'pinned-definition-not-deprecated' failed: slot '" + pin.getKey()
                                + "' pins "
                                + version.codeRef() + " v" + version.version() + ", which is deprecated");
            }
            if (!version.contentHash().equals(pin.getValue().contentHash())) {
                throw new OptaicException(
                        JobsErrorCode.BATCH_INTERNAL,
                        "Definition version " + version.id() + " changed since " + RunFrame.describe(run)
                                + " was queued");
            }
            definitions.put(pin.getKey(), version);
        }
        RunType<?> type = types.get(run.resource().type());
        RunWork work =
                type.resolve(new RunContext(store, actor, run, snapshot, definitions, storage, reproduces, token));
        attempt.resolved(new Attempts.Resolved(work, reproduces));
        return RepeatStatus.FINISHED;
    }
}
