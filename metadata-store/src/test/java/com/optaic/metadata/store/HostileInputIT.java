package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Comparison;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.UserCreation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Names and JSON carrying SQL, quotes, huge and malformed text are stored verbatim or refused clearly. */
class HostileInputIT {
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

    static Stream<String> storable() {
        byte[] invalidUtf8 = {(byte) 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 'z'};
        return Stream.of(
                "x'; DROP TABLE resources; --",
                "Robert'); DELETE FROM activities WHERE ('1' = '1",
                "\" OR \"\"=\"",
                "' OR 1=1 --",
                "$$; SELECT pg_sleep(10); $$",
                "%_\\% LIKE wildcards \\\\",
                "/* comment */ UNION SELECT * FROM api_tokens",
                "名前 – ñ – 🚀 – \u202Eevil",
                new String(invalidUtf8, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("storable")
    void hostileNamesAreStoredVerbatimAndFindable(String name) {
        Resource created = testing.store
                .resources()
                .create(
                        alice,
                        NewResource.of(project.id(), ResourceType.Project, name)
                                .withDescription(name)
                                .withTags(List.of(name.length() > 60 ? name.substring(0, 60) : name)));
        Resource read = testing.store.resources().get(alice, created.id());
        assertThat(read.name()).isEqualTo(name);
        assertThat(read.description()).isEqualTo(name);
        assertThat(testing.store.resources().findChild(alice, project.id(), name))
                .contains(read);
        assertThat(testing.store
                        .resources()
                        .search(alice, SearchRequest.of(new ResourceFilter.NameIs(name), 5))
                        .items())
                .extracting(Resource::id)
                .containsExactly(created.id());
        assertThat(testing.store
                        .resources()
                        .search(alice, SearchRequest.of(new ResourceFilter.NameContains(name), 5))
                        .items())
                .extracting(Resource::id)
                .contains(created.id());
        testing.assertLastActivity(created.id(), "resource.created", alice);
        assertThat(testing.admin.queryForObject("SELECT count(*) FROM resources", Long.class))
                .isPositive();
    }

    @Test
    void tenKilobyteTextIsKeptWhereTextBelongsAndRefusedAsAName() {
        String big = "ab'c\"d;".repeat(1500);
        assertThat(big.length()).isGreaterThan(10_000);
        Resource created = testing.store
                .resources()
                .create(
                        alice,
                        NewResource.of(project.id(), ResourceType.Project, TestingStore.unique("big"))
                                .withDescription(big));
        assertThat(testing.store.resources().get(alice, created.id()).description())
                .isEqualTo(big);
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(alice, NewResource.of(project.id(), ResourceType.Project, big)))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT))
                .hasMessageContaining("Resource name is 10500 characters long; the limit is 255");
    }

    @Test
    void nulCharactersAndUnpairedSurrogatesAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(alice, NewResource.of(project.id(), ResourceType.Project, "nul\u0000byte")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT))
                .hasMessageContaining("NUL character at index 3");
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(alice, NewResource.of(project.id(), ResourceType.Project, "half\uD83D")))
                .hasMessageContaining("unpaired surrogate U+D83D at index 4");
        assertThatThrownBy(() -> testing.store
                        .resources()
                        .create(
                                alice,
                                NewResource.of(project.id(), ResourceType.Project, "ok")
                                        .withDescription("x\u0000")))
                .hasMessageContaining("Description contains a NUL character");
        ObjectNode config = Json.object();
        config.put("note", "bad\u0000");
        assertThatThrownBy(() -> testing.store
                        .instances()
                        .create(
                                alice,
                                new NewInstance(
                                        project.id(),
                                        ResourceType.BacktestInstance,
                                        "nul-config",
                                        "",
                                        Map.of(),
                                        config)))
                .hasMessageContaining("Instance config at '/note' contains a NUL character");
        assertThat(testing.admin.queryForObject(
                        "SELECT count(*) FROM resources WHERE name IN ('ok', 'nul-config')", Long.class))
                .isZero();
    }

    @Test
    void jsonFieldsWithSqlAndQuotesRoundTripAndSearchSafely() {
        JsonNode config = json("""
                {"sql": "'); DROP TABLE runs; --", "quote\\"key'": "v", "nested": {"$$": ["a'b", 1.50, null, true]},
                 "big": "%s"}""".formatted("z".repeat(10_240)));
        Instance instance = testing.store
                .instances()
                .create(
                        alice,
                        new NewInstance(
                                project.id(),
                                ResourceType.BacktestInstance,
                                TestingStore.unique("json"),
                                "",
                                Map.of(),
                                config));
        assertThat(testing.store
                        .instances()
                        .get(alice, instance.resource().id())
                        .config())
                .isEqualTo(config);
        assertThat(testing.store
                        .resources()
                        .search(
                                alice,
                                SearchRequest.of(
                                        new ResourceFilter.ConfigField(
                                                List.of("sql"), Comparison.EQ, json("\"'); DROP TABLE runs; --\"")),
                                        5))
                        .items())
                .extracting(Resource::id)
                .containsExactly(instance.resource().id());
        assertThat(testing.store
                        .resources()
                        .search(
                                alice,
                                SearchRequest.of(
                                        new ResourceFilter.ConfigField(
                                                List.of("quote\"key'"), Comparison.EQ, json("\"v\"")),
                                        5))
                        .items())
                .hasSize(1);
        assertThat(testing.store
                        .resources()
                        .search(
                                alice,
                                SearchRequest.of(new ResourceFilter.Metric("x') OR 1=1 --", Comparison.GT, 0), 5))
                        .items())
                .isEmpty();
        assertThat(testing.admin.queryForObject("SELECT count(*) FROM runs", Long.class))
                .isNotNull();
        testing.assertLastActivity(instance.resource().id(), "instance.created", alice);
    }
}
