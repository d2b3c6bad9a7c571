package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.jobs.engines.SparkJobGroup;
import com.optaic.jobs.run.CancellationToken;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@link ExperimentEngine} on Spark through {@link SparkEvaluator#evaluate(SparkEvaluator.DatasetRequest)}: the
 * tasks read the input version's files from the run storage, evaluate a year of dates each, and write that year's
 * data file straight into the output version's data directory there; the driver commits the version to the run's
 * {@link com.optaic.jobs.data.StagedCatalog}, which the run publishes. The files are {@link LocalExperimentEngine}'s
 * byte for byte, so both engines' versions have the same content hash on any cluster; the exception is EMA, which
 * Spark blocks start after a finite warm-up (dropped weight below 1e-16, see the engine's BlockPlanner) where the
 * local engine reads the whole history, so EMA outputs agree to about 1e-15 relative. The work runs in the run's Spark job group
 * ({@link SparkJobGroup}), which a cancel stops.
 */
public final class SparkExperimentEngine implements ExperimentEngine {
    private final Supplier<SparkSession> session;

    /** @param session the session to run on, asked for when an evaluation starts */
    public SparkExperimentEngine(Supplier<SparkSession> session) {
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Result evaluate(Evaluation evaluation, CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        SparkSession spark = session.get();
        SparkContext context = spark.sparkContext();
        Map<String, String> facts =
                Map.of("spark_application_id", context.applicationId(), "spark_master", context.master());
        VersionManifest input = evaluation.input();
        SparkEvaluator.DatasetRequest request = new SparkEvaluator.DatasetRequest(
                        evaluation.datasets(),
                        evaluation.output(),
                        input.dataset(),
                        input.version(),
                        evaluation.outputName(),
                        evaluation.expressions(),
                        true,
                        evaluation.asOf(),
                        0)
                .withRange(evaluation.from(), evaluation.to());
        SparkEvaluator.DatasetResult result =
                SparkJobGroup.run(spark, cancellation, () -> new SparkEvaluator(spark).evaluate(request));
        cancellation.throwIfCancelled();
        // A rebuild: the new files are the whole version, and the tasks counted their finite values.
        return new Result(
                result.output(),
                ExperimentEngine.coverage(result.finiteValues(), result.output().rows()),
                facts);
    }
}
