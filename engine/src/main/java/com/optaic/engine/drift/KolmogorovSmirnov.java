package com.optaic.engine.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test as scipy's {@code ks_2samp(a, b)} with its defaults (two-sided,
 * {@code method="auto"}): D is the largest gap between the two empirical distribution functions, evaluated
 * at every observed value; the p-value is exact (Hodges' lattice-path count) when neither sample has more than
 * 10,000 values, else from the one-sample distribution of D for n = round(n1 n2 / (n1 + n2)). In exact mode,
 * scipy rounds D to the lattice (a multiple of 1 / lcm(n1, n2)) and reports that value; so does this class.
 */
public final class KolmogorovSmirnov {
    /** scipy's {@code MAX_AUTO_N}: above this many values in either sample the p-value is asymptotic. */
    public static final int MAX_EXACT_N = 10_000;

    /** D and its p-value. */
    public record Result(double statistic, double pvalue) {}

    private KolmogorovSmirnov() {}

    /** Tests two samples, each sorted ascending, without missing values and not empty. */
    public static Result test(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("a Kolmogorov-Smirnov test needs two non-empty samples");
        }
        double d = statistic(sortedA, sortedB);
        long g = gcd(n1, n2);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long lcm = (n1 / g) * (long) n2;
            long h = (long) Math.rint(d * lcm);
            double rounded = h * 1.0 / lcm;
            if (h == 0) {
                return new Result(rounded, 1.0);
            }
            double prob = n1 == n2 ? outsideSquare(n1, h) : outsideInside(n1, n2, g, h);
            if (prob >= 0 && prob <= 1) {
                return new Result(rounded, prob);
            }
            // scipy falls back to the asymptotic distribution, keeping the rounded D
            d = rounded;
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        double prob = KolmogorovDistribution.survival((int) Math.rint(en), d);
        return new Result(d, Math.min(Math.max(prob, 0.0), 1.0));
    }

    /**
     * max(max(cdf_a - cdf_b), clip(-min(cdf_a - cdf_b), 0, 1)) over every observed value, the distribution
     * functions counting values at or below the point (scipy's {@code searchsorted(side="right")}).
     */
    static double statistic(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        double maxDiff = Double.NEGATIVE_INFINITY;
        double minDiff = Double.POSITIVE_INFINITY;
        int i = 0;
        int j = 0;
        while (i < n1 || j < n2) {
            double x = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
            while (i < n1 && a[i] <= x) {
                i++;
            }
            while (j < n2 && b[j] <= x) {
                j++;
            }
            double diff = (double) i / n1 - (double) j / n2;
            maxDiff = Math.max(maxDiff, diff);
            minDiff = Math.min(minDiff, diff);
        }
        double minS = Math.min(Math.max(-minDiff, 0.0), 1.0);
        return minS > maxDiff ? minS : maxDiff;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Pr(D_{n,n} >= h/n) for equal sample sizes, by the alternating sum in Horner form. */
    private static double outsideSquare(int n, long h) {
        double p = 0.0;
        long k = (long) Math.floor((double) n / h);
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm, by Viehmann's
     * recursion for 1 - p over a sliding window of one column (scipy's {@code _compute_outer_prob_inside_method}).
     */
    private static double outsideInside(long m, long n, long g, long h) {
        if (m < n) {
            long t = m;
            m = n;
            n = t;
        }
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
        int curlen = maxj - minj;
        int lenA = (int) Math.min(2L * maxj + 2, n + 1);
        double[] a = new double[lenA];
        Arrays.fill(a, 1.0);
        for (int x = minj; x < maxj; x++) {
            a[x] = 0.0;
        }
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = (int) Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                long j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                for (int x = maxj - minj; x < Math.min(maxj - minj + (lastlen - curlen), lenA); x++) {
                    a[x] = 1;
                }
            }
        }
        return a[maxj - minj - 1];
    }
}
