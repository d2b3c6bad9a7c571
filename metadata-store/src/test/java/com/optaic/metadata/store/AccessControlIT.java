package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.ADMIN;
import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.Grant;
import com.optaic.metadata.Instance;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Permission;
import com.optaic.metadata.PrincipalKind;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.Schedule;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.TenantCreation;
import com.optaic.metadata.UserCreation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every role against every service operation, on a project the role was granted on; and tenant isolation. */
class AccessControlIT {
    static TestingStore testing;
    static MetadataStore store;
    static Actor owner;
    static Resource project;
    static final Map<Role, Actor> ROLE_HOLDERS = new EnumMap<>(Role.class);
    static Actor stranger;

    /** One service operation, performed by {@code actor} on fixtures the owner prepares inside the project. */
    interface Operation {
        void run(Actor actor);
    }

    record Case(String name, Permission needs, Operation operation) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        store = testing.store;
        UserCreation alice = testing.newUser();
        owner = alice.principal().asActor();
        project = testing.project(owner, alice.personalSpace().staging().id());
        for (Role role : Role.values()) {
            Actor holder = testing.newUser().principal().asActor();
            store.access().grant(owner, project.id(), holder.principalId(), role);
            ROLE_HOLDERS.put(role, holder);
        }
        stranger = testing.newUser().principal().asActor();
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    static Resource child() {
        return testing.project(owner, project.id());
    }

    static Instance dataset() {
        return store.instances()
                .create(
                        owner,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                TestingStore.unique("ds"),
                                "",
                                Map.of("pipeline", testing.builtinVersion("csv")),
                                json("{\"pipeline\": {\"path\": \"/x\"}}")));
    }

    static DataVersion publish(Instance dataset) {
        return store.dataVersions()
                .publish(
                        owner,
                        new NewDataVersion(
                                dataset.resource().id(),
                                new DataManifest(List.of(), json("{}")),
                                Optional.empty(),
                                false));
    }

    static Definition definition() {
        return store.definitions()
                .submit(
                        owner,
                        new NewDefinition(
                                project.id(),
                                ResourceType.OpDef,
                                TestingStore.unique("op"),
                                "",
                                new DefinitionContent("op.test", json("{}"), json("{}"), "1")));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(
                new Case("resource.get", Permission.READ, a -> store.resources().get(a, child().id())));
        cases.add(new Case(
                "resource.children",
                Permission.READ,
                a -> store.resources().children(a, project.id(), PageRequest.first(5))));
        cases.add(new Case(
                "resource.tree", Permission.READ, a -> store.resources().tree(a, project.id(), 1)));
        cases.add(new Case(
                "resource.create",
                Permission.CREATE,
                a -> store.resources()
                        .create(a, NewResource.of(project.id(), ResourceType.Project, TestingStore.unique("p")))));
        cases.add(new Case("resource.rename", Permission.UPDATE, a -> {
            Resource c = child();
            store.resources().rename(a, c.id(), c.rowVersion(), c.name() + "-renamed");
        }));
        cases.add(new Case("resource.describe", Permission.UPDATE, a -> {
            Resource c = child();
            store.resources().describe(a, c.id(), c.rowVersion(), "d", List.of());
        }));
        cases.add(new Case("resource.archive", Permission.DELETE, a -> {
            Resource c = child();
            store.resources().archive(a, c.id(), c.rowVersion());
        }));
        cases.add(new Case(
                "resource.copy",
                Permission.CREATE,
                a -> store.resources()
                        .copy(a, definition().resource().id(), project.id(), TestingStore.unique("copy"))));
        cases.add(new Case(
                "definition.submit",
                Permission.CREATE,
                a -> store.definitions()
                        .submit(
                                a,
                                new NewDefinition(
                                        project.id(),
                                        ResourceType.OpDef,
                                        TestingStore.unique("op"),
                                        "",
                                        new DefinitionContent("op.x", json("{}"), json("{}"), "1")))));
        cases.add(new Case(
                "definition.addVersion",
                Permission.UPDATE,
                a -> store.definitions()
                        .addVersion(
                                a,
                                definition().resource().id(),
                                new DefinitionContent("op.test", json("{}"), json("{\"v\": 2}"), "2"))));
        cases.add(new Case(
                "definition.evaluate",
                Permission.UPDATE,
                a -> store.definitions().evaluate(a, definition().resource().id(), 1, true, json("{}"))));
        cases.add(new Case("definition.deploy", Permission.PROMOTE, a -> {
            Definition d = definition();
            store.definitions().evaluate(owner, d.resource().id(), 1, true, json("{}"));
            store.definitions().deploy(a, d.resource().id(), 1);
        }));
        cases.add(new Case(
                "definition.versions",
                Permission.READ,
                a -> store.definitions().versions(a, definition().resource().id())));
        cases.add(new Case(
                "instance.create",
                Permission.CREATE,
                a -> store.instances()
                        .create(
                                a,
                                new NewInstance(
                                        project.id(),
                                        ResourceType.BacktestInstance,
                                        TestingStore.unique("bt"),
                                        "",
                                        Map.of(),
                                        json("{}")))));
        cases.add(new Case("instance.update", Permission.UPDATE, a -> {
            Instance i = dataset();
            store.instances()
                    .update(a, i.resource().id(), 1, json("{\"pipeline\": {\"path\": \"/y\"}}"), Optional.empty());
        }));
        cases.add(new Case(
                "instance.schedule",
                Permission.UPDATE,
                a -> store.instances()
                        .schedule(
                                a,
                                dataset().resource().id(),
                                Optional.of(new Schedule("0 6 * * 1-5", ZoneId.of("America/New_York"))))));
        cases.add(new Case(
                "run.create",
                Permission.RUN,
                a -> store.runs().create(a, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"))));
        cases.add(new Case("run.transition", Permission.RUN, a -> {
            Run run = store.runs()
                    .create(owner, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
            store.runs().transition(a, run.resource().id(), RunStatus.RUNNING, Optional.empty());
        }));
        cases.add(new Case("run.get", Permission.READ, a -> {
            Run run = store.runs()
                    .create(owner, NewRun.manual(dataset().resource().id(), ResourceType.PipelineRun, "1"));
            store.runs().get(a, run.resource().id());
        }));
        cases.add(new Case(
                "dataVersion.publish",
                Permission.UPDATE,
                a -> store.dataVersions()
                        .publish(
                                a,
                                new NewDataVersion(
                                        dataset().resource().id(),
                                        new DataManifest(List.of(), json("{}")),
                                        Optional.empty(),
                                        false))));
        cases.add(new Case("dataVersion.aliasOfficial", Permission.PROMOTE, a -> {
            Instance i = dataset();
            publish(i);
            store.dataVersions().setAlias(a, i.resource().id(), DataVersionService.OFFICIAL, 1);
        }));
        cases.add(new Case("dataVersion.get", Permission.READ, a -> {
            Instance i = dataset();
            store.dataVersions().getById(a, publish(i).id());
        }));
        cases.add(new Case(
                "lineage.walk",
                Permission.READ,
                a -> store.lineage().walk(a, LineageQuery.upstream(LineageNode.resource(child().id()), 3))));
        cases.add(new Case(
                "access.grant",
                Permission.GRANT,
                a -> store.access().grant(a, child().id(), stranger.principalId(), Role.VIEWER)));
        cases.add(
                new Case("access.grantsOn", Permission.READ, a -> store.access().grantsOn(a, project.id())));
        cases.add(new Case(
                "activities.forSubtree",
                Permission.AUDIT_READ,
                a -> store.activities().forSubtree(a, project.id(), PageRequest.first(10))));
        cases.add(new Case(
                "search.under",
                Permission.READ,
                a -> store.resources()
                        .search(
                                a,
                                new SearchRequest(
                                        Optional.of(project.id()),
                                        ResourceFilter.everything(),
                                        PageRequest.first(5)))));
        return cases;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : cases()) {
            for (Role role : Role.values()) {
                arguments.add(Arguments.of(c, Optional.of(role)));
            }
            arguments.add(Arguments.of(c, Optional.empty()));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void roleOperationMatrix(Case operation, Optional<Role> role) {
        Actor actor = role.map(ROLE_HOLDERS::get).orElse(stranger);
        boolean allowed = role.map(r -> r.defaultPermissions().contains(operation.needs()))
                .orElse(false);
        String byActor = "SELECT count(*) FROM activities WHERE actor_id = ?";
        long before = testing.admin.queryForObject(byActor, Long.class, actor.principalId());
        if (allowed) {
            operation.operation().run(actor);
            return;
        }
        assertThatThrownBy(() -> operation.operation().run(actor)).isInstanceOfSatisfying(OptaicException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            boolean canRead = role.map(r -> r.defaultPermissions().contains(Permission.READ))
                    .orElse(false);
            assertThat(e.code())
                    .isEqualTo(canRead ? MetadataErrorCode.PERMISSION_DENIED : MetadataErrorCode.METADATA_NOT_FOUND);
        });
        assertThat(testing.admin.queryForObject(byActor, Long.class, actor.principalId()))
                .as("a refused operation leaves no activity of its actor")
                .isEqualTo(before);
    }

    @Test
    void grantsAreInheritedDownAndNotUp() {
        Actor viewer = testing.newUser().principal().asActor();
        Resource parent = child();
        Resource grandchild = testing.project(owner, parent.id());
        Grant grant = store.access().grant(owner, parent.id(), viewer.principalId(), Role.VIEWER);
        testing.assertLastActivity(parent.id(), "grant.created", owner);
        assertThat(store.access().permissions(viewer, grandchild.id())).containsExactly(Permission.READ);
        assertThat(store.access().permissions(viewer, project.id())).isEmpty();
        assertThatThrownBy(() -> store.resources().get(viewer, project.id()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.METADATA_NOT_FOUND));
        store.access().revoke(owner, grant.id());
        testing.assertLastActivity(parent.id(), "grant.revoked", owner);
        assertThat(store.access().permissions(viewer, grandchild.id())).isEmpty();
    }

    @Test
    void noOneGrantsARoleWithPermissionsTheyLack() {
        TestingStore other = TestingStore.create();
        try {
            other.admin.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
                connection.setAutoCommit(false);
                try (var statement = connection.createStatement()) {
                    statement.execute("INSERT INTO role_permissions VALUES ('operator', 'grant')");
                    statement.execute(
                            "INSERT INTO activities (tenant_id, actor_id, verb, target_kind, target_id) VALUES ('"
                                    + SystemIds.SYSTEM_TENANT + "', '" + SystemIds.SYSTEM_PRINCIPAL
                                    + "', 'rbac.changed', 'tenant', '" + SystemIds.SYSTEM_TENANT + "')");
                }
                connection.commit();
                return null;
            });
            UserCreation alice = other.newUser();
            Actor operator = other.newUser().principal().asActor();
            Actor target = other.newUser().principal().asActor();
            Resource p = other.project(
                    alice.principal().asActor(), alice.personalSpace().staging().id());
            other.store.access().grant(alice.principal().asActor(), p.id(), operator.principalId(), Role.OPERATOR);
            other.store.access().grant(operator, p.id(), target.principalId(), Role.VIEWER);
            other.store.access().grant(operator, p.id(), target.principalId(), Role.OPERATOR);
            for (Role above : List.of(Role.OWNER, Role.AUDITOR)) {
                assertThatThrownBy(() -> other.store.access().grant(operator, p.id(), target.principalId(), above))
                        .isInstanceOfSatisfying(
                                OptaicException.class,
                                e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.PERMISSION_DENIED))
                        .hasMessageContaining("permissions you do not hold");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void anotherTenantCannotSeeOrLearnOfOurResources() {
        TenantCreation acme =
                store.principals().createTenant(ADMIN, TestingStore.unique("acme"), "root@acme.test", "Acme root");
        Actor acmeAdmin = acme.admin().asActor();
        testing.assertLastActivity(acme.tenant().id(), "tenant.created", ADMIN);
        Instance dataset = dataset();
        DataVersion version = publish(dataset);
        Run run = store.runs().create(owner, NewRun.manual(dataset.resource().id(), ResourceType.PipelineRun, "1"));
        Definition definition = definition();
        UUID definitionVersion = store.definitions()
                .version(owner, definition.resource().id(), 1)
                .id();

        List<Operation> probes = List.of(
                a -> store.resources().get(a, project.id()),
                a -> store.resources().children(a, project.id(), PageRequest.first(5)),
                a -> store.resources().tree(a, project.id(), 2),
                a -> store.resources().rename(a, project.id(), project.rowVersion(), "stolen"),
                a -> store.resources().create(a, NewResource.of(project.id(), ResourceType.Project, "intruder")),
                a -> store.resources().copy(a, project.id(), acme.root().id(), "copy"),
                a -> store.instances().get(a, dataset.resource().id()),
                a -> store.dataVersions().getById(a, version.id()),
                a -> store.dataVersions().versions(a, dataset.resource().id()),
                a -> store.runs().get(a, run.resource().id()),
                a -> store.definitions().versionById(a, definitionVersion),
                a -> store.lineage().walk(a, LineageQuery.downstream(LineageNode.dataVersion(version.id()), 2)),
                a -> store.access().grant(a, project.id(), a.principalId(), Role.OWNER),
                a -> store.activities().forSubtree(a, project.id(), PageRequest.first(5)),
                a -> store.principals().get(a, owner.principalId()));
        for (Actor intruder :
                List.of(acmeAdmin, new Actor(acmeAdmin.principalId(), owner.tenantId(), Optional.empty()))) {
            for (Operation probe : probes) {
                assertThatThrownBy(() -> probe.run(intruder))
                        .isInstanceOfSatisfying(
                                OptaicException.class,
                                e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
            }
        }
        assertThat(store.resources()
                        .search(acmeAdmin, SearchRequest.of(ResourceFilter.everything(), 100))
                        .items())
                .allMatch(r -> r.tenantId().equals(acme.tenant().id()))
                .isNotEmpty();
        assertThat(store.definitions().findByCodeRef(acmeAdmin, "op.test")).isEmpty();
        assertThatThrownBy(() -> store.resources().get(owner, acme.root().id()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.METADATA_NOT_FOUND));
        assertThat(store.principals()
                        .findByEmail(
                                acmeAdmin,
                                testing.store
                                        .principals()
                                        .get(owner, owner.principalId())
                                        .email()
                                        .orElseThrow()))
                .isEmpty();
        Actor acmeUser = store.spaces()
                .createUserWithPersonalSpace(acmeAdmin, "u@acme.test", "U")
                .principal()
                .asActor();
        assertThat(store.access().permissions(acmeUser, SystemIds.SYSTEM_SPACE)).isEmpty();
        assertThat(store.principals()
                        .createPrincipal(acmeAdmin, PrincipalKind.SERVICE_ACCOUNT, Optional.empty(), "scheduler")
                        .tenantId())
                .isEqualTo(acme.tenant().id());
    }
}
