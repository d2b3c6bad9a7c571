package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optaic backtest} on the 20 real stocks: the table, --json, a sweep, a report, and refusals. */
class BacktestCommandTest {
    static final Path PRICES = Path.of("../../shared/data/stock_prices.csv");
    static final String REVERSAL = "-1 * (close / delay(close, 5) - 1)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "backtest",
                "--prices",
                PRICES.toString(),
                "--wide",
                "--signal",
                REVERSAL,
                "--rule",
                "top_bottom",
                "--n",
                "5",
                "--rebalance",
                "weekly",
                "--costs",
                "5"));
        args.addAll(List.of(extra));
        return args;
    }

    private static Result run(List<String> args) {
        return optaic(args.toArray(String[]::new));
    }

    @Test
    void printsTheMetricsTableAndWithJsonOnlyJson() throws IOException {
        Result table = run(args());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("metric", "net", "gross", "sharpe", "max_drawdown", "h1", "rank_ic_mean");

        Result json = run(args("--json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode metrics = JSON.readTree(json.out());
        assertThat(metrics.get("assets").asInt()).isEqualTo(20);
        assertThat(metrics.at("/spec/n").asDouble()).isEqualTo(5);
        assertThat(metrics.at("/spec/commission_bps").asDouble()).isEqualTo(5);
        // Costs make net worse than gross, and the table prints the same Sharpe as the JSON.
        double net = metrics.at("/net/total_return").asDouble();
        assertThat(net).isLessThan(metrics.at("/gross/total_return").asDouble());
        assertThat(table.out())
                .containsPattern("sharpe +"
                        + String.format(
                                Locale.ROOT, "%.6f", metrics.at("/net/sharpe").asDouble()));
    }

    @Test
    void aGridPrintsOneRowPerCombinationEachEqualToItsOwnBacktest() throws IOException {
        Result sweep = run(args("--grid", "side=long_short,long_only", "--grid", "lag_unused=1", "--json"));
        assertThat(sweep.exitCode()).isEqualTo(2);
        assertThat(sweep.err()).contains("--grid 'lag_unused'");

        List<String> grid =
                new ArrayList<>(args("--grid", "side=long_short,long_only", "--grid", "signal_lag=1,2", "--json"));
        Result result = run(grid);
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode rows = JSON.readTree(result.out()).get("combinations");
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            Result single = run(args(
                    "--set",
                    "side=" + row.at("/parameters/side").asText(),
                    "--set",
                    "signal_lag=" + row.at("/parameters/signal_lag").asText(),
                    "--json"));
            assertThat(single.exitCode()).as(single.err()).isZero();
            JsonNode net = JSON.readTree(single.out()).get("net");
            for (String metric : List.of("total_return", "sharpe", "max_drawdown", "annual_turnover")) {
                assertThat(row.at("/metrics/" + metric).asDouble())
                        .as(row + " " + metric)
                        .isCloseTo(net.get(metric).asDouble(), within(1e-12));
            }
        }
        Result text = run(args("--grid", "half_spread_bps=0,2,4"));
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines()).hasSize(4);
        assertThat(text.out().lines().findFirst().orElseThrow())
                .startsWith("combination,half_spread_bps,total_return,cagr");
    }

    @Test
    void writesASelfContainedReport() throws IOException {
        Path report = dir.resolve("sub/report.html");
        Result result = run(args("--benchmark", "AAPL", "--report", report.toString()));
        assertThat(result.exitCode()).as(result.err()).isZero();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html.startsWith("<!DOCTYPE html>")).isTrue();
        for (String remote : List.of("http://", "https://", "<script", "src=")) {
            assertThat(html.contains(remote)).as(remote).isFalse();
        }
        assertThat(html.split("<svg class=\"chart ", -1)).hasSize(9 + 1); // eight charts and the lineage
        assertThat(html.contains("<text x=\"14.0\" y=\"95.0\" text-anchor=\"start\">" + REVERSAL + "</text>"))
                .isTrue();
        assertThat(Files.list(report.getParent()).toList()).containsExactly(report);
    }

    @Test
    void aReportThatCannotBeWrittenLeavesNoOutput() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken.html"));
        Result result = run(args("--report", taken.toString()));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("taken.html", "is a directory");
        assertThat(result.out()).isEmpty();
        assertThat(Files.list(dir).toList()).containsExactly(taken);
        assertThat(Files.list(taken).toList()).isEmpty();
    }

    @Test
    void badOptionsExit2NamingThem() {
        assertRefused(bare("--n", "abc"), "--n 'abc'");
        assertRefused(bare("--rule", "sideways"), "sideways");
        assertRefused(bare("--set", "bogus=1"), "bogus");
        assertRefused(bare("--n", "3", "--set", "n=3"), "--set n");
        assertRefused(bare("--grid", "n"), "--grid 'n'");
        assertRefused(bare("--grid", "n=3,3"), "--grid 'n'");
        assertRefused(bare("--n", "3", "--grid", "n=3,4"), "--grid 'n'");
        assertRefused(bare("--benchmark", "NOPE"), "--benchmark");
        assertRefused(bare("--report", "out.txt"), "--report");
        assertRefused(bare("--rf", "x"), "--rf");
        assertRefused(bare("--report", dir.toString() + "/"), "--report");
        assertRefused(bare("--preset", "nope"), "--preset");
        assertRefused(List.of("backtest", "--prices", "missing.csv", "--signal", "close"), "missing.csv");
        assertRefused(List.of("backtest", "--prices", PRICES.toString(), "--signal", "close"), "--wide");
        assertRefused(
                List.of("backtest", "--prices", PRICES.toString(), "--wide", "--signal", "nosuch(close)"), "nosuch");
        assertRefused(List.of("backtest", "--signal", "close"), "--prices");
        assertRefused(
                List.of("backtest", "--prices", PRICES.toString(), "--dataset", "x", "--signal", "close"), "--dataset");
    }

    private static List<String> bare(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("backtest", "--prices", PRICES.toString(), "--wide", "--signal", REVERSAL));
        args.addAll(List.of(extra));
        return args;
    }

    private static void assertRefused(List<String> args, String named) {
        Result result = run(args);
        assertThat(result.exitCode()).as(args + ": " + result.err()).isEqualTo(2);
        assertThat(result.err()).as(String.join(" ", args)).contains(named);
        assertThat(result.out()).isEmpty();
    }
}
