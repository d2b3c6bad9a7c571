package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.metadata.Actor;
import com.optaic.metadata.AliasAssignment;
import com.optaic.metadata.DataFile;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.UserCreation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataVersionServiceIT {
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

    static DataFile file(String path, int day) {
        return new DataFile(
                path,
                100,
                2048,
                "sha256:" + path.hashCode(),
                Optional.of(LocalDate.of(2024, 1, day)),
                Optional.of(LocalDate.of(2024, 1, day)));
    }

    @Test
    void versionsAreNumberedImmutableAndIncrementalOnesKeepTheirBase() throws Exception {
        Instance dataset = testing.store
                .instances()
                .create(
                        alice,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                "prices",
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/p\"}}")));
        java.util.UUID id = dataset.resource().id();
        DataManifest first = new DataManifest(
                List.of(file("a.parquet", 2), file("b.parquet", 3)), json("{\"fields\": [\"close\"]}"));
        DataVersion v1 =
                testing.store.dataVersions().publish(alice, new NewDataVersion(id, first, Optional.empty(), false));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.rowCount()).isEqualTo(200);
        assertThat(v1.minDate()).contains(LocalDate.of(2024, 1, 2));
        assertThat(v1.maxDate()).contains(LocalDate.of(2024, 1, 3));
        assertThat(v1.manifest()).isEqualTo(first);
        assertThat(testing.verbs(id)).endsWith("data_version.published", "alias.set");
        Instant afterV1 = Instant.now();
        Thread.sleep(5);

        assertThatThrownBy(() -> testing.store
                        .dataVersions()
                        .publish(
                                alice,
                                new NewDataVersion(
                                        id,
                                        new DataManifest(
                                                List.of(file("a.parquet", 2), file("c.parquet", 4)), json("{}")),
                                        Optional.empty(),
                                        true)))
                .hasMessageContaining("'b.parquet' is missing or differs");
        DataVersion v2 = testing.store
                .dataVersions()
                .publish(
                        alice,
                        new NewDataVersion(
                                id,
                                new DataManifest(
                                        List.of(file("a.parquet", 2), file("b.parquet", 3), file("c.parquet", 4)),
                                        json("{}")),
                                Optional.empty(),
                                true));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.previousVersionId()).contains(v1.id());
        testing.assertLastActivity(id, "alias.set", alice);

        assertThat(testing.store.dataVersions().resolve(alice, id, DataVersionService.LATEST))
                .contains(v2);
        assertThat(testing.store.dataVersions().resolveAsOf(alice, id, DataVersionService.LATEST, afterV1))
                .contains(v1);
        assertThat(testing.store
                        .dataVersions()
                        .resolveAsOf(alice, id, DataVersionService.LATEST, Instant.parse("2000-01-01T00:00:00Z")))
                .isEmpty();

        AliasAssignment official = testing.store.dataVersions().setAlias(alice, id, DataVersionService.OFFICIAL, 1);
        assertThat(official.version()).isEqualTo(1);
        Instant officialWas1 = Instant.now();
        Thread.sleep(5);
        testing.store.dataVersions().setAlias(alice, id, DataVersionService.OFFICIAL, 2);
        List<AliasAssignment> history =
                testing.store.dataVersions().aliasHistory(alice, id, DataVersionService.OFFICIAL);
        assertThat(history).extracting(AliasAssignment::version).containsExactly(1, 2);
        assertThat(history.get(0).validTo()).isPresent();
        assertThat(history.get(1).validTo()).isEmpty();
        assertThat(testing.store.dataVersions().resolveAsOf(alice, id, DataVersionService.OFFICIAL, officialWas1))
                .map(DataVersion::version)
                .contains(1);
        assertThat(testing.store.dataVersions().versions(alice, id))
                .extracting(DataVersion::version)
                .containsExactly(1, 2);

        assertThatThrownBy(() -> testing.store.dataVersions().setAlias(alice, id, "Bad Alias", 1))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(
                        () -> testing.admin.update("UPDATE data_versions SET row_count = 0 WHERE dataset_id = ?", id))
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> testing.admin.update("DELETE FROM data_aliases WHERE dataset_id = ?", id))
                .hasStackTraceContaining("never deleted");
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE data_aliases SET valid_to = now() WHERE dataset_id = ? AND valid_to IS NOT NULL", id))
                .hasStackTraceContaining("append-only");
    }
}
