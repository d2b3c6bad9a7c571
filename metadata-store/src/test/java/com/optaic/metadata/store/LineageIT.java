package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.UserCreation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LineageIT {
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

    static Instance dataset(String name) {
        return testing.store
                .instances()
                .create(
                        alice,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                name,
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/p\"}}")));
    }

    static DataVersion publish(Instance dataset, Optional<Run> by) {
        return testing.store
                .dataVersions()
                .publish(
                        alice,
                        new NewDataVersion(
                                dataset.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                by.map(r -> r.resource().id()),
                                false));
    }

    static Run runProducing(Instance target, List<DataVersion> inputs) {
        Run run = testing.store
                .runs()
                .create(
                        alice,
                        NewRun.manual(target.resource().id(), ResourceType.PipelineRun, "1")
                                .withInputs(inputs.stream().map(DataVersion::id).toList()));
        testing.store.runs().transition(alice, run.resource().id(), RunStatus.RUNNING, Optional.empty());
        return run;
    }

    @Test
    void upstreamAndDownstreamFollowRunsToAGivenDepth() {
        Instance raw = dataset("raw");
        Instance clean = dataset("clean");
        Instance features = dataset("features");
        DataVersion raw1 = publish(raw, Optional.empty());
        Run cleaning = runProducing(clean, List.of(raw1));
        DataVersion clean1 = publish(clean, Optional.of(cleaning));
        testing.store.runs().transition(alice, cleaning.resource().id(), RunStatus.SUCCEEDED, Optional.empty());
        Run featuring = runProducing(features, List.of(clean1));
        DataVersion features1 = publish(features, Optional.of(featuring));

        List<LineageEdge> up =
                testing.store.lineage().walk(alice, LineageQuery.upstream(LineageNode.dataVersion(features1.id()), 10));
        assertThat(up)
                .extracting(LineageEdge::upstream)
                .contains(
                        LineageNode.resource(featuring.resource().id()), LineageNode.dataVersion(clean1.id()),
                        LineageNode.resource(cleaning.resource().id()), LineageNode.dataVersion(raw1.id()));
        assertThat(up)
                .filteredOn(e -> e.upstream().equals(LineageNode.dataVersion(raw1.id())))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EdgeType.CONSUMED);
                    assertThat(e.depth()).isEqualTo(4);
                });
        assertThat(testing.store
                        .lineage()
                        .walk(alice, LineageQuery.upstream(LineageNode.dataVersion(features1.id()), 2)))
                .allMatch(e -> e.depth() <= 2)
                .extracting(LineageEdge::upstream)
                .doesNotContain(LineageNode.dataVersion(raw1.id()));

        List<LineageEdge> down =
                testing.store.lineage().walk(alice, LineageQuery.downstream(LineageNode.dataVersion(raw1.id()), 10));
        assertThat(down).extracting(LineageEdge::downstream).contains(LineageNode.dataVersion(features1.id()));

        List<LineageEdge> asOfCleaning = testing.store
                .lineage()
                .walk(
                        alice,
                        LineageQuery.downstream(LineageNode.dataVersion(raw1.id()), 10)
                                .asOf(cleaning.resource().id()));
        assertThat(asOfCleaning)
                .extracting(LineageEdge::downstream)
                .contains(LineageNode.dataVersion(clean1.id()))
                .doesNotContain(LineageNode.dataVersion(features1.id()));
    }

    @Test
    void explicitLinksAreRecordedAndUnreadableNodesAreHidden() {
        Instance a = dataset("a");
        Instance b = dataset("b");
        testing.store
                .lineage()
                .link(
                        alice,
                        LineageNode.resource(a.resource().id()),
                        LineageNode.resource(b.resource().id()),
                        EdgeType.DERIVED_FROM);
        testing.assertLastActivity(b.resource().id(), "lineage.linked", alice);
        UserCreation bob = testing.newUser();
        Actor bobActor = bob.principal().asActor();
        Resource bobProject =
                testing.project(bobActor, bob.personalSpace().staging().id());
        testing.store.access().grant(alice, a.resource().id(), bobActor.principalId(), com.optaic.metadata.Role.VIEWER);
        Resource bobCopy = testing.store.resources().copy(bobActor, a.resource().id(), bobProject.id(), "mine");
        assertThat(testing.store
                        .lineage()
                        .walk(
                                bobActor,
                                LineageQuery.downstream(
                                        LineageNode.resource(a.resource().id()), 3)))
                .extracting(LineageEdge::downstream)
                .containsExactly(LineageNode.resource(bobCopy.id()));
        assertThatThrownBy(() -> testing.store
                        .lineage()
                        .link(
                                alice,
                                LineageNode.resource(a.resource().id()),
                                LineageNode.resource(a.resource().id()),
                                EdgeType.DERIVED_FROM))
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> testing.store
                        .lineage()
                        .walk(
                                bobActor,
                                LineageQuery.upstream(
                                        LineageNode.resource(b.resource().id()), 3)))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }
}
