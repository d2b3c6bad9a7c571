package com.optaic.jobs.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.TestingOptaic;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortfolioOptimizationConfigTest {
    private static final UUID IN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID OUT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private static PortfolioOptimizationConfig parse(String members) {
        return PortfolioOptimizationConfig.parse(
                        TestingOptaic.json("{\"input\": \"" + IN + "\", \"output\": \"" + OUT + "\"" + members + "}"))
                .withParams(TestingOptaic.json("{\"spark_master\": \"local[3]\"}"));
    }

    @Test
    void readsTheMembersWithTheirDefaults() {
        PortfolioOptimizationConfig config = parse(", \"optimizer\": {\"method\": \"hrp\"}");
        assertThat(config.input()).isEqualTo(IN);
        assertThat(config.output()).isEqualTo(OUT);
        assertThat(config.optimizer().path("method").asText()).isEqualTo("hrp");
        assertThat(config.field()).isEqualTo("close");
        assertThat(config.window()).isEmpty();
        assertThat(config.engine().engine()).isEmpty();
        PortfolioOptimizationConfig rolling = parse(", \"field\": \"vwap\", \"window\": 60, \"engine\": \"local\"");
        assertThat(rolling.field()).isEqualTo("vwap");
        assertThat(rolling.window()).hasValue(60);
        assertThat(rolling.engine().engine()).contains("local");
        assertThat(rolling.engine().master()).contains("local[3]");
    }

    @Test
    void refusalsNameTheMember() {
        assertThatThrownBy(() -> parse(", \"windw\": 5"))
                .isInstanceOf(OptaicException.class)
                .hasMessage("PortfolioOptimizerInstance config has an unknown key 'windw'; known: engine, field, "
                        + "input, optimizer, output, spark_master, window");
        assertThatThrownBy(() -> parse(", \"window\": 1"))
                .hasMessage("PortfolioOptimizerInstance config 'window' must be a number of days >= 2, got 1");
        assertThatThrownBy(() -> parse(", \"field\": 3"))
                .hasMessage("PortfolioOptimizerInstance config 'field' must be the name of a numeric field, got 3");
        assertThatThrownBy(() -> PortfolioOptimizationConfig.parse(TestingOptaic.json("{\"input\": \"" + IN + "\"}")))
                .hasMessageContaining("'output'");
    }
}
