package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.portfolio.OptimizerSpec;
import com.optaic.engine.portfolio.OptimizerSpecJson;
import com.optaic.engine.portfolio.RollingOptimization;
import com.optaic.engine.portfolio.RollingOptimization.Window;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the re-optimisations of a {@link RollingOptimization} as Spark tasks, one per window; the spec travels
 * as JSON. The weights come back in the windows' order; a task's user error (an infeasible window) reaches the
 * driver with its code and message.
 */
public final class SparkRollingOptimization {
    private SparkRollingOptimization() {}

    public static List<RollingOptimization.WindowResult> optimizeAll(
            SparkSession spark, List<Window> windows, OptimizerSpec spec) {
        requireNonNull(spark, "spark is null");
        if (windows.isEmpty()) {
            return List.of();
        }
        String json = OptimizerSpecJson.write(spec).toString();
        Function<Window, RollingOptimization.WindowResult> task = window -> {
            try {
                return RollingOptimization.optimize(window, OptimizerSpecJson.read(json));
            } catch (OptaicException e) {
                throw new SparkErrors.TaskFailure(
                        new OptaicException(e.code(), window.date() + ": " + e.getMessage(), e));
            }
        };
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        context.setJobDescription("optaic optimize: " + windows.size() + " monthly re-optimisations");
        try {
            return context.parallelize(windows, windows.size()).map(task).collect();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SparkErrors.TaskFailure failure) {
                    throw failure.toException();
                }
            }
            throw new OptaicException(
                    EngineErrorCode.SPARK_JOB_FAILED,
                    "The re-optimisation job failed on Spark (" + SparkErrors.describe(e) + ")",
                    e);
        } finally {
            context.setJobDescription(null);
        }
    }
}
