package com.optaic.engine.drift;

import java.util.Arrays;

/**
 * The numeric building blocks of drift statistics, each written to match its numpy/scipy counterpart:
 * {@code np.quantile} (linear), {@code np.searchsorted(side="right")}, {@code np.std} (ddof 0), PSI,
 * {@code scipy.spatial.distance.jensenshannon} and {@code scipy.stats.wasserstein_distance}.
 */
final class DriftMath {
    /** Shares below this count as this in PSI, so an empty bin gives a finite term. */
    static final double PSI_FLOOR = 1e-4;

    private DriftMath() {}

    /** The non-NaN values, sorted ascending. */
    static double[] sortedPresent(double[] raw) {
        double[] present = new double[raw.length];
        int n = 0;
        for (double v : raw) {
            if (!Double.isNaN(v)) {
                present[n++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(present, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** numpy's default (linear) quantile of sorted values: index q (n - 1), interpolated as numpy's _lerp. */
    static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        double index = (n - 1) * q;
        double floor = Math.floor(index);
        int previous = (int) Math.min(Math.max(floor, 0), n - 1);
        int next = Math.min(previous + 1, n - 1);
        double gamma = index - previous;
        double a = sorted[previous];
        double b = sorted[next];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** The inner edges of {@code bins} bins: quantiles at 1/bins .. (bins-1)/bins. */
    static double[] quantileEdges(double[] sorted, int bins) {
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = quantile(sorted, (double) k / bins);
        }
        return edges;
    }

    /** The bin of a value: the number of edges at or below it ({@code searchsorted(edges, x, "right")}). */
    static int bin(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The share of values per bin. */
    static double[] binShares(double[] values, double[] edges) {
        long[] counts = new long[edges.length + 1];
        for (double v : values) {
            counts[bin(edges, v)]++;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / values.length;
        }
        return shares;
    }

    /** Population standard deviation (ddof 0), two passes. */
    static double std(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0.0;
        for (double v : values) {
            double d = v - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / values.length);
    }

    /** sum (q' - p') ln(q' / p') with p' = max(p, 1e-4), q' = max(q, 1e-4), not renormalised. */
    static double psi(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pf = Math.max(p[i], PSI_FLOOR);
            double qf = Math.max(q[i], PSI_FLOOR);
            sum += (qf - pf) * Math.log(qf / pf);
        }
        return sum;
    }

    /** The Jensen-Shannon distance, natural log, after normalising both to sum 1 (as scipy does). */
    static double jensenShannon(double[] p, double[] q) {
        double pSum = 0.0;
        double qSum = 0.0;
        for (int i = 0; i < p.length; i++) {
            pSum += p[i];
            qSum += q[i];
        }
        double left = 0.0;
        double right = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / pSum;
            double qi = q[i] / qSum;
            double m = (pi + qi) / 2.0;
            left += relativeEntropy(pi, m);
            right += relativeEntropy(qi, m);
        }
        return Math.sqrt((left + right) / 2.0);
    }

    private static double relativeEntropy(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        return x == 0 && y >= 0 ? 0.0 : Double.POSITIVE_INFINITY;
    }

    /**
     * The 1-Wasserstein distance of two sorted samples: the integral of |F_u - F_v| over the merged values,
     * each distribution function counting values at or below the left end of an interval.
     */
    static double wasserstein(double[] u, double[] v) {
        int nu = u.length;
        int nv = v.length;
        int i = 0;
        int j = 0;
        double sum = 0.0;
        double previous = Math.min(u[0], v[0]);
        while (i < nu || j < nv) {
            double x = i < nu && (j >= nv || u[i] <= v[j]) ? u[i] : v[j];
            double delta = x - previous;
            if (delta != 0.0) {
                sum += Math.abs((double) i / nu - (double) j / nv) * delta;
            }
            while (i < nu && u[i] <= x) {
                i++;
            }
            while (j < nv && v[j] <= x) {
                j++;
            }
            previous = x;
        }
        return sum;
    }

    /** The share of values outside [min, max]. */
    static double outOfRangeShare(double[] values, double min, double max) {
        long outside = 0;
        for (double v : values) {
            if (v < min || v > max) {
                outside++;
            }
        }
        return (double) outside / values.length;
    }
}
