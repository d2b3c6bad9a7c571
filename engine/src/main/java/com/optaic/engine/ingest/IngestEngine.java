package com.optaic.engine.ingest;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Where an ingestion's tasks run: in this process ({@link #local()}) or as Spark tasks ({@link #spark}). Both run
 * the same two stages, read (one task per split) then write (one task per data file, fed the rows of every split
 * in its date range), so they write the same bytes.
 */
public abstract class IngestEngine {
    IngestEngine() {}

    /** Tasks on this JVM's cores. */
    public static IngestEngine local() {
        return new LocalIngestEngine();
    }

    /** Tasks on a Spark session; splits and data files must be reachable under the same paths by every executor. */
    public static IngestEngine spark(SparkSession spark) {
        return new SparkIngestEngine(spark);
    }

    /** {@code local} or {@code spark}. */
    public abstract String name();

    /** How many tasks run at once. */
    public abstract int parallelism();

    /**
     * Reads every split (rows dated in (afterDay, throughDay]) and keeps the rows for {@link ReadStage#write}; the
     * rows dated on or before afterDay are counted, and compared with {@code published} when it is not null.
     */
    abstract ReadStage read(List<IngestSplit> splits, int afterDay, int throughDay, EarlierRows.Published published);

    /** The rows of a read, held until closed. */
    interface ReadStage extends AutoCloseable {
        /** Per split, in split order, what it read, without the rows. */
        List<SplitResult> summaries();

        /** Writes one data file per range, a range being the dates from its first day to the next range's. */
        List<RangeWriter.Result> write(int[] rangeFirstDays, RangeWriter writer);

        @Override
        void close();
    }
}
