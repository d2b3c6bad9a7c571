package com.optaic.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an input dataset gains dates, evaluating only the new dates (plus halo) and appending them gives
 * exactly the values of a full recompute: bit for bit, and to 1e-12 relative for EMA.
 */
class IncrementalEvaluationTest {
    private static final LocalDate AS_OF = LocalDate.of(2100, 1, 1);
    private static final ExpressionFile EXPRESSIONS = TestingEvaluations.EXPRESSIONS;

    @TempDir
    Path root;

    @Test
    void appendedDatesEqualAFullRecompute() {
        Panel market = withHoles(SyntheticMarket.generate(60, 400, 3));
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        DatasetReader reader = new DatasetReader(root, catalog);
        DatasetWriter writer = new DatasetWriter(root, catalog);
        DatasetEvaluation evaluation = new DatasetEvaluation(reader, writer, catalog);

        writer.rebuild("market", market.rows(0, 300), AS_OF);
        DatasetEvaluation.Outcome first = evaluation.run("market", null, "factors", EXPRESSIONS, false, AS_OF);
        assertThat(first.datesAppended()).isEqualTo(300);

        writer.append("market", market.rows(300, 301), AS_OF); // a nightly day
        DatasetEvaluation.Outcome nightly = evaluation.run("market", null, "factors", EXPRESSIONS, false, AS_OF);
        assertThat(nightly.datesAppended()).isEqualTo(1);
        assertThat(nightly.datesComputed()).isLessThan(301); // the halo, not the history (EMA warm-up is ~190)
        assertThat(nightly.output().files()).hasSize(first.output().files().size() + 1);

        writer.append("market", market.rows(301, 400), AS_OF);
        evaluation.run("market", null, "factors", EXPRESSIONS, false, AS_OF);
        DatasetEvaluation.Outcome again = evaluation.run("market", null, "factors", EXPRESSIONS, false, AS_OF);
        assertThat(again.datesAppended()).isZero();

        evaluation.run("market", null, "full", EXPRESSIONS, true, AS_OF);
        Panel incremental = reader.readPanel("factors", DatasetQuery.all());
        Panel full = reader.readPanel("full", DatasetQuery.all());
        List<String> differences = TestingEvaluations.differences(incremental, full, java.util.Set.of("ema"));
        assertThat(differences).isEmpty();
    }

    /** Knocks out some closes and whole rows, so windows meet NaNs and absent cells. */
    private static Panel withHoles(Panel panel) {
        double[] close = panel.requireNumeric("close").clone();
        boolean[] present = panel.presence().clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int i = 0; i < close.length; i++) {
            if (random.nextInt(200) == 0) {
                close[i] = Double.NaN;
            } else if (random.nextInt(300) == 0 && i % panel.dateCount() > 0) {
                present[i] = false;
            }
        }
        Map<String, double[]> numeric = new HashMap<>(panel.numericFields());
        numeric.put("close", close);
        for (Map.Entry<String, double[]> field : numeric.entrySet()) {
            double[] values = field.getValue().clone();
            for (int i = 0; i < values.length; i++) {
                if (!present[i]) {
                    values[i] = Double.NaN;
                }
            }
            field.setValue(values);
        }
        numeric.remove("returns"); // derived from close, so the holes carry through
        return new Panel(panel.epochDays(), panel.assets(), present, numeric, panel.groupFields());
    }
}
