package com.optaic.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.BacktestErrors;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.jobs.run.JobsErrors;
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
        assertThatThrownBy(() -> BacktestConfig.parse(config(edit))).isInstanceOf(OptaicException.class)
                .hasMessageContaining("BacktestInstance config '" + member + "'").hasMessageContaining(detail)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
    }

    @Test
    void aMinimalConfigTakesTheDefaults() {
        BacktestConfig config = BacktestConfig.parse(config(c -> { }));
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
        refused(c -> c.put("sigal", 1), "sigal", "known: backtest, benchmark, metrics, outputs, prices, signal");
        refused(c -> c.putObject("signal"), "signal", "exactly one of 'expression'");
        refused(c -> c.putObject("signal").put("expression", "rank(close"), "signal.expression", "rank(close");
        refused(c -> c.putObject("signal").put("field", "alpha"), "signal.dataset", "required");
        refused(c -> c.putObject("signal").put("field", "alpha").put("dataset", PRICES.toString()).put("version", 0),
                "signal.version", "version number");
        refused(c -> c.putObject("metrics").put("preset", "pyfolio"), "metrics", "optaic, empyrical, quantstats");
        refused(c -> c.putObject("metrics").put("periods_per_year", 0), "metrics", "periods_per_year");
        refused(c -> c.putObject("metrics").put("risk_free_rate", "2%"), "metrics.risk_free_rate", "number");
        refused(c -> c.putObject("backtest").put("rule", "best"), "backtest", "rule='best'");
        refused(c -> c.putObject("outputs").put("positions", UUID.randomUUID().toString()), "outputs.series",
                "required");
        refused(c -> ((ObjectNode) c.get("outputs")).put("trades", SERIES.toString()), "outputs.trades",
                "same dataset");
        refused(c -> c.putObject("benchmark").put("dataset", PRICES.toString()), "benchmark.asset", "non-empty");
    }

    @Test
    void aSameBarFillKeepsTheEnginesCode() {
        assertThatThrownBy(() -> BacktestConfig.parse(config(c -> c.putObject("backtest").put("signal_lag", 0))))
                .isInstanceOf(OptaicException.class).hasMessageContaining("'backtest'")
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(BacktestErrors.SAME_BAR_FILL));
        assertThat(BacktestConfig.parse(config(c -> c.putObject("backtest").put("signal_lag", 0)
                .put("allow_same_bar", true))).spec().timing().allowSameBar()).isTrue();
    }

    @Test
    void theInputsAreReadWithoutValidatingTheRest() {
        UUID signal = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        ObjectNode config = config(c -> {
            c.putObject("signal").put("dataset", signal.toString()).put("field", "alpha").put("version", 3);
            c.putObject("benchmark").put("dataset", benchmark.toString()).put("asset", "SPY");
            c.putObject("metrics").put("preset", "pyfolio");   // fails the run later, not the queueing
        });
        assertThat(BacktestConfig.inputsOf(config)).containsExactly(Map.entry(PRICES, Optional.empty()),
                Map.entry(signal, Optional.of(3)), Map.entry(benchmark, Optional.empty()));
        assertThatThrownBy(() -> BacktestConfig.inputsOf(config(c -> c.put("prices", "x"))))
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrors.BAD_RUN_CONFIG));
    }
}
