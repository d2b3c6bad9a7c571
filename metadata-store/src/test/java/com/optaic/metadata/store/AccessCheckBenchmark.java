package com.optaic.metadata.store;

import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Role;
import com.optaic.metadata.SystemIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds 100,000 resources up to 8 levels deep and times the access check for a resource at depth 8 and one at
 * depth 4: the single query {@link AccessControl#LOAD_WITH_PERMISSIONS}, and the service call around it. Prints
 * medians of many runs and the query plan. Run with {@code mvn -f metadata-store/pom.xml -Pbench test-compile}.
 */
public final class AccessCheckBenchmark {
    static final int WARMUP = 500;
    static final int RUNS = 5000;

    private AccessCheckBenchmark() {}

    public static void main(String[] args) {
        MetadataStoreConfig config = TestingPostgres.newDatabase();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            store.bootstrap().run(List.of());
            JdbcTemplate admin = TestingPostgres.admin(config);
            long started = System.nanoTime();
            seed(admin);
            long total = admin.queryForObject("SELECT count(*) FROM resources", Long.class);
            long bench = admin.queryForObject("SELECT count(*) FROM resources WHERE 'bench' = ANY (tags)", Long.class);
            print(
                    "seeded %d bench resources (%d in all) in %.1f s; max depth %d",
                    bench,
                    total,
                    (System.nanoTime() - started) / 1e9,
                    admin.queryForObject("SELECT max(depth) FROM resources", Integer.class));

            UUID viewer = store.principals()
                    .createPrincipal(
                            SystemIds.SYSTEM_ACTOR,
                            com.optaic.metadata.PrincipalKind.USER,
                            java.util.Optional.of("bench@example.com"),
                            "Bench")
                    .id();
            UUID space = admin.queryForObject(
                    "SELECT id FROM resources WHERE 'bench' = ANY (tags) AND depth = 2 ORDER BY name LIMIT 1",
                    UUID.class);
            store.access().grant(SystemIds.SYSTEM_ACTOR, space, viewer, Role.VIEWER);
            noiseGrants(store, admin);
            admin.execute("ANALYZE");
            Actor actor = Actor.of(viewer, SystemIds.SYSTEM_TENANT);
            UUID deep = admin.queryForObject("""
                    SELECT id FROM resources WHERE depth = 8 AND path[2] = ? ORDER BY name LIMIT 1""", UUID.class, space);
            UUID shallow = admin.queryForObject("""
                    SELECT id FROM resources WHERE depth = 4 AND path[2] = ? ORDER BY name LIMIT 1""", UUID.class, space);
            Set<Permission> permissions = store.access().permissions(actor, deep);
            print("viewer's permissions on the depth-8 resource: %s", permissions);

            JdbcTemplate app = new JdbcTemplate(store.dataSource());
            for (UUID target : List.of(deep, shallow)) {
                int depth = admin.queryForObject("SELECT depth FROM resources WHERE id = ?", Integer.class, target);
                double query = median(() -> app.query(
                        AccessControl.LOAD_WITH_PERMISSIONS, rs -> null, viewer, target, SystemIds.SYSTEM_TENANT));
                double service = median(() -> store.access().permissions(actor, target));
                print(
                        "depth %d: access query median %.1f us; AccessService.permissions (own transaction) median %.1f us",
                        depth, query, service);
            }
            print("plan of the access query for the depth-8 resource:");
            admin.query(
                    "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + AccessControl.LOAD_WITH_PERMISSIONS,
                    rs -> {
                        print("  %s", rs.getString(1));
                    },
                    viewer,
                    deep,
                    SystemIds.SYSTEM_TENANT);
        }
    }

    /**
     * 10 spaces / 10 subspaces / 100 / 1,000 / 10,000 projects / 40,000 instances / 48,879 runs = 100,000, one
     * level per transaction (each with its activity, as the store demands) and ANALYZE between levels, as a
     * table that grows through many small transactions would be.
     */
    static void seed(JdbcTemplate admin) {
        String columns = "INSERT INTO resources (id, tenant_id, parent_id, resource_type, name, kind, owner_id,"
                + " created_by, tags) SELECT gen_random_uuid(), '" + SystemIds.SYSTEM_TENANT + "', ";
        String owner = ", '" + SystemIds.SYSTEM_PRINCIPAL + "', '" + SystemIds.SYSTEM_PRINCIPAL + "', ARRAY['bench']";
        inTransaction(
                admin,
                "level 2 (Space)",
                columns + "'" + SystemIds.SYSTEM_TENANT_ROOT + "', 'Space', 'bench-space-' || g, 'team'" + owner
                        + " FROM generate_series(1, 10) g");
        level(admin, columns, owner, 2, "Subspace", 1, "'staging'", "'staging'");
        level(admin, columns, owner, 3, "Project", 10, "'p' || g", "NULL");
        level(admin, columns, owner, 4, "Project", 10, "'p' || g", "NULL");
        level(admin, columns, owner, 5, "Project", 10, "'p' || g", "NULL");
        level(admin, columns, owner, 6, "DatasetInstance", 4, "'ds' || g", "NULL");
        level(admin, columns, owner, 7, "PipelineRun", 1, "'run' || g", "NULL");
        inTransaction(
                admin,
                "level 8 (more PipelineRuns)",
                columns + "p.id, 'PipelineRun', 'run-extra', NULL" + owner
                        + " FROM (SELECT id FROM resources WHERE depth = 7 AND 'bench' = ANY (tags) ORDER BY id LIMIT 8879) p");
    }

    private static void level(
            JdbcTemplate admin,
            String columns,
            String owner,
            int parentDepth,
            String type,
            int fanOut,
            String name,
            String kind) {
        inTransaction(
                admin,
                "level " + (parentDepth + 1) + " (" + type + ")",
                columns + "p.id, '" + type + "', "
                        + name + ", " + kind + owner + " FROM resources p, generate_series(1, " + fanOut
                        + ") g WHERE p.depth = "
                        + parentDepth + " AND 'bench' = ANY (p.tags)");
    }

    private static void inTransaction(JdbcTemplate admin, String label, String sql) {
        long start = System.nanoTime();
        admin.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO activities (tenant_id, actor_id, verb, target_kind, target_id) VALUES ('"
                        + SystemIds.SYSTEM_TENANT + "', '" + SystemIds.SYSTEM_PRINCIPAL
                        + "', 'benchmark.seeded', 'tenant', '"
                        + SystemIds.SYSTEM_TENANT + "')");
                statement.execute(sql);
            }
            connection.commit();
            return null;
        });
        admin.execute("ANALYZE resources");
        print("  %s: %.1f s", label, (System.nanoTime() - start) / 1e9);
    }

    /** 2,000 other principals with a grant somewhere in the bench tree, so the grants index is not trivially small. */
    static void noiseGrants(JdbcMetadataStore store, JdbcTemplate admin) {
        admin.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO activities (tenant_id, actor_id, verb, target_kind, target_id) VALUES ('"
                        + SystemIds.SYSTEM_TENANT + "', '" + SystemIds.SYSTEM_PRINCIPAL
                        + "', 'benchmark.seeded', 'tenant', '"
                        + SystemIds.SYSTEM_TENANT + "')");
                statement.execute("INSERT INTO principals (id, tenant_id, kind, email, display_name) SELECT"
                        + " gen_random_uuid(), '" + SystemIds.SYSTEM_TENANT
                        + "', 'user', 'noise' || g || '@example.com',"
                        + " 'noise' FROM generate_series(1, 2000) g");
                statement.execute("INSERT INTO grants (id, tenant_id, resource_id, principal_id, role, granted_by)"
                        + " SELECT gen_random_uuid(), p.tenant_id, r.id, p.id, 'viewer', '" + SystemIds.SYSTEM_PRINCIPAL
                        + "' FROM (SELECT id, tenant_id, row_number() OVER () AS n FROM principals"
                        + " WHERE email LIKE 'noise%') p JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM resources"
                        + " WHERE depth = 5 AND 'bench' = ANY (tags)) r ON r.n = p.n");
            }
            connection.commit();
            return null;
        });
    }

    private static double median(Runnable check) {
        for (int i = 0; i < WARMUP; i++) {
            check.run();
        }
        List<Long> nanos = new ArrayList<>(RUNS);
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            check.run();
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        return nanos.get(RUNS / 2) / 1000.0;
    }

    @SuppressWarnings("SystemOut")
    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
