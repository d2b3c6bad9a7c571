package com.optaic.jobs.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.operators.syntax.Parser;
import org.junit.jupiter.api.Test;

/** An ExperimentInstance's expressions are checked when its config is read, before any run (issue 14, finding 11). */
class ExperimentExpressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config(String name, String formula) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("expressions").put(name, formula);
        return config;
    }

    @Test
    void expressionsThatCannotCompileOnAnyPanelAreRefusedUpFront() {
        String deep = "RANK(".repeat(3000) + "close" + ")".repeat(3000);
        assertThatThrownBy(() -> ExperimentRunType.expressions(config("deep", deep)))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("the limit is " + Parser.MAX_DEPTH)
                .satisfies(e -> assertThat(((OptaicException) e).category()).isEqualTo(ErrorCategory.USER_ERROR));
        assertThatThrownBy(() -> ExperimentRunType.expressions(config("peek", "RANK(REF(close, -1))")))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("into the future");
        assertThatThrownBy(() -> ExperimentRunType.expressions(config("m", "TS_MEEN(close, 5)")))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("did you mean TS_MEAN");
        ObjectNode doubling = config("x", "D12(close)");
        doubling.putArray("macros")
                .add("DEF D0(x) = x + 1")
                .add("DEF D1(x) = D0(x) * D0(x)")
                .add("DEF D2(x) = D1(x) * D1(x)")
                .add("DEF D3(x) = D2(D2(x))");
        assertThatThrownBy(() -> ExperimentRunType.expressions(doubling))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("unknown operator 'D12'");
    }

    @Test
    void fieldsAreLeftToTheRunWhichKnowsTheInputSchema() {
        assertThat(ExperimentRunType.expressions(config("z", "ZSCORE(RANK(anything_the_input_may_have))"))
                        .definitions())
                .hasSize(1);
        ObjectNode withMacro = config("n", "NEUTRAL(mom, IndClass.sector)");
        withMacro.putArray("macros").add("DEF NEUTRAL(x, g) = GROUP_NEUTRALIZE(x, g)");
        assertThat(ExperimentRunType.expressions(withMacro).macros()).hasSize(1);
    }
}
