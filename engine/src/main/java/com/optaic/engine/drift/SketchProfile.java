package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * The summary of one feature over a large sample, built in a bounded number of passes (on Spark): counts,
 * min, max, mean and std (ddof 0), the quantiles at {@code levels + 1} evenly spaced probabilities 0, 1/L, .., 1
 * from an approximate quantile sketch of relative rank error {@code rankError}, the inner bin edges taken from
 * them and the per-bin shares counted exactly against those edges. The reference side of a nightly
 * MonitoringRun: computed once, then only the current window is scanned.
 */
public record SketchProfile(
        String feature,
        long count,
        long missing,
        double min,
        double max,
        double mean,
        double std,
        double[] quantiles,
        double rankError,
        double[] edges,
        double[] shares) {
    public SketchProfile {
        requireNonNull(feature, "feature is null");
        requireNonNull(quantiles, "quantiles is null");
        requireNonNull(edges, "edges is null");
        requireNonNull(shares, "shares is null");
        if (quantiles.length < 2) {
            throw new IllegalArgumentException("a sketch needs at least the 0 and 1 quantiles");
        }
    }

    /**
     * The exact profile of raw values (NaN = missing): the L + 1 quantiles at k/L by numpy's linear rule (rank
     * error 0), the edges at the grid points k L/B, the shares counted against them.
     */
    public static SketchProfile exact(String feature, double[] raw, int bins, int levels) {
        if (levels % bins != 0) {
            throw new IllegalArgumentException("levels " + levels + " is not a multiple of bins " + bins);
        }
        double[] sorted = DriftMath.sortedPresent(raw);
        if (sorted.length == 0) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_VALUES,
                    "Cannot profile feature '" + feature + "': the reference has no values (" + raw.length
                            + " rows, all missing)");
        }
        double[] grid = new double[levels + 1];
        for (int k = 0; k <= levels; k++) {
            grid[k] = DriftMath.quantile(sorted, (double) k / levels);
        }
        double[] edges = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            edges[b - 1] = grid[b * (levels / bins)];
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new SketchProfile(
                feature,
                sorted.length,
                raw.length - sorted.length,
                sorted[0],
                sorted[sorted.length - 1],
                sum / sorted.length,
                DriftMath.std(sorted),
                grid,
                0.0,
                edges,
                DriftMath.binShares(sorted, edges));
    }

    public double nullShare() {
        long rows = count + missing;
        return rows == 0 ? 0.0 : (double) missing / rows;
    }

    /** The inner edges of {@code bins} equal-probability bins, read off the quantiles (linear between levels). */
    static double[] edgesFrom(double[] quantiles, int bins) {
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = quantileAt(quantiles, (double) k / bins);
        }
        return edges;
    }

    /** Q(u) by linear interpolation between the sketch's levels. */
    static double quantileAt(double[] quantiles, double u) {
        int levels = quantiles.length - 1;
        double position = u * levels;
        int lo = (int) Math.min(Math.floor(position), levels - 1);
        double weight = position - lo;
        return quantiles[lo] + (quantiles[lo + 1] - quantiles[lo]) * weight;
    }

    /** F(x): the share of values at or below x, inverting the piecewise linear quantile function. */
    static double cdfAt(double[] quantiles, double x) {
        int levels = quantiles.length - 1;
        if (x < quantiles[0]) {
            return 0.0;
        }
        if (x >= quantiles[levels]) {
            return 1.0;
        }
        // the last level whose quantile is <= x
        int lo = 0;
        int hi = levels;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (quantiles[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = quantiles[lo + 1] - quantiles[lo];
        double within = span > 0 ? (x - quantiles[lo]) / span : 1.0;
        return (lo + within) / levels;
    }
}
