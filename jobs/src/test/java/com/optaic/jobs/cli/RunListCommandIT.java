package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `optaic run list` without an instance: the tenant's recent runs, newest first, with filters. */
class RunListCommandIT {
    static Map<String, String> env;
    static Optaic optaic;
    static Run succeeded;
    static Run failed;
    static TestingOptaic.Workspace workspace;

    @BeforeAll
    static void start() {
        env = TestingOptaic.newEnvironment();
        optaic = TestingOptaic.open(env);
        workspace = TestingOptaic.workspace(optaic);
        Instance good = TestingOptaic.syntheticDataset(
                optaic, workspace.user(), workspace.project().id(), "good", 3, 5);
        succeeded = TestingOptaic.runNow(optaic, optaic.actor(), good.resource().id());
        Instance bad = TestingOptaic.syntheticDataset(
                optaic, workspace.user(), workspace.project().id(), "bad", 3, 100_000_000);
        failed = TestingOptaic.runNow(optaic, optaic.actor(), bad.resource().id());
    }

    @AfterAll
    static void stop() {
        optaic.close();
    }

    static List<String> ids(TestingCli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> ids = new ArrayList<>();
        for (JsonNode run : Output.JSON.readTree(result.out())) {
            ids.add(run.at("/resource/id").asText());
        }
        return ids;
    }

    @Test
    void withoutAnInstanceTheTenantsRunsAreListedNewestFirstAndFiltered() throws Exception {
        assertThat(succeeded.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        String ok = succeeded.resource().id().toString();
        String ko = failed.resource().id().toString();

        assertThat(ids(optaic(env, "run", "list", "--json"))).containsExactly(ko, ok);
        assertThat(ids(optaic(env, "run", "list", "--status", "FAILED", "--json")))
                .containsExactly(ko);
        assertThat(ids(optaic(env, "run", "list", "--status", "FAILED,SUCCEEDED", "--since", "1h", "--json")))
                .containsExactly(ko, ok);
        assertThat(ids(optaic(env, "run", "list", "--type", "BacktestRun", "--json")))
                .isEmpty();
        assertThat(ids(optaic(
                        env, "run", "list", "--under", workspace.project().id().toString(), "--limit", "1", "--json")))
                .containsExactly(ko);
        assertThat(ids(optaic(
                        env, "run", "list", succeeded.snapshot().instanceId().toString(), "--json")))
                .containsExactly(ok);
        assertThat(ids(optaic(env, "run", "list", "--since", "2999-01-01", "--json")))
                .isEmpty();

        TestingCli.Result table = optaic(env, "run", "list");
        assertThat(table.out()).contains(ok).contains(ko).contains("FAILED").contains("PipelineRun");
    }

    @Test
    void badFiltersAreUserErrorsNamingTheOption() {
        TestingCli.Result since = optaic(env, "run", "list", "--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("--since 'yesterday' is neither a date");
        TestingCli.Result type = optaic(env, "run", "list", "--type", "DatasetInstance");
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("--type DatasetInstance is not a run type");
        TestingCli.Result limit = optaic(env, "run", "list", "--limit", "0");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be at least 1");
    }
}
