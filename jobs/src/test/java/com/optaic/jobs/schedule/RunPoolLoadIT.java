package com.optaic.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.jobs.run.batch.StepRecord;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Load: 200 QUEUED runs of trivial experiments handed to the pool at once all complete, none lost or executed twice,
 * never more than N running (from the start and end times the store recorded); prints the throughput. Scale it with
 * {@code -Doptaic.load.runs=1000 -Doptaic.load.maxRunning=4}.
 */
class RunPoolLoadIT {
    static final int RUNS = Integer.getInteger("optaic.load.runs", 200);
    static final int MAX_RUNNING = Integer.getInteger("optaic.load.maxRunning", 4);
    static final int RUNS_PER_INSTANCE = 5;

    @Test
    void twoHundredQueuedRunsCompleteOnceEachWithAtMostNRunning() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        env.put("OPTAIC_DB_POOL_SIZE", String.valueOf(MAX_RUNNING + 4));
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            UUID project = workspace.project().id();
            Instance market = TestingOptaic.syntheticDataset(optaic, user, project, "market", 10, 30);
            assertThat(optaic.frame()
                            .launch(
                                    user,
                                    queue(optaic, user, market.resource().id())
                                            .resource()
                                            .id())
                            .run()
                            .status())
                    .isEqualTo(RunStatus.SUCCEEDED);
            List<Instance> experiments = new ArrayList<>();
            for (int i = 0; i < RUNS / RUNS_PER_INSTANCE; i++) {
                experiments.add(TestingOptaic.experiment(
                        optaic,
                        user,
                        project,
                        "e" + i,
                        market.resource().id(),
                        Map.of("m", "close / delay(close, 1) - 1")));
            }
            List<Run> queued = new ArrayList<>();
            for (int r = 0; r < RUNS_PER_INSTANCE; r++) {
                for (Instance experiment : experiments) {
                    queued.add(queue(optaic, user, experiment.resource().id()));
                }
            }
            assertThat(queued).hasSize(RUNS);

            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            List<CompletableFuture<RunOutcome>> outcomes = new ArrayList<>();
            int peak;
            try (RunPool pool = new RunPool(optaic.frame()::launch, MAX_RUNNING, RunPool.FollowUps.NONE, log::add)) {
                for (Run run : queued) {
                    outcomes.add(pool.submit(
                            user, run.resource().id(), run.snapshot().instanceId()));
                }
                // Handing a run over twice executes it once.
                assertThat(pool.submit(
                                user,
                                queued.get(0).resource().id(),
                                queued.get(0).snapshot().instanceId()))
                        .isSameAs(outcomes.get(0));
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                        .join();
                pool.awaitIdle();
                peak = pool.peakRunning();
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            for (CompletableFuture<RunOutcome> outcome : outcomes) {
                Run run = outcome.join().run();
                assertThat(run.status()).as("%s %s", run.error(), log).isEqualTo(RunStatus.SUCCEEDED);
            }
            List<Run> stored = new ArrayList<>();
            for (Instance experiment : experiments) {
                stored.addAll(optaic.store()
                        .runs()
                        .runsOf(user, experiment.resource().id(), PageRequest.first(RUNS))
                        .items());
            }
            Set<UUID> ids = new HashSet<>();
            stored.forEach(r -> ids.add(r.resource().id()));
            assertThat(ids)
                    .as("none lost, none extra")
                    .hasSize(RUNS)
                    .isEqualTo(new HashSet<>(
                            queued.stream().map(r -> r.resource().id()).toList()));
            for (Run run : stored) {
                assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(run.attempt()).isEqualTo(1);
                List<StepRecord> steps = optaic.frame().steps(run);
                assertThat(steps)
                        .as("one job execution, each step once")
                        .extracting(StepRecord::step)
                        .containsExactly("resolve", "execute", "publish");
            }
            for (Instance experiment : experiments) {
                assertThat(maxOverlap(stored.stream()
                                .filter(r -> r.snapshot()
                                        .instanceId()
                                        .equals(experiment.resource().id()))
                                .toList()))
                        .as("one instance's runs one at a time")
                        .isEqualTo(1);
            }
            int overlap = maxOverlap(stored);
            assertThat(overlap).as("never more than N running").isLessThanOrEqualTo(MAX_RUNNING);
            assertThat(overlap).as("but several at once").isGreaterThanOrEqualTo(2);
            assertThat(peak).isLessThanOrEqualTo(MAX_RUNNING);

            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(
                    Locale.ROOT,
                    "RunPoolLoadIT: %d runs, at most %d at once (observed %d): %.1f s, "
                            + "%.0f runs/minute, load average %.2f%n",
                    RUNS,
                    MAX_RUNNING,
                    overlap,
                    seconds,
                    RUNS * 60 / seconds,
                    load);
        }
    }

    static Run queue(Optaic optaic, Actor user, UUID instance) {
        return optaic.frame()
                .queue(user, instance, RunTrigger.MANUAL, Optional.empty(), JsonNodeFactory.instance.objectNode());
    }

    /** The most runs whose [started, ended] intervals overlap at one instant (an end before a start at a tie). */
    static int maxOverlap(List<Run> runs) {
        TreeMap<Instant, Integer> delta = new TreeMap<>();
        for (Run run : runs) {
            delta.merge(run.startedAt().orElseThrow(), 1, Integer::sum);
            delta.merge(run.endedAt().orElseThrow(), -1, Integer::sum);
        }
        int current = 0;
        int max = 0;
        for (int change : delta.values()) {
            current += change;
            max = Math.max(max, current);
        }
        return max;
    }
}
