package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.UserCreation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefinitionServiceIT {
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

    static DefinitionContent content(String spec) {
        return new DefinitionContent(
                "op.mean",
                json("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"),
                json(spec),
                "git:abc123");
    }

    @Test
    void submitVersionEvaluateDeployDeprecate() {
        Definition definition = testing.store
                .definitions()
                .submit(
                        alice,
                        new NewDefinition(
                                project.id(),
                                ResourceType.OpDef,
                                TestingStore.unique("mean"),
                                "rolling mean",
                                content("{\"doc\": \"v1\"}")));
        assertThat(definition.latestVersion()).isEqualTo(1);
        assertThat(definition.codeRef()).isEqualTo("op.mean");
        testing.assertLastActivity(definition.resource().id(), "definition.submitted", alice);
        DefinitionVersion v1 =
                testing.store.definitions().version(alice, definition.resource().id(), 1);
        assertThat(v1.status()).isEqualTo(DefinitionStatus.SUBMITTED);
        assertThat(v1.contentHash()).startsWith("sha256:");
        assertThat(v1.content().codeVersion()).isEqualTo("git:abc123");

        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .addVersion(alice, definition.resource().id(), content("{\"doc\": \"v1\"}")))
                .hasMessageContaining("equals version 1");
        DefinitionVersion v2 = testing.store
                .definitions()
                .addVersion(alice, definition.resource().id(), content("{\"doc\": \"v2\"}"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.contentHash()).isNotEqualTo(v1.contentHash());
        testing.assertLastActivity(definition.resource().id(), "definition.version_added", alice);

        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .deploy(alice, definition.resource().id(), 2))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.GUARDRAIL_FAILED))
                .hasMessageContaining("deploy-requires-passed-evaluation");
        testing.store.definitions().evaluate(alice, definition.resource().id(), 2, false, json("{\"tests\": 3}"));
        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .deploy(alice, definition.resource().id(), 2))
                .hasMessageContaining("evaluation failed");
        DefinitionVersion evaluated = testing.store
                .definitions()
                .evaluate(alice, definition.resource().id(), 2, true, json("{\"tests\": 3}"));
        assertThat(evaluated.evaluation().orElseThrow().get("passed").asBoolean())
                .isTrue();
        testing.assertLastActivity(definition.resource().id(), "definition.evaluated", alice);
        DefinitionVersion deployed =
                testing.store.definitions().deploy(alice, definition.resource().id(), 2);
        assertThat(deployed.status()).isEqualTo(DefinitionStatus.DEPLOYED);
        testing.assertLastActivity(definition.resource().id(), "definition.deployed", alice);
        assertThat(testing.store.definitions().latestDeployed(alice, "op.mean")).contains(deployed);

        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .evaluate(alice, definition.resource().id(), 2, true, json("{}")))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.ILLEGAL_TRANSITION));
        testing.store.definitions().deprecate(alice, definition.resource().id(), 2);
        testing.assertLastActivity(definition.resource().id(), "definition.deprecated", alice);
        assertThat(testing.store
                        .definitions()
                        .versions(alice, definition.resource().id()))
                .extracting(DefinitionVersion::status)
                .containsExactly(DefinitionStatus.SUBMITTED, DefinitionStatus.DEPRECATED);
        assertThat(testing.store.definitions().findByCodeRef(alice, "op.mean"))
                .extracting(d -> d.resource().id())
                .contains(definition.resource().id());
    }

    @Test
    void versionsAreImmutableInTheDatabase() {
        Definition definition = testing.store
                .definitions()
                .submit(
                        alice,
                        new NewDefinition(
                                project.id(), ResourceType.OpDef, TestingStore.unique("frozen"), "", content("{}")));
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE definition_versions SET spec = '{\"evil\": true}' WHERE definition_id = ?",
                        definition.resource().id()))
                .hasStackTraceContaining("is immutable");
        assertThatThrownBy(() -> testing.admin.update(
                        "DELETE FROM definition_versions WHERE definition_id = ?",
                        definition.resource().id()))
                .hasStackTraceContaining("never deleted");
        assertThatThrownBy(() -> testing.admin.update(
                        "UPDATE definition_versions SET status = 'deployed' WHERE definition_id = ?",
                        definition.resource().id()))
                .hasStackTraceContaining("cannot go from submitted to deployed");
    }

    @Test
    void refusesSchemasItCannotEnforce() {
        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .submit(
                                alice,
                                new NewDefinition(
                                        project.id(),
                                        ResourceType.OpDef,
                                        "refs",
                                        "",
                                        new DefinitionContent(
                                                "op.x",
                                                json(
                                                        "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/defs/a\"}}}"),
                                                json("{}"),
                                                "1"))))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT))
                .hasMessageContaining("#/properties/a/$ref");
        assertThatThrownBy(() -> testing.store
                        .definitions()
                        .submit(
                                alice,
                                new NewDefinition(
                                        project.id(), ResourceType.DatasetInstance, "wrong", "", content("{}"))))
                .hasMessageContaining("as a definition");
    }
}
