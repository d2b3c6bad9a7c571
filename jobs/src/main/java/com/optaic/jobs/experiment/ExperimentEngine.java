package com.optaic.jobs.experiment;

import com.optaic.engine.data.Panel;
import com.optaic.operators.plan.ExpressionFile;
import java.time.LocalDate;

/**
 * Evaluates an experiment's expressions over its input panel. The in-process engine is {@link LocalExperimentEngine};
 * a Spark evaluator plugs in here with the same contract and must give identical results.
 */
public interface ExperimentEngine {
    /** A short name recorded on the run ({@code local}, {@code spark}). */
    String name();

    /**
     * @param from first date to output, null for the panel's first
     * @param to last date to output, null for the panel's last
     * @return a panel of the output dates and the input's assets and presence, one numeric field per expression
     */
    Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to);
}
