package com.optaic.operators.kernels;

/**
 * Windowed sums of a series' deviations from a local anchor, for the moment-based rolling operators
 * (mean, variance, skew, kurtosis, covariance, correlation, regression on time, linear decay).
 *
 * <p>Why not a running sum: adding the newest value and subtracting the oldest accumulates rounding error
 * without bound, and sums of squares of large values (prices near 1e9) cancel catastrophically. Instead the
 * series is cut into blocks of {@code d} rows. A window of {@code d} rows ending at {@code e} is either one
 * whole block or a suffix of one block plus a prefix of the next, so its sum is {@code suffix[s] + prefix[e]}
 * with each partial sum taken over fewer than {@code d} values: O(n) in total and no drift, however long the
 * series. Every value is taken relative to the anchor of the block boundary the window straddles (a value of
 * the series itself), so powers of deviations stay small and variances keep their precision.
 *
 * <p>After construction, for every window end {@code e >= d - 1} with {@link #valid(int)} true:
 * {@code s1[e] = sum(x - A)}, {@code s2[e] = sum((x - A)^2)}, ... with {@code A = anchorX(e)};
 * {@code sTau[e] = sum(tau * (x - A))} with tau = 1 (oldest) .. d (newest); and for pairs {@code t1, t2}
 * (the same for y with its own anchor) and {@code sxy = sum((x - A)(y - B))}.
 */
final class RollingSums {
    final int n;
    final int d;
    final double[] s1;
    final double[] s2;
    final double[] s3;
    final double[] s4;
    final double[] sTau;
    final double[] t1;
    final double[] t2;
    final double[] sxy;

    private final double[] x;
    private final double[] y;
    private final int off;
    private final double[] anchorsX;
    private final double[] anchorsY;
    private final int[] lastGap;
    private final int[] run;
    private final int[] runY;

    /**
     * @param powers highest power of x's deviations to sum (1..4)
     * @param positional whether to compute {@link #sTau}
     */
    RollingSums(double[] x, double[] y, int off, int n, int d, int powers, boolean positional) {
        this.x = x;
        this.y = y;
        this.off = off;
        this.n = n;
        this.d = d;
        Workspace ws = Workspace.get();
        int blocks = n / d + 2;
        this.anchorsX = anchors(x, off, n, d, blocks, ws.doubles(0, blocks));
        this.anchorsY = y == null ? null : anchors(y, off, n, d, blocks, ws.doubles(1, blocks));
        this.lastGap = ws.ints(0, n);
        this.run = ws.ints(1, n);
        this.runY = y == null ? null : ws.ints(2, n);
        scanGapsAndRuns();

        s1 = ws.doubles(2, n);
        s2 = powers >= 2 ? ws.doubles(3, n) : null;
        s3 = powers >= 3 ? ws.doubles(4, n) : null;
        s4 = powers >= 4 ? ws.doubles(5, n) : null;
        sTau = positional ? ws.doubles(6, n) : null;
        t1 = y != null ? ws.doubles(7, n) : null;
        t2 = y != null ? ws.doubles(8, n) : null;
        sxy = y != null ? ws.doubles(9, n) : null;
        double[] r1 = ws.doubles(10, n);
        double[] r2 = powers >= 2 ? ws.doubles(11, n) : null;
        double[] r3 = powers >= 3 ? ws.doubles(12, n) : null;
        double[] r4 = powers >= 4 ? ws.doubles(13, n) : null;
        double[] rU = positional ? ws.doubles(14, n) : null;
        double[] q1 = y != null ? ws.doubles(15, n) : null;
        double[] q2 = y != null ? ws.doubles(16, n) : null;
        double[] qxy = y != null ? ws.doubles(17, n) : null;

        // Prefix sums within each block, relative to the anchor at the block's start.
        double a1 = 0, a2 = 0, a3 = 0, a4 = 0, au = 0, b1 = 0, b2 = 0, bxy = 0;
        double ax = 0, ay = 0;
        for (int j = 0, pos = 0, k = 0; j < n; j++, pos++) {
            if (pos == d) {
                pos = 0;
                k++;
            }
            if (pos == 0) {
                a1 = a2 = a3 = a4 = au = b1 = b2 = bxy = 0;
                ax = anchorsX[k];
                ay = anchorsY == null ? 0 : anchorsY[k];
            }
            double v = x[off + j];
            double dx = v == v ? v - ax : 0;
            a1 += dx;
            s1[j] = a1;
            if (s2 != null) {
                double dx2 = dx * dx;
                a2 += dx2;
                s2[j] = a2;
                if (s3 != null) {
                    a3 += dx2 * dx;
                    s3[j] = a3;
                }
                if (s4 != null) {
                    a4 += dx2 * dx2;
                    s4[j] = a4;
                }
            }
            if (sTau != null) {
                au += pos * dx;
                sTau[j] = au;
            }
            if (y != null) {
                double w = y[off + j];
                double dy = w == w ? w - ay : 0;
                b1 += dy;
                b2 += dy * dy;
                bxy += dx * dy;
                t1[j] = b1;
                t2[j] = b2;
                sxy[j] = bxy;
            }
        }
        // Suffix sums within each block, relative to the anchor at the block's end (= next block's start).
        int lastBlock = (n - 1) / d;
        for (int j = n - 1, k = lastBlock, pos = (n - 1) - lastBlock * d; j >= 0; j--, pos--) {
            if (pos < 0) {
                pos = d - 1;
                k--;
            }
            if (pos == d - 1 || j == n - 1) {
                a1 = a2 = a3 = a4 = au = b1 = b2 = bxy = 0;
                ax = anchorsX[k + 1];
                ay = anchorsY == null ? 0 : anchorsY[k + 1];
            }
            double v = x[off + j];
            double dx = v == v ? v - ax : 0;
            a1 += dx;
            r1[j] = a1;
            if (r2 != null) {
                double dx2 = dx * dx;
                a2 += dx2;
                r2[j] = a2;
                if (r3 != null) {
                    a3 += dx2 * dx;
                    r3[j] = a3;
                }
                if (r4 != null) {
                    a4 += dx2 * dx2;
                    r4[j] = a4;
                }
            }
            if (rU != null) {
                au += (pos - d) * dx;
                rU[j] = au;
            }
            if (y != null) {
                double w = y[off + j];
                double dy = w == w ? w - ay : 0;
                b1 += dy;
                b2 += dy * dy;
                bxy += dx * dy;
                q1[j] = b1;
                q2[j] = b2;
                qxy[j] = bxy;
            }
        }
        // Combine in place: window [s, e] is prefix[e] alone when s starts a block, else suffix[s] + prefix[e].
        // Walk e downwards so prefix[e] is read before anything overwrites it.
        for (int e = n - 1, r = (n - d) % d; e >= d - 1; e--, r = r == 0 ? d - 1 : r - 1) {
            int s = e - d + 1;
            if (r == 0) {
                if (sTau != null) {
                    sTau[e] += s1[e];
                }
                continue;
            }
            if (sTau != null) {
                // tau = u + (boundary - s + 1), boundary = s + d - r
                sTau[e] += rU[s] + (d - r + 1) * (s1[e] + r1[s]);
            }
            s1[e] += r1[s];
            if (s2 != null) {
                s2[e] += r2[s];
            }
            if (s3 != null) {
                s3[e] += r3[s];
            }
            if (s4 != null) {
                s4[e] += r4[s];
            }
            if (y != null) {
                t1[e] += q1[s];
                t2[e] += q2[s];
                sxy[e] += qxy[s];
            }
        }
    }

    /** Anchor for the boundary at row k*d: a finite value of the series near it, or 0 if there is none. */
    private static double[] anchors(double[] v, int off, int n, int d, int blocks, double[] out) {
        for (int k = 0; k < blocks; k++) {
            int b = k * d;
            double a = Double.NaN;
            for (int j = b; j < Math.min(n, b + d) && a != a; j++) {
                a = v[off + j];
            }
            for (int j = Math.min(b, n) - 1; j >= Math.max(0, b - d) && a != a; j--) {
                a = v[off + j];
            }
            out[k] = a == a ? a : 0;
        }
        return out;
    }

    private void scanGapsAndRuns() {
        int gap = -1;
        for (int j = 0; j < n; j++) {
            double v = x[off + j];
            boolean missing = v != v || (y != null && y[off + j] != y[off + j]);
            if (missing) {
                gap = j;
            }
            lastGap[j] = gap;
            run[j] = j > 0 && v == x[off + j - 1] ? run[j - 1] + 1 : 1;
            if (runY != null) {
                runY[j] = j > 0 && y[off + j] == y[off + j - 1] ? runY[j - 1] + 1 : 1;
            }
        }
    }

    /** Whether the window ending at e is full and free of NaN (in x, and in y for pairs). */
    boolean valid(int e) {
        return e >= d - 1 && lastGap[e] < e - d + 1;
    }

    /** Whether every x in the window ending at e is the same value. */
    boolean constantX(int e) {
        return run[e] >= d;
    }

    boolean constantY(int e) {
        return runY[e] >= d;
    }

    double anchorX(int e) {
        return anchorsX[e / d];
    }

    double anchorY(int e) {
        return anchorsY[e / d];
    }

    double x(int e) {
        return x[off + e];
    }
}
