package com.optaic.engine.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Ingestion as two Spark jobs over one persisted RDD: the read tasks' results are kept (memory, then disk), the
 * driver collects their summaries to plan the files, then each read result is cut at file boundaries and
 * shuffled by file, one write task per file. Only summaries and file metadata reach the driver.
 */
final class SparkIngestEngine extends IngestEngine {
    private final SparkSession spark;

    SparkIngestEngine(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public int parallelism() {
        return spark.sparkContext().defaultParallelism();
    }

    @Override
    ReadStage read(List<IngestSplit> splits, int afterDay, int throughDay, EarlierRows.Published published) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> indexes = IntStream.range(0, splits.size()).boxed().toList();
        ArrayList<IngestSplit> shipped = new ArrayList<>(splits);
        JavaRDD<SplitResult> results = context.parallelize(indexes, Math.max(1, splits.size()))
                .map(i -> SplitResult.read(i, shipped.get(i), afterDay, throughDay, published))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new ReadStage() {
            @Override
            public List<SplitResult> summaries() {
                context.setJobDescription("optaic ingest: read " + splits.size() + " splits");
                List<SplitResult> summaries =
                        new ArrayList<>(results.map(SplitResult::summary).collect());
                summaries.sort(Comparator.comparingInt(s -> s.split));
                return summaries;
            }

            @Override
            public List<RangeWriter.Result> write(int[] rangeFirstDays, RangeWriter writer) {
                context.setJobDescription("optaic ingest: write " + rangeFirstDays.length + " files");
                return results.filter(r -> r.rows != null)
                        .flatMapToPair(r -> r.rows.byRange(rangeFirstDays).stream()
                                .map(part -> new Tuple2<>(part.getKey(), part.getValue()))
                                .iterator())
                        .groupByKey(rangeFirstDays.length)
                        .map(range -> writer.write(range._1(), range._2()))
                        .collect();
            }

            @Override
            public void close() {
                context.setJobDescription(null);
                results.unpersist(false);
            }
        };
    }
}
