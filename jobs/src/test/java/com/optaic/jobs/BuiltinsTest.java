package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.model.MLModules;
import com.optaic.jobs.pipeline.PipelineSources;
import com.optaic.jobs.portfolio.PortfolioOptimizers;
import com.optaic.jobs.run.Builtin;
import com.optaic.metadata.BuiltinDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinsTest {
    @Test
    void everyDefinitionResolvesThroughItsRegistry() {
        List<BuiltinDefinition> definitions = Builtins.definitions();
        assertThat(definitions)
                .extracting(d -> d.type() + "/" + d.name())
                .containsExactly(
                        "PipelineDef/synthetic",
                        "PipelineDef/csv",
                        "PipelineDef/parquet",
                        "PortfolioOptimizerDef/mvo",
                        "PortfolioOptimizerDef/hrp",
                        "PortfolioOptimizerDef/risk_parity",
                        "MLModuleDef/linear",
                        "MLModuleDef/gbt",
                        "MLModuleDef/random_forest");
        for (BuiltinDefinition definition : definitions) {
            String codeRef = definition.content().codeRef();
            assertThat(
                            switch (definition.type()) {
                                case PipelineDef -> PipelineSources.builtins().codeRefs();
                                case MLModuleDef -> MLModules.builtins().codeRefs();
                                default -> PortfolioOptimizers.builtins().codeRefs();
                            })
                    .as(codeRef)
                    .contains(codeRef);
        }
    }

    @Test
    void theDeployedContentIsUnchanged() {
        BuiltinDefinition parquet = Builtins.definitions().get(2);
        assertThat(parquet.content().codeRef()).isEqualTo("pipeline.parquet");
        assertThat(parquet.content().codeVersion()).isEqualTo("1");
        assertThat(parquet.content().spec()).isEqualTo(TestingOptaic.json("{\"kind\": \"pipeline\"}"));
        assertThat(parquet.content().configSchema()).isEqualTo(TestingOptaic.json("""
                {"type": "object",
                 "properties": {"path": {"type": "string", "minLength": 1}, "group_fields": {"type": "array"}},
                 "required": ["path"], "additionalProperties": false}"""));
    }

    @Test
    void aNameDeclaredTwiceFails() {
        Builtin<?> csv = PipelineSources.all().get(1);
        assertThatThrownBy(() ->
                        Builtins.definitions(List.of(csv, PipelineSources.all().get(0), csv)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Built-in PipelineDef 'csv' is declared twice");
    }

    @Test
    void aCodeRefRegisteredTwiceFailsAndAnUnknownOneNamesTheKnownOnes() {
        assertThatThrownBy(() -> Builtin.registry(
                        "pipeline",
                        List.of(
                                PipelineSources.all().get(0),
                                PipelineSources.all().get(0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline code_ref 'pipeline.synthetic' is registered twice");
        assertThatThrownBy(() -> PipelineSources.builtins().build("pipeline.excel", TestingOptaic.json("{}")))
                .isInstanceOf(OptaicException.class)
                .hasMessage("Unknown pipeline code_ref 'pipeline.excel'; known: pipeline.csv, pipeline.parquet, "
                        + "pipeline.synthetic")
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.UNKNOWN_CODE_REF));
    }
}
