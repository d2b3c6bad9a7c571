package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

/**
 * Hand-fused loops for the most used rolling operators (sum, mean, variance, std, z-score; covariance and
 * correlation). They keep exactly {@link RollingSums}' block scheme (suffix sums of the previous block plus
 * prefix sums of the current one, relative to an anchor at the block boundary, nothing ever subtracted),
 * but hold all state in local variables so the JIT keeps it in registers: one pass, no per-row calls.
 */
final class FusedMoments {
    static final int SUM = 0;
    static final int MEAN = 1;
    static final int VAR = 2;
    static final int STD = 3;
    static final int ZSCORE = 4;
    static final int COV = 5;
    static final int CORR = 6;

    private FusedMoments() {}

    /** SUM, MEAN, VAR, STD or ZSCORE of x over windows of d rows. */
    static void single(double[] x, int off, int n, int firstRow, int d, int kind, double[] out) {
        Workspace ws = Workspace.get();
        double[] suffix1 = ws.doubles(24, d);
        double[] suffix2 = ws.doubles(25, d);
        int blockStart = 0;
        int nextBlock = d - firstRow % d; // blocks start on global rows divisible by d
        double anchor = 0;
        double p1 = 0;
        double p2 = 0;
        int lastMissing = -1;
        int run = 0;
        double previous = NaN;
        for (int row = 0; row < n; row++) {
            double v = x[off + row];
            run = v == previous ? run + 1 : 1;
            previous = v;
            if (row == nextBlock || row == 0) {
                if (row == nextBlock) {
                    nextBlock += d;
                }
                blockStart = row;
                anchor = anchor(x, off, row);
                p1 = 0;
                p2 = 0;
                double a1 = 0;
                double a2 = 0;
                for (int j = row - 1; j >= Math.max(0, row - d); j--) {
                    double w = x[off + j];
                    if (!Double.isNaN(w)) {
                        double dx = w - anchor;
                        a1 += dx;
                        a2 += dx * dx;
                    }
                    suffix1[j - row + d] = a1;
                    suffix2[j - row + d] = a2;
                }
            }
            if (Double.isNaN(v)) {
                lastMissing = row;
            } else {
                double dx = v - anchor;
                p1 += dx;
                p2 += dx * dx;
            }
            int start = row - d + 1;
            if (start < 0 || lastMissing >= start) {
                out[off + row] = NaN;
                continue;
            }
            double s1 = p1;
            double s2 = p2;
            if (start != blockStart) {
                int i = start - blockStart + d;
                s1 += suffix1[i];
                s2 += suffix2[i];
            }
            boolean constant = run >= d;
            double result;
            switch (kind) {
                case SUM -> result = anchor * d + s1;
                case MEAN -> result = constant ? v : anchor + s1 / d;
                default -> {
                    if (d < 2) {
                        result = NaN;
                    } else if (constant) {
                        result = kind == ZSCORE ? NaN : 0.0;
                    } else {
                        double var = Math.max(0.0, (s2 - s1 * s1 / d) / (d - 1));
                        result = kind == VAR
                                ? var
                                : kind == STD ? Math.sqrt(var) : var > 0 ? (v - anchor - s1 / d) / Math.sqrt(var) : NaN;
                    }
                }
            }
            out[off + row] = result;
        }
    }

    /** COV or CORR of x and y over windows of d rows; a row with either missing counts as missing. */
    static void pair(double[] x, double[] y, int off, int n, int firstRow, int d, int kind, double[] out) {
        Workspace ws = Workspace.get();
        double[] sx = ws.doubles(24, d);
        double[] sy = ws.doubles(25, d);
        double[] sxx = ws.doubles(26, d);
        double[] syy = ws.doubles(27, d);
        double[] sxy = ws.doubles(28, d);
        int blockStart = 0;
        int nextBlock = d - firstRow % d; // blocks start on global rows divisible by d
        double ax = 0;
        double ay = 0;
        double px = 0;
        double py = 0;
        double pxx = 0;
        double pyy = 0;
        double pxy = 0;
        int lastMissing = -1;
        int runX = 0;
        int runY = 0;
        double previousX = NaN;
        double previousY = NaN;
        for (int row = 0; row < n; row++) {
            double v = x[off + row];
            double w = y[off + row];
            runX = v == previousX ? runX + 1 : 1;
            runY = w == previousY ? runY + 1 : 1;
            previousX = v;
            previousY = w;
            if (row == nextBlock || row == 0) {
                if (row == nextBlock) {
                    nextBlock += d;
                }
                blockStart = row;
                ax = anchor(x, off, row);
                ay = anchor(y, off, row);
                px = py = pxx = pyy = pxy = 0;
                double a = 0, b = 0, aa = 0, bb = 0, ab = 0;
                for (int j = row - 1; j >= Math.max(0, row - d); j--) {
                    double xj = x[off + j];
                    double yj = y[off + j];
                    if (!Double.isNaN(xj) && !Double.isNaN(yj)) {
                        double dx = xj - ax;
                        double dy = yj - ay;
                        a += dx;
                        b += dy;
                        aa += dx * dx;
                        bb += dy * dy;
                        ab += dx * dy;
                    }
                    int i = j - row + d;
                    sx[i] = a;
                    sy[i] = b;
                    sxx[i] = aa;
                    syy[i] = bb;
                    sxy[i] = ab;
                }
            }
            if (Double.isNaN(v) || Double.isNaN(w)) {
                lastMissing = row;
            } else {
                double dx = v - ax;
                double dy = w - ay;
                px += dx;
                py += dy;
                pxx += dx * dx;
                pyy += dy * dy;
                pxy += dx * dy;
            }
            int start = row - d + 1;
            if (start < 0 || lastMissing >= start || d < 2) {
                out[off + row] = NaN;
                continue;
            }
            double s1 = px;
            double t1 = py;
            double s2 = pxx;
            double t2 = pyy;
            double st = pxy;
            if (start != blockStart) {
                int i = start - blockStart + d;
                s1 += sx[i];
                t1 += sy[i];
                s2 += sxx[i];
                t2 += syy[i];
                st += sxy[i];
            }
            boolean constant = runX >= d || runY >= d;
            double result;
            if (kind == COV) {
                result = constant ? 0.0 : (st - s1 * t1 / d) / (d - 1);
            } else if (constant) {
                result = NaN;
            } else {
                double vx = s2 - s1 * s1 / d;
                double vy = t2 - t1 * t1 / d;
                result = vx <= 0 || vy <= 0
                        ? NaN
                        : Math.max(-1.0, Math.min(1.0, (st - s1 * t1 / d) / Math.sqrt(vx * vy)));
            }
            out[off + row] = result;
        }
    }

    /**
     * The anchor of the block starting at row b: x at b, or 0 when that is NaN. Every valid window ending in
     * the block contains row b (it starts at most d-1 rows earlier), so a NaN there leaves the block with no
     * valid window; and the choice depends on nothing but the value at b, so any slice of a series that
     * shares the block gets the same anchor and the same sums.
     */
    static double anchor(double[] x, int off, int b) {
        double v = x[off + b];
        return !Double.isNaN(v) ? v : 0;
    }
}
