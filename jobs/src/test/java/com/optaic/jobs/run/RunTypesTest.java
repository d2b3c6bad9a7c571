package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTypesTest {
    /** A run type that only names its types: registration never resolves or executes anything. */
    private record Named(ResourceType runType, ResourceType instanceType) implements RunType<JsonNode> {
        @Override
        public JsonNode parseConfig(JsonNode config) {
            return config;
        }

        @Override
        public RunWork resolve(JsonNode config, RunContext context) {
            throw new AssertionError("not resolved in these tests");
        }
    }

    /** A run type started only when named, beside its instance type's default. */
    private record NamedOnly(ResourceType runType, ResourceType instanceType) implements RunType<JsonNode> {
        @Override
        public boolean defaultForInstance() {
            return false;
        }

        @Override
        public JsonNode parseConfig(JsonNode config) {
            return config;
        }

        @Override
        public RunWork resolve(JsonNode config, RunContext context) {
            throw new AssertionError("not resolved in these tests");
        }
    }

    private static final Named TRAINING = new Named(ResourceType.TrainingRun, ResourceType.ModelInstance);
    private static final Named INFERENCE = new Named(ResourceType.InferenceRun, ResourceType.ModelInstance);
    private static final Named BACKTEST = new Named(ResourceType.BacktestRun, ResourceType.BacktestInstance);

    @Test
    void aRunTypeIsFoundByRunAndByInstanceType() {
        RunTypes types = new RunTypes(List.of(BACKTEST, TRAINING));
        assertThat(types.get(ResourceType.BacktestRun)).isSameAs(BACKTEST);
        assertThat(types.forInstance(ResourceType.BacktestInstance)).isSameAs(BACKTEST);
        assertThat(types.all()).containsExactlyInAnyOrder(BACKTEST, TRAINING);
    }

    @Test
    void registeringARunTypeTwiceOrANonRunTypeFails() {
        assertThatThrownBy(() -> new RunTypes(
                        List.of(BACKTEST, new Named(ResourceType.BacktestRun, ResourceType.SignalInstance))))
                .hasMessage("Run type BacktestRun is registered twice");
        assertThatThrownBy(() ->
                        new RunTypes(List.of(new Named(ResourceType.BacktestInstance, ResourceType.BacktestInstance))))
                .hasMessage("BacktestInstance is not a run type");
    }

    @Test
    void anUnknownTypeFailsWithTheKnownOnes() {
        RunTypes types = new RunTypes(List.of(BACKTEST, TRAINING));
        assertThatThrownBy(() -> types.get(ResourceType.PipelineRun))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.UNKNOWN_CODE_REF))
                .hasMessage("No run type handles PipelineRun; known: BacktestRun, TrainingRun");
        assertThatThrownBy(() -> types.forInstance(ResourceType.DatasetInstance))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG))
                .hasMessageContaining("Instances of type DatasetInstance have no run type yet");
    }

    @Test
    void anInstanceTypeWithSeveralRunTypesIsRefusedRatherThanGuessed() {
        RunTypes types = new RunTypes(List.of(TRAINING, INFERENCE));
        assertThatThrownBy(() -> types.forInstance(ResourceType.ModelInstance))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG))
                .hasMessage("Instances of type ModelInstance have several run types (TrainingRun, InferenceRun);"
                        + " name the run type to start");
        assertThat(types.get(ResourceType.InferenceRun)).isSameAs(INFERENCE);
    }

    @Test
    void theDefaultRunTypeIsStartedUnlessAnotherIsNamed() {
        NamedOnly inference = new NamedOnly(ResourceType.InferenceRun, ResourceType.ModelInstance);
        RunTypes types = new RunTypes(List.of(TRAINING, inference, BACKTEST));
        assertThat(types.forInstance(ResourceType.ModelInstance)).isSameAs(TRAINING);
        assertThat(types.forInstance(ResourceType.ModelInstance, ResourceType.InferenceRun))
                .isSameAs(inference);
        assertThatThrownBy(() -> types.forInstance(ResourceType.ModelInstance, ResourceType.BacktestRun))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG))
                .hasMessage("A ModelInstance has no run type BacktestRun; its run types: TrainingRun, InferenceRun");
        RunTypes namedOnly = new RunTypes(List.of(inference, BACKTEST));
        assertThatThrownBy(() -> namedOnly.forInstance(ResourceType.ModelInstance))
                .hasMessage("Instances of type ModelInstance have no default run type; name one with --type:"
                        + " InferenceRun");
    }
}
