package com.optaic.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.operators.plan.ExpressionFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Comparing evaluation outputs that must agree: bit for bit, except EMAs, which agree to 1e-12 relative. */
public final class TestingEvaluations {
    /** Time-series, cross-sectional and group operators, with NaNs and an EMA: what incremental runs must match. */
    public static final List<String> EXPRESSION_LINES = List.of(
            "ret1 = close/REF(close,1)-1",
            "z20 = (close-MEAN(close,20))/STD(close,20)",
            "corr10 = CORR(close,volume,10)",
            "rank_delta5 = RANK(DELTA(close,5))",
            "tsrank10 = TS_RANK(volume,10)",
            "skew30 = TS_SKEW(returns, 30)",
            "decay = DECAY_LINEAR(close, 15)",
            "median = TS_MEDIAN(volume, 40)",
            "product = TS_PRODUCT(1 + returns, 12)",
            "slope = TS_SLOPE(close, 25)",
            "neutral = IndNeutralize(TS_CORR(RANK(close), RANK(volume), 20), IndClass.industry)",
            "ema = EMA(close, 10)");

    public static final ExpressionFile EXPRESSIONS =
            ExpressionFile.parse("incremental", String.join("\n", EXPRESSION_LINES));

    private TestingEvaluations() {}

    /**
     * The first differing cell of each output that differs, after checking that both panels have the same
     * dates, assets and cells; {@code emaOutputs} are compared to 1e-12 relative (NaN pattern exact).
     */
    public static List<String> differences(Panel actual, Panel expected, Set<String> emaOutputs) {
        assertThat(actual.epochDays()).containsExactly(expected.epochDays());
        assertThat(actual.assets()).containsExactly(expected.assets());
        assertThat(actual.presence()).isEqualTo(expected.presence());
        assertThat(actual.numericFields().keySet())
                .isEqualTo(expected.numericFields().keySet());
        List<String> differences = new ArrayList<>();
        for (String name : expected.numericFields().keySet()) {
            double[] a = actual.requireNumeric(name);
            double[] b = expected.requireNumeric(name);
            for (int i = 0; i < a.length; i++) {
                boolean same = emaOutputs.contains(name)
                        ? (Double.isNaN(a[i]) && Double.isNaN(b[i])) || Math.abs(a[i] - b[i]) <= 1e-12 * Math.abs(b[i])
                        : Double.doubleToLongBits(a[i]) == Double.doubleToLongBits(b[i]);
                if (!same) {
                    differences.add(name + " cell " + i + ": " + a[i] + " vs " + b[i]);
                    break;
                }
            }
        }
        return differences;
    }
}
