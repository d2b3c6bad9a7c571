package com.optaic.jobs.experiment;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ExperimentEngine} in process, through {@link PanelEvaluation}. */
public final class LocalExperimentEngine implements ExperimentEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to) {
        Program program = PanelEvaluation.compile(input, expressions);
        PanelEvaluation evaluation = PanelEvaluation.evaluate(input, program, from, to);
        Panel computed = evaluation.panel();
        Map<String, double[]> outputs = new LinkedHashMap<>();
        for (String name : program.outputs().keySet()) {
            outputs.put(name, evaluation.columns().get(name));
        }
        Panel whole = new Panel(computed.epochDays(), computed.assets(), computed.presence(), outputs, Map.of());
        return whole.rows(evaluation.rowFrom(), evaluation.rowTo());
    }
}
