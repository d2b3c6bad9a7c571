package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

import java.util.Arrays;

/**
 * Per-date operators over the assets that have a value that date ({@link CrossSectionKernel} shape).
 * NaN inputs take no part and get NaN. Statistics use ddof 1, as pandas does.
 */
public final class CrossSectionKernels {
    private CrossSectionKernels() {}

    /**
     * {@code x.rank(pct=True)}: average rank of ties, divided by the number of values. The values are
     * radix-sorted with their positions (8 passes of 8 bits over order-preserving bit patterns, skipping
     * bytes all values share), then ranks are handed out in one walk: no comparisons, no searches.
     */
    public static void rank(double[] x, int n, double[] p, double[] out) {
        Workspace ws = Workspace.get();
        long[] keys = ws.longs(0, n);
        long[] keysSwap = ws.longs(1, n);
        int[] rows = ws.ints(6, n);
        int[] rowsSwap = ws.ints(7, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                out[i] = NaN;
                continue;
            }
            long bits = Double.doubleToRawLongBits(v + 0.0); // +0.0 folds -0.0 into 0.0
            keys[m] = bits ^ ((bits >> 63) | Long.MIN_VALUE); // unsigned order = numeric order
            rows[m++] = i;
        }
        int[] histogram = ws.ints(5, 256);
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(histogram, 0, 256, 0);
            for (int i = 0; i < m; i++) {
                histogram[(int) (keys[i] >>> shift) & 0xFF]++;
            }
            if (m == 0 || histogram[(int) (keys[0] >>> shift) & 0xFF] == m) {
                continue; // every value has the same byte here
            }
            for (int b = 0, sum = 0; b < 256; b++) {
                int count = histogram[b];
                histogram[b] = sum;
                sum += count;
            }
            for (int i = 0; i < m; i++) {
                int at = histogram[(int) (keys[i] >>> shift) & 0xFF]++;
                keysSwap[at] = keys[i];
                rowsSwap[at] = rows[i];
            }
            long[] k = keys;
            keys = keysSwap;
            keysSwap = k;
            int[] r = rows;
            rows = rowsSwap;
            rowsSwap = r;
        }
        for (int i = 0; i < m; ) {
            int j = i + 1;
            while (j < m && keys[j] == keys[i]) {
                j++;
            }
            double pct = (i + 1 + j) / 2.0 / m; // ranks i+1..j averaged
            for (int k = i; k < j; k++) {
                out[rows[k]] = pct;
            }
            i = j;
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
            if (!Double.isNaN(x[i])) {
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
        boolean clip = !Double.isNaN(stats[1]);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = clip && !Double.isNaN(v) ? Math.max(lo, Math.min(hi, v)) : v;
        }
    }

    /** Mean and sample std (ddof 1) of the non-NaN values, two-pass; std is NaN below two values. */
    static double[] meanAndStd(double[] x, int n) {
        double sum = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(x[i])) {
                sum += x[i];
                m++;
            }
        }
        double mean = m > 0 ? sum / m : NaN;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(x[i])) {
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
            if (!Double.isNaN(v)) {
                if (Double.isNaN(first)) {
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
