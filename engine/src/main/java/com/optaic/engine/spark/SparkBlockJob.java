package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one {@link BlockTask} per {@link DateBlock} as a Spark job and collects the tasks' results in block order;
 * turns a failed job into the user's error a task raised, or else a Spark failure with the root cause.
 */
final class SparkBlockJob {

    private final SparkSession spark;

    SparkBlockJob(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    int defaultParallelism() {
        return spark.sparkContext().defaultParallelism();
    }

    List<BlockResult> run(BlockTask task, List<DateBlock> blocks, int blockDates) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        context.setJobDescription("optaic eval: " + blocks.size() + " blocks of up to " + blockDates + " dates");
        try {
            List<BlockResult> parts = new ArrayList<>(
                    context.parallelize(blocks, blocks.size()).map(task).collect());
            parts.sort(Comparator.comparingInt(BlockResult::index));
            return parts;
        } finally {
            context.setJobDescription(null);
        }
    }

    /** The user's error when a task raised one, else a Spark failure with the root cause. */
    static OptaicException failure(String input, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SparkErrors.TaskFailure failure) {
                return failure.toException();
            }
            if (cause instanceof OptaicException optaic) {
                return optaic;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new OptaicException(
                EngineErrorCode.SPARK_JOB_FAILED,
                "Cannot evaluate " + input + " on Spark: the job failed (" + SparkErrors.describe(root)
                        + "); no output was written",
                e);
    }
}
