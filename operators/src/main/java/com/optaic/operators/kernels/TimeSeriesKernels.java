package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

import java.util.Arrays;

/**
 * The rolling operators. Every method has the {@link TimeSeriesKernel} shape and matches, per asset, the
 * pandas expression on the calendar-aligned series with {@code min_periods = d}: the first {@code d - 1}
 * rows and every window holding a NaN give NaN. Moment-based operators run in O(n) through
 * {@link RollingSums}; order statistics in O(n log n) through {@link SlidingOrder}; extrema in O(n) with
 * monotonic deques.
 */
public final class TimeSeriesKernels {
    private TimeSeriesKernels() {}

    /** {@code s.shift(d)}; a negative d reads the future. */
    public static void ref(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        for (int i = 0; i < n; i++) {
            int j = i - d;
            out[off + i] = j >= 0 && j < n ? x[off + j] : NaN;
        }
    }

    /** {@code s - s.shift(d)}. */
    public static void delta(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        for (int i = 0; i < n; i++) {
            int j = i - d;
            out[off + i] = j >= 0 && j < n ? x[off + i] - x[off + j] : NaN;
        }
    }

    public static void sum(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.single(x, off, n, firstRow, d, FusedMoments.SUM, out);
    }

    public static void mean(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.single(x, off, n, firstRow, d, FusedMoments.MEAN, out);
    }

    /** Sample variance, ddof 1. */
    public static void var(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.single(x, off, n, firstRow, d, FusedMoments.VAR, out);
    }

    /** Sample standard deviation, ddof 1. */
    public static void std(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.single(x, off, n, firstRow, d, FusedMoments.STD, out);
    }

    /** {@code (x - mean) / std} of the window's last value; NaN when the window is constant. */
    public static void zscore(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.single(x, off, n, firstRow, d, FusedMoments.ZSCORE, out);
    }

    /** Bias-corrected sample skewness (pandas, {@code scipy.stats.skew(bias=False)}); needs d >= 3. */
    public static void skew(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        if (d < 3) {
            fillNaN(out, off, n);
            return;
        }
        RollingSums r = new RollingSums(x, null, off, n, firstRow, d, 3, false);
        for (int e = 0; e < n; e++) {
            if (!r.advance() || r.constantX()) {
                out[off + e] = NaN;
                continue;
            }
            double m = r.s1 / d;
            double m2 = r.s2 / d - m * m;
            double m3 = r.s3 / d - 3 * m * r.s2 / d + 2 * m * m * m;
            out[off + e] = m2 > 0 ? m3 / Math.pow(m2, 1.5) * Math.sqrt((double) d * (d - 1)) / (d - 2) : NaN;
        }
    }

    /** Bias-corrected excess kurtosis (pandas, {@code scipy.stats.kurtosis(bias=False)}); needs d >= 4. */
    public static void kurt(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        if (d < 4) {
            fillNaN(out, off, n);
            return;
        }
        RollingSums r = new RollingSums(x, null, off, n, firstRow, d, 4, false);
        double nn = d;
        for (int e = 0; e < n; e++) {
            if (!r.advance() || r.constantX()) {
                out[off + e] = NaN;
                continue;
            }
            double m = r.s1 / d;
            double s2 = r.s2 / d;
            double m2 = s2 - m * m;
            double m4 = r.s4 / d - 4 * m * (r.s3 / d) + 6 * m * m * s2 - 3 * m * m * m * m;
            out[off + e] =
                    m2 > 0 ? ((nn * nn - 1) * m4 / (m2 * m2) - 3 * (nn - 1) * (nn - 1)) / ((nn - 2) * (nn - 3)) : NaN;
        }
    }

    /** Sample covariance of two series, ddof 1. */
    public static void cov(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.pair(x, y, off, n, firstRow, d, FusedMoments.COV, out);
    }

    /** Pearson correlation of two series; NaN when either window is constant. */
    public static void corr(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        FusedMoments.pair(x, y, off, n, firstRow, d, FusedMoments.CORR, out);
    }

    /** Weighted mean with weights 1 (oldest) .. d (newest). */
    public static void decayLinear(
            double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        RollingSums r = new RollingSums(x, null, off, n, firstRow, d, 1, true);
        double tauSum = d * (d + 1) / 2.0;
        for (int e = 0; e < n; e++) {
            if (!r.advance()) {
                out[off + e] = NaN;
            } else {
                out[off + e] = r.constantX() ? r.last() : r.anchorX() + r.sTau / tauSum;
            }
        }
    }

    public static void slope(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        regression(x, off, n, firstRow, d, out, Fit.SLOPE);
    }

    public static void rsquare(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        regression(x, off, n, firstRow, d, out, Fit.R_SQUARED);
    }

    public static void resi(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        regression(x, off, n, firstRow, d, out, Fit.RESIDUAL);
    }

    /** What {@link #regression} puts out of the least-squares fit of a window on tau = 1..d. */
    private enum Fit {
        SLOPE,
        R_SQUARED,
        /** The residual of the last row. */
        RESIDUAL
    }

    /** Least squares of the window on tau = 1..d, one {@code fit} value per row. */
    private static void regression(double[] x, int off, int n, int firstRow, int d, double[] out, Fit fit) {
        if (d < 2) {
            fillNaN(out, off, n);
            return;
        }
        RollingSums r = new RollingSums(x, null, off, n, firstRow, d, 2, true);
        double tauSum = d * (d + 1) / 2.0;
        double tauVar = d * ((double) d * d - 1) / 12.0; // sum (tau - mean tau)^2
        for (int e = 0; e < n; e++) {
            if (!r.advance()) {
                out[off + e] = NaN;
                continue;
            }
            if (r.constantX()) {
                out[off + e] = fit == Fit.R_SQUARED ? NaN : 0.0;
                continue;
            }
            double s1 = r.s1;
            double covTau = r.sTau - tauSum * s1 / d;
            double slope = covTau / tauVar;
            out[off + e] = switch (fit) {
                case SLOPE -> slope;
                case R_SQUARED -> {
                    double vx = r.s2 - s1 * s1 / d;
                    yield vx > 0 ? Math.min(1.0, covTau * covTau / (tauVar * vx)) : NaN;
                }
                case RESIDUAL -> (r.last() - r.anchorX()) - s1 / d - slope * (d - 1) / 2.0;
            };
        }
    }

    public static void min(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        extremum(x, off, n, firstRow, d, out, false, false);
    }

    public static void max(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        extremum(x, off, n, firstRow, d, out, true, false);
    }

    /** 1-based position of the minimum counted from the oldest row; first occurrence on ties. */
    public static void argmin(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        extremum(x, off, n, firstRow, d, out, false, true);
    }

    /** 1-based position of the maximum counted from the oldest row; first occurrence on ties. */
    public static void argmax(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        extremum(x, off, n, firstRow, d, out, true, true);
    }

    /**
     * Van Herk/Gil-Werman: per block of d rows, running extrema from the block's start (prefix) and to its
     * end (suffix); a window is the suffix of one block joined with the prefix of the next. Three passes,
     * O(n), no data-dependent branching. On ties the earlier row wins, so ARGMAX/ARGMIN report the first
     * occurrence.
     */
    private static void extremum(
            double[] x, int off, int n, int firstRow, int d, double[] out, boolean max, boolean arg) {
        Workspace ws = Workspace.get();
        double[] prefix = ws.doubles(2, n);
        double[] suffix = ws.doubles(3, n);
        int[] prefixAt = ws.ints(4, n);
        int[] suffixAt = ws.ints(5, n);
        double sign = max ? 1 : -1; // compare sign*x so one code path serves min and max
        for (int j = 0, pos = 0; j < n; j++, pos = pos + 1 == d ? 0 : pos + 1) {
            double v = sign * x[off + j];
            if (pos == 0 || v > prefix[j - 1]) {
                prefix[j] = v;
                prefixAt[j] = j;
            } else {
                prefix[j] = prefix[j - 1];
                prefixAt[j] = prefixAt[j - 1];
            }
        }
        for (int j = n - 1, pos = (n - 1) % d; j >= 0; j--, pos = pos == 0 ? d - 1 : pos - 1) {
            double v = sign * x[off + j];
            if (j == n - 1 || pos == d - 1 || v >= suffix[j + 1]) {
                suffix[j] = v;
                suffixAt[j] = j;
            } else {
                suffix[j] = suffix[j + 1];
                suffixAt[j] = suffixAt[j + 1];
            }
        }
        int lastNaN = -1;
        for (int e = 0, phase = 0; e < n; e++) {
            if (Double.isNaN(x[off + e])) {
                lastNaN = e;
            }
            int s = e - d + 1;
            if (s < 0) {
                out[off + e] = NaN;
                continue;
            }
            // phase = s mod d: 0 when the window is exactly one block
            int at = phase == 0 ? prefixAt[e] : suffix[s] >= prefix[e] ? suffixAt[s] : prefixAt[e];
            phase = phase + 1 == d ? 0 : phase + 1;
            out[off + e] = lastNaN >= s ? NaN : arg ? at - s + 1 : x[off + at];
        }
    }

    /**
     * Product of the window, from per-block prefix and suffix products: O(n), no division. Blocks are
     * aligned to the global calendar row ({@code firstRow + j}) so every slice of a series multiplies
     * the same values in the same order.
     */
    public static void product(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        Workspace ws = Workspace.get();
        double[] prefix = ws.doubles(2, n);
        double[] suffix = ws.doubles(3, n);
        int phase = firstRow % d;
        double acc = 1;
        for (int j = 0, pos = phase; j < n; j++, pos = pos + 1 == d ? 0 : pos + 1) {
            if (pos == 0 || j == 0) {
                acc = 1;
            }
            double v = x[off + j];
            acc *= !Double.isNaN(v) ? v : 1;
            prefix[j] = acc;
        }
        for (int j = n - 1, pos = (phase + n - 1) % d; j >= 0; j--, pos = pos == 0 ? d - 1 : pos - 1) {
            if (j == n - 1 || pos == d - 1) {
                acc = 1;
            }
            double v = x[off + j];
            acc *= !Double.isNaN(v) ? v : 1;
            suffix[j] = acc;
        }
        int lastNaN = -1;
        for (int e = 0; e < n; e++) {
            if (Double.isNaN(x[off + e])) {
                lastNaN = e;
            }
            int s = e - d + 1;
            if (s < 0 || lastNaN >= s) {
                out[off + e] = NaN;
            } else {
                out[off + e] = (phase + s) % d == 0 ? prefix[e] : suffix[s] * prefix[e];
            }
        }
    }

    /** Number of non-NaN values among the last d rows; NaN only before the window is full. */
    public static void count(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        int c = 0;
        for (int e = 0; e < n; e++) {
            if (!Double.isNaN(x[off + e])) {
                c++;
            }
            if (e >= d && !Double.isNaN(x[off + e - d])) {
                c--;
            }
            out[off + e] = e >= d - 1 ? c : NaN;
        }
    }

    /** Percentile rank of the last value within the window, ties averaged: rank / d. */
    public static void rank(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        if (d <= SCAN_WINDOW) {
            rankByScan(x, off, n, d, out);
            return;
        }
        SlidingOrder order = new SlidingOrder(x, off, n, firstRow, d, false);
        for (int e = 0; e < n; e++) {
            out[off + e] = order.advance(e) ? order.rankOf(e) / d : NaN;
        }
    }

    /**
     * Windows up to this many rows are ranked by counting: a pass over d values in cache beats any tree
     * for small d, and d is then a constant. Larger windows use the O(log d) structure.
     */
    private static final int SCAN_WINDOW = 24;

    private static void rankByScan(double[] x, int off, int n, int d, double[] out) {
        int lastNaN = -1;
        for (int e = 0; e < n; e++) {
            double v = x[off + e];
            if (Double.isNaN(v)) {
                lastNaN = e;
            }
            int s = e - d + 1;
            if (s < 0 || lastNaN >= s) {
                out[off + e] = NaN;
                continue;
            }
            int below = 0;
            int equal = 0;
            for (int j = off + s; j <= off + e; j++) {
                double w = x[j];
                below += w < v ? 1 : 0;
                equal += w == v ? 1 : 0;
            }
            out[off + e] = (below + (equal + 1) / 2.0) / d;
        }
    }

    public static void median(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        quantileOf(x, off, n, firstRow, d, 0.5, out);
    }

    /** Linear-interpolated quantile q of the window (numpy's default method); params[0] = q. */
    public static void quantile(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        quantileOf(x, off, n, firstRow, d, p[0], out);
    }

    private static void quantileOf(double[] x, int off, int n, int firstRow, int d, double q, double[] out) {
        SlidingOrder order = new SlidingOrder(x, off, n, firstRow, d, false);
        double position = q * (d - 1);
        int lo = (int) Math.floor(position);
        double fraction = position - lo;
        for (int e = 0; e < n; e++) {
            if (!order.advance(e)) {
                out[off + e] = NaN;
                continue;
            }
            double a = order.kth(lo);
            if (fraction == 0) {
                out[off + e] = a;
            } else {
                double b = order.kth(lo + 1);
                out[off + e] = fraction < 0.5 ? a + (b - a) * fraction : b - (b - a) * (1 - fraction);
            }
        }
    }

    /** Mean absolute deviation from the window mean. */
    public static void mad(double[] x, double[] y, int off, int n, int firstRow, int d, double[] p, double[] out) {
        SlidingOrder order = new SlidingOrder(x, off, n, firstRow, d, true);
        RollingSums means = new RollingSums(x, null, off, n, firstRow, d, 1, false);
        for (int e = 0; e < n; e++) {
            boolean valid = order.advance(e) & means.advance();
            if (!valid) {
                out[off + e] = NaN;
            } else if (means.constantX()) {
                out[off + e] = 0.0;
            } else {
                // sum |x - m| = 2 * sum over x > m of (x - m), since deviations from the mean sum to zero
                double mean = means.anchorX() + means.s1 / d;
                out[off + e] = 2 * order.excessAbove(mean) / d;
            }
        }
    }

    /**
     * pandas' {@code s.ewm(span=n, min_periods=n, adjust=True).mean()}, step for step: alpha = 2/(n+1),
     * NaNs keep their place in the decay but add no weight, and once n values have been seen the output
     * carries the last average through later NaNs. The average has infinite memory: values older than
     * the lookback still weigh (1 - alpha)^age.
     */
    public static void ema(double[] x, double[] y, int off, int n, int firstRow, int span, double[] p, double[] out) {
        double alpha = 1.0 / (1.0 + (span - 1) / 2.0); // pandas' com form; 2/(n+1) can differ in the last bit
        double decay = 1 - alpha;
        double weighted = x[off];
        int observations = !Double.isNaN(weighted) ? 1 : 0;
        double oldWeight = 1;
        if (n > 0) {
            out[off] = observations >= span ? weighted : NaN;
        }
        for (int i = 1; i < n; i++) {
            double v = x[off + i];
            boolean observed = !Double.isNaN(v);
            if (observed) {
                observations++;
            }
            if (!Double.isNaN(weighted)) {
                oldWeight *= decay;
                if (observed) {
                    if (weighted != v) {
                        weighted = (oldWeight * weighted + v) / (oldWeight + 1);
                    }
                    oldWeight += 1;
                }
            } else if (observed) {
                weighted = v;
            }
            out[off + i] = observations >= span ? weighted : NaN;
        }
    }

    private static void fillNaN(double[] out, int off, int n) {
        Arrays.fill(out, off, off + n, NaN);
    }
}
