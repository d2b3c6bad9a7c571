package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Comparison;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceStatus;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.TreeNode;
import com.optaic.metadata.UserCreation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResourceServiceIT {
    static TestingStore testing;
    static Actor alice;
    static UserCreation aliceUser;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        aliceUser = testing.newUser();
        alice = aliceUser.principal().asActor();
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    UUID staging() {
        return aliceUser.personalSpace().staging().id();
    }

    @Test
    void createsAndReadsAProjectAndRecordsTheActivity() {
        Resource project = testing.store
                .resources()
                .create(
                        alice.withRequestId("req-1"),
                        NewResource.of(staging(), ResourceType.Project, "alpha")
                                .withDescription("first")
                                .withTags(List.of("a", "b")));
        assertThat(project.parentId()).contains(staging());
        assertThat(project.ownerId()).isEqualTo(alice.principalId());
        assertThat(project.path()).hasSize(4).endsWith(staging(), project.id());
        assertThat(project.tags()).containsExactly("a", "b");
        assertThat(testing.store.resources().get(alice, project.id())).isEqualTo(project);
        testing.assertLastActivity(project.id(), "resource.created", alice);
        assertThat(testing.lastActivity(project.id()).get("request_id")).isEqualTo("req-1");
    }

    @Test
    void siblingNamesAreUniqueAndReportedAsConflicts() {
        testing.store.resources().create(alice, NewResource.of(staging(), ResourceType.Project, "twin"));
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(alice, NewResource.of(staging(), ResourceType.Project, "twin")))
                .isInstanceOfSatisfying(OptaicException.class, e -> {
                    assertThat(e.code()).isEqualTo(MetadataErrorCode.ALREADY_EXISTS);
                    assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
                    assertThat(e).hasMessageContaining("'twin'");
                });
    }

    @Test
    void refusesAChildOfTheWrongType() {
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(
                                alice,
                                NewResource.of(
                                        aliceUser.personalSpace().space().id(), ResourceType.Project, "misplaced")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT))
                .hasMessageContaining("a Project belongs under Project or Subspace");
    }

    @Test
    void twoWritersFromTheSameRowVersionExactlyOneWins() throws Exception {
        Resource project = testing.project(alice, staging());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Resource>> results = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                results.add(pool.submit(() -> {
                    go.await();
                    return testing.store
                            .resources()
                            .rename(alice, project.id(), project.rowVersion(), name + "-" + project.name());
                }));
            }
            go.countDown();
            int wins = 0;
            List<OptaicException> losses = new ArrayList<>();
            for (Future<Resource> result : results) {
                try {
                    assertThat(result.get().rowVersion()).isEqualTo(project.rowVersion() + 1);
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    losses.add((OptaicException) e.getCause());
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(losses).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(MetadataErrorCode.CONCURRENT_MODIFICATION);
                assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(testing.verbs(project.id())).containsExactly("resource.created", "resource.renamed");
    }

    @Test
    void renameDescribeAndArchiveBumpTheRowVersion() {
        Resource project = testing.project(alice, staging());
        Resource renamed =
                testing.store.resources().rename(alice, project.id(), project.rowVersion(), project.name() + "-x");
        testing.assertLastActivity(project.id(), "resource.renamed", alice);
        Resource described =
                testing.store.resources().describe(alice, project.id(), renamed.rowVersion(), "words", List.of("t1"));
        assertThat(described.tags()).containsExactly("t1");
        testing.assertLastActivity(project.id(), "resource.updated", alice);
        Resource archived = testing.store.resources().archive(alice, project.id(), described.rowVersion());
        assertThat(archived.status()).isEqualTo(ResourceStatus.ARCHIVED);
        assertThat(archived.rowVersion()).isEqualTo(project.rowVersion() + 3);
        testing.assertLastActivity(project.id(), "resource.archived", alice);
        assertThatThrownBy(() -> testing.store.resources().rename(alice, project.id(), archived.rowVersion(), "again"))
                .hasMessageContaining("it is archived");
        assertThatThrownBy(() -> testing.project(alice, project.id())).hasMessageContaining("archived");
    }

    @Test
    void childrenArePagedByCursorAndTheTreeNests() {
        Resource parent = testing.project(alice, staging());
        for (int i = 0; i < 7; i++) {
            Resource child = testing.store
                    .resources()
                    .create(alice, NewResource.of(parent.id(), ResourceType.Project, "child-" + i));
            if (i == 0) {
                testing.store.resources().create(alice, NewResource.of(child.id(), ResourceType.Project, "grandchild"));
            }
        }
        List<String> names = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        int pages = 0;
        while (true) {
            Page<Resource> result = testing.store.resources().children(alice, parent.id(), page);
            result.items().forEach(r -> names.add(r.name()));
            pages++;
            if (result.nextCursor().isEmpty()) {
                break;
            }
            page = page.after(result.nextCursor().get());
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("child-0", "child-1", "child-2", "child-3", "child-4", "child-5", "child-6");
        TreeNode tree = testing.store.resources().tree(alice, parent.id(), 2);
        assertThat(tree.children()).hasSize(7);
        assertThat(tree.children().get(0).children())
                .extracting(n -> n.resource().name())
                .containsExactly("grandchild");
        assertThat(testing.store
                        .resources()
                        .tree(alice, parent.id(), 1)
                        .children()
                        .get(0)
                        .children())
                .isEmpty();
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .children(alice, parent.id(), PageRequest.first(2).after("garbage")))
                .hasMessageContaining("Invalid page cursor");
    }

    @Test
    void copyMakesTheCopierOwnerWithDerivedFromLineage() {
        UserCreation bob = testing.newUser();
        Actor bobActor = bob.principal().asActor();
        Resource bobProject =
                testing.project(bobActor, bob.personalSpace().staging().id());
        UUID csvDefinition = testing.admin.queryForObject(
                "SELECT id FROM resources WHERE parent_id = ? AND name = 'csv'", UUID.class, SystemIds.SYSTEM_PROJECT);
        Resource copy = testing.store.resources().copy(bobActor, csvDefinition, bobProject.id(), "my-csv");
        assertThat(copy.ownerId()).isEqualTo(bob.principal().id());
        assertThat(copy.type()).isEqualTo(ResourceType.PipelineDef);
        assertThat(testing.store.definitions().get(bobActor, copy.id()).codeRef())
                .isEqualTo("pipeline.csv");
        testing.assertLastActivity(copy.id(), "resource.copied", bobActor);
        List<LineageEdge> upstream =
                testing.store.lineage().walk(bobActor, LineageQuery.upstream(LineageNode.resource(copy.id()), 1));
        assertThat(upstream).singleElement().satisfies(edge -> {
            assertThat(edge.type()).isEqualTo(EdgeType.DERIVED_FROM);
            assertThat(edge.upstream()).isEqualTo(LineageNode.resource(csvDefinition));
        });

        Instance instance = testing.store
                .instances()
                .create(
                        bobActor,
                        new NewInstance(
                                bobProject.id(),
                                ResourceType.DatasetInstance,
                                "prices",
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/data/p.csv\"}}")));
        Resource instanceCopy =
                testing.store.resources().copy(bobActor, instance.resource().id(), bobProject.id(), "prices-copy");
        Instance copied = testing.store.instances().get(bobActor, instanceCopy.id());
        assertThat(copied.config()).isEqualTo(instance.config());
        assertThat(copied.pins()).isEqualTo(instance.pins());
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .copy(bobActor, bob.personalSpace().space().id(), bobProject.id(), "space-copy"))
                .hasMessageContaining("can be copied");
    }

    @Test
    void searchCombinesFiltersWithAndOrAndPagesByCursor() {
        UserCreation carol = testing.newUser();
        Actor actor = carol.principal().asActor();
        Resource project =
                testing.project(actor, carol.personalSpace().staging().id());
        UUID csv = testing.builtinVersion("csv");
        List<Instance> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(testing.store
                    .instances()
                    .create(
                            actor,
                            new NewInstance(
                                    project.id(),
                                    ResourceType.DatasetInstance,
                                    "ds-" + i,
                                    "",
                                    Map.of("pipeline", csv),
                                    json("{\"pipeline\": {\"path\": \"/p" + i + "\", \"window\": " + (10 * (i + 1))
                                            + "}, \"universe\": \"" + (i % 2 == 0 ? "us" : "eu") + "\"}"))));
        }
        testing.store
                .resources()
                .describe(
                        actor,
                        made.get(0).resource().id(),
                        made.get(0).resource().rowVersion(),
                        "",
                        List.of("momentum"));
        Run run = testing.store
                .runs()
                .create(actor, NewRun.manual(made.get(1).resource().id(), ResourceType.PipelineRun, "test"));
        testing.store.runs().transition(actor, run.resource().id(), RunStatus.RUNNING, Optional.empty());
        testing.store.runs().recordMetrics(actor, run.resource().id(), json("{\"sharpe\": 1.7, \"rows\": 100}"));

        ResourceFilter datasets = new ResourceFilter.TypeIn(Set.of(ResourceType.DatasetInstance));
        SearchRequest usOrTagged = new SearchRequest(
                Optional.of(project.id()),
                ResourceFilter.all(
                        datasets,
                        ResourceFilter.any(
                                new ResourceFilter.ConfigField(List.of("universe"), Comparison.EQ, json("\"eu\"")),
                                new ResourceFilter.HasTag("momentum"))),
                PageRequest.first(2));
        Page<Resource> first = testing.store.resources().search(actor, usOrTagged);
        assertThat(first.items()).extracting(Resource::name).containsExactly("ds-0", "ds-1");
        Page<Resource> second = testing.store
                .resources()
                .search(
                        actor,
                        new SearchRequest(
                                usOrTagged.under(),
                                usOrTagged.filter(),
                                usOrTagged.page().after(first.nextCursor().orElseThrow())));
        assertThat(second.items()).extracting(Resource::name).containsExactly("ds-3");
        assertThat(second.nextCursor()).isEmpty();

        SearchRequest wide = SearchRequest.of(
                ResourceFilter.all(
                        datasets,
                        new ResourceFilter.ConfigField(List.of("pipeline", "window"), Comparison.GE, json("30"))),
                10);
        assertThat(testing.store.resources().search(actor, wide).items())
                .extracting(Resource::name)
                .containsExactly("ds-2", "ds-3", "ds-4");

        SearchRequest metric = SearchRequest.of(new ResourceFilter.Metric("sharpe", Comparison.GT, 1.5), 10);
        assertThat(testing.store.resources().search(actor, metric).items())
                .extracting(Resource::id)
                .containsExactly(run.resource().id());
        SearchRequest nameAndStatus = SearchRequest.of(
                ResourceFilter.all(
                        new ResourceFilter.NameContains("DS-"), new ResourceFilter.StatusIs(ResourceStatus.ACTIVE)),
                10);
        assertThat(testing.store.resources().search(actor, nameAndStatus).items())
                .hasSize(5);
        assertThat(testing.store.resources().search(alice, nameAndStatus).items())
                .noneMatch(r -> r.path().contains(project.id()));
    }
}
