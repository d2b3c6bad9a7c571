package com.optaic.engine.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.optaic.engine.spark.TestingSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sketch path against the exact one on the same data: a reference and a current window generated on Spark
 * (a stable column, a shifted one, a widened one with missing values), summarised by {@link SparkDriftScan}
 * and compared by {@link SketchDrift}, then collected and compared exactly by {@link DriftCalculator}: KS D
 * within the stated bound 1/L + 2e, the other statistics close, the same verdicts.
 */
class SparkDriftScanIT {
    private static final int LEVELS = 1000;
    private static final int ACCURACY = 10_000;

    @Test
    void sketchesAgreeWithTheExactStatisticsWithinTheirBound() {
        SparkSession spark = TestingSpark.session();
        Dataset<Row> reference = spark.range(0, 30_000, 1, 4)
                .select(
                        randn(1).as("stable"),
                        randn(2).as("shift"),
                        when(col("id").mod(10).equalTo(0), null)
                                .otherwise(randn(3))
                                .as("widen"));
        Dataset<Row> current = spark.range(0, 20_000, 1, 4)
                .select(
                        randn(4).as("stable"),
                        randn(5).plus(0.3).as("shift"),
                        when(col("id").mod(5).equalTo(0), null)
                                .otherwise(randn(6).multiply(2))
                                .as("widen"));
        List<String> features = List.of("stable", "shift", "widen");
        SparkDriftScan scan = new SparkDriftScan(LEVELS, ACCURACY);

        List<SketchProfile> profiles = scan.profile(reference, features, 10);
        List<GridSummary> summaries = scan.scan(current, profiles);

        DriftCalculator exact = new DriftCalculator(DriftSettings.DEFAULTS);
        SketchDrift approximate = new SketchDrift(DriftSettings.DEFAULTS);
        double bound = 1.0 / LEVELS + 2 * scan.rankError();
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            FeatureDrift a = approximate.compare(profiles.get(i), summaries.get(i));
            FeatureDrift e = exact.compare(f, column(reference, f), column(current, f));
            assertThat(a.nReference()).as(f).isEqualTo(e.nReference());
            assertThat(a.nCurrent()).as(f).isEqualTo(e.nCurrent());
            assertThat(a.nullShareCurrent()).as(f).isEqualTo(e.nullShareCurrent());
            assertThat(a.ksStatistic()).as(f + " D").isCloseTo(e.ksStatistic(), within(bound));
            assertThat(a.wasserstein()).as(f + " wasserstein").isCloseTo(e.wasserstein(), within(0.01));
            assertThat(a.psi()).as(f + " psi").isCloseTo(e.psi(), within(0.01));
            assertThat(a.js()).as(f + " js").isCloseTo(e.js(), within(0.01));
            assertThat(a.outOfRangeShare()).as(f).isEqualTo(e.outOfRangeShare());
            assertThat(a.drift()).as(f + " verdict").isEqualTo(e.drift());
        }
        assertThat(approximate.compare(profiles.get(0), summaries.get(0)).drift())
                .isFalse();
        assertThat(approximate.compare(profiles.get(1), summaries.get(1)).drift())
                .isTrue();
        assertThat(approximate.compare(profiles.get(2), summaries.get(2)).drift())
                .isTrue();
    }

    private static double[] column(Dataset<Row> data, String feature) {
        return data.select(feature).collectAsList().stream()
                .mapToDouble(r -> r.isNullAt(0) ? Double.NaN : r.getDouble(0))
                .toArray();
    }
}
