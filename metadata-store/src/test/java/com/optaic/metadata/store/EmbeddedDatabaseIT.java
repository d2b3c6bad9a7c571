package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SystemIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no OPTAIC_DB_URL the store runs its own PostgreSQL under OPTAIC_HOME, and the data outlives the server. */
class EmbeddedDatabaseIT {
    @TempDir
    Path home;

    @AfterEach
    void stopServer() {
        EmbeddedPostgresServer.stop(home);
    }

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() {
        MetadataStoreConfig config = MetadataStoreConfig.fromEnvironment(Map.of("OPTAIC_HOME", home.toString()));
        assertThat(config.isEmbedded()).isTrue();
        Resource project;
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            assertThat(store.url()).startsWith("jdbc:postgresql://localhost:");
            store.bootstrap().run(TestingStore.builtins());
            project = store.resources()
                    .create(
                            TestingStore.ADMIN,
                            NewResource.of(SystemIds.SYSTEM_STAGING_SUBSPACE, ResourceType.Project, "survives"));
        }
        assertThat(Files.exists(home.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        assertThat(EmbeddedPostgresServer.running(home))
                .as("the server outlives the store that started it")
                .isPresent();
        assertThat(EmbeddedPostgresServer.stop(home)).isPresent();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            assertThat(store.status().pending()).isEmpty();
            assertThat(store.resources().get(TestingStore.ADMIN, project.id()).name())
                    .isEqualTo("survives");
        }
    }
}
