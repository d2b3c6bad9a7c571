package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.ADMIN;
import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.metadata.BootstrapResult;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.DefinitionStatus;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SystemIds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BootstrapIT {
    @Test
    void createsTheFixedSystemTreeOnceAndKeepsBuiltinsCurrent() throws Exception {
        MetadataStoreConfig config = TestingPostgres.newDatabase();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<BootstrapResult>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> store.bootstrap().run(TestingStore.builtins())));
            }
            int created = 0;
            for (Future<BootstrapResult> run : runs) {
                BootstrapResult result = run.get();
                created += result.systemCreated() ? 1 : 0;
                assertThat(result.builtins())
                        .extracting(Definition::codeRef)
                        .containsExactly("pipeline.csv", "store.parquet", "ml.ridge");
            }
            pool.shutdown();
            assertThat(created).isEqualTo(1);

            Resource root = store.resources().get(ADMIN, SystemIds.SYSTEM_TENANT_ROOT);
            assertThat(root.type()).isEqualTo(ResourceType.TenantRoot);
            assertThat(store.resources().get(ADMIN, SystemIds.SYSTEM_SPACE).kind())
                    .contains("system");
            assertThat(store.resources()
                            .get(ADMIN, SystemIds.SYSTEM_OFFICIAL_SUBSPACE)
                            .kind())
                    .contains("official");
            assertThat(store.resources()
                            .get(ADMIN, SystemIds.SYSTEM_STAGING_SUBSPACE)
                            .kind())
                    .contains("staging");
            assertThat(store.resources().get(ADMIN, SystemIds.SYSTEM_PROJECT).path())
                    .containsExactly(
                            SystemIds.SYSTEM_TENANT_ROOT,
                            SystemIds.SYSTEM_SPACE,
                            SystemIds.SYSTEM_OFFICIAL_SUBSPACE,
                            SystemIds.SYSTEM_PROJECT);
            assertThat(store.principals().get(ADMIN, SystemIds.SYSTEM_PRINCIPAL).email())
                    .contains("admin@optaic.local");
            assertThat(store.access().permissions(ADMIN, SystemIds.SYSTEM_PROJECT))
                    .containsExactlyInAnyOrder(Permission.values());
            long roles =
                    TestingPostgres.admin(config).queryForObject("SELECT count(*) FROM role_permissions", Long.class);
            assertThat(roles)
                    .isEqualTo(java.util.Arrays.stream(Role.values())
                            .mapToLong(r -> r.defaultPermissions().size())
                            .sum());
            assertThat(store.definitions().latestDeployed(ADMIN, "pipeline.csv"))
                    .get()
                    .satisfies(v -> assertThat(v.status()).isEqualTo(DefinitionStatus.DEPLOYED));

            long activities =
                    TestingPostgres.admin(config).queryForObject("SELECT count(*) FROM activities", Long.class);
            store.bootstrap().run(TestingStore.builtins());
            assertThat(TestingPostgres.admin(config).queryForObject("SELECT count(*) FROM activities", Long.class))
                    .as("an idempotent bootstrap writes nothing")
                    .isEqualTo(activities);

            List<BuiltinDefinition> upgraded = new ArrayList<>(TestingStore.builtins());
            upgraded.set(
                    2,
                    new BuiltinDefinition(
                            ResourceType.MLModuleDef,
                            "ridge",
                            "Ridge regression",
                            new DefinitionContent(
                                    "ml.ridge", json("{\"type\": \"object\"}"), json("{\"v\": 2}"), "0.2.0")));
            Definition ridge = store.bootstrap().run(upgraded).builtins().get(2);
            assertThat(ridge.latestVersion()).isEqualTo(2);
            assertThat(store.definitions()
                            .version(ADMIN, ridge.resource().id(), 2)
                            .status())
                    .isEqualTo(DefinitionStatus.DEPLOYED);
            assertThat(store.definitions()
                            .version(ADMIN, ridge.resource().id(), 1)
                            .content()
                            .codeVersion())
                    .isEqualTo("0.1.0");
        }
    }
}
