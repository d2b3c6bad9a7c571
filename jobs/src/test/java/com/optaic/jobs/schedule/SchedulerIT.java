package com.optaic.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler and backfill on the embedded PostgreSQL, with real pipeline runs where runs are executed. */
class SchedulerIT {
    private static final Schedule NIGHTLY = new Schedule("0 2 * * *", ZoneOffset.UTC);

    static Instance dataset(Optaic optaic, Actor actor, UUID project, String name, Optional<String> missed) {
        UUID pipeline = optaic.store()
                .definitions()
                .latestDeployed(actor, "pipeline.synthetic")
                .orElseThrow()
                .id();
        String config = "{\"pipeline\": {\"assets\": 5, \"days\": 40, \"seed\": 3}"
                + missed.map(m -> ", \"missed\": \"" + m + "\"").orElse("") + "}";
        Instance created = optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(
                                project,
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", pipeline),
                                TestingOptaic.json(config)));
        return optaic.store().instances().schedule(actor, created.resource().id(), Optional.of(NIGHTLY));
    }

    static List<Run> runs(Optaic optaic, Actor actor, Instance instance) {
        return optaic.store()
                .runs()
                .runsOf(actor, instance.resource().id(), PageRequest.first(100))
                .items();
    }

    static List<LocalDate> nominalDates(List<Run> runs) {
        return runs.stream().map(r -> r.nominalDate().orElseThrow()).sorted().toList();
    }

    @Test
    void twoSchedulersTickingTheSameNightProduceOneRun() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic first = TestingOptaic.open(env);
                Optaic second = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(first);
            Actor user = workspace.user();
            Instance market = dataset(first, user, workspace.project().id(), "market", Optional.empty());
            LocalDate night = market.resource()
                    .createdAt()
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate()
                    .plusDays(1);
            Instant now = night.atTime(2, 5).toInstant(ZoneOffset.UTC);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Scheduler a = new Scheduler(first.store(), user, first.frame(), log::add);
            Scheduler b = new Scheduler(second.store(), user, second.frame(), log::add);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Scheduler.Fired>>> ticks = new ArrayList<>();
                for (Scheduler scheduler : List.of(a, b)) {
                    Callable<List<Scheduler.Fired>> tick = () -> {
                        go.await();
                        return scheduler.tick(now);
                    };
                    ticks.add(pool.submit(tick));
                }
                go.countDown();
                List<Scheduler.Fired> fired = new ArrayList<>();
                for (Future<List<Scheduler.Fired>> tick : ticks) {
                    fired.addAll(tick.get());
                }
                fired.forEach(Scheduler.Fired::outcome); // the runs execute in the schedulers' pools: wait for them
                assertThat(fired.stream().filter(f -> !f.alreadyExisted()))
                        .as("%s", log)
                        .hasSize(1);
                assertThat(fired).allMatch(f -> f.nominalDate().equals(night));
            } finally {
                pool.shutdownNow();
            }
            List<Run> runs = runs(first, user, market);
            assertThat(runs).hasSize(1);
            Run run = runs.get(0);
            assertThat(run.trigger()).isEqualTo(RunTrigger.SCHEDULE);
            assertThat(run.nominalDate()).contains(night);
            assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);

            // a restarted scheduler, later the same night, does not run it again
            assertThat(new Scheduler(second.store(), user, second.frame(), log::add).tick(now.plusSeconds(600)))
                    .isEmpty();
            assertThat(runs(first, user, market)).hasSize(1);
        }
    }

    @Test
    void aQueuedRunNobodyExecutesIsAdoptedOnceAfterItsGrace() {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            Instance market = dataset(optaic, user, workspace.project().id(), "orphan", Optional.empty());
            Run queued = optaic.frame()
                    .queue(user, market.resource().id(), RunTrigger.MANUAL, Optional.empty(), TestingOptaic.json("{}"));
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Scheduler scheduler = new Scheduler(optaic.store(), user, optaic.frame(), log::add);

            assertThat(scheduler.adoptQueued(queued.queuedAt().plusSeconds(1)))
                    .as("within the grace the queuing process may still launch it")
                    .isEmpty();
            List<Scheduler.Adopted> adopted = scheduler.adoptQueued(
                    queued.queuedAt().plus(Scheduler.ADOPT_AFTER).plusSeconds(1));
            assertThat(adopted)
                    .extracting(Scheduler.Adopted::runId)
                    .containsExactly(queued.resource().id());
            Run done = adopted.get(0).outcome().join().run();
            assertThat(done.status()).as("%s %s", done.error(), log).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(scheduler.adoptQueued(Instant.now().plusSeconds(3600)))
                    .as("nothing is QUEUED any more")
                    .isEmpty();
            assertThat(runs(optaic, user, market)).hasSize(1);
        }
    }

    @Test
    void missedNightsFollowTheInstancePolicy() {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            UUID project = workspace.project().id();
            Instance all = dataset(optaic, user, project, "all", Optional.of("all"));
            Instance latest = dataset(optaic, user, project, "latest", Optional.empty());
            Instance skip = dataset(optaic, user, project, "skip", Optional.of("skip"));
            Instant created = skip.resource().createdAt();
            LocalDate today = created.atOffset(ZoneOffset.UTC).toLocalDate();
            // The scheduler was down for four days; it comes back at noon, ten hours after the night's fire time.
            Instant now = today.plusDays(4).atTime(12, 0).toInstant(ZoneOffset.UTC);
            List<LocalDate> missed = new ArrayList<>();
            for (LocalDate d = today; !d.isAfter(today.plusDays(4)); d = d.plusDays(1)) {
                Instant fire = d.atTime(2, 0).toInstant(ZoneOffset.UTC);
                if (fire.isAfter(all.resource().createdAt()) && !fire.isAfter(now)) {
                    missed.add(d);
                }
            }
            List<String> log = new ArrayList<>();
            Scheduler scheduler = new Scheduler(optaic.store(), user, optaic.frame(), log::add);
            List<Scheduler.Fired> fired = scheduler.tick(now);

            assertThat(nominalDates(runs(optaic, user, all))).as("%s", log).isEqualTo(missed);
            assertThat(nominalDates(runs(optaic, user, latest))).containsExactly(today.plusDays(4));
            assertThat(runs(optaic, user, skip))
                    .as("skip: 10 h late is past the grace period")
                    .isEmpty();
            assertThat(fired)
                    .hasSize(missed.size() + 1)
                    .allMatch(f -> f.outcome().orElseThrow().run().status() == RunStatus.SUCCEEDED);

            // Nothing more due later that day; the next night, on time, runs for every policy.
            assertThat(scheduler.tick(now.plusSeconds(3600))).isEmpty();
            Instant nextNight = today.plusDays(5).atTime(2, 30).toInstant(ZoneOffset.UTC);
            assertThat(scheduler.tick(nextNight))
                    .hasSize(3)
                    .allMatch(f -> f.outcome().isPresent());
            assertThat(nominalDates(runs(optaic, user, skip))).containsExactly(today.plusDays(5));
            assertThat(nominalDates(runs(optaic, user, latest))).containsExactly(today.plusDays(4), today.plusDays(5));
            assertThat(runs(optaic, user, all))
                    .hasSize(missed.size() + 1)
                    .allMatch(r -> r.trigger() == RunTrigger.SCHEDULE && r.status() == RunStatus.SUCCEEDED);
        }
    }

    @Test
    void backfillCreatesOneRunPerBusinessDayWithinTheCapAndOnlyOnce() {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            Instance market = TestingOptaic.syntheticDataset(
                    optaic, user, workspace.project().id(), "market", 5, 40);
            // One date already has a run.
            optaic.frame()
                    .queue(
                            user,
                            market.resource().id(),
                            RunTrigger.SCHEDULE,
                            Optional.of(LocalDate.of(2024, 1, 3)),
                            TestingOptaic.json("{}"));
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            AtomicInteger launched = new AtomicInteger();
            Launcher counting = (actor, runId) -> {
                int now = running.incrementAndGet();
                maxRunning.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                launched.incrementAndGet();
                return new RunOutcome(optaic.store().runs().get(actor, runId), Optional.empty());
            };
            List<String> log = new ArrayList<>();
            Backfill backfill = new Backfill(optaic.store(), user, optaic.frame(), counting, log::add);
            LocalDate from = LocalDate.of(2024, 1, 1);
            LocalDate to = LocalDate.of(2024, 1, 12);
            Backfill.Result result = backfill.run(market.resource().id(), from, to, 3);

            List<LocalDate> businessDays = from.datesUntil(to.plusDays(1))
                    .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                    .toList();
            assertThat(businessDays).hasSize(10);
            assertThat(result.skipped()).containsExactly(LocalDate.of(2024, 1, 3));
            assertThat(result.outcomes()).hasSize(9);
            assertThat(launched.get()).isEqualTo(9);
            assertThat(maxRunning.get()).as("%s", log).isBetween(2, 3);
            List<Run> runs = runs(optaic, user, market);
            assertThat(nominalDates(runs)).isEqualTo(businessDays);
            assertThat(runs.stream().filter(r -> r.trigger() == RunTrigger.BACKFILL))
                    .hasSize(9);

            Backfill.Result again = backfill.run(market.resource().id(), from, to, 3);
            assertThat(again.outcomes()).isEmpty();
            assertThat(again.skipped()).isEqualTo(businessDays);
            assertThat(runs(optaic, user, market)).hasSize(10);

            // With a schedule, the nominal dates are the cron's (Tuesdays and Thursdays here).
            Instance scheduled = optaic.store()
                    .instances()
                    .schedule(user, market.resource().id(), Optional.of(new Schedule("0 18 * * 2,4", ZoneOffset.UTC)));
            assertThat(Backfill.nominalDates(scheduled, from, to))
                    .containsExactly(
                            LocalDate.of(2024, 1, 2),
                            LocalDate.of(2024, 1, 4),
                            LocalDate.of(2024, 1, 9),
                            LocalDate.of(2024, 1, 11));
        }
    }
}
