package com.optaic.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.jobs.JobsErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BacktestConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final UUID PRICES = UUID.randomUUID();
    private static final UUID SERIES = UUID.randomUUID();

    private static ObjectNode config(Consumer<ObjectNode> edit) {
        ObjectNode config = MAPPER.createObjectNode();
        config.put("prices", PRICES.toString());
        config.putObject("signal").put("expression", "rank(delta(close, 5))");
        config.putObject("outputs").put("series", SERIES.toString());
        edit.accept(config);
        return config;
    }

    private static void refused(Consumer<ObjectNode> edit, String member, String detail) {
        assertThatThrownBy(() -> BacktestConfig.parse(config(edit)))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("BacktestInstance config '" + member + "'")
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
    }

    @Test
    void aMinimalConfigTakesTheDefaults() {
        BacktestConfig config = BacktestConfig.parse(config(c -> {}));
        assertThat(config.prices()).isEqualTo(PRICES);
        assertThat(config.signal().dataset()).isEqualTo(PRICES);
        assertThat(config.signal().expression()).contains("rank(delta(close, 5))");
        assertThat(config.conventions().preset()).isEqualTo(MetricPreset.OPTAIC);
        assertThat(config.conventions().periodsPerYear()).isEqualTo(252);
        assertThat(config.spec().timing().signalLag()).isEqualTo(1);
        assertThat(config.outputs()).containsExactly(Map.entry(BacktestConfig.Output.SERIES, SERIES));
        assertThat(config.inputDatasets()).containsExactly(PRICES);
    }

    @Test
    void eachMistakeIsRefusedNamingItsMember() {
        refused(c -> c.put("prices", "market"), "prices", "dataset id");
        refused(c -> c.put("sigal", 1), "sigal", "known: backtest, benchmark, grid, metrics, outputs, prices, signal");
        refused(c -> c.putObject("signal"), "signal", "exactly one of 'expression'");
        refused(c -> c.putObject("signal").put("expression", "rank(close"), "signal.expression", "rank(close");
        refused(c -> c.putObject("signal").put("field", "alpha"), "signal.dataset", "required");
        refused(
                c -> c.putObject("signal")
                        .put("field", "alpha")
                        .put("dataset", PRICES.toString())
                        .put("version", 0),
                "signal.version",
                "version number");
        refused(c -> c.putObject("metrics").put("preset", "pyfolio"), "metrics", "optaic, empyrical, quantstats");
        refused(c -> c.putObject("metrics").put("periods_per_year", 0), "metrics", "periods_per_year");
        refused(c -> c.putObject("metrics").put("risk_free_rate", "2%"), "metrics.risk_free_rate", "number");
        refused(c -> c.putObject("backtest").put("rule", "best"), "backtest", "rule='best'");
        refused(
                c -> c.putObject("outputs").put("positions", UUID.randomUUID().toString()),
                "outputs.series",
                "required");
        refused(
                c -> ((ObjectNode) c.get("outputs")).put("trades", SERIES.toString()),
                "outputs.trades",
                "same dataset");
        refused(c -> c.putObject("benchmark").put("dataset", PRICES.toString()), "benchmark.asset", "non-empty");
    }

    @Test
    void withoutOutputsTheRunWritesToItsOwnDatasets() {
        BacktestConfig config = BacktestConfig.parse(config(c -> c.remove("outputs")));
        assertThat(config.outputs()).isEmpty();
        assertThat(config.isSweep()).isFalse();
        assertThat(OutputDatasets.name("reversal", BacktestConfig.Output.SERIES))
                .isEqualTo("reversal-series");
        assertThat(OutputDatasets.name("grid", BacktestConfig.Output.SWEEP_METRICS))
                .isEqualTo("grid-sweep-metrics");
    }

    private static Consumer<ObjectNode> sweep(Consumer<ObjectNode> grid) {
        return c -> {
            c.putObject("signal").put("expression", "rank(delta(close, {window}))");
            c.putObject("backtest").put("rebalance", "weekly");
            c.putObject("outputs").put("sweep_metrics", SERIES.toString());
            grid.accept(c.putObject("grid"));
        };
    }

    @Test
    void aGridSplitsPlaceholdersFromSettingsInOrder() {
        BacktestConfig config = BacktestConfig.parse(config(sweep(g -> {
            g.putArray("n").add(3).add(5);
            g.putArray("window").add(5).add(10).add(20);
            g.putArray("side").add("long_only").add("long_short");
        })));
        BacktestConfig.Grid grid = config.grid().orElseThrow();
        assertThat(grid.signalParameters()).containsExactly(Map.entry("window", java.util.List.of("5", "10", "20")));
        assertThat(grid.settings())
                .containsExactly(
                        Map.entry("n", java.util.List.of("3", "5")),
                        Map.entry("side", java.util.List.of("long_only", "long_short")));
        assertThat(grid.size()).isEqualTo(12);
        assertThat(grid.parameters().keySet()).containsExactly("window", "n", "side");
        com.optaic.engine.backtest.sweep.SweepGrid sweepGrid = grid.sweepGrid();
        assertThat(sweepGrid.signalCount()).isEqualTo(3);
        assertThat(sweepGrid.signalText(2)).isEqualTo("signal = rank(delta(close, 20))");
        assertThat(sweepGrid.combinations().get(0).config())
                .containsEntry("rebalance", "weekly")
                .containsEntry("n", "3")
                .containsEntry("side", "long_only");
        assertThat(config.outputs()).containsExactly(Map.entry(BacktestConfig.Output.SWEEP_METRICS, SERIES));
    }

    @Test
    void eachGridMistakeIsRefusedNamingItsMember() {
        refused(
                sweep(g -> g.putArray("window").add(5).add(10).add("5 5")),
                "grid.window[2]",
                "rank(delta(close, 5 5))");
        refused(
                sweep(g -> {
                    g.putArray("window").add(5);
                    g.putArray("n").add(5).add(10).add(0);
                }),
                "grid.n[2]",
                "n='0'");
        refused(
                sweep(g -> {
                    g.putArray("window").add(5);
                    g.putArray("n").add(5).addObject();
                }),
                "grid.n[1]",
                "number, word or boolean");
        refused(
                sweep(g -> {
                    g.putArray("window").add(5);
                    g.putArray("top_n").add(5);
                }),
                "grid.top_n",
                "neither a placeholder");
        refused(
                sweep(g -> {
                    g.putArray("window").add(5);
                    g.putArray("rebalance").add("daily");
                }),
                "grid.rebalance",
                "also fixed in 'backtest'");
        refused(
                sweep(g -> {
                    g.putArray("window").add(5);
                    g.putArray("n");
                }),
                "grid.n",
                "non-empty array");
        refused(sweep(g -> g.putArray("window").add(5).add(5)), "grid.window", "repeats");
        refused(sweep(g -> g.putArray("n").add(5)), "grid", "placeholder {window}");
        refused(
                c -> c.putObject("signal").put("expression", "delay(close, {w})"),
                "signal.expression",
                "give their values in 'grid'");
        refused(
                sweep(g -> g.putArray("window").add(5))
                        .andThen(c -> c.putObject("outputs").put("series", SERIES.toString())),
                "outputs.series",
                "known: outputs.sweep_equity, outputs.sweep_metrics");
    }

    @Test
    void aSameBarFillKeepsTheEnginesCode() {
        assertThatThrownBy(() ->
                        BacktestConfig.parse(config(c -> c.putObject("backtest").put("signal_lag", 0))))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("'backtest'")
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(EngineErrorCode.SAME_BAR_FILL));
        assertThat(BacktestConfig.parse(config(c ->
                                c.putObject("backtest").put("signal_lag", 0).put("allow_same_bar", true)))
                        .spec()
                        .timing()
                        .allowSameBar())
                .isTrue();
    }

    @Test
    void theInputsAreReadWithoutValidatingTheRest() {
        UUID signal = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        ObjectNode config = config(c -> {
            c.putObject("signal")
                    .put("dataset", signal.toString())
                    .put("field", "alpha")
                    .put("version", 3);
            c.putObject("benchmark").put("dataset", benchmark.toString()).put("asset", "SPY");
            c.putObject("metrics").put("preset", "pyfolio"); // fails the run later, not the queueing
        });
        assertThat(BacktestConfig.inputsOf(config))
                .containsExactly(
                        Map.entry(PRICES, Optional.empty()),
                        Map.entry(signal, Optional.of(3)),
                        Map.entry(benchmark, Optional.empty()));
        assertThatThrownBy(() -> BacktestConfig.inputsOf(config(c -> c.put("prices", "x"))))
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG));
    }
}
