package com.optaic.operators.kernels;

import java.util.Arrays;

/**
 * The multiset of values in a sliding window, answering rank and k-th smallest queries in O(log n).
 * Values are mapped to their rank among the series' distinct finite values (coordinate compression) and
 * counted in a Fenwick tree; an optional second tree keeps exact-enough sums (double-double) for the
 * mean absolute deviation.
 */
final class SlidingOrder {
    private final double[] distinct;
    private final int size;
    private final int[] counts;
    private final double[] sumHi;
    private final double[] sumLo;
    private final int topBit;

    SlidingOrder(double[] x, int off, int n, boolean withSums) {
        Workspace ws = Workspace.get();
        double[] sorted = ws.doubles(18, n);
        int m = 0;
        for (int j = 0; j < n; j++) {
            double v = x[off + j];
            if (v == v) {
                sorted[m++] = v + 0.0; // folds -0.0 into 0.0 so equal values share a slot
            }
        }
        Arrays.sort(sorted, 0, m);
        int u = 0;
        for (int j = 0; j < m; j++) {
            if (u == 0 || sorted[j] != sorted[u - 1]) {
                sorted[u++] = sorted[j];
            }
        }
        this.distinct = sorted;
        this.size = u;
        this.counts = ws.ints(3, u + 1);
        Arrays.fill(counts, 0, u + 1, 0);
        if (withSums) {
            sumHi = ws.doubles(19, u + 1);
            sumLo = ws.doubles(20, u + 1);
            Arrays.fill(sumHi, 0, u + 1, 0);
            Arrays.fill(sumLo, 0, u + 1, 0);
        } else {
            sumHi = null;
            sumLo = null;
        }
        this.topBit = Integer.highestOneBit(Math.max(1, u));
    }

    /** 1-based slot of a finite value. */
    int slot(double v) {
        return Arrays.binarySearch(distinct, 0, size, v + 0.0) + 1;
    }

    void add(double v, int delta) {
        int slot = slot(v);
        for (int i = slot; i <= size; i += i & -i) {
            counts[i] += delta;
        }
        if (sumHi != null) {
            double value = delta * v;
            for (int i = slot; i <= size; i += i & -i) {
                double s = sumHi[i] + value;
                double bb = s - sumHi[i];
                sumLo[i] += (sumHi[i] - (s - bb)) + (value - bb);
                sumHi[i] = s;
            }
        }
    }

    /** Number of values in the window at slots 1..slot. */
    int countUpTo(int slot) {
        int c = 0;
        for (int i = slot; i > 0; i -= i & -i) {
            c += counts[i];
        }
        return c;
    }

    /** The k-th smallest value in the window, k from 0. */
    double kth(int k) {
        int pos = 0;
        int remaining = k;
        for (int step = topBit; step > 0; step >>= 1) {
            int next = pos + step;
            if (next <= size && counts[next] <= remaining) {
                pos = next;
                remaining -= counts[next];
            }
        }
        return distinct[pos];
    }

    /** {@code sum of v - m} over the window's values above m, in double-double precision, rounded once. */
    double excessAbove(double m, int windowCount) {
        int slot = Arrays.binarySearch(distinct, 0, size, m + 0.0);
        int upTo = slot >= 0 ? slot + 1 : -slot - 1; // slots 1..upTo hold values <= m
        double hi = 0;
        double lo = 0;
        int below = 0;
        for (int i = upTo; i > 0; i -= i & -i) {
            below += counts[i];
            double s = hi + sumHi[i];
            double bb = s - hi;
            lo += (hi - (s - bb)) + (sumHi[i] - bb) + sumLo[i];
            hi = s;
        }
        double totalHi = 0;
        double totalLo = 0;
        for (int i = size; i > 0; i -= i & -i) {
            double s = totalHi + sumHi[i];
            double bb = s - totalHi;
            totalLo += (totalHi - (s - bb)) + (sumHi[i] - bb) + sumLo[i];
            totalHi = s;
        }
        int above = windowCount - below;
        // (total - below) - above * m, with the large terms cancelled by error-free transformations
        double p = above * m;
        double pErr = Math.fma(above, m, -p);
        double dh = totalHi - hi;
        double dz = dh - totalHi;
        double de = (totalHi - (dh - dz)) + (-hi - dz);
        double rh = dh - p;
        double rz = rh - dh;
        double re = (dh - (rh - rz)) + (-p - rz);
        return rh + (re + de + (totalLo - lo) - pErr);
    }
}
