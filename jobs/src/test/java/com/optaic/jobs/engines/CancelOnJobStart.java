package com.optaic.jobs.engines;

import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Run;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Launches a queued run and cancels it, as {@code optaic run cancel} would from this process, when the first Spark job
 * of the run's job group starts; records which group started and how the jobs ended.
 */
public final class CancelOnJobStart {
    /** The master of TestingOptaic's environments, started before the run so that no job start is missed. */
    private static final String MASTER = "local[2]";

    private final List<Object> jobEnds = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> startedGroup = new AtomicReference<>();
    private final String group;
    private Run run;

    private CancelOnJobStart(String group) {
        this.group = group;
    }

    /** Runs {@code runId} (a run of {@code runType}) to its end, cancelling it when its first Spark job starts. */
    public static CancelOnJobStart launch(Optaic optaic, Actor user, String runType, UUID runId) {
        CancelOnJobStart cancel = new CancelOnJobStart("optaic-" + runType + "-" + runId);
        SparkContext context = SparkSessions.getOrCreate(MASTER).sparkContext();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String jobGroup = start.properties().getProperty("spark.jobGroup.id");
                if (cancel.group.equals(jobGroup) && cancel.startedGroup.compareAndSet(null, jobGroup)) {
                    optaic.frame().cancel(user, runId);
                }
            }

            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                cancel.jobEnds.add(end.jobResult());
            }
        };
        context.addSparkListener(listener);
        try {
            cancel.run = optaic.frame().launch(user, runId).run();
        } finally {
            context.removeSparkListener(listener);
        }
        return cancel;
    }

    /** The run as it ended. */
    public Run run() {
        return run;
    }

    /** The run's job group, if one of its jobs started. */
    public String startedGroup() {
        return startedGroup.get();
    }

    public String group() {
        return group;
    }

    /** Whether a Spark job failed (a cancelled job fails). */
    public boolean aJobFailed() {
        return jobEnds.stream().anyMatch(JobFailed.class::isInstance);
    }
}
