package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.Permission;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.Threshold;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types and tables of the contract, checked against the issue's own words. */
class ModelTest {
    @Test
    void rolesCarryTheDocumentedPermissions() {
        assertThat(Role.OWNER.defaultPermissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(Role.OPERATOR.defaultPermissions())
                .containsExactlyInAnyOrder(Permission.READ, Permission.CREATE, Permission.UPDATE, Permission.RUN);
        assertThat(Role.VIEWER.defaultPermissions()).containsExactly(Permission.READ);
        assertThat(Role.AUDITOR.defaultPermissions()).containsExactlyInAnyOrder(Permission.READ, Permission.AUDIT_READ);
        assertThat(Permission.AUDIT_READ.wireName()).isEqualTo("audit-read");
        assertThat(Permission.fromWireName("audit-read")).isEqualTo(Permission.AUDIT_READ);
    }

    @Test
    void runStatesFollowTheDesign() {
        assertThat(RunStatus.QUEUED.allowedNext()).containsExactlyInAnyOrder(RunStatus.RUNNING, RunStatus.CANCELLED);
        assertThat(RunStatus.RUNNING.allowedNext())
                .containsExactlyInAnyOrder(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED);
        assertThat(RunStatus.SUCCEEDED.allowedNext()).isEmpty();
        assertThat(RunStatus.CANCELLED.allowedNext()).isEmpty();
        assertThat(RunStatus.FAILED.allowedNext()).containsExactly(RunStatus.QUEUED);
    }

    @Test
    void everyTypeHasATierAndEveryRunBelongsUnderAnInstance() {
        assertThat(ResourceType.values()).hasSize(24);
        for (ResourceType type : ResourceType.values()) {
            if (type.tier() == ResourceType.Tier.RUN) {
                assertThat(type.allowedParents()).allMatch(p -> p.tier() == ResourceType.Tier.INSTANCE);
            }
        }
        assertThat(ResourceType.Project.allowedParents())
                .isEqualTo(EnumSet.of(ResourceType.Subspace, ResourceType.Project));
        assertThatThrownBy(() -> ResourceType.parse("Datasetinstance")).hasMessageContaining("known types: TenantRoot");
    }

    @Test
    void configComesFromTheEnvironment() {
        MetadataStoreConfig embedded = MetadataStoreConfig.fromEnvironment(Map.of("OPTAIC_HOME", "/tmp/h"));
        assertThat(embedded.isEmbedded()).isTrue();
        assertThat(embedded.home()).isEqualTo(Path.of("/tmp/h"));
        MetadataStoreConfig external = MetadataStoreConfig.fromEnvironment(Map.of(
                "OPTAIC_DB_URL",
                "jdbc:postgresql://db/optaic",
                "OPTAIC_DB_USER",
                "app",
                "OPTAIC_DB_PASSWORD",
                "secret"));
        assertThat(external.isEmbedded()).isFalse();
        assertThat(external.toString()).doesNotContain("secret");
        assertThat(MetadataStoreConfig.fromEnvironment(Map.of()).home())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".optaic"));
        assertThatThrownBy(() -> MetadataStoreConfig.fromEnvironment(Map.of("OPTAIC_DB_PORT", "x")))
                .hasMessageContaining("OPTAIC_DB_PORT must be an integer");
    }

    @Test
    void thresholdsAreInclusiveAndRefuseNaN() {
        assertThat(Threshold.atLeast(1.0).accepts(1.0)).isTrue();
        assertThat(Threshold.atLeast(1.0).accepts(0.99)).isFalse();
        assertThat(Threshold.atMost(0.2).accepts(Double.NaN)).isFalse();
        assertThat(Guardrails.thresholdFailures(Map.of("sharpe", Threshold.atLeast(1.0)), TestingStore.json("{}")))
                .contains("has no numeric metric 'sharpe'");
    }

    @Test
    void canonicalHashesIgnoreKeyOrderAndNumberSpelling() {
        assertThat(Hashing.canonicalHash(TestingStore.json("{\"a\": 1.0, \"b\": [1, {\"d\": 2, \"c\": 3}]}")))
                .isEqualTo(Hashing.canonicalHash(TestingStore.json("{\"b\": [1, {\"c\": 3, \"d\": 2}], \"a\": 1}")));
        assertThat(Inputs.tags(List.of("a", "a", "b"))).containsExactly("a", "b");
    }
}
