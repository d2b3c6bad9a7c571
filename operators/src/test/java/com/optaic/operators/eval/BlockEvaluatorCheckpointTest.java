package com.optaic.operators.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.Program;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint runs before every computation (reading an input is one), and one that throws stops the
 * evaluation there.
 */
class BlockEvaluatorCheckpointTest {
    private static final int DATES = 50;
    private static final int ASSETS = 4;

    @Test
    void runsOncePerComputationAndAThrowingOneStopsTheEvaluation() {
        Block block = block();
        Program program = new ExpressionCompiler(block.catalog())
                .compile(List.of(
                        Definition.feature("a", "RANK(DELTA(x, 5))"), Definition.feature("b", "TS_MEAN(x, 10) / x")));
        AtomicInteger calls = new AtomicInteger();
        Map<String, double[]> checked = BlockEvaluator.evaluate(program, block, calls::incrementAndGet);
        assertThat(calls.get())
                .isEqualTo(program.operatorCount() + program.numericInputs().size()); // x is read once
        Map<String, double[]> plain = BlockEvaluator.evaluate(program, block);
        assertThat(checked.get("a")).containsExactly(plain.get("a"));
        assertThat(checked.get("b")).containsExactly(plain.get("b"));

        AtomicInteger before = new AtomicInteger();
        assertThatThrownBy(() -> BlockEvaluator.evaluate(program, block, () -> {
                    if (before.incrementAndGet() == 2) {
                        throw new IllegalStateException("cancelled");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cancelled");
        assertThat(before.get()).isEqualTo(2);
    }

    private static Block block() {
        boolean[] present = new boolean[DATES * ASSETS];
        Arrays.fill(present, true);
        double[] x = new double[DATES * ASSETS];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + Math.sin(i * 0.37) * 5 + i % 7;
        }
        return new Block(DATES, ASSETS, present).numeric("x", x);
    }
}
