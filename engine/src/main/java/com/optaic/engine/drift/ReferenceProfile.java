package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Arrays;

/**
 * What a drift comparison needs of a feature's reference, computed once: the non-missing count and the
 * missing count, the inner bin edges (the reference's quantiles at 1/B .. (B-1)/B, numpy's linear
 * interpolation) with the reference's share per bin, min, max, the standard deviation (ddof 0), and a sorted
 * sample for the Kolmogorov-Smirnov and Wasserstein statistics. Built from the whole reference the sample is
 * every value and the comparison is exact; a profile kept for nightly runs may hold an approximation
 * ({@code exact} false) whose error bound its producer states.
 *
 * <p>The arrays are owned by the profile: callers must not change them.
 */
public record ReferenceProfile(
        String feature,
        long count,
        long missing,
        double[] edges,
        double[] shares,
        double min,
        double max,
        double std,
        double[] sortedSample,
        boolean exact) {
    public ReferenceProfile {
        requireNonNull(feature, "feature is null");
        requireNonNull(edges, "edges is null");
        requireNonNull(shares, "shares is null");
        requireNonNull(sortedSample, "sortedSample is null");
        if (shares.length != edges.length + 1) {
            throw new IllegalArgumentException("a profile needs one more share than inner edges");
        }
    }

    /** The exact profile of raw values, NaN meaning missing. */
    public static ReferenceProfile of(String feature, double[] raw, int bins) {
        double[] sorted = DriftMath.sortedPresent(raw);
        if (sorted.length == 0) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_VALUES,
                    "Cannot compare feature '" + feature + "': the reference has no values (" + raw.length
                            + " rows, all missing)");
        }
        double[] edges = DriftMath.quantileEdges(sorted, bins);
        double[] shares = DriftMath.binShares(sorted, edges);
        return new ReferenceProfile(
                feature,
                sorted.length,
                raw.length - sorted.length,
                edges,
                shares,
                sorted[0],
                sorted[sorted.length - 1],
                DriftMath.std(sorted),
                sorted,
                true);
    }

    /** The share of the reference's rows that were missing. */
    public double nullShare() {
        long rows = count + missing;
        return rows == 0 ? 0.0 : (double) missing / rows;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReferenceProfile p
                && feature.equals(p.feature)
                && count == p.count
                && missing == p.missing
                && Arrays.equals(edges, p.edges)
                && Arrays.equals(shares, p.shares)
                && Double.compare(min, p.min) == 0
                && Double.compare(max, p.max) == 0
                && Double.compare(std, p.std) == 0
                && Arrays.equals(sortedSample, p.sortedSample)
                && exact == p.exact;
    }

    @Override
    public int hashCode() {
        return feature.hashCode() * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "ReferenceProfile[" + feature + ", count=" + count + ", missing=" + missing + ", bins=" + shares.length
                + ", exact=" + exact + "]";
    }
}
