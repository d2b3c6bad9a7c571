package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewDataVersion;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.NewRun;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.UserCreation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `optaic def submit`, `instance schedule` and `signal register|validate|promote|list` on a real store. */
class CatalogCommandsIT {
    static Map<String, String> env;
    static Optaic store;
    static Actor admin;
    static UserCreation user;
    static Resource project;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        env = TestingOptaic.newEnvironment();
        store = TestingOptaic.open(env);
        admin = store.actor();
        user = store.store().spaces().createUserWithPersonalSpace(admin, "catalog@example.com", "Catalog user");
        project = store.store()
                .resources()
                .create(admin, NewResource.of(user.personalSpace().staging().id(), ResourceType.Project, "research"));
        dir = Files.createTempDirectory("optaic-catalog");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static JsonNode json(TestingCli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Output.JSON.readTree(result.out());
    }

    @Test
    void defSubmitValidatesTheFileAndTheSchema() throws Exception {
        Path good = dir.resolve("momentum.json");
        Files.writeString(good, """
                {"code_ref": "op.momentum", "description": "n-day momentum",
                 "config_schema": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}},
                                   "required": ["n"]},
                 "spec": {"kind": "operator"}}""");
        JsonNode v1 = json(optaic(
                env,
                "def",
                "submit",
                "--file",
                good.toString(),
                "--parent",
                project.id().toString(),
                "--type",
                "OpDef",
                "--name",
                "momentum",
                "--json"));
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("status").asText()).isEqualToIgnoringCase("submitted");
        assertThat(v1.at("/content/codeRef").asText()).isEqualTo("op.momentum");
        String definition = v1.get("definitionId").asText();

        Files.writeString(good, Files.readString(good).replace("\"minimum\": 1", "\"minimum\": 2"));
        TestingCli.Result v2 = optaic(env, "def", "submit", "--file", good.toString(), "--definition", definition);
        assertThat(v2.exitCode()).as(v2.err()).isZero();
        assertThat(v2.out()).contains("v2").contains("submitted");
        assertThat(optaic(env, "def", "show", definition).out()).contains("v1").contains("v2");

        Path syntax = dir.resolve("syntax.json");
        Files.writeString(syntax, "{\"code_ref\": \"x\",\n  \"config_schema\": {,}}");
        TestingCli.Result bad = optaic(env, "def", "submit", "--file", syntax.toString(), "--definition", definition);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(syntax + ":2:").contains("not valid JSON");

        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"code_ref\": \"x\", \"config_schema\": {}, \"schema\": {}}");
        TestingCli.Result member =
                optaic(env, "def", "submit", "--file", unknown.toString(), "--definition", definition);
        assertThat(member.exitCode()).isEqualTo(2);
        assertThat(member.err()).contains("unknown member 'schema'");

        Path keyword = dir.resolve("keyword.json");
        Files.writeString(
                keyword, "{\"code_ref\": \"x\", \"config_schema\": {\"type\": \"object\", \"patternProperties\": {}}}");
        TestingCli.Result schema = optaic(
                env,
                "def",
                "submit",
                "--file",
                keyword.toString(),
                "--parent",
                project.id().toString(),
                "--type",
                "OpDef",
                "--name",
                "bad-schema");
        assertThat(schema.exitCode()).as(schema.out()).isEqualTo(2);
        assertThat(schema.err()).contains("patternProperties");
    }

    @Test
    void instanceScheduleSetsCronZoneAndMissedPolicy() throws Exception {
        UUID pipeline = store.store()
                .definitions()
                .latestDeployed(admin, "pipeline.synthetic")
                .orElseThrow()
                .id();
        Instance market = store.store()
                .instances()
                .create(
                        admin,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                "market",
                                "",
                                Map.of("pipeline", pipeline),
                                TestingOptaic.json("{\"pipeline\": {\"assets\": 5, \"days\": 20}}")));
        String id = market.resource().id().toString();
        TestingCli.Result set = optaic(
                env,
                "instance",
                "schedule",
                id,
                "--cron",
                "0 2 * * 1-5",
                "--tz",
                "America/Bahia_Banderas",
                "--missed",
                "all");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("runs at '0 2 * * 1-5' in America/Bahia_Banderas, missed nights: all");
        Instance scheduled =
                store.store().instances().get(admin, market.resource().id());
        assertThat(scheduled.schedule().orElseThrow().zone().getId()).isEqualTo("America/Bahia_Banderas");
        assertThat(scheduled.config().get("missed").asText()).isEqualTo("all");
        assertThat(scheduled.currentVersion()).isEqualTo(2);

        TestingCli.Result zone = optaic(env, "instance", "schedule", id, "--cron", "0 2 * * *", "--tz", "Mars/Olympus");
        assertThat(zone.exitCode()).isEqualTo(2);
        assertThat(zone.err()).contains("--tz 'Mars/Olympus' is not a time zone");
        TestingCli.Result policy = optaic(env, "instance", "schedule", id, "--cron", "0 2 * * *", "--missed", "some");
        assertThat(policy.exitCode()).isEqualTo(2);
        assertThat(policy.err()).contains("expected skip, latest or all");
        TestingCli.Result cron = optaic(env, "instance", "schedule", id, "--cron", "0 25 * * *");
        assertThat(cron.exitCode()).isEqualTo(2);
        assertThat(store.store()
                        .instances()
                        .get(admin, market.resource().id())
                        .schedule()
                        .orElseThrow()
                        .cron())
                .as("refused changes change nothing")
                .isEqualTo("0 2 * * 1-5");

        assertThat(optaic(env, "instance", "schedule", id, "--clear").out()).contains("no schedule");
        assertThat(store.store().instances().get(admin, market.resource().id()).schedule())
                .isEmpty();
    }

    @Test
    void signalsAreRegisteredValidatedPromotedAndListed() throws Exception {
        Instance dataset = store.store()
                .instances()
                .create(
                        admin,
                        new NewInstance(
                                project.id(),
                                ResourceType.DatasetInstance,
                                "mom-data",
                                "",
                                Map.of(),
                                TestingOptaic.json("{}")));
        store.store()
                .dataVersions()
                .publish(
                        admin,
                        new NewDataVersion(
                                dataset.resource().id(),
                                new DataManifest(List.of(), TestingOptaic.json("{}")),
                                Optional.empty(),
                                false));
        JsonNode registered = json(optaic(
                env,
                "signal",
                "register",
                dataset.resource().id().toString(),
                "--parent",
                project.id().toString(),
                "--name",
                "mom_20",
                "--json"));
        String signal = registered.at("/resource/id").asText();
        assertThat(registered.get("validationStatus").asText()).isEqualToIgnoringCase("unvalidated");

        String official = user.personalSpace().official().id().toString();
        TestingCli.Result early = optaic(env, "signal", "promote", signal, "--target", official);
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("no validation run");

        Run run = store.store()
                .runs()
                .create(admin, NewRun.manual(UUID.fromString(signal), ResourceType.BacktestRun, "1"));
        store.store().runs().transition(admin, run.resource().id(), RunStatus.RUNNING, Optional.empty());
        store.store().runs().recordMetrics(admin, run.resource().id(), TestingOptaic.json("{\"sharpe\": 1.3}"));
        store.store().runs().transition(admin, run.resource().id(), RunStatus.SUCCEEDED, Optional.empty());
        TestingCli.Result validated = optaic(
                env, "signal", "validate", signal, "--run", run.resource().id().toString(), "--target", official);
        assertThat(validated.exitCode()).as(validated.err()).isZero();
        assertThat(validated.out()).contains("mom_20").contains("passed");

        TestingCli.Result promoted = optaic(env, "signal", "promote", signal, "--target", official);
        assertThat(promoted.exitCode()).as(promoted.err()).isZero();
        assertThat(promoted.out()).contains("from " + signal);

        JsonNode listed = json(optaic(
                env,
                "signal",
                "list",
                "--under",
                user.personalSpace().space().id().toString(),
                "--json"));
        assertThat(listed).hasSize(2);
        TestingCli.Result table = optaic(env, "signal", "list");
        assertThat(table.out()).contains("signal").contains("validation").contains("mom_20");
    }

    static final String OPTIMIZER = "{\"optimizer\": {\"method\": \"min_volatility\"}}";

    @Test
    void aPinNamesABuiltinByItsNameOrCodeRefAndAFailedExperimentLeavesNoResultsDataset() throws Exception {
        String parent = project.id().toString();
        JsonNode byName = json(optaic(
                env,
                "instance",
                "create",
                "--type",
                "PortfolioOptimizerInstance",
                "--parent",
                parent,
                "--name",
                "monthly",
                "--pin",
                "optimizer=mvo",
                "--config",
                OPTIMIZER,
                "--json"));
        JsonNode byCodeRef = json(optaic(
                env,
                "instance",
                "create",
                "--type",
                "PortfolioOptimizerInstance",
                "--parent",
                parent,
                "--name",
                "weekly",
                "--pin",
                "optimizer=portfolio.mvo",
                "--config",
                OPTIMIZER,
                "--json"));
        assertThat(byName.at("/pins/optimizer")).isEqualTo(byCodeRef.at("/pins/optimizer"));
        TestingCli.Result unknown = optaic(
                env,
                "instance",
                "create",
                "--type",
                "PortfolioOptimizerInstance",
                "--parent",
                parent,
                "--name",
                "daily",
                "--pin",
                "optimizer=nope",
                "--config",
                OPTIMIZER);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No deployed definition with code_ref or built-in name 'nope'");

        Instance prices = TestingOptaic.syntheticDataset(store, admin, project.id(), "prices", 3, 10);
        String[] experiment = {
            "instance",
            "create",
            "--type",
            "ExperimentInstance",
            "--parent",
            parent,
            "--name",
            "mom",
            "--input",
            prices.resource().id().toString(),
            "--expr",
            "m=close/REF(close,1)-1"
        };
        TestingOptaic.syntheticDataset(store, admin, project.id(), "mom", 3, 10);
        TestingCli.Result clash = optaic(env, experiment);
        assertThat(clash.exitCode()).as(clash.err()).isNotZero();
        assertThat(clash.err()).contains("mom");
        assertThat(store.store()
                        .resources()
                        .children(admin, project.id(), PageRequest.first(100))
                        .items())
                .extracting(Resource::name)
                .as("the refused experiment's results dataset was rolled back with it")
                .contains("mom")
                .doesNotContain("mom-results");
    }

    @Test
    void aModelInstanceConfigIsValidatedWhenCreatedAndUpdated() throws Exception {
        String config = """
                {"input": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "features": {"mom": "close/REF(close,20)-1"},
                 "label": "REF(close,-5)/close-1", "embargo": %d,
                 "training": {"from": "2015-01-01", "to": "2019-12-31"},
                 "validation": {"from": "2020-01-01", "to": "2020-12-31"}}""";
        String parent = project.id().toString();
        TestingCli.Result refused = optaic(
                env,
                "instance",
                "create",
                "--type",
                "ModelInstance",
                "--parent",
                parent,
                "--name",
                "ridge",
                "--config",
                config.formatted(3));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains("ModelInstance config 'embargo' is 3 dates, shorter than the label's horizon of 5 dates");

        // the refusal stored nothing: the name is still free
        JsonNode created = json(optaic(
                env,
                "instance",
                "create",
                "--type",
                "ModelInstance",
                "--parent",
                parent,
                "--name",
                "ridge",
                "--config",
                config.formatted(5),
                "--json"));
        UUID id = UUID.fromString(created.at("/resource/id").asText());
        TestingCli.Result update = optaic(env, "instance", "update", id.toString(), "--config", config.formatted(4));
        assertThat(update.exitCode()).isEqualTo(2);
        assertThat(update.err()).contains("'embargo' is 4 dates");
        assertThat(store.store().instances().get(admin, id).currentVersion()).isEqualTo(1);
    }
}
