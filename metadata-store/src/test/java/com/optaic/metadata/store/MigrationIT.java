package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.metadata.MigrationStatus;
import com.optaic.metadata.SystemIds;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class MigrationIT {
    static TestingStore testing;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    @Test
    void migrationsAreAppliedOnceAndReported() {
        MigrationStatus status = testing.store.migrate();
        assertThat(status.pending()).isEmpty();
        assertThat(status.applied())
                .extracting(MigrationStatus.Migration::version)
                .contains("1", "2");
        assertThat(status.currentVersion())
                .contains(status.applied().get(status.applied().size() - 1).version());
        assertThat(testing.store.status()).isEqualTo(status);
    }

    @Test
    void aComponentSchemaIsMigratedOnceAsTheOwnerAndUsableByTheAppRole() {
        MigrationStatus first = testing.store.migrateSchema("component_test", "classpath:db/component-test");
        MigrationStatus again = testing.store.migrateSchema("component_test", "classpath:db/component-test");
        assertThat(first.currentVersion()).contains("1");
        assertThat(again.applied()).hasSize(first.applied().size());
        assertThat(again.pending()).isEmpty();
        JdbcTemplate app = TestingPostgres.appRole(testing.config);
        app.update("INSERT INTO component_test.widgets (id, name) VALUES (1, 'a')");
        assertThat(app.queryForObject("SELECT name FROM component_test.widgets", String.class))
                .isEqualTo("a");
        assertThat(testing.store.status().applied())
                .as("the public schema's history, not the component's")
                .extracting(MigrationStatus.Migration::version)
                .contains("1", "2");
        assertThatThrownBy(() -> testing.store.migrateSchema("public", "classpath:db/component-test"))
                .hasMessageContaining("other than public");
    }

    @Test
    void storeRoleCannotUpdateDeleteOrTruncateActivities() {
        JdbcTemplate app = TestingPostgres.appRole(testing.config);
        assertThat(app.queryForObject("SELECT count(*) FROM activities", Long.class))
                .isPositive();
        assertThatThrownBy(() -> app.update("UPDATE activities SET verb = 'x.y'"))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> app.update("DELETE FROM activities")).hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> app.execute("TRUNCATE activities")).hasStackTraceContaining("permission denied");
    }

    @Test
    void evenTheOwnerRoleCannotRewriteActivities() {
        assertThatThrownBy(() -> testing.admin.update("UPDATE activities SET verb = 'x.y'"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> testing.admin.update("DELETE FROM activities")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> testing.admin.execute("TRUNCATE activities")).hasStackTraceContaining("append-only");
    }

    @Test
    void aMutationWithoutAnActivityDoesNotCommit() {
        JdbcTemplate app = TestingPostgres.appRole(testing.config);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(app.getDataSource()));
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> new JdbcTemplate(app.getDataSource())
                        .update("INSERT INTO tenants (id, name) VALUES (?, ?)", id, "sneaky")))
                .hasStackTraceContaining("was not recorded as an activity");
        assertThat(testing.admin.queryForObject("SELECT count(*) FROM tenants WHERE id = ?", Long.class, id))
                .isZero();
        assertThat(testing.admin.queryForObject(
                        "SELECT count(*) FROM tenants WHERE id = ?", Long.class, SystemIds.SYSTEM_TENANT))
                .isEqualTo(1);
    }
}
