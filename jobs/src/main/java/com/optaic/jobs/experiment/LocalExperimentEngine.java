package com.optaic.jobs.experiment;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.operators.plan.Program;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ExperimentEngine} in process: reads the input version whole, evaluates it through {@link PanelEvaluation}
 * and writes the output version with a {@link DatasetWriter}, checking the cancellation between the steps and before
 * each computation of the evaluation.
 */
public final class LocalExperimentEngine implements ExperimentEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public Result evaluate(Evaluation evaluation, CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        Panel input = new DatasetReader(evaluation.datasets(), evaluation.output())
                .read(evaluation.input(), DatasetQuery.all())
                .panel();
        Panel results = evaluate(input, evaluation, cancellation);
        cancellation.throwIfCancelled();
        VersionManifest manifest = new DatasetWriter(evaluation.datasets(), evaluation.output())
                .rebuild(evaluation.outputName(), results, evaluation.asOf()); // NO_ROWS when the range has none
        return new Result(manifest, ExperimentEngine.coverage(results), Map.of());
    }

    /** The output dates in range: the input's dates, assets and presence, one numeric field per expression. */
    private static Panel evaluate(Panel input, Evaluation evaluation, CancellationToken cancellation) {
        Program program = PanelEvaluation.compile(input, evaluation.expressions());
        PanelEvaluation run = PanelEvaluation.evaluate(
                input, program, evaluation.from(), evaluation.to(), 0, cancellation::throwIfCancelled);
        Panel computed = run.panel();
        Map<String, double[]> outputs = new LinkedHashMap<>();
        for (String name : program.outputs().keySet()) {
            outputs.put(name, run.columns().get(name));
        }
        Panel whole = new Panel(computed.epochDays(), computed.assets(), computed.presence(), outputs, Map.of());
        return whole.rows(run.rowFrom(), run.rowTo());
    }
}
