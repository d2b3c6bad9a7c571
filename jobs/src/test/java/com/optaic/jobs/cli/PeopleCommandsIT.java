package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.TestingOptaic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users, teams, grants and tokens made with the command line on the real embedded PostgreSQL, then used: each
 * user acts with its own token and sees only what it was granted. Exit codes: a user error 2; a node one cannot
 * see, a permission one lacks on a node one can see, and an unknown, expired or revoked token all 3 (the store
 * does not tell them apart, so that probing learns nothing); a conflict 4.
 */
class PeopleCommandsIT {
    static Map<String, String> env;

    @BeforeAll
    static void start() {
        env = TestingOptaic.newEnvironment();
    }

    static JsonNode json(TestingCli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Output.JSON.readTree(result.out());
    }

    static TestingCli.Result as(String token, String... args) {
        Map<String, String> with = new HashMap<>(env);
        with.put("OPTAIC_TOKEN", token);
        return optaic(with, args);
    }

    /** A new user and a token for it, made by the administrator; returns {email, token, staging id}. */
    static String[] user(String email) throws Exception {
        JsonNode created = json(optaic(env, "user", "create", "--email", email, "--name", email, "--json"));
        TestingCli.Result token = optaic(env, "token", "create", "--for", email);
        assertThat(token.exitCode()).as(token.err()).isZero();
        return new String[] {
            email, token.out().strip(), created.at("/personalSpace/staging/id").asText()
        };
    }

    static String project(String token, String parent, String name) throws Exception {
        return json(as(token, "project", "create", name, "--parent", parent, "--json"))
                .get("id")
                .asText();
    }

    @Test
    void aUserActsWithItsTokenAndSeesOnlyItsOwnSpaceUntilGranted() throws Exception {
        String[] alice = user("alice@example.com");
        String[] bob = user("bob@example.com");
        assertThat(alice[1]).startsWith("optaic_").doesNotContain("\n");
        assertThat(optaic(env, "user", "create", "--email", "ALICE@example.com", "--name", "again")
                        .exitCode())
                .isEqualTo(4);

        String aliceProject = project(alice[1], alice[2], "research");
        String bobProject = project(bob[1], bob[2], "research");
        assertThat(as(alice[1], "resource", "show", aliceProject).exitCode()).isZero();
        TestingCli.Result hidden = as(alice[1], "resource", "show", bobProject);
        assertThat(hidden.exitCode()).isEqualTo(3);
        assertThat(hidden.out()).isEmpty();
        List<String> spaces = new ArrayList<>();
        json(as(alice[1], "resource", "search", "--type", "Space", "--json"))
                .get("items")
                .forEach(s -> spaces.add(s.get("name").asText()));
        assertThat(spaces).contains("alice@example.com").doesNotContain("bob@example.com");
        // Only an administrator creates users or acts for others.
        assertThat(as(alice[1], "user", "create", "--email", "x@example.com", "--name", "X")
                        .exitCode())
                .isEqualTo(3);
        assertThat(as(alice[1], "token", "create", "--for", "bob@example.com").exitCode())
                .isEqualTo(3);
        assertThat(as(bob[1], "token", "list", "--for", "alice@example.com").exitCode())
                .isEqualTo(3);

        // An owner grants; a viewer cannot grant; an operator cannot grant owner (nor anything).
        JsonNode granted =
                json(as(alice[1], "grant", "viewer", "--to", "bob@example.com", "--on", aliceProject, "--json"));
        assertThat(granted.get(0).get("role").asText()).isEqualTo("viewer");
        assertThat(as(bob[1], "resource", "show", aliceProject).exitCode()).isZero();
        String[] carol = user("carol@example.com");
        TestingCli.Result viewerGrants =
                as(bob[1], "grant", "viewer", "--to", "carol@example.com", "--on", aliceProject);
        assertThat(viewerGrants.exitCode()).isEqualTo(3);
        assertThat(viewerGrants.err()).contains("permission 'grant' is not granted");
        json(as(alice[1], "grant", "operator", "--to", "carol@example.com", "--on", aliceProject, "--json"));
        TestingCli.Result operatorGrantsOwner =
                as(carol[1], "grant", "owner", "--to", "bob@example.com", "--on", aliceProject);
        assertThat(operatorGrantsOwner.exitCode()).isEqualTo(3);
        assertThat(operatorGrantsOwner.err()).contains("permission 'grant' is not granted");
        assertThat(as(alice[1], "grant", "superuser", "--to", "bob@example.com", "--on", aliceProject)
                        .exitCode())
                .isEqualTo(2);

        // Who holds what: alice's owner grant is inherited from her personal space, the others are direct.
        JsonNode access = json(as(alice[1], "access", aliceProject, "--json"));
        Map<String, String> how = new HashMap<>();
        access.forEach(g -> how.put(
                g.get("principal").asText() + " " + g.get("role").asText(),
                g.get("how").asText()));
        assertThat(how)
                .containsEntry("alice@example.com owner", "inherited")
                .containsEntry("bob@example.com viewer", "direct")
                .containsEntry("carol@example.com operator", "direct");

        assertThat(as(alice[1], "revoke", "--from", "bob@example.com", "--on", aliceProject)
                        .exitCode())
                .isZero();
        assertThat(as(bob[1], "resource", "show", aliceProject).exitCode()).isEqualTo(3);
        assertThat(as(alice[1], "revoke", "--from", "bob@example.com", "--on", aliceProject)
                        .exitCode())
                .isEqualTo(3);
        assertThat(as(alice[1], "revoke").exitCode()).isEqualTo(2);
    }

    @Test
    void aTeamHasAnOwnerAndOperatorsAddedAndRemoved() throws Exception {
        String[] dora = user("dora@example.com");
        String[] eli = user("eli@example.com");
        String[] fay = user("fay@example.com");
        JsonNode team = json(optaic(
                env,
                "team",
                "create",
                "quants",
                "--owner",
                "dora@example.com",
                "--member",
                "eli@example.com",
                "--json"));
        String staging = team.at("/staging/id").asText();
        assertThat(project(eli[1], staging, "from-eli")).isNotBlank();
        assertThat(as(fay[1], "project", "create", "x", "--parent", staging).exitCode())
                .isEqualTo(3);
        // The team's owner adds and removes members; a member cannot.
        assertThat(as(eli[1], "team", "add", team.at("/space/id").asText(), "--member", "fay@example.com")
                        .exitCode())
                .isEqualTo(3);
        assertThat(as(dora[1], "team", "add", "quants", "--member", "fay@example.com")
                        .exitCode())
                .as("dora cannot read the tenant root to find 'quants' by name")
                .isEqualTo(3);
        String teamId = team.at("/space/id").asText();
        assertThat(as(dora[1], "team", "add", teamId, "--member", "fay@example.com")
                        .exitCode())
                .isZero();
        assertThat(project(fay[1], staging, "from-fay")).isNotBlank();
        assertThat(optaic(env, "team", "add", "quants", "--member", "fay@example.com")
                        .exitCode())
                .as("the administrator names it; adding again changes nothing")
                .isZero();
        assertThat(as(dora[1], "team", "remove", teamId, "--member", "fay@example.com")
                        .exitCode())
                .isZero();
        assertThat(as(fay[1], "project", "create", "y", "--parent", staging).exitCode())
                .isEqualTo(3);
        TestingCli.Result lastOwner = as(dora[1], "team", "remove", teamId, "--member", "dora@example.com");
        assertThat(lastOwner.exitCode()).isEqualTo(2);
        assertThat(lastOwner.err()).contains("only owner");
        assertThat(as(dora[1], "team", "add", staging, "--member", "fay@example.com")
                        .exitCode())
                .as("a subspace is not a team")
                .isEqualTo(2);
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretsAndStopWorkingWhenRevokedExpiredOrDisabled() throws Exception {
        String[] gus = user("gus@example.com");
        TestingCli.Result created = as(gus[1], "token", "create", "--name", "laptop");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String laptop = created.out().strip();
        assertThat(created.out().lines()).hasSize(1);
        assertThat(created.err()).doesNotContain(laptop);
        JsonNode list = json(as(gus[1], "token", "list", "--json"));
        assertThat(list).hasSize(2);
        assertThat(list.toString()).doesNotContain(laptop).doesNotContain(gus[1]);
        JsonNode laptopInfo = list.get(0);
        assertThat(laptopInfo.get("name").asText()).isEqualTo("laptop");
        assertThat(laptop).startsWith(laptopInfo.get("prefix").asText());
        assertThat(laptopInfo.get("prefix").asText()).hasSize(12);

        assertThat(as(laptop, "user", "show", "gus@example.com").exitCode()).isZero();
        assertThat(as(gus[1], "token", "revoke", laptopInfo.get("id").asText()).exitCode())
                .isZero();
        TestingCli.Result revoked = as(laptop, "user", "show", "gus@example.com");
        assertThat(revoked.exitCode()).isEqualTo(3);
        assertThat(revoked.err()).contains("OPTAIC_TOKEN is not a valid token");
        assertThat(as(gus[1], "token", "list").out()).contains("revoked");

        String brief = as(gus[1], "token", "create", "--expires", "1s").out().strip();
        assertThat(as(gus[1], "token", "create", "--expires", "0d").exitCode()).isEqualTo(2);
        assertThat(as(gus[1], "token", "create", "--expires", "soon").exitCode())
                .isEqualTo(2);
        Thread.sleep(1_500);
        assertThat(as(brief, "user", "show", "gus@example.com").exitCode()).isEqualTo(3);
        assertThat(as(gus[1], "token", "list").out()).contains("expired");

        assertThat(optaic(env, "user", "disable", "gus@example.com").exitCode()).isZero();
        assertThat(as(gus[1], "user", "show", "gus@example.com").exitCode()).isEqualTo(3);
        assertThat(optaic(env, "user", "disable", "admin@optaic.local").exitCode())
                .isEqualTo(2);
        // a disabled member refuses the whole `team add`, before any grant
        user("ivy@example.com");
        String team = json(optaic(env, "team", "create", "gus-team", "--owner", "admin@optaic.local", "--json"))
                .at("/space/id")
                .asText();
        TestingCli.Result withDisabled =
                optaic(env, "team", "add", team, "--member", "ivy@example.com", "--member", "gus@example.com");
        assertThat(withDisabled.exitCode()).isEqualTo(2);
        assertThat(withDisabled.err()).contains("gus@example.com is disabled");
        assertThat(json(optaic(env, "access", team, "--json")).findValuesAsText("principal"))
                .doesNotContain("ivy@example.com");
        assertThat(json(optaic(env, "user", "list", "--json")).findValuesAsText("email"))
                .contains("gus@example.com", "admin@optaic.local");
    }

    @Test
    void aSharedStoreRefusesAMissingTokenUnlessOnTheDatabaseHost() throws Exception {
        String[] hal = user("hal@example.com");
        TestingCli.Result admin = optaic(env, "user", "list");
        assertThat(admin.exitCode()).isZero();
        assertThat(admin.err().split("acting as the administrator", -1)).hasSize(2);

        Map<String, String> client = new HashMap<>(env);
        client.remove("OPTAIC_DB_MIGRATION_USER");
        client.remove("OPTAIC_DB_MIGRATION_PASSWORD");
        TestingCli.Result refused = optaic(client, "user", "list");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("OPTAIC_TOKEN is not set").contains("optaic token create --for");
        assertThat(refused.out()).isEmpty();
        client.put("OPTAIC_TOKEN", hal[1]);
        TestingCli.Result withToken = optaic(client, "user", "show", "hal@example.com");
        assertThat(withToken.exitCode()).as(withToken.err()).isZero();
        assertThat(withToken.err()).doesNotContain("acting as the administrator");
    }
}
