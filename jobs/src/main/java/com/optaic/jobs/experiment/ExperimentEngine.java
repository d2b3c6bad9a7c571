package com.optaic.jobs.experiment;

import com.optaic.engine.data.Panel;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.operators.plan.ExpressionFile;
import java.time.LocalDate;
import java.util.Map;

/**
 * Evaluates an experiment's expressions over its input panel. The in-process engine is {@link LocalExperimentEngine},
 * the Spark one {@link SparkExperimentEngine}; every engine must give identical results (bit for bit).
 */
public interface ExperimentEngine {
    /** A short name recorded on the run and chosen by the instance config's {@code engine} ({@code local}, {@code spark}). */
    String name();

    /**
     * @param from first date to output, null for the panel's first
     * @param to last date to output, null for the panel's last
     * @return a panel of the output dates and the input's assets and presence, one numeric field per expression
     */
    Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to);

    /**
     * The same, stopping when {@code cancellation} is cancelled (with {@code RUN_CANCELLED}). Engines that can stop
     * work midway override this; the default checks before and after.
     */
    default Panel evaluate(Panel input, ExpressionFile expressions, LocalDate from, LocalDate to,
                           CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        Panel results = evaluate(input, expressions, from, to);
        cancellation.throwIfCancelled();
        return results;
    }

    /** What the run should record about where it executed (e.g. {@code spark_application_id}); read after evaluate. */
    default Map<String, String> executionFacts() {
        return Map.of();
    }
}
