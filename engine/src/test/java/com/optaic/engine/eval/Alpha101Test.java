package com.optaic.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.PlanNode;
import com.optaic.operators.plan.Program;
import com.optaic.operators.syntax.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * All 101 Formulaic Alphas (Kakushadze 2016), as written in the paper, parse, compile and evaluate on a
 * seeded synthetic market with sector/industry/subindustry labels, giving finite values for most cells
 * once each formula's lookback is filled.
 *
 * <p>Two formulas are undefined in most cells under pandas' and Qlib's semantics, on any price-like data:
 * alpha096 and alpha097 correlate time-series ranks of smooth series (a 60-day average's rank over 4 days)
 * over 3-4 rows, a window that is often constant, where a correlation is undefined (NaN); a chain of ~40
 * rows of further windowed operators with {@code min_periods = d} then spreads each NaN. For those the test
 * checks that the undefined correlations are the only cause: with each correlation's NaN read as 0
 * (FILLNA), the formula must be mostly finite too.
 */
class Alpha101Test {
    private static final Path ALPHAS = Path.of("../../shared/data/alpha101.tsv");

    @Test
    void everyFormulaEvaluatesToMostlyFiniteValues() throws IOException {
        List<String> lines = Files.readAllLines(ALPHAS, StandardCharsets.UTF_8);
        List<Definition> definitions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t", 2);
            definitions.add(new Definition(
                    String.format("alpha%03d", Integer.parseInt(parts[0].strip())),
                    new Source(ALPHAS.toString(), parts[1], i + 1, parts[0].length() + 2),
                    false));
        }
        assertThat(definitions).hasSize(101);

        Panel panel = SyntheticMarket.generate(400, 700, 11);
        Program program = new ExpressionCompiler(PanelEvaluation.catalog(panel)).compile(definitions);
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, null, null);

        int dates = panel.dateCount();
        List<String> poor = new ArrayList<>();
        List<Definition> witnesses = new ArrayList<>();
        for (Map.Entry<String, PlanNode> output : program.outputs().entrySet()) {
            int lookback = output.getValue().lookback();
            assertThat(lookback).as(output.getKey() + " lookback").isLessThan(dates - 100);
            double[] values = evaluation.columns().get(output.getKey());
            long cells = 0;
            long finite = 0;
            for (int a = 0; a < panel.assetCount(); a++) {
                for (int t = lookback; t < dates; t++) {
                    cells++;
                    if (Double.isFinite(values[a * dates + t])) {
                        finite++;
                    }
                }
            }
            double share = (double) finite / cells;
            if (UNDEFINED_MOSTLY.contains(output.getKey())) {
                Definition original =
                        definitions.get(Integer.parseInt(output.getKey().substring(5)) - 1);
                witnesses.add(Definition.feature(
                        output.getKey(),
                        zeroUndefinedCorrelations(original.source().text())));
            } else if (share < 0.5) {
                poor.add(String.format("%s (lookback %d): %.1f%% finite", output.getKey(), lookback, 100 * share));
            }
        }
        assertThat(poor)
                .as("alphas with fewer than half their cells finite after their lookback")
                .isEmpty();

        Program witness = new ExpressionCompiler(PanelEvaluation.catalog(panel)).compile(witnesses);
        PanelEvaluation witnessed = PanelEvaluation.evaluate(panel, witness, null, null);
        for (Map.Entry<String, PlanNode> output : witness.outputs().entrySet()) {
            assertThat(finiteShare(
                            witnessed.columns().get(output.getKey()),
                            panel,
                            output.getValue().lookback()))
                    .as(output.getKey() + " with undefined correlations read as 0")
                    .isGreaterThan(0.5);
        }
    }

    private static final java.util.Set<String> UNDEFINED_MOSTLY = java.util.Set.of("alpha096", "alpha097");

    private static double finiteShare(double[] values, Panel panel, int lookback) {
        int dates = panel.dateCount();
        long cells = 0;
        long finite = 0;
        for (int a = 0; a < panel.assetCount(); a++) {
            for (int t = lookback; t < dates; t++) {
                cells++;
                finite += Double.isFinite(values[a * dates + t]) ? 1 : 0;
            }
        }
        return (double) finite / cells;
    }

    /** Wraps every {@code correlation(...)} call of a formula in {@code FILLNA(..., 0)}. */
    static String zeroUndefinedCorrelations(String formula) {
        StringBuilder out = new StringBuilder();
        String lower = formula.toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < formula.length()) {
            if (lower.startsWith("correlation(", i)) {
                int depth = 0;
                int j = i + "correlation".length();
                do {
                    char c = formula.charAt(j);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    j++;
                } while (depth > 0);
                String arguments = formula.substring(i + "correlation(".length(), j - 1);
                out.append("FILLNA(correlation(")
                        .append(zeroUndefinedCorrelations(arguments))
                        .append("), 0)");
                i = j;
            } else {
                out.append(formula.charAt(i++));
            }
        }
        return out.toString();
    }
}
