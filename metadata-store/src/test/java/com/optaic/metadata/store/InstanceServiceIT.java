package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.Instance;
import com.optaic.metadata.InstanceVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Schedule;
import com.optaic.metadata.UserCreation;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstanceServiceIT {
    static TestingStore testing;
    static Actor alice;
    static Resource project;
    static UUID csv;
    static UUID parquet;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        UserCreation user = testing.newUser();
        alice = user.principal().asActor();
        project = testing.project(alice, user.personalSpace().staging().id());
        csv = testing.builtinVersion("csv");
        parquet = testing.builtinVersion("parquet");
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    Instance dataset(String config) {
        return testing.store
                .instances()
                .create(
                        alice,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                TestingStore.unique("prices"),
                                "",
                                Map.of("pipeline", csv, "store", parquet),
                                json(config)));
    }

    @Test
    void createPinsExactVersionsAndUpdateWritesANewVersion() {
        Instance created = dataset("{\"pipeline\": {\"path\": \"/p.csv\", \"window\": 5}, \"store\": {}}");
        assertThat(created.currentVersion()).isEqualTo(1);
        assertThat(created.pins()).containsEntry("pipeline", csv).containsEntry("store", parquet);
        testing.assertLastActivity(created.resource().id(), "instance.created", alice);

        Instance updated = testing.store
                .instances()
                .update(
                        alice,
                        created.resource().id(),
                        1,
                        json("{\"pipeline\": {\"path\": \"/q.csv\"}}"),
                        Optional.empty());
        assertThat(updated.currentVersion()).isEqualTo(2);
        testing.assertLastActivity(created.resource().id(), "instance.updated", alice);
        assertThat(testing.store.instances().versions(alice, created.resource().id()))
                .extracting(InstanceVersion::version)
                .containsExactly(1, 2);
        assertThat(testing.store
                        .instances()
                        .version(alice, created.resource().id(), 1)
                        .config())
                .isEqualTo(created.config());
        assertThat(testing.store
                        .instances()
                        .update(
                                alice,
                                created.resource().id(),
                                2,
                                json("{\"pipeline\": {\"path\": \"/q.csv\"}}"),
                                Optional.empty())
                        .currentVersion())
                .as("an unchanged config writes no version")
                .isEqualTo(2);

        assertThatThrownBy(() -> testing.store
                        .instances()
                        .update(
                                alice,
                                created.resource().id(),
                                1,
                                json("{\"pipeline\": {\"path\": \"/r.csv\"}}"),
                                Optional.empty()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.CONCURRENT_MODIFICATION));
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE instance_versions SET config = '{}' WHERE instance_id = ?",
                        created.resource().id()))
                .hasStackTraceContaining("immutable");
    }

    @Test
    void configIsValidatedAgainstThePinnedSchemas() {
        assertThatThrownBy(() -> dataset("{\"pipeline\": {\"window\": \"five\", \"extra\": 1}}"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.GUARDRAIL_FAILED))
                .hasMessageContaining("guardrail 'config-schema' failed")
                .hasMessageContaining("missing required property 'path'")
                .hasMessageContaining("/window: expected integer")
                .hasMessageContaining("unknown property 'extra'");
        Instance ok = dataset("{\"pipeline\": {\"path\": \"/p\"}}");
        assertThatThrownBy(() -> testing.store
                        .instances()
                        .update(
                                alice,
                                ok.resource().id(),
                                1,
                                json("{\"pipeline\": {\"path\": \"\"}}"),
                                Optional.empty()))
                .hasMessageContaining("config-schema")
                .hasMessageContaining("at least 1 characters");
        assertThatThrownBy(() -> testing.store
                        .instances()
                        .create(
                                alice,
                                new NewInstance(
                                        project.id(),
                                        ResourceType.DatasetInstance,
                                        "ghost",
                                        "",
                                        Map.of("pipeline", UUID.randomUUID()),
                                        json("{}"))))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.METADATA_NOT_FOUND));
    }

    @Test
    void deprecatedDefinitionVersionsCannotBePinned() {
        Definition op = testing.store
                .definitions()
                .submit(
                        alice,
                        new NewDefinition(
                                project.id(),
                                ResourceType.OpDef,
                                TestingStore.unique("old"),
                                "",
                                new DefinitionContent("op.old", json("{}"), json("{}"), "1")));
        UUID version = testing.store
                .definitions()
                .version(alice, op.resource().id(), 1)
                .id();
        testing.store.definitions().deprecate(alice, op.resource().id(), 1);
        assertThatThrownBy(() -> testing.store
                        .instances()
                        .create(
                                alice,
                                new NewInstance(
                                        project.id(),
                                        ResourceType.ExperimentInstance,
                                        "exp",
                                        "",
                                        Map.of("op", version),
                                        json("{}"))))
                .hasMessageContaining("pinned-definition-not-deprecated");
    }

    @Test
    void schedulesCarryACronAndAZone() {
        Instance instance = dataset("{\"pipeline\": {\"path\": \"/p\"}}");
        Instance scheduled = testing.store
                .instances()
                .schedule(
                        alice,
                        instance.resource().id(),
                        Optional.of(new Schedule("30 6 * * MON-FRI", ZoneId.of("America/Bahia_Banderas"))));
        assertThat(scheduled.schedule())
                .contains(new Schedule("30 6 * * MON-FRI", ZoneId.of("America/Bahia_Banderas")));
        testing.assertLastActivity(instance.resource().id(), "instance.scheduled", alice);
        assertThat(testing.store.instances().scheduled(alice))
                .extracting(i -> i.resource().id())
                .contains(instance.resource().id());
        assertThatThrownBy(() -> testing.store
                        .instances()
                        .schedule(
                                alice,
                                instance.resource().id(),
                                Optional.of(new Schedule("61 * * * *", ZoneId.of("UTC")))))
                .hasMessageContaining("minute field '61'");
        testing.store.instances().schedule(alice, instance.resource().id(), Optional.empty());
        testing.assertLastActivity(instance.resource().id(), "instance.unscheduled", alice);
        assertThat(testing.store
                        .instances()
                        .get(alice, instance.resource().id())
                        .schedule())
                .isEmpty();
    }
}
