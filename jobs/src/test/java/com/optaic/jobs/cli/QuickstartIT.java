package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The quickstart twice on one database, then the resource commands over what it made. */
class QuickstartIT {
    @Test
    void quickstartTwiceReusesTheDatabaseAndAppendsOneDay() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        Result first = optaic(env, "quickstart");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out())
                .contains(
                        "rows_added=378000",
                        "last_date=2012-11-26",
                        "ExperimentRun",
                        "SUCCEEDED",
                        "== Lineage of alphas-results v1");

        Result second = optaic(env, "quickstart");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out())
                .contains(
                        "rows_added=500",
                        "last_date=2012-11-27",
                        "nominal",
                        "2012-11-27",
                        "== Lineage of alphas-results v2");
        assertThat(second.out().split("\\[DatasetInstance\\]  ", -1)).hasSize(3);
        assertThat(second.out().split("\\[Project\\]", -1)).hasSize(2);

        Result search = optaic(env, "resource", "search", "--name", "market", "--type", "DatasetInstance", "--json");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out().split("\"name\" : \"market\"", -1)).hasSize(2);

        Matcher dataset =
                Pattern.compile("== Versions of 'market' \\(([0-9a-f-]{36})\\)").matcher(second.out());
        assertThat(dataset.find()).isTrue();
        UUID market = UUID.fromString(dataset.group(1));
        Result versions = optaic(env, "dataset", "versions", market.toString());
        assertThat(versions.out()).contains("378500");
        Result preview = optaic(env, "dataset", "preview", market.toString(), "--rows", "3");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("2012-11-27", "close");

        Matcher run =
                Pattern.compile("ExperimentRun ([0-9a-f-]{36}): SUCCEEDED").matcher(second.out());
        assertThat(run.find()).isTrue();
        Result status = optaic(env, "run", "status", run.group(1));
        assertThat(status.out()).contains("publish", "COMPLETED", "code:");
        Result restart = optaic(env, "run", "restart", run.group(1));
        assertThat(restart.exitCode()).isEqualTo(2);
        assertThat(restart.err()).contains("never run again");
        Result reproduce = optaic(env, "run", "reproduce", run.group(1));
        assertThat(reproduce.exitCode()).as(reproduce.err()).isZero();
        assertThat(reproduce.out()).contains("IDENTICAL");
        Result lineage = optaic(env, "lineage", run.group(1), "--down");
        assertThat(lineage.out()).contains("produced", "derived_from");
        assertThat(optaic(env, "activity", "--verb", "run.succeeded").out()).contains("run.succeeded");
        assertThat(optaic(env, "def", "list").out()).contains("pipeline.synthetic", "pipeline.csv", "pipeline.parquet");
        assertThat(optaic(env, "db", "status").out())
                .containsPattern("schema version: \\d+")
                .containsPattern("\\n1 +metadata schema +Success");
        assertThat(optaic(env, "run", "status", UUID.randomUUID().toString()).exitCode())
                .isEqualTo(3);

        Result third = optaic(env, "quickstart", "--json");
        assertThat(third.exitCode()).as(third.err()).isZero();
        var summary = Output.JSON.readTree(third.out());
        assertThat(summary.at("/market").asText()).isEqualTo(market.toString());
        assertThat(summary.at("/pipeline_run/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.at("/pipeline_run/metrics/last_date").asText()).isEqualTo("2012-11-28");
        assertThat(summary.at("/experiment_run/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.at("/outputs/0/version").asInt()).isEqualTo(3);
    }
}
