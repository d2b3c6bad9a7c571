package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunFilter;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.UserCreation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunServiceIT {
    static TestingStore testing;
    static Actor alice;
    static Resource project;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        UserCreation user = testing.newUser();
        alice = user.principal().asActor();
        project = testing.project(alice, user.personalSpace().staging().id());
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    static Instance dataset() {
        return testing.store
                .instances()
                .create(
                        alice,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                TestingStore.unique("ds"),
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/p\"}}")));
    }

    @Test
    void aRunSnapshotsWhatItExecutesAndWalksTheStateMachine() {
        Instance instance = dataset();
        Instance source = dataset();
        DataVersion input = testing.store
                .dataVersions()
                .publish(
                        alice,
                        new NewDataVersion(
                                source.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                Optional.empty(),
                                false));
        Run run = testing.store
                .runs()
                .create(
                        alice,
                        NewRun.manual(instance.resource().id(), ResourceType.PipelineRun, "git:1")
                                .withParams(json("{\"full\": true}"))
                                .withInputs(List.of(input.id())));
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.snapshot().instanceVersion()).isEqualTo(1);
        assertThat(run.snapshot().definitions().get("pipeline").codeRef()).isEqualTo("pipeline.csv");
        assertThat(run.snapshot().inputDataVersions()).containsExactly(input.id());
        assertThat(run.snapshot().params().get("full").asBoolean()).isTrue();
        testing.assertLastActivity(run.resource().id(), "run.queued", alice);

        testing.store
                .instances()
                .update(
                        alice,
                        instance.resource().id(),
                        1,
                        json("{\"pipeline\": {\"path\": \"/new\"}}"),
                        Optional.empty());
        assertThat(testing.store
                        .runs()
                        .get(alice, run.resource().id())
                        .snapshot()
                        .config()
                        .at("/pipeline/path")
                        .asText())
                .as("the snapshot does not follow later config changes")
                .isEqualTo("/p");

        UUIDRun id = new UUIDRun(run);
        Run running = testing.store.runs().transition(alice, id.id(), RunStatus.RUNNING, Optional.empty());
        assertThat(running.startedAt()).isPresent();
        testing.assertLastActivity(id.id(), "run.started", alice);
        testing.store.runs().recordMetrics(alice, id.id(), json("{\"rows_added\": 10}"));
        Run withMetrics = testing.store.runs().recordMetrics(alice, id.id(), json("{\"last_date\": \"2024-01-05\"}"));
        assertThat(withMetrics.metrics().get("rows_added").asInt()).isEqualTo(10);
        assertThat(withMetrics.metrics().get("last_date").asText()).isEqualTo("2024-01-05");
        testing.assertLastActivity(id.id(), "run.metrics_recorded", alice);
        DataVersion output = testing.store
                .dataVersions()
                .publish(
                        alice,
                        new NewDataVersion(
                                instance.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                Optional.of(id.id()),
                                false));
        assertThat(testing.store.runs().outputs(alice, id.id())).containsExactly(output);

        Run failed = testing.store.runs().transition(alice, id.id(), RunStatus.FAILED, Optional.of("disk full"));
        assertThat(failed.error()).contains("disk full");
        assertThat(failed.endedAt()).isPresent();
        testing.assertLastActivity(id.id(), "run.failed", alice);
        Run requeued = testing.store.runs().transition(alice, id.id(), RunStatus.QUEUED, Optional.empty());
        assertThat(requeued.attempt()).isEqualTo(2);
        assertThat(requeued.error()).isEmpty();
        testing.assertLastActivity(id.id(), "run.requeued", alice);
        testing.store.runs().transition(alice, id.id(), RunStatus.RUNNING, Optional.empty());
        Run succeeded = testing.store.runs().transition(alice, id.id(), RunStatus.SUCCEEDED, Optional.empty());
        testing.assertLastActivity(id.id(), "run.succeeded", alice);
        assertThat(succeeded.status()).isEqualTo(RunStatus.SUCCEEDED);

        assertThatThrownBy(() -> testing.store.runs().transition(alice, id.id(), RunStatus.RUNNING, Optional.empty()))
                .isInstanceOfSatisfying(OptaicException.class, e -> {
                    assertThat(e.code()).isEqualTo(MetadataErrorCode.ILLEGAL_TRANSITION);
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR);
                })
                .hasMessageContaining("from SUCCEEDED to RUNNING; allowed: none");
        assertThatThrownBy(() -> testing.store.runs().recordMetrics(alice, id.id(), json("{\"x\": 1}")))
                .hasMessageContaining("only while RUNNING");
        assertThat(testing.store
                        .runs()
                        .runsOf(alice, instance.resource().id(), PageRequest.first(10))
                        .items())
                .extracting(r -> r.resource().id())
                .containsExactly(id.id());
    }

    @Test
    void recentRunsAreTheReadableOnesNewestFirstFilteredByStatusTypeTimeAndSubtree() {
        Instance first = dataset();
        Instance second = dataset();
        Run older = testing.store
                .runs()
                .create(alice, NewRun.manual(first.resource().id(), ResourceType.PipelineRun, "1"));
        Run newer = testing.store
                .runs()
                .create(alice, NewRun.manual(second.resource().id(), ResourceType.PipelineRun, "1"));
        testing.store.runs().transition(alice, newer.resource().id(), RunStatus.RUNNING, Optional.empty());
        testing.store.runs().transition(alice, newer.resource().id(), RunStatus.FAILED, Optional.of("boom"));

        List<java.util.UUID> mine =
                testing.store.runs().recent(alice, RunFilter.ALL, PageRequest.first(1000)).items().stream()
                        .map(r -> r.resource().id())
                        .toList();
        assertThat(mine)
                .containsSubsequence(newer.resource().id(), older.resource().id());
        assertThat(testing.store
                        .runs()
                        .recent(
                                alice,
                                new RunFilter(
                                        Set.of(RunStatus.FAILED),
                                        Set.of(ResourceType.PipelineRun),
                                        Optional.of(older.queuedAt()),
                                        Optional.of(project.id())),
                                PageRequest.first(10))
                        .items())
                .extracting(r -> r.resource().id())
                .containsExactly(newer.resource().id());
        assertThat(testing.store
                        .runs()
                        .recent(
                                alice,
                                new RunFilter(
                                        Set.of(),
                                        Set.of(),
                                        Optional.empty(),
                                        Optional.of(first.resource().id())),
                                PageRequest.first(10))
                        .items())
                .extracting(r -> r.resource().id())
                .containsExactly(older.resource().id());
        assertThat(testing.store
                        .runs()
                        .recent(
                                alice,
                                new RunFilter(
                                        Set.of(), Set.of(ResourceType.BacktestRun), Optional.empty(), Optional.empty()),
                                PageRequest.first(10))
                        .items())
                .isEmpty();

        Page<Run> page = testing.store
                .runs()
                .recent(
                        alice,
                        new RunFilter(Set.of(), Set.of(), Optional.empty(), Optional.of(project.id())),
                        PageRequest.first(1));
        assertThat(page.items())
                .extracting(r -> r.resource().id())
                .containsExactly(newer.resource().id());
        assertThat(testing.store
                        .runs()
                        .recent(
                                alice,
                                new RunFilter(Set.of(), Set.of(), Optional.empty(), Optional.of(project.id())),
                                PageRequest.first(1).after(page.nextCursor().orElseThrow()))
                        .items())
                .extracting(r -> r.resource().id())
                .doesNotContain(newer.resource().id())
                .isNotEmpty();

        Actor bob = testing.newUser().principal().asActor();
        assertThat(testing.store
                        .runs()
                        .recent(bob, RunFilter.ALL, PageRequest.first(1000))
                        .items())
                .extracting(r -> r.resource().id())
                .as("another user's runs are not listed")
                .doesNotContain(older.resource().id(), newer.resource().id());
        assertThatThrownBy(() -> testing.store
                        .runs()
                        .recent(
                                bob,
                                new RunFilter(Set.of(), Set.of(), Optional.empty(), Optional.of(project.id())),
                                PageRequest.first(10)))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    record UUIDRun(Run run) {
        java.util.UUID id() {
            return run.resource().id();
        }
    }

    @Test
    void theDatabaseRefusesIllegalTransitionsFromAnyWriter() {
        Run run = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE runs SET status = 'SUCCEEDED' WHERE resource_id = ?",
                        run.resource().id()))
                .hasStackTraceContaining("cannot go from QUEUED to SUCCEEDED");
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE runs SET snapshot = '{}' WHERE resource_id = ?",
                        run.resource().id()))
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> testing.store
                        .runs()
                        .transition(alice, run.resource().id(), RunStatus.SUCCEEDED, Optional.empty()))
                .hasMessageContaining("allowed: RUNNING, CANCELLED");
        testing.store.runs().transition(alice, run.resource().id(), RunStatus.CANCELLED, Optional.empty());
        testing.assertLastActivity(run.resource().id(), "run.cancelled", alice);
    }

    @Test
    void cancellingAQueuedRunEndsItAndARunningOneRecordsARequestOnce() {
        Run queued = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        Run cancelled =
                testing.store.runs().requestCancel(alice, queued.resource().id());
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled while queued");
        testing.assertLastActivity(queued.resource().id(), "run.cancelled", alice);

        Run running = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        java.util.UUID id = running.resource().id();
        testing.store.runs().transition(alice, id, RunStatus.RUNNING, Optional.empty());
        assertThat(testing.store.runs().cancelRequested(alice, id)).isEmpty();
        Run requested = testing.store.runs().requestCancel(alice, id);
        assertThat(requested.status()).as("the executor ends it").isEqualTo(RunStatus.RUNNING);
        java.time.Instant at = testing.store.runs().cancelRequested(alice, id).orElseThrow();
        testing.assertLastActivity(id, "run.cancel_requested", alice);
        long activities = testing.activityCount();
        testing.store.runs().requestCancel(alice, id);
        assertThat(testing.store.runs().cancelRequested(alice, id))
                .as("the first request stays")
                .contains(at);
        assertThat(testing.activityCount()).isEqualTo(activities);

        testing.store.runs().transition(alice, id, RunStatus.CANCELLED, Optional.of("cancelled"));
        assertThatThrownBy(() -> testing.store.runs().requestCancel(alice, id))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.ILLEGAL_TRANSITION))
                .hasMessageContaining("it is CANCELLED, and only a QUEUED or RUNNING run can be cancelled");
    }

    @Test
    void queuedListsTheTenantsWaitingRunsOldestFirstForWhoMayRunThem() {
        Run first = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        Run second = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        Run started = testing.store
                .runs()
                .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
        testing.store.runs().transition(alice, started.resource().id(), RunStatus.RUNNING, Optional.empty());
        java.time.Instant later = second.queuedAt().plusMillis(1);

        List<java.util.UUID> ids = testing.store.runs().queued(alice, later, 10_000).stream()
                .map(r -> r.resource().id())
                .toList();
        assertThat(ids)
                .contains(first.resource().id(), second.resource().id())
                .doesNotContain(started.resource().id());
        assertThat(ids.indexOf(first.resource().id()))
                .isLessThan(ids.indexOf(second.resource().id()));
        assertThat(testing.store.runs().queued(alice, first.queuedAt(), 10_000))
                .as("queued strictly before")
                .noneMatch(r -> r.resource().id().equals(first.resource().id()));

        Actor stranger = testing.newUser().principal().asActor();
        assertThat(testing.store.runs().queued(stranger, later, 10_000))
                .as("runs the actor may not run are not listed")
                .isEmpty();
    }

    @Test
    void runsTypesMustMatchTheirInstance() {
        assertThatThrownBy(() -> testing.store
                        .runs()
                        .create(alice, NewRun.manual(dataset().resource().id(), ResourceType.TrainingRun, "1")))
                .hasMessageContaining("a TrainingRun belongs under ModelInstance");
        assertThatThrownBy(() -> testing.store
                        .runs()
                        .create(
                                alice,
                                new NewRun(
                                        dataset().resource().id(),
                                        ResourceType.PipelineRun,
                                        com.optaic.metadata.RunTrigger.SCHEDULE,
                                        Optional.empty(),
                                        json("{}"),
                                        List.of(),
                                        "1")))
                .hasMessageContaining("needs a nominal date");
    }

    @Test
    void eightSchedulersRacingForOneNominalDateMakeExactlyOneRun() throws Exception {
        Instance instance = dataset();
        LocalDate nominal = LocalDate.of(2024, 3, 10);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Run>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return testing.store
                            .runs()
                            .create(
                                    alice,
                                    NewRun.scheduled(instance.resource().id(), ResourceType.PipelineRun, nominal, "1"));
                }));
            }
            go.countDown();
            int created = 0;
            int conflicts = 0;
            for (Future<Run> result : results) {
                try {
                    result.get();
                    created++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(OptaicException.class, o -> {
                        assertThat(o.code()).isEqualTo(MetadataErrorCode.ALREADY_EXISTS);
                        assertThat(o).hasMessageContaining("already has a run for nominal date 2024-03-10");
                    });
                    conflicts++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(conflicts).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(testing.admin.queryForObject(
                        "SELECT count(*) FROM runs WHERE instance_id = ? AND nominal_date = ?",
                        Long.class,
                        instance.resource().id(),
                        nominal))
                .isEqualTo(1);
        assertThat(testing.admin.queryForObject(
                        "SELECT count(*) FROM resources WHERE parent_id = ?",
                        Long.class,
                        instance.resource().id()))
                .isEqualTo(1);
        assertThat(testing.store
                        .runs()
                        .findByNominalDate(alice, instance.resource().id(), nominal))
                .isPresent();
    }
}
