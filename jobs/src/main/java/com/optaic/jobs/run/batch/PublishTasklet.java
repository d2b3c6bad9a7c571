package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.jobs.monitoring.AlertWebhook;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.CodeVersion;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.run.RunProgress;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Alert;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code publish} step: in one store transaction, the staged output versions (one per output dataset, each
 * refused if another version was published since it was computed), the run's metrics (timings, code version,
 * content hash; for a reproduction whether it is identical, and a {@code derived_from} edge), the alerts a run
 * raised (then POSTed to its webhook once committed), SUCCEEDED, and their
 * activities. The SUCCEEDED transition holds the run's lock until commit, so a cancel request that got in before
 * it rolls the whole transaction back.
 */
final class PublishTasklet implements Tasklet {
    private final MetadataStore store;
    private final Attempts attempts;
    private final RetryPolicy retry;
    private final Supplier<RunProgress> progress;
    private final AlertWebhook webhook = AlertWebhook.standard();

    PublishTasklet(MetadataStore store, Attempts attempts, RetryPolicy retry, Supplier<RunProgress> progress) {
        this.store = requireNonNull(store, "store is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        UUID runId = RunJobFactory.runId(execution);
        Attempts.Attempt attempt = attempts.of(runId);
        Actor actor = attempt.actor();
        Attempts.Resolved resolved = attempt.resolved();
        if (!execution.getExecutionContext().containsKey(ExecuteTasklet.STAGED)) {
            throw new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " reached publish with nothing staged");
        }
        StagedResult staged =
                StagedResult.fromJson(execution.getExecutionContext().getString(ExecuteTasklet.STAGED));
        CancellationToken token = attempt.token();
        progress.get().step(runId, token.label(), "publish");
        List<Alert> alerts = retry.call(() -> store.inTransaction(() -> {
            token.throwIfCancelled();
            List<Alert> recorded = publish(actor, runId, execution, staged, resolved.reproduces());
            store.runs().cancelRequested(actor, runId).ifPresent(at -> {
                token.cancel("cancel requested at " + at);
                token.throwIfCancelled();
            });
            return recorded;
        }));
        // After the commit, so a receiver only hears of alerts that exist; a failing webhook never fails the run.
        if (!alerts.isEmpty() && staged.alertWebhook().isPresent()) {
            webhook.post(
                    staged.alertWebhook().get(),
                    AlertWebhook.body(runId, alerts.get(0).instanceId(), alerts));
        }
        return RepeatStatus.FINISHED;
    }

    /** Every store call below joins the step's transaction, so all of it commits or none. */
    private List<Alert> publish(
            Actor actor, UUID runId, JobExecution execution, StagedResult staged, Optional<Run> reproduces) {
        Run run = store.runs().get(actor, runId);
        ObjectNode metrics = staged.metrics().deepCopy();
        metrics.put("code_version", CodeVersion.current());
        metrics.put("attempt", run.attempt());
        metrics.set("timings", StepTimings.of(run, execution));
        if (reproduces.isPresent()) {
            Run original = reproduces.get();
            Optional<String> originalHash =
                    Optional.ofNullable(original.metrics().get("content_hash")).map(JsonNode::asText);
            Optional<String> hash = staged.contentHash();
            metrics.put(RunFrame.REPRODUCES, original.resource().id().toString());
            metrics.put("identical", hash.equals(originalHash));
            hash.ifPresent(h -> metrics.put("content_hash", h));
            originalHash.ifPresent(h -> metrics.put("original_content_hash", h));
            store.lineage()
                    .link(
                            actor,
                            LineageNode.resource(original.resource().id()),
                            LineageNode.resource(runId),
                            EdgeType.DERIVED_FROM);
        } else if (!staged.outputs().isEmpty()) {
            ObjectNode versions = JsonNodeFactory.instance.objectNode();
            for (StagedResult.StagedVersion output : staged.outputs()) {
                long latest = StoreDatasets.latest(store, actor, output.datasetId())
                        .map(DataVersion::version)
                        .orElse(0);
                if (latest != output.manifest().parent()) {
                    throw new OptaicException(
                            JobsErrorCode.OUTPUT_CONFLICT,
                            "Cannot publish the output of "
                                    + RunFrame.describe(run) + ": it was computed on version "
                                    + output.manifest().parent()
                                    + " of dataset " + output.datasetId() + ", and version " + latest
                                    + " has been published since; start a new run");
                }
                DataVersion version = store.dataVersions()
                        .publish(
                                actor,
                                new NewDataVersion(
                                        output.datasetId(),
                                        StoreDatasets.toStore(output.manifest()),
                                        Optional.of(runId),
                                        output.incremental()));
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
        List<Alert> alerts = List.of();
        if (reproduces.isEmpty() && !staged.alerts().isEmpty()) {
            alerts = store.alerts().record(actor, runId, staged.alerts());
            metrics.put("alerts", alerts.size());
        }
        store.runs().recordMetrics(actor, runId, metrics);
        store.runs().transition(actor, runId, RunStatus.SUCCEEDED, Optional.empty());
        return alerts;
    }
}
