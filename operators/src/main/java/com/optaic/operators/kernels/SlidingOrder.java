package com.optaic.operators.kernels;

import java.util.Arrays;

/**
 * The multiset of a sliding window's values, answering rank and k-th smallest queries in O(log d).
 *
 * <p>The series is processed in blocks of d rows. Every window ending in block [b, b + d) lies within rows
 * [b - d + 1, b + d), so for each block those 2d - 1 values are sorted once (O(d log d), i.e. O(log d) per
 * row) and replaced by their rank among them; a Fenwick tree over those ranks then counts the window's
 * values. An optional second tree keeps exact-enough (double-double) sums for the mean absolute deviation.
 */
final class SlidingOrder {
    private final double[] x;
    private final int off;
    private final int n;
    private final int d;
    private final double[] distinct;
    private final int[] slots;
    private final int[] counts;
    private final double[] sumHi;
    private final double[] sumLo;
    private final int phase;
    private int from;
    private int size;
    private int topBit;
    private int lastNaN = -1;
    private int inWindow;

    SlidingOrder(double[] x, int off, int n, int firstRow, int d, boolean withSums) {
        this.x = x;
        this.off = off;
        this.n = n;
        this.d = d;
        this.phase = firstRow % d;
        Workspace ws = Workspace.get();
        int span = 2 * d;
        this.distinct = ws.doubles(18, span);
        this.slots = ws.ints(2, span);
        this.counts = ws.ints(3, span + 1);
        this.sumHi = withSums ? ws.doubles(19, span + 1) : null;
        this.sumLo = withSums ? ws.doubles(20, span + 1) : null;
    }

    /**
     * Moves the window to end at row e (rows must be visited in order from 0); true when the window is
     * full and free of NaN, so that queries may be made.
     */
    boolean advance(int e) {
        if (Double.isNaN(x[off + e])) {
            lastNaN = e;
        }
        if ((phase + e) % d == 0 || e == 0) { // blocks start on global rows divisible by d
            startBlock(e);
        } else {
            insert(e, 1);
            if (e - d >= from) {
                insert(e - d, -1);
            }
        }
        return e >= d - 1 && lastNaN < e - d + 1;
    }

    private void startBlock(int b) {
        from = Math.max(0, b - d + 1);
        int to = Math.min(n, b + d);
        int m = 0;
        for (int j = from; j < to; j++) {
            double v = x[off + j];
            if (!Double.isNaN(v)) {
                distinct[m++] = v + 0.0; // folds -0.0 into 0.0 so equal values share a slot
            }
        }
        Arrays.sort(distinct, 0, m);
        int u = 0;
        for (int j = 0; j < m; j++) {
            if (u == 0 || distinct[j] != distinct[u - 1]) {
                distinct[u++] = distinct[j];
            }
        }
        size = u;
        topBit = Integer.highestOneBit(Math.max(1, u));
        for (int j = from; j < to; j++) {
            double v = x[off + j];
            slots[j - from] = !Double.isNaN(v) ? Arrays.binarySearch(distinct, 0, u, v + 0.0) + 1 : 0;
        }
        Arrays.fill(counts, 0, u + 1, 0);
        if (sumHi != null) {
            Arrays.fill(sumHi, 0, u + 1, 0);
            Arrays.fill(sumLo, 0, u + 1, 0);
        }
        inWindow = 0;
        for (int j = from; j <= b; j++) {
            insert(j, 1);
        }
    }

    private void insert(int row, int delta) {
        int slot = slots[row - from];
        if (slot == 0) {
            return; // NaN: the window is invalid anyway
        }
        inWindow += delta;
        for (int i = slot; i <= size; i += i & -i) {
            counts[i] += delta;
        }
        if (sumHi != null) {
            double value = delta * x[off + row];
            for (int i = slot; i <= size; i += i & -i) {
                double s = sumHi[i] + value;
                double bb = s - sumHi[i];
                sumLo[i] += (sumHi[i] - (s - bb)) + (value - bb);
                sumHi[i] = s;
            }
        }
    }

    private int countUpTo(int slot) {
        int c = 0;
        for (int i = slot; i > 0; i -= i & -i) {
            c += counts[i];
        }
        return c;
    }

    /** Average rank (1-based, ties averaged) of row e's value within the window. */
    double rankOf(int e) {
        int slot = slots[e - from];
        int below = countUpTo(slot - 1);
        int equal = countUpTo(slot) - below;
        return below + (equal + 1) / 2.0;
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

    /** {@code sum of (v - m)} over the window's values above m, in double-double precision, rounded once. */
    double excessAbove(double m) {
        int found = Arrays.binarySearch(distinct, 0, size, m + 0.0);
        int upTo = found >= 0 ? found + 1 : -found - 1; // slots 1..upTo hold values <= m
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
        int above = inWindow - below;
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
