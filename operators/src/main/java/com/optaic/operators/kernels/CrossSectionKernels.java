package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

import java.util.Arrays;

/**
 * Per-date operators over the assets that have a value that date ({@link CrossSectionKernel} shape).
 * NaN inputs take no part and get NaN. Statistics use ddof 1, as pandas does.
 */
public final class CrossSectionKernels {
    private CrossSectionKernels() {}

    /** {@code x.rank(pct=True)}: average rank of ties, divided by the number of values. */
    public static void rank(double[] x, int n, double[] p, double[] out) {
        double[] sorted = Workspace.get().doubles(22, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == x[i]) {
                sorted[m++] = x[i];
            }
        }
        Arrays.sort(sorted, 0, m);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v != v) {
                out[i] = NaN;
                continue;
            }
            int below = lowerBound(sorted, m, v);
            int upTo = upperBound(sorted, m, v);
            out[i] = (below + (upTo - below + 1) / 2.0) / m;
        }
    }

    /** {@code (x - mean) / std}; NaN with fewer than two values or zero dispersion. */
    public static void zscore(double[] x, int n, double[] p, double[] out) {
        double[] stats = meanAndStd(x, n);
        double mean = stats[0];
        double std = allEqual(x, n) ? 0 : stats[1];
        for (int i = 0; i < n; i++) {
            out[i] = std > 0 ? (x[i] - mean) / std : NaN;
        }
    }

    public static void demean(double[] x, int n, double[] p, double[] out) {
        double mean = meanAndStd(x, n)[0];
        for (int i = 0; i < n; i++) {
            out[i] = x[i] - mean;
        }
    }

    /** {@code a * x / sum |x|} with a = params[0]; NaN when every value is zero. */
    public static void scale(double[] x, int n, double[] p, double[] out) {
        double a = p[0];
        double absSum = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == x[i]) {
                absSum += Math.abs(x[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = absSum > 0 ? a * x[i] / absSum : NaN;
        }
    }

    /** Clips to {@code mean +- k * std} with k = params[0]; values pass unchanged if std is undefined. */
    public static void winsorize(double[] x, int n, double[] p, double[] out) {
        double[] stats = meanAndStd(x, n);
        double k = p[0];
        double lo = stats[0] - k * stats[1];
        double hi = stats[0] + k * stats[1];
        boolean clip = stats[1] == stats[1];
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = clip && v == v ? Math.max(lo, Math.min(hi, v)) : v;
        }
    }

    /** Mean and sample std (ddof 1) of the non-NaN values, two-pass; std is NaN below two values. */
    static double[] meanAndStd(double[] x, int n) {
        double sum = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == x[i]) {
                sum += x[i];
                m++;
            }
        }
        double mean = m > 0 ? sum / m : NaN;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] == x[i]) {
                double dev = x[i] - mean;
                ss += dev * dev;
            }
        }
        return new double[] {mean, m > 1 ? Math.sqrt(ss / (m - 1)) : NaN, m, sum};
    }

    /** Whether all non-NaN values are the same number; their computed std may still be a rounding residue. */
    static boolean allEqual(double[] x, int n) {
        double first = Double.NaN;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v == v) {
                if (first != first) {
                    first = v;
                } else if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int upperBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
