package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.ADMIN;
import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.PromotionPolicy;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.Signal;
import com.optaic.metadata.SpaceCreation;
import com.optaic.metadata.Threshold;
import com.optaic.metadata.ValidationStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalServiceIT {
    static TestingStore testing;
    static Actor researcher;
    static Actor reviewer;
    static SpaceCreation team;
    static Resource stagingProject;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        researcher = testing.newUser().principal().asActor();
        reviewer = testing.newUser().principal().asActor();
        team = testing.store
                .spaces()
                .createTeamSpace(ADMIN, "quant-team", reviewer.principalId(), List.of(researcher.principalId()));
        stagingProject = testing.project(researcher, team.staging().id());
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    Signal registered(String name) {
        Instance dataset = testing.store
                .instances()
                .create(
                        researcher,
                        new NewInstance(
                                stagingProject.id(),
                                ResourceType.DatasetInstance,
                                name + "-data",
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/p\"}}")));
        testing.store
                .dataVersions()
                .publish(
                        researcher,
                        new NewDataVersion(
                                dataset.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                Optional.empty(),
                                false));
        return testing.store
                .signals()
                .register(researcher, dataset.resource().id(), Optional.empty(), stagingProject.id(), name);
    }

    Run validationRun(Signal signal, String metrics) {
        Run run = testing.store
                .runs()
                .create(researcher, NewRun.manual(signal.resource().id(), ResourceType.BacktestRun, "1"));
        testing.store.runs().transition(researcher, run.resource().id(), RunStatus.RUNNING, Optional.empty());
        testing.store.runs().recordMetrics(researcher, run.resource().id(), json(metrics));
        return testing.store.runs().transition(researcher, run.resource().id(), RunStatus.SUCCEEDED, Optional.empty());
    }

    @Test
    void registerValidateAndPromoteWithThresholdsAndFourEyes() {
        testing.store
                .spaces()
                .setPromotionPolicy(
                        reviewer,
                        team.official().id(),
                        testing.store
                                .resources()
                                .get(reviewer, team.official().id())
                                .rowVersion(),
                        new PromotionPolicy(
                                Map.of("sharpe", Threshold.atLeast(1.0), "max_drawdown", Threshold.atMost(0.25)),
                                true));
        testing.assertLastActivity(team.official().id(), "subspace.policy_set", reviewer);
        assertThat(testing.store
                        .spaces()
                        .promotionPolicy(researcher, team.official().id())
                        .fourEyes())
                .isTrue();

        Signal signal = registered("mom_20");
        assertThat(signal.validationStatus()).isEqualTo(ValidationStatus.UNVALIDATED);
        testing.assertLastActivity(signal.resource().id(), "signal.registered", researcher);

        assertThatThrownBy(() -> testing.store
                        .signals()
                        .promote(
                                reviewer,
                                signal.resource().id(),
                                team.official().id()))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.GUARDRAIL_FAILED))
                .hasMessageContaining("'promotion-thresholds'")
                .hasMessageContaining("no validation run");

        Run weak = validationRun(signal, "{\"sharpe\": 0.4, \"max_drawdown\": 0.1}");
        Signal failed = testing.store
                .signals()
                .validate(
                        researcher,
                        signal.resource().id(),
                        weak.resource().id(),
                        team.official().id());
        assertThat(failed.validationStatus()).isEqualTo(ValidationStatus.FAILED);
        testing.assertLastActivity(signal.resource().id(), "signal.validated", researcher);
        assertThatThrownBy(() -> testing.store
                        .signals()
                        .promote(
                                reviewer,
                                signal.resource().id(),
                                team.official().id()))
                .hasMessageContaining("metric sharpe = 0.4 is below the minimum 1.0");

        Run strong = validationRun(signal, "{\"sharpe\": 1.6, \"max_drawdown\": 0.2}");
        assertThat(testing.store
                        .signals()
                        .validate(
                                researcher,
                                signal.resource().id(),
                                strong.resource().id(),
                                team.official().id())
                        .validationStatus())
                .isEqualTo(ValidationStatus.PASSED);

        assertThatThrownBy(() -> testing.store
                        .signals()
                        .promote(
                                researcher,
                                signal.resource().id(),
                                team.official().id()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.PERMISSION_DENIED));
        testing.store.access().grant(reviewer, team.space().id(), researcher.principalId(), Role.OWNER);
        assertThatThrownBy(() -> testing.store
                        .signals()
                        .promote(
                                researcher,
                                signal.resource().id(),
                                team.official().id()))
                .hasMessageContaining("guardrail 'four-eyes' failed");

        Signal official = testing.store
                .signals()
                .promote(reviewer, signal.resource().id(), team.official().id());
        assertThat(official.promotedFrom()).contains(signal.resource().id());
        assertThat(official.resource().parentId()).contains(team.official().id());
        testing.assertLastActivity(official.resource().id(), "signal.promoted", reviewer);
        DataVersion officialVersion = testing.store
                .dataVersions()
                .resolve(reviewer, signal.datasetId(), DataVersionService.OFFICIAL)
                .orElseThrow();
        assertThat(officialVersion.id()).isEqualTo(signal.dataVersionId());
        List<LineageEdge> up = testing.store
                .lineage()
                .walk(
                        reviewer,
                        LineageQuery.upstream(
                                LineageNode.resource(official.resource().id()), 1));
        assertThat(up).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EdgeType.COPIED_FROM);
            assertThat(e.upstream().id()).isEqualTo(signal.resource().id());
        });
        assertThatThrownBy(() -> testing.store
                        .signals()
                        .promote(
                                reviewer,
                                official.resource().id(),
                                team.official().id()))
                .hasMessageContaining("already official");
    }

    @Test
    void signalsAreRegisteredOnlyUnderStaging() {
        Instance dataset = testing.store
                .instances()
                .create(
                        researcher,
                        new NewInstance(
                                stagingProject.id(),
                                ResourceType.DatasetInstance,
                                "elsewhere-data",
                                "",
                                Map.of(),
                                json("{}")));
        testing.store
                .dataVersions()
                .publish(
                        researcher,
                        new NewDataVersion(
                                dataset.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                Optional.empty(),
                                false));
        Resource officialProject = testing.project(reviewer, team.official().id());
        testing.store.access().grant(reviewer, officialProject.id(), researcher.principalId(), Role.OPERATOR);
        assertThatThrownBy(() -> testing.store
                        .signals()
                        .register(researcher, dataset.resource().id(), Optional.of(1), officialProject.id(), "sneaky"))
                .hasMessageContaining("must be in a staging subspace");
    }
}
