package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Drift summaries of many numeric columns on Spark, each in aggregations over the whole data set (no sort, no
 * shuffle of rows): {@link #profile} builds the reference's {@link SketchProfile}s (two passes: counts, moments and
 * Spark's {@code percentile_approx} sketch, then the exact bin shares against the edges read off it), and
 * {@link #scan} summarises a current window against them in one pass (counts, bin counts, out-of-range counts and
 * the quantile sketch), for {@link SketchDrift}. A missing value is a null or a NaN.
 *
 * @param levels quantile levels kept per feature (the sketch holds L + 1 quantiles)
 * @param accuracy {@code percentile_approx}'s accuracy: its relative rank error is 1 / accuracy
 */
public record SparkDriftScan(int levels, int accuracy) {
    public SparkDriftScan {
        if (levels < 2 || accuracy < 1) {
            throw new IllegalArgumentException("levels must be at least 2 and accuracy positive");
        }
    }

    public double rankError() {
        return 1.0 / accuracy;
    }

    private double[] probabilities() {
        double[] p = new double[levels + 1];
        for (int k = 0; k <= levels; k++) {
            p[k] = (double) k / levels;
        }
        return p;
    }

    private Column probabilityArray() {
        double[] p = probabilities();
        Column[] literals = new Column[p.length];
        for (int k = 0; k < p.length; k++) {
            literals[k] = lit(p[k]);
        }
        return array(literals);
    }

    private static Column valid(String feature) {
        Column c = col(feature);
        return c.isNotNull().and(not(isnan(c)));
    }

    private Column sketch(String feature) {
        return percentile_approx(when(valid(feature), col(feature)), probabilityArray(), lit(accuracy));
    }

    /** The reference profiles of {@code features}, with {@code bins} bins each. */
    public List<SketchProfile> profile(Dataset<Row> data, List<String> features, int bins) {
        requireNonNull(data, "data is null");
        List<Column> first = new ArrayList<>();
        first.add(count(lit(1)));
        for (String f : features) {
            first.add(count(when(valid(f), lit(1))));
            first.add(min(when(valid(f), col(f))));
            first.add(max(when(valid(f), col(f))));
            first.add(avg(when(valid(f), col(f))));
            first.add(stddev_pop(when(valid(f), col(f))));
            first.add(sketch(f));
        }
        Row moments = aggregate(data, first);
        long rows = moments.getLong(0);
        List<double[]> quantiles = new ArrayList<>();
        List<double[]> edges = new ArrayList<>();
        List<Column> second = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            double[] q = doubles(moments.getList(1 + i * 6 + 5));
            double[] e = SketchProfile.edgesFrom(q, bins);
            quantiles.add(q);
            edges.add(e);
            second.addAll(binCounts(features.get(i), e));
        }
        Row counts = aggregate(data, second);
        List<SketchProfile> profiles = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            int at = 1 + i * 6;
            long count = moments.getLong(at);
            double[] shares = new double[bins];
            for (int b = 0; b < bins; b++) {
                shares[b] = count == 0 ? 0 : (double) counts.getLong(i * bins + b) / count;
            }
            profiles.add(new SketchProfile(
                    features.get(i),
                    count,
                    rows - count,
                    moments.getDouble(at + 1),
                    moments.getDouble(at + 2),
                    moments.getDouble(at + 3),
                    moments.getDouble(at + 4),
                    quantiles.get(i),
                    rankError(),
                    edges.get(i),
                    shares));
        }
        return profiles;
    }

    /** One pass over the current window: a summary per profile, in the profiles' order. */
    public List<SketchDrift.CurrentSummary> scan(Dataset<Row> data, List<SketchProfile> profiles) {
        requireNonNull(data, "data is null");
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)));
        for (SketchProfile p : profiles) {
            String f = p.feature();
            aggregates.add(count(when(valid(f), lit(1))));
            aggregates.add(count(when(valid(f).and(col(f).lt(p.min()).or(col(f).gt(p.max()))), lit(1))));
            aggregates.add(sketch(f));
            aggregates.addAll(binCounts(f, p.edges()));
        }
        Row row = aggregate(data, aggregates);
        long rows = row.getLong(0);
        List<SketchDrift.CurrentSummary> summaries = new ArrayList<>();
        int at = 1;
        for (SketchProfile p : profiles) {
            long count = row.getLong(at);
            long outOfRange = row.getLong(at + 1);
            double[] q = doubles(row.getList(at + 2));
            int bins = p.edges().length + 1;
            long[] binCounts = new long[bins];
            for (int b = 0; b < bins; b++) {
                binCounts[b] = row.getLong(at + 3 + b);
            }
            summaries.add(new SketchDrift.CurrentSummary(count, rows - count, binCounts, outOfRange, q));
            at += 3 + bins;
        }
        return summaries;
    }

    /** Counts per bin: bin b holds edge_{b-1} <= x < edge_b (numpy's searchsorted side="right"). */
    private static List<Column> binCounts(String feature, double[] edges) {
        List<Column> counts = new ArrayList<>();
        Column c = col(feature);
        for (int b = 0; b <= edges.length; b++) {
            Column in = valid(feature);
            if (b > 0) {
                in = in.and(c.geq(edges[b - 1]));
            }
            if (b < edges.length) {
                in = in.and(c.lt(edges[b]));
            }
            counts.add(count(when(in, lit(1))));
        }
        return counts;
    }

    private static Row aggregate(Dataset<Row> data, List<Column> aggregates) {
        return data.agg(
                        aggregates.get(0),
                        aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .collectAsList()
                .get(0);
    }

    private static double[] doubles(List<Object> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }
}
