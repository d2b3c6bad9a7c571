package com.optaic.jobs.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.run.batch.RunFrame;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Comparison;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceStatus;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.SearchRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Dependent runs: when a run publishes a new version of a dataset, every active ExperimentInstance that reads that
 * dataset ({@code input}) and follows it ({@code "follow_inputs": true} in its config) gets a run over the new
 * version, with the publishing run's nominal date (else the new version's last date) and trigger. {@code (instance,
 * nominal date)} is unique, so a dependent run is created once however many processes see the publish; a follower
 * should have no cron of its own (it would race its input's publish).
 */
public final class DependentRuns implements RunPool.FollowUps {
    /** The instance config key that makes an ExperimentInstance run after each new version of its input. */
    public static final String FOLLOW_INPUTS = "follow_inputs";

    static final String AFTER_RUN = "after_run";
    private static final int MAX_FOLLOWERS = 1000;

    private final MetadataStore store;
    private final RunFrame frame;
    private final Consumer<String> log;

    public DependentRuns(MetadataStore store, RunFrame frame, Consumer<String> log) {
        this.store = requireNonNull(store, "store is null");
        this.frame = requireNonNull(frame, "frame is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** Queues the runs that follow the versions {@code succeeded} published; returns them (not yet executed). */
    @Override
    public List<Run> after(Actor actor, Run succeeded) {
        List<Run> queued = new ArrayList<>();
        for (DataVersion version :
                store.runs().outputs(actor, succeeded.resource().id())) {
            Optional<LocalDate> date = succeeded.nominalDate().or(version::maxDate);
            if (date.isEmpty()) {
                continue; // an empty version has no date to run for
            }
            for (Resource follower : followers(actor, version.datasetId())) {
                ObjectNode params = JsonNodeFactory.instance.objectNode();
                params.put(AFTER_RUN, succeeded.resource().id().toString());
                String what = follower.type() + " " + follower.name() + " (" + follower.id() + ") for " + date.get();
                try {
                    Run run = frame.queue(actor, follower.id(), succeeded.trigger(), date, params);
                    log.accept("dependent: " + what + ": run " + run.resource().id() + " queued after run "
                            + succeeded.resource().id() + " published version " + version.version());
                    queued.add(run);
                } catch (OptaicException e) {
                    if (!e.code().equals(MetadataErrorCode.ALREADY_EXISTS)) {
                        log.accept("dependent: " + what + ": not queued: " + e.getMessage());
                        continue;
                    }
                    log.accept("dependent: " + what + " already has a run; skipped");
                }
            }
        }
        return queued;
    }

    private List<Resource> followers(Actor actor, UUID datasetId) {
        ResourceFilter filter = new ResourceFilter.All(List.of(
                new ResourceFilter.TypeIn(Set.of(ResourceType.ExperimentInstance)),
                new ResourceFilter.StatusIs(ResourceStatus.ACTIVE),
                new ResourceFilter.ConfigField(List.of("input"), Comparison.EQ, TextNode.valueOf(datasetId.toString())),
                new ResourceFilter.ConfigField(List.of(FOLLOW_INPUTS), Comparison.EQ, BooleanNode.TRUE)));
        return store.resources()
                .search(actor, new SearchRequest(Optional.empty(), filter, PageRequest.first(MAX_FOLLOWERS)))
                .items();
    }
}
