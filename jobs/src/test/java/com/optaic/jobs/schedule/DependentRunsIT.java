package com.optaic.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A nightly PipelineRun's publish is followed by a run of each ExperimentInstance following its dataset, once. */
class DependentRunsIT {
    @Test
    void followersRunAfterTheirInputsNewVersionOncePerNominalDate() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env);
                Optaic other = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            UUID project = workspace.project().id();
            Instance market = SchedulerIT.dataset(optaic, user, project, "market", Optional.empty());
            Instance follower = follow(
                    optaic,
                    user,
                    TestingOptaic.experiment(
                            optaic,
                            user,
                            project,
                            "follower",
                            market.resource().id(),
                            Map.of("m", "close / delay(close, 5) - 1")));
            Instance bystander = TestingOptaic.experiment(
                    optaic, user, project, "bystander", market.resource().id(), Map.of("m", "close"));

            List<String> log = Collections.synchronizedList(new ArrayList<>());
            // A Monday to Thursday night, so that it and the next night are business days with a day of market data.
            LocalDate night = market.resource()
                    .createdAt()
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate()
                    .plusDays(1);
            while (night.getDayOfWeek().getValue() > java.time.DayOfWeek.THURSDAY.getValue()) {
                night = night.plusDays(1);
            }
            Instant now = night.atTime(3, 0).toInstant(ZoneOffset.UTC);
            Run pipeline;
            try (RunPool pool = pool(optaic, user, log)) {
                List<Scheduler.Fired> fired =
                        new Scheduler(optaic.store(), user, optaic.frame(), pool, log::add).tick(now);
                assertThat(fired).as("%s", log).hasSize(1);
                pipeline = fired.get(0).outcome().orElseThrow().run();
                pool.awaitIdle();
            }
            assertThat(pipeline.status()).isEqualTo(RunStatus.SUCCEEDED);
            DataVersion published = optaic.store()
                    .runs()
                    .outputs(user, pipeline.resource().id())
                    .get(0);

            List<Run> runs = SchedulerIT.runs(optaic, user, follower);
            assertThat(runs).as("%s", log).hasSize(1);
            Run dependent = runs.get(0);
            assertThat(dependent.status()).as("%s", dependent.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(dependent.nominalDate()).contains(night);
            assertThat(dependent.trigger()).isEqualTo(RunTrigger.SCHEDULE);
            assertThat(dependent.snapshot().inputDataVersions())
                    .as("reads the new version")
                    .containsExactly(published.id());
            assertThat(dependent
                            .snapshot()
                            .params()
                            .get(DependentRuns.AFTER_RUN)
                            .asText())
                    .isEqualTo(pipeline.resource().id().toString());
            assertThat(dependent.queuedAt())
                    .as("queued after the publish")
                    .isAfterOrEqualTo(pipeline.endedAt().orElseThrow());
            assertThat(SchedulerIT.runs(optaic, user, bystander))
                    .as("no follow_inputs, no run")
                    .isEmpty();

            // A second scheduler on the same database at the same time, and the same publish seen again: no duplicate.
            try (RunPool pool = pool(other, user, log)) {
                assertThat(new Scheduler(other.store(), user, other.frame(), pool, log::add).tick(now))
                        .allMatch(Scheduler.Fired::alreadyExisted);
                assertThat(new DependentRuns(other.store(), other.frame(), log::add).after(user, pipeline))
                        .isEmpty();
                pool.awaitIdle();
            }
            assertThat(SchedulerIT.runs(optaic, user, follower)).hasSize(1);

            // The next night: the pipeline appends a day, the follower appends that day's results.
            try (RunPool pool = pool(optaic, user, log)) {
                new Scheduler(optaic.store(), user, optaic.frame(), pool, log::add).tick(now.plusSeconds(86_400));
                pool.awaitIdle();
            }
            List<Run> after = SchedulerIT.runs(optaic, user, follower);
            assertThat(SchedulerIT.nominalDates(after)).containsExactly(night, night.plusDays(1));
            Run second = after.get(0);
            assertThat(second.status()).as("%s", second.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(second.metrics().get("mode").asText()).isEqualTo("append");
            assertThat(second.metrics().get("rows_added").asLong()).isEqualTo(5);
        }
    }

    static RunPool pool(Optaic optaic, Actor user, List<String> log) {
        return new RunPool(
                optaic.frame()::launch, 2, new DependentRuns(optaic.store(), optaic.frame(), log::add), log::add);
    }

    static Instance follow(Optaic optaic, Actor user, Instance experiment) {
        ObjectNode config = experiment.config().deepCopy();
        config.put(DependentRuns.FOLLOW_INPUTS, true);
        return optaic.store()
                .instances()
                .update(user, experiment.resource().id(), experiment.currentVersion(), config, Optional.empty());
    }
}
