package com.optaic.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.ingest.CorrectionPolicy;
import com.optaic.jobs.TestingOptaic;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
    private static PipelineConfig parse(String config, String params) {
        return PipelineConfig.parse(TestingOptaic.json(config)).withParams(TestingOptaic.json(params));
    }

    @Test
    void appendsByDefaultAndRebuildsWhenTheModeOrTheRunSaysSo() {
        PipelineConfig plain = parse("{\"pipeline\": {\"assets\": 3}}", "{}");
        assertThat(plain.rebuild()).isFalse();
        assertThat(plain.compact()).isFalse();
        assertThat(plain.source().path("assets").asInt()).isEqualTo(3);
        assertThat(plain.engine().engine()).isEmpty();
        assertThat(parse("{\"mode\": \"rebuild\"}", "{}").rebuild()).isTrue();
        assertThat(parse("{\"mode\": \"rebuild\"}", "{\"rebuild\": false}").rebuild())
                .isFalse();
        assertThat(parse("{}", "{\"rebuild\": true}").rebuild()).isTrue();
        PipelineConfig compact = parse("{\"mode\": \"rebuild\"}", "{\"compact\": true}");
        assertThat(compact.compact()).isTrue();
        assertThat(compact.rebuild()).isFalse();
        assertThat(plain.corrections()).isEqualTo(CorrectionPolicy.REJECT);
        assertThat(parse("{\"corrections\": \"ignore\"}", "{}").corrections()).isEqualTo(CorrectionPolicy.IGNORE);
    }

    @Test
    void theEngineComesFromTheParamsElseTheConfig() {
        PipelineConfig config =
                parse("{\"engine\": \"local\", \"spark_master\": \"local[3]\"}", "{\"engine\": \"spark\"}");
        assertThat(config.engine().engine()).contains("spark");
        assertThat(config.engine().master()).contains("local[3]");
        assertThat(config.engine().origin()).isEqualTo("PipelineRun param");
    }

    @Test
    void refusalsNameTheMember() {
        assertThatThrownBy(() -> parse("{\"mode\": \"replace\"}", "{}"))
                .isInstanceOf(OptaicException.class)
                .hasMessage("DatasetInstance config 'mode' must be 'append' or 'rebuild', got \"replace\"");
        assertThatThrownBy(() -> parse("{}", "{\"rebuild\": \"yes\"}"))
                .hasMessage("PipelineRun param 'rebuild' must be true or false, got \"yes\"");
        assertThatThrownBy(() -> parse("{}", "{\"rebuild\": true, \"compact\": true}"))
                .hasMessageContaining("ask for one of them");
        assertThatThrownBy(() -> parse("{\"engine\": 1}", "{}"))
                .hasMessage("DatasetInstance config 'engine' must be a name, got 1");
        assertThatThrownBy(() -> parse("{\"corrections\": \"overwrite\"}", "{}"))
                .hasMessage(
                        "DatasetInstance config 'corrections' must be 'reject', 'ignore' or 'restate', got \"overwrite\"");
        assertThatThrownBy(() -> parse("{\"corrections\": true}", "{}"))
                .hasMessage("DatasetInstance config 'corrections' must be 'reject', 'ignore' or 'restate', got true");
    }
}
