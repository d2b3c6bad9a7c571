package com.optaic.jobs.engines;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's work executes, chosen by name through {@link Engines}: in this process, or as tasks of a Spark
 * session. A run type asks {@link #onSpark} to pick its code path and {@link #session} only when it executes, so a
 * resolve step never starts Spark. Every engine must give a run type's results bit for bit as the in-process one does
 * (a run type documents any exception).
 */
public interface RunEngine {
    /** The name a config's {@code engine} picks it by, recorded in the run's metrics. */
    String name();

    /** Whether the work runs as Spark tasks; otherwise it runs in this process and {@link #session} fails. */
    boolean onSpark();

    /**
     * The Spark session to run on, started on first use.
     *
     * @param master the run's own master ({@code spark_master}), which must be the one this process runs if it
     *     already runs Spark; empty for the engine's default
     */
    SparkSession session(Optional<String> master);
}
