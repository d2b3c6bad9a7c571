package com.optaic.jobs.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.TestingOptaic;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {
    private static final UUID IN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID OUT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private static ExperimentConfig parse(String output, String members, String params) {
        return ExperimentConfig.parse(TestingOptaic.json("{\"input\": \"" + IN + "\", \"output\": \"" + output
                        + "\", \"expressions\": {\"z\": \"rank(close)\"}" + members + "}"))
                .withParams(TestingOptaic.json(params));
    }

    @Test
    void readsTheMembers() {
        ExperimentConfig config = parse(OUT.toString(), ", \"from\": \"2020-01-02\"", "{\"compact\": true}");
        assertThat(config.input()).isEqualTo(IN);
        assertThat(config.output()).isEqualTo(OUT);
        assertThat(config.expressions().definitions()).hasSize(1);
        assertThat(config.from()).contains(LocalDate.of(2020, 1, 2));
        assertThat(config.to()).isEmpty();
        assertThat(config.wholeRange()).isFalse();
        assertThat(config.compact()).isTrue();
        assertThat(parse(OUT.toString(), "", "{}").wholeRange()).isTrue();
    }

    @Test
    void refusalsNameTheMember() {
        assertThatThrownBy(() -> parse(IN.toString(), "", "{}"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("config 'output' is its input dataset");
        assertThatThrownBy(() -> parse(OUT.toString(), ", \"to\": \"2020-13-01\"", "{}"))
                .hasMessage("ExperimentInstance config 'to' must be yyyy-MM-dd, got '2020-13-01'");
        assertThat(parse(OUT.toString(), ", \"engine\": \"gpu\"", "{}").engine().engine())
                .as("the name is checked against the registry when the run type chooses")
                .contains("gpu");
        assertThatThrownBy(() -> ExperimentConfig.parse(TestingOptaic.json("{\"input\": \"" + IN + "\"}")))
                .hasMessageContaining("'expressions'");
    }
}
