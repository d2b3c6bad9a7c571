package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.QuantileSummaries;

/**
 * Drift summaries of many numeric columns on Spark, each pass one scan of the rows with every feature updated
 * per row in plain loops (no per-feature aggregate expressions, whose generated code grows past what the JIT
 * compiles), the partitions' summaries merged on the driver. {@link #profile} builds the reference's
 * {@link SketchProfile}s in two passes (moments and Spark's Greenwald-Khanna {@link QuantileSummaries} of
 * relative rank error {@code 1 / accuracy}; then the exact bin shares on the quantile grid); {@link #scan}
 * counts a current window on those grids in one pass, for {@link SketchDrift}. A missing value is a null or a
 * NaN.
 *
 * @param levels quantile levels kept per feature: the grid holds L + 1 quantiles (L a multiple of the bins)
 * @param accuracy the quantile sketch's relative rank error is 1 / accuracy
 */
public record SparkDriftScan(int levels, int accuracy) implements Serializable {
    public SparkDriftScan {
        if (levels < 2 || accuracy < 1) {
            throw new IllegalArgumentException("levels must be at least 2 and accuracy positive");
        }
    }

    public double rankError() {
        return 1.0 / accuracy;
    }

    /** The reference profiles of {@code features}, with {@code bins} bins each ({@code levels} a multiple of it). */
    public List<SketchProfile> profile(Dataset<Row> data, List<String> features, int bins) {
        requireNonNull(data, "data is null");
        if (levels % bins != 0) {
            throw new IllegalArgumentException("levels " + levels + " is not a multiple of bins " + bins);
        }
        int width = features.size();
        double error = rankError();
        List<Moments> moments = rows(data, features)
                .mapPartitions((Iterator<Row> rows) -> {
                    Moments[] acc = new Moments[width];
                    for (int f = 0; f < width; f++) {
                        acc[f] = new Moments(error);
                    }
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        for (int f = 0; f < width; f++) {
                            acc[f].add(row.isNullAt(f) ? Double.NaN : row.getDouble(f));
                        }
                    }
                    List<List<Moments>> out = new ArrayList<>();
                    List<Moments> list = new ArrayList<>();
                    for (Moments m : acc) {
                        list.add(m.compressed());
                    }
                    out.add(list);
                    return out.iterator();
                })
                .reduce(SparkDriftScan::mergeMoments);
        List<double[]> grids = new ArrayList<>();
        for (Moments m : moments) {
            grids.add(m.quantiles(levels));
        }
        List<GridSummary> shares = scanGrids(data, features, grids);
        List<SketchProfile> profiles = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            Moments m = moments.get(f);
            double[] grid = grids.get(f);
            long[] counts = shares.get(f).binCounts(bins, levels / bins);
            double[] binShares = new double[bins];
            for (int b = 0; b < bins; b++) {
                binShares[b] = m.count == 0 ? 0 : (double) counts[b] / m.count;
            }
            double[] edges = new double[bins - 1];
            for (int b = 1; b < bins; b++) {
                edges[b - 1] = grid[b * (levels / bins)];
            }
            profiles.add(new SketchProfile(
                    features.get(f),
                    m.count,
                    m.missing,
                    m.min,
                    m.max,
                    m.mean,
                    m.count == 0 ? Double.NaN : Math.sqrt(m.m2 / m.count),
                    grid,
                    rankError(),
                    edges,
                    binShares));
        }
        return profiles;
    }

    /** One pass over the current window: a grid summary per profile, in the profiles' order. */
    public List<GridSummary> scan(Dataset<Row> data, List<SketchProfile> profiles) {
        List<String> features = profiles.stream().map(SketchProfile::feature).toList();
        return scanGrids(
                data, features, profiles.stream().map(SketchProfile::quantiles).toList());
    }

    private static List<GridSummary> scanGrids(Dataset<Row> data, List<String> features, List<double[]> grids) {
        int width = features.size();
        List<double[]> gridCopy = List.copyOf(grids);
        return rows(data, features)
                .mapPartitions((Iterator<Row> rows) -> {
                    GridSummary[] acc = new GridSummary[width];
                    for (int f = 0; f < width; f++) {
                        acc[f] = new GridSummary(gridCopy.get(f));
                    }
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        for (int f = 0; f < width; f++) {
                            acc[f].add(row.isNullAt(f) ? Double.NaN : row.getDouble(f));
                        }
                    }
                    List<List<GridSummary>> out = new ArrayList<>();
                    out.add(List.of(acc));
                    return out.iterator();
                })
                .reduce((a, b) -> {
                    List<GridSummary> merged = new ArrayList<>();
                    for (int f = 0; f < a.size(); f++) {
                        merged.add(a.get(f).merge(b.get(f)));
                    }
                    return merged;
                });
    }

    private static JavaRDD<Row> rows(Dataset<Row> data, List<String> features) {
        Column[] columns = features.stream().map(f -> col(f).cast("double")).toArray(Column[]::new);
        return data.select(columns).javaRDD();
    }

    private static List<Moments> mergeMoments(List<Moments> a, List<Moments> b) {
        List<Moments> merged = new ArrayList<>();
        for (int f = 0; f < a.size(); f++) {
            merged.add(a.get(f).merge(b.get(f)));
        }
        return merged;
    }

    /** Count, missing, min, max, mean and sum of squared deviations (Chan's merge), and the quantile sketch. */
    static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        long missing;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean;
        double m2;
        QuantileSummaries sketch;

        Moments(double relativeError) {
            sketch = new QuantileSummaries(
                    QuantileSummaries.defaultCompressThreshold(),
                    relativeError,
                    new QuantileSummaries.Stats[0],
                    0L,
                    false);
        }

        void add(double x) {
            if (Double.isNaN(x)) {
                missing++;
                return;
            }
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
            sketch = sketch.insert(x);
        }

        Moments compressed() {
            sketch = sketch.compress();
            return this;
        }

        Moments merge(Moments other) {
            if (other.count > 0) {
                long total = count + other.count;
                double delta = other.mean - mean;
                m2 += other.m2 + delta * delta * count * other.count / total;
                mean += delta * other.count / total;
                count = total;
                min = Math.min(min, other.min);
                max = Math.max(max, other.max);
            }
            missing += other.missing;
            sketch = sketch.compress().merge(other.sketch.compress());
            return this;
        }

        /** L + 1 quantiles at 0, 1/L, .., 1; the ends are the exact min and max. */
        double[] quantiles(int levels) {
            double[] q = new double[levels + 1];
            if (count == 0) {
                return q;
            }
            for (int k = 0; k <= levels; k++) {
                q[k] = k == 0
                        ? min
                        : k == levels
                                ? max
                                : (Double) sketch.query((double) k / levels).get();
            }
            for (int k = 1; k <= levels; k++) {
                q[k] = Math.max(q[k], q[k - 1]); // a sketch's answers may not be monotone
            }
            return q;
        }
    }
}
