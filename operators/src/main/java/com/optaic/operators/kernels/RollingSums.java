package com.optaic.operators.kernels;

/**
 * A window of {@code d} rows sliding along one series (or a pair), keeping the sums that the moment-based
 * rolling operators need: of the deviations {@code x - A} from an anchor and their powers, of
 * {@code tau * (x - A)} with tau = 1 (oldest) .. d (newest), and for pairs of {@code y - B} and the cross
 * product. Call {@link #advance()} once per row; it returns whether the window ending there is full and
 * free of NaN.
 *
 * <p>Why not a running sum that adds the newest row and subtracts the oldest: its rounding error grows
 * without bound over long series, and subtracting powers of large values cancels catastrophically. Instead
 * the series is cut into blocks of d rows. A window ending in block [b, b + d) is a suffix of the previous
 * block plus a prefix of this one, so its sums are {@code suffix[s] + prefix}: the suffix sums of the
 * previous block are computed once when the block starts (O(d) per d rows), the prefix sums accumulate as
 * rows arrive, and nothing is ever subtracted. Each partial sum covers fewer than d values, all taken
 * relative to an anchor value of the series at the block boundary, so powers of deviations stay small
 * and precision does not depend on the series' level or length.
 */
final class RollingSums {
    private final double[] x;
    private final double[] y;
    private final int off;
    private final int n;
    private final int d;
    private final int powers;
    private final boolean positional;
    private final double[] suffix; // per feature f, rows [b - d, b): suffix[f * d + (j - b + d)]

    private int e = -1;
    private int blockStart;
    private int nextBlock;
    private int lastMissing = -1;
    private int runX;
    private int runY;
    private double anchorX;
    private double anchorY;
    private double p1;
    private double p2;
    private double p3;
    private double p4;
    private double pU;
    private double q1;
    private double q2;
    private double qxy;

    double s1;
    double s2;
    double s3;
    double s4;
    double sTau;
    double t1;
    double t2;
    double sxy;

    private static final int F1 = 0;
    private static final int F2 = 1;
    private static final int F3 = 2;
    private static final int F4 = 3;
    private static final int FU = 4;
    private static final int G1 = 5;
    private static final int G2 = 6;
    private static final int GXY = 7;

    /**
     * @param y the second series for pair operators, else null
     * @param powers highest power of x's deviations to keep (1..4)
     * @param positional whether to keep {@link #sTau}
     */
    RollingSums(double[] x, double[] y, int off, int n, int firstRow, int d, int powers, boolean positional) {
        this.x = x;
        this.y = y;
        this.off = off;
        this.n = n;
        this.d = d;
        this.powers = powers;
        this.positional = positional;
        this.nextBlock = d - firstRow % d; // blocks start on global rows divisible by d
        this.suffix = Workspace.get().doubles(23, 8 * d);
    }

    private boolean missing(int row) {
        double v = x[off + row];
        return Double.isNaN(v) || (y != null && Double.isNaN(y[off + row]));
    }

    /** Moves the window to end at the next row; true when it is full and holds no NaN. */
    boolean advance() {
        int row = ++e;
        double v = x[off + row];
        runX = row > 0 && v == x[off + row - 1] ? runX + 1 : 1;
        if (y != null) {
            runY = row > 0 && y[off + row] == y[off + row - 1] ? runY + 1 : 1;
        }
        if (row == nextBlock || row == 0) {
            if (row == nextBlock) {
                nextBlock += d;
            }
            startBlock(row);
        }
        boolean isMissing = missing(row);
        if (isMissing) {
            lastMissing = row;
        } else {
            double dx = v - anchorX;
            p1 += dx;
            if (powers >= 2) {
                double dx2 = dx * dx;
                p2 += dx2;
                if (powers >= 3) {
                    p3 += dx2 * dx;
                    if (powers >= 4) {
                        p4 += dx2 * dx2;
                    }
                }
            }
            if (positional) {
                pU += (row - blockStart) * dx;
            }
            if (y != null) {
                double dy = y[off + row] - anchorY;
                q1 += dy;
                q2 += dy * dy;
                qxy += dx * dy;
            }
        }
        int start = row - d + 1;
        if (start < 0 || lastMissing >= start) {
            return false;
        }
        s1 = p1;
        s2 = p2;
        s3 = p3;
        s4 = p4;
        sTau = pU;
        t1 = q1;
        t2 = q2;
        sxy = qxy;
        if (start != blockStart) {
            int i = start - blockStart + d;
            s1 += suffix[F1 * d + i];
            s2 += suffix[F2 * d + i];
            s3 += suffix[F3 * d + i];
            s4 += suffix[F4 * d + i];
            sTau += suffix[FU * d + i];
            if (y != null) {
                t1 += suffix[G1 * d + i];
                t2 += suffix[G2 * d + i];
                sxy += suffix[GXY * d + i];
            }
        }
        if (positional) {
            sTau += (blockStart - start + 1) * s1; // tau = (row - blockStart) + (blockStart - start + 1)
        }
        return true;
    }

    /** A new block starts at row b: pick its anchors and sum the previous block's suffixes against them. */
    private void startBlock(int b) {
        blockStart = b;
        anchorX = FusedMoments.anchor(x, off, b); // see there why the value at b alone
        anchorY = y == null ? 0 : FusedMoments.anchor(y, off, b);
        p1 = p2 = p3 = p4 = pU = q1 = q2 = qxy = 0;
        double a1 = 0, a2 = 0, a3 = 0, a4 = 0, au = 0, b1 = 0, b2 = 0, bxy = 0;
        for (int j = b - 1; j >= Math.max(0, b - d); j--) {
            if (!missing(j)) {
                double dx = x[off + j] - anchorX;
                double dx2 = dx * dx;
                a1 += dx;
                a2 += dx2;
                a3 += dx2 * dx;
                a4 += dx2 * dx2;
                au += (j - b) * dx;
                if (y != null) {
                    double dy = y[off + j] - anchorY;
                    b1 += dy;
                    b2 += dy * dy;
                    bxy += dx * dy;
                }
            }
            int i = j - b + d;
            suffix[F1 * d + i] = a1;
            suffix[F2 * d + i] = a2;
            suffix[F3 * d + i] = a3;
            suffix[F4 * d + i] = a4;
            suffix[FU * d + i] = au;
            suffix[G1 * d + i] = b1;
            suffix[G2 * d + i] = b2;
            suffix[GXY * d + i] = bxy;
        }
    }

    /** Whether every x in the current window is the same value. */
    boolean constantX() {
        return runX >= d;
    }

    double anchorX() {
        return anchorX;
    }

    /** x at the window's newest row. */
    double last() {
        return x[off + e];
    }
}
