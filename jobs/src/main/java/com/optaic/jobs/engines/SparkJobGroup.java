package com.optaic.jobs.engines;

import com.optaic.jobs.run.CancellationToken;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a run's Spark work in a job group named after the run ({@code optaic-ExperimentRun-<id>}), set with
 * {@code interruptOnCancel = true}, so that cancelling the run's {@link CancellationToken} stops its jobs with
 * {@code cancelJobGroup}. The group is a property of the calling thread: the work must submit its Spark jobs from it.
 */
public final class SparkJobGroup {
    private SparkJobGroup() {}

    /** The job group of the work a token cancels. */
    public static String name(CancellationToken cancellation) {
        return "optaic-" + cancellation.label().replace(' ', '-');
    }

    /**
     * Runs {@code work} in the token's job group and returns its result.
     *
     * @throws com.optaic.common.OptaicException {@code RUN_CANCELLED} when the token is cancelled before, during or
     *     right after the work (a cancelled job fails its work; the cancel is what is reported)
     */
    public static <T> T run(SparkSession spark, CancellationToken cancellation, Supplier<T> work) {
        cancellation.throwIfCancelled();
        SparkContext context = spark.sparkContext();
        String group = name(cancellation);
        context.setJobGroup(group, "optaic " + cancellation.label(), true);
        try (CancellationToken.Registration stop = cancellation.onCancel(() -> context.cancelJobGroup(group))) {
            T result = work.get();
            cancellation.throwIfCancelled();
            return result;
        } catch (RuntimeException e) {
            cancellation.throwIfCancelled();
            throw e;
        } finally {
            context.clearJobGroup();
        }
    }
}
