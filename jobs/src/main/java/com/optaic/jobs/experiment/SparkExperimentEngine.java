package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.run.CancellationToken;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@link ExperimentEngine} on Spark through {@link SparkEvaluator#evaluate(SparkEvaluator.DatasetRequest)}: the
 * tasks read the input version's files from the run storage, evaluate a year of dates each, and write that year's
 * data file straight into the output version's data directory there; the driver commits the version to the run's
 * {@link com.optaic.jobs.data.StagedCatalog}, which the run publishes. The files are {@link LocalExperimentEngine}'s
 * byte for byte, so both engines' versions have the same content hash on any cluster; the exception is EMA, which
 * Spark blocks start after a finite warm-up (dropped weight below 1e-16, see the engine's BlockPlanner) where the
 * local engine reads the whole history, so EMA outputs agree to about 1e-15 relative. The work runs in a Spark job group named after the run
 * ({@code setJobGroup(..., interruptOnCancel = true)}), which a cancel stops with {@code cancelJobGroup}. Spark
 * starts on first use (master {@code OPTAIC_SPARK_MASTER}, default {@code local[*]}).
 */
public final class SparkExperimentEngine implements ExperimentEngine {
    private final String master;

    public SparkExperimentEngine(String master) {
        this.master = requireNonNull(master, "master is null");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Result evaluate(Evaluation evaluation, CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        SparkSession spark = SparkSessions.getOrCreate(master);
        SparkContext context = spark.sparkContext();
        Map<String, String> facts = Map.of("spark_application_id", context.applicationId(),
                "spark_master", context.master());
        VersionManifest input = evaluation.input();
        SparkEvaluator.DatasetRequest request = new SparkEvaluator.DatasetRequest(evaluation.datasets(),
                evaluation.output(), input.dataset(), input.version(), evaluation.outputName(),
                evaluation.expressions(), true, evaluation.asOf(), 0).withRange(evaluation.from(), evaluation.to());
        String group = "optaic-" + cancellation.label().replace(' ', '-');
        context.setJobGroup(group, "optaic " + cancellation.label(), true);
        SparkEvaluator.DatasetResult result;
        try (CancellationToken.Registration stop = cancellation.onCancel(() -> context.cancelJobGroup(group))) {
            cancellation.throwIfCancelled();
            result = new SparkEvaluator(spark).evaluate(request);
        } catch (RuntimeException e) {
            cancellation.throwIfCancelled(); // a cancelled job group fails its job: report the cancel
            throw e;
        } finally {
            context.clearJobGroup();
        }
        cancellation.throwIfCancelled();
        // A rebuild: the new files are the whole version, and the tasks counted their finite values.
        return new Result(result.output(), ExperimentEngine.coverage(result.finiteValues(), result.output().rows()),
                facts);
    }
}
