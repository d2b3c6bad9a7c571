package com.optaic.jobs.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.ResourceType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnginesTest {
    private final Engines engines = Engines.builtins(Optional.empty());

    private Engines.Choice choose(ResourceType runType, String config, String params) {
        return engines.choose(
                runType,
                EngineSelection.parse(ResourceType.DatasetInstance, TestingOptaic.json(config))
                        .withParams(runType, TestingOptaic.json(params)));
    }

    @Test
    void eachRunTypeGetsItsDocumentedDefault() {
        assertThat(choose(ResourceType.PipelineRun, "{}", "{}").name()).isEqualTo("spark");
        assertThat(choose(ResourceType.ExperimentRun, "{}", "{}").name()).isEqualTo("local");
        assertThat(choose(ResourceType.PortfolioOptimizationRun, "{}", "{}").name())
                .isEqualTo("spark");
        assertThat(engines.defaultFor(ResourceType.BacktestRun).onSpark()).isTrue();
        assertThat(choose(ResourceType.PipelineRun, "{}", "{}").master()).isEmpty();
        assertThat(choose(ResourceType.ExperimentRun, "{}", "{}").onSpark()).isFalse();
    }

    @Test
    void aRunParamBeatsTheConfigAndTheMasterComesAlong() {
        Engines.Choice choice = choose(
                ResourceType.PipelineRun,
                "{\"engine\": \"spark\", \"spark_master\": \"a\"}",
                "{\"engine\": \"local\"}");
        assertThat(choice.name()).isEqualTo("local");
        assertThat(choice.master()).contains("a");
        assertThat(choose(ResourceType.ExperimentRun, "{\"engine\": \"spark\"}", "{}")
                        .onSpark())
                .isTrue();
    }

    @Test
    void anUnknownEngineFailsWithTheKnownOnes() {
        assertThatThrownBy(() -> choose(ResourceType.PipelineRun, "{\"engine\": \"gpu\"}", "{}"))
                .isInstanceOf(OptaicException.class)
                .hasMessage("DatasetInstance config 'engine' is 'gpu'; known engines: local, spark")
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG));
        assertThatThrownBy(() -> choose(ResourceType.PipelineRun, "{}", "{\"engine\": \"gpu\"}"))
                .hasMessage("PipelineRun param 'engine' is 'gpu'; known engines: local, spark");
        assertThatThrownBy(() -> engines.get("gpu")).hasMessage("Unknown engine 'gpu'; known engines: local, spark");
        assertThatThrownBy(() -> choose(ResourceType.PipelineRun, "{\"engine\": 3}", "{}"))
                .hasMessage("DatasetInstance config 'engine' must be a name, got 3");
    }

    @Test
    void aNameRegisteredTwiceFails() {
        assertThatThrownBy(() -> engines.register(Engines.local()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'local' is registered twice");
        assertThat(engines.names()).containsExactlyInAnyOrder("local", "spark");
    }

    @Test
    void theLocalEngineRunsNoSpark() {
        assertThatThrownBy(() -> engines.get("local").session(Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
    }
}
