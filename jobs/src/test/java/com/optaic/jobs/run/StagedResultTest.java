package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.metadata.NewAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StagedResultTest {
    private static StagedResult.StagedVersion version(UUID dataset, String hash) {
        LocalDate day = LocalDate.of(2024, 1, 2);
        DataFile file = new DataFile("data/v1/part-0.parquet", 3, 100, "a".repeat(64), day, day, List.of("x"), 1);
        VersionManifest manifest = new VersionManifest(
                dataset.toString(),
                1,
                VersionManifest.NO_PARENT,
                VersionManifest.Operation.REBUILD,
                Instant.parse("2024-01-02T00:00:00Z"),
                day,
                Map.of("x", FieldType.NUMERIC),
                day,
                day,
                3,
                List.of(file));
        return new StagedResult.StagedVersion(dataset, manifest, false, 3, hash);
    }

    @Test
    void severalOutputsSurviveTheExecutionContextAndHashTogether() {
        StagedResult.StagedVersion a = version(UUID.randomUUID(), "h1");
        StagedResult.StagedVersion b = version(UUID.randomUUID(), "h2");
        ObjectNode metrics = StagedResult.newMetrics().put("sharpe", 1.5);
        StagedResult staged = new StagedResult(List.of(a, b), metrics);
        StagedResult back = StagedResult.fromJson(staged.toJson());
        assertThat(back.outputs()).containsExactly(a, b);
        assertThat(back.metrics()).isEqualTo(metrics);
        assertThat(back.contentHash())
                .isEqualTo(staged.contentHash())
                .get()
                .asString()
                .hasSize(64);
        assertThat(new StagedResult(List.of(b, a), metrics).contentHash()).isNotEqualTo(staged.contentHash());
        assertThat(new StagedResult(Optional.of(a), metrics).contentHash()).contains("h1");
        assertThat(new StagedResult(Optional.empty(), metrics).contentHash()).isEmpty();
        assertThatThrownBy(() -> new StagedResult(List.of(a, a), metrics)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alertsAndTheirWebhookSurviveTheExecutionContext() {
        StagedResult.StagedVersion a = version(UUID.randomUUID(), "h1");
        List<NewAlert> alerts = List.of(
                new NewAlert("alert", "x", "psi", 0.31, 0.25, "current 2024-01-02..2024-01-02 vs reference ..."),
                new NewAlert("warn", "*", "share_drifted", 0.5, 0.5, "w"));
        StagedResult staged =
                new StagedResult(List.of(a), StagedResult.newMetrics(), alerts, Optional.of("http://127.0.0.1:1/x"));
        StagedResult back = StagedResult.fromJson(staged.toJson());
        assertThat(back.alerts()).isEqualTo(alerts);
        assertThat(back.alertWebhook()).contains("http://127.0.0.1:1/x");
        assertThat(StagedResult.fromJson(new StagedResult(List.of(a), StagedResult.newMetrics()).toJson())
                        .alerts())
                .isEmpty();
    }

    @Test
    void aSingleOutputKeptBeforeSeveralWereAllowedIsStillRead() throws Exception {
        StagedResult.StagedVersion a = version(UUID.randomUUID(), "h1");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root =
                (ObjectNode) mapper.readTree(new StagedResult(Optional.of(a), StagedResult.newMetrics()).toJson());
        root.set("output", root.get("outputs").get(0));
        root.remove("outputs");
        assertThat(StagedResult.fromJson(root.toString()).output()).contains(a);
    }
}
