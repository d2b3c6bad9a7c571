package com.optaic.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of {@code backtest/expected.csv}, written by the independent pandas script {@code generate.py}
 * beside it from the documented rules, on the nasty panel {@code backtest/panel.csv}: series, positions after
 * each close, every fill with its cost breakdown, round trips, drawdowns and the sweep summary, to 1e-10
 * relative (absolute below 1).
 */
class BacktestGoldenTest {
    private static final double TOLERANCE = 1e-10;

    private static Panel panel;
    private static MarketData market;
    /** scenario -> section -> "index,field" -> value text. */
    private static final Map<String, Map<String, Map<String, String>>> EXPECTED = new TreeMap<>();

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        panel = new PanelReader()
                .read(Path.of(BacktestGoldenTest.class
                        .getResource("/backtest/panel.csv")
                        .toURI()));
        market = MarketData.of(panel);
        try (InputStream in = BacktestGoldenTest.class.getResourceAsStream("/backtest/expected.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                EXPECTED.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                        .computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                        .put(f[2] + "," + f[3], f[4]);
            }
        }
    }

    static List<String> scenarios() throws IOException, URISyntaxException {
        load();
        return new ArrayList<>(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void matchesPandas(String scenario) {
        Map<String, Map<String, String>> expected = EXPECTED.get(scenario);
        Map<String, String> config = new LinkedHashMap<>();
        expected.get("config").forEach((key, value) -> config.put(key.substring(0, key.length() - 1), value));
        BacktestSpec spec = BacktestSpec.parse(config);
        assertThat(BacktestSpec.parse(spec.toConfig())).isEqualTo(spec);
        String field = spec.rule().kind() == PortfolioRule.Kind.WEIGHTS ? "weights" : "signal";
        BacktestResult result = new Simulator(market).run(SignalBook.align(market, panel, field), spec);
        BacktestPath path = result.path();

        Map<String, double[]> series = Map.of(
                "equity",
                path.equity(),
                "net_return",
                path.netReturns(),
                "gross_return",
                path.grossReturns(),
                "cost",
                path.costs(),
                "turnover",
                path.turnover());
        expected.get("series").forEach((key, value) -> {
            String[] k = key.split(",");
            close(series.get(k[1])[Integer.parseInt(k[0])], value, scenario + " series " + key);
        });
        List<String> assets = List.of(market.assets());
        expected.get("shares").forEach((key, value) -> {
            String[] k = key.split(",");
            close(result.shares(Integer.parseInt(k[0]), assets.indexOf(k[1])), value, scenario + " shares " + key);
        });

        List<Fill> fills = result.fills();
        assertThat(fills).as(scenario + " fills").hasSize(count(expected.get("fill")));
        expected.get("fill").forEach((key, value) -> {
            String[] k = key.split(",");
            Fill fill = fills.get(Integer.parseInt(k[0]));
            String what = scenario + " fill " + key;
            switch (k[1]) {
                case "asset" -> assertThat(fill.asset()).as(what).isEqualTo(value);
                case "reason" -> assertThat(fill.reason().name()).as(what).isEqualTo(value);
                case "row" -> assertThat(fill.row()).as(what).isEqualTo(Integer.parseInt(value));
                case "requested" -> close(fill.requestedShares(), value, what);
                case "shares" -> close(fill.shares(), value, what);
                case "price" -> close(fill.price(), value, what);
                case "commission" -> close(fill.commission(), value, what);
                case "fixed" -> close(fill.fixed(), value, what);
                case "spread" -> close(fill.spread(), value, what);
                case "impact" -> close(fill.impact(), value, what);
                default -> throw new AssertionError("unknown fill field " + k[1]);
            }
        });

        List<Trade> trades = result.trades();
        assertThat(trades).as(scenario + " trades").hasSize(count(expected.get("trade")));
        expected.get("trade").forEach((key, value) -> {
            String[] k = key.split(",");
            Trade trade = trades.get(Integer.parseInt(k[0]));
            String what = scenario + " trade " + key + " " + trade;
            switch (k[1]) {
                case "asset" -> assertThat(trade.asset()).as(what).isEqualTo(value);
                case "direction" -> close(trade.direction(), value, what);
                case "entry_row" -> close(trade.entryRow(), value, what);
                case "exit_row" -> close(trade.exitRow(), value, what);
                case "gross_pnl" -> close(trade.grossPnl(), value, what);
                case "costs" -> close(trade.costs(), value, what);
                case "borrow" -> close(trade.borrow(), value, what);
                case "net_pnl" -> close(trade.netPnl(), value, what);
                case "ret" -> close(trade.ret(), value, what);
                case "open" -> close(trade.open() ? 1 : 0, value, what);
                default -> throw new AssertionError("unknown trade field " + k[1]);
            }
        });

        List<Drawdown> drawdowns = result.drawdowns();
        Map<String, String> expectedDrawdowns = expected.getOrDefault("drawdown", Map.of());
        assertThat(drawdowns).as(scenario + " drawdowns").hasSize(count(expectedDrawdowns));
        expectedDrawdowns.forEach((key, value) -> {
            String[] k = key.split(",");
            Drawdown d = drawdowns.get(Integer.parseInt(k[0]));
            double actual = switch (k[1]) {
                case "peak_row" -> d.peakRow();
                case "trough_row" -> d.troughRow();
                case "recovery_row" -> d.recoveryRow();
                case "depth" -> d.depth();
                case "length" -> d.length();
                default -> throw new AssertionError("unknown drawdown field " + k[1]);
            };
            close(actual, value, scenario + " drawdown " + key);
        });

        SweepMetrics metrics = new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC));
        double[] summary = metrics.compute(path);
        expected.get("summary")
                .forEach((key, value) ->
                        close(summary[metrics.names().indexOf(key.substring(1))], value, scenario + " summary " + key));
    }

    private static int count(Map<String, String> section) {
        return (int)
                section.keySet().stream().map(k -> k.split(",")[0]).distinct().count();
    }

    private static void close(double actual, String expectedText, String what) {
        double expected = Double.parseDouble(expectedText);
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        assertThat(Math.abs(actual - expected))
                .as("%s: %s vs %s", what, actual, expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
    }
}
