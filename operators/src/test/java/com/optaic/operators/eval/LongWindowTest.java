package com.optaic.operators.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.operators.BuiltinOperators;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.kernels.TimeSeriesKernel;
import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A window longer than the data costs what the data costs (issue 14, finding 12): the evaluator clamps it, which
 * changes no result because every time-series operator follows pandas' {@code min_periods = d}: a window that
 * does not fit in the series has no value anywhere.
 */
class LongWindowTest {
    @Test
    void everyTimeSeriesKernelHasNoValueWhenTheWindowExceedsTheSeries() {
        SplittableRandom random = new SplittableRandom(12);
        int n = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 + random.nextGaussian();
            y[i] = random.nextGaussian();
        }
        List<String> differences = new ArrayList<>();
        for (OperatorSpec spec : BuiltinOperators.registry().all()) {
            if (!(spec.kernel() instanceof TimeSeriesKernel kernel)) {
                continue;
            }
            double[] params = spec.name().equals("TS_QUANTILE") ? new double[] {0.3} : new double[0];
            for (int firstRow : new int[] {0, 250}) {
                for (int window : new int[] {n + 1, n + 2, n + 37, n + 1000, -(n + 1), -(n + 1000)}) {
                    if (window < 0 && !spec.name().equals("REF")) {
                        continue;
                    }
                    double[] out = new double[n];
                    kernel.apply(x, y, 0, n, firstRow, window, params, out);
                    for (int i = 0; i < n; i++) {
                        if (!Double.isNaN(out[i])) {
                            differences.add(spec.name() + " d=" + window + " firstRow=" + firstRow + " row " + i + ": "
                                    + out[i]);
                            break;
                        }
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aHundredMillionRowWindowOnASmallPanelAllocatesByThePanel() {
        int dates = 10;
        int assets = 3;
        boolean[] present = new boolean[dates * assets];
        Arrays.fill(present, true);
        double[] close = new double[dates * assets];
        Arrays.setAll(close, i -> 100 + i);
        Block block = new Block(dates, assets, present).numeric("close", close);
        List<Definition> definitions = new ArrayList<>();
        for (String operator :
                List.of("TS_MEAN", "TS_STD", "TS_RANK", "TS_MAX", "DECAY_LINEAR", "EMA", "REF", "TS_CORR")) {
            String call = operator.equals("TS_CORR") ? "TS_CORR(close, close * 2, %s)" : operator + "(close, %s)";
            definitions.add(Definition.feature(
                    operator.toLowerCase(java.util.Locale.ROOT) + "_1e8",
                    String.format(java.util.Locale.ROOT, call, "100000000")));
            definitions.add(Definition.feature(
                    operator.toLowerCase(java.util.Locale.ROOT) + "_1e12",
                    String.format(java.util.Locale.ROOT, call, "1e12")));
        }
        Program program = new ExpressionCompiler(block.catalog()).compile(definitions);
        Runtime runtime = Runtime.getRuntime();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        Map<String, double[]> values = BlockEvaluator.evaluate(program, block);
        long usedAfter = runtime.totalMemory() - runtime.freeMemory();
        assertThat(values).hasSize(definitions.size());
        values.forEach((name, column) -> assertThat(Arrays.stream(column).allMatch(Double::isNaN))
                .as(name)
                .isTrue());
        // Unclamped, the rolling sums alone would take 8 doubles per window row: 6.4 GB.
        assertThat(usedAfter - usedBefore).isLessThan(256L << 20);
    }
}
