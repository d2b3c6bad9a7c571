package com.optaic.engine.drift;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A feature's values counted on a fixed grid (a reference profile's quantiles q_0..q_L), built in one pass and
 * merged across partitions: cell c holds the values with exactly c grid points at or below them (numpy's
 * {@code searchsorted(grid, x, side="right")}), so cell 0 is below q_0 and cell L+1 at or above q_L; plus the
 * missing count and the distances beyond the grid's ends, which make the Wasserstein tails exact.
 */
public final class GridSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] grid;
    final long[] cells;
    long count;
    long missing;
    /** Values below q_0 / above q_L (the reference's min / max): their count and summed distance to it. */
    long below;

    long above;
    double belowDistance;
    double aboveDistance;

    public GridSummary(double[] grid) {
        this.grid = grid.clone();
        this.cells = new long[grid.length + 1];
    }

    public void add(double x) {
        if (Double.isNaN(x)) {
            missing++;
            return;
        }
        count++;
        cells[DriftMath.bin(grid, x)]++;
        if (x < grid[0]) {
            below++;
            belowDistance += grid[0] - x;
        } else if (x > grid[grid.length - 1]) {
            above++;
            aboveDistance += x - grid[grid.length - 1];
        }
    }

    public GridSummary merge(GridSummary other) {
        if (!Arrays.equals(grid, other.grid)) {
            throw new IllegalArgumentException("summaries on different grids");
        }
        for (int c = 0; c < cells.length; c++) {
            cells[c] += other.cells[c];
        }
        count += other.count;
        missing += other.missing;
        below += other.below;
        above += other.above;
        belowDistance += other.belowDistance;
        aboveDistance += other.aboveDistance;
        return this;
    }

    public long count() {
        return count;
    }

    public long missing() {
        return missing;
    }

    /** The share of values below grid point k (k = 0..L). */
    double lessThan(int k) {
        long n = 0;
        for (int c = 0; c <= k; c++) {
            n += cells[c];
        }
        return count == 0 ? 0 : (double) n / count;
    }

    /**
     * Counts per coarse bin whose edges are the grid points at multiples of {@code step} (edges q_step,
     * q_2step, ..): bin b holds edge_{b-1} <= x < edge_b.
     */
    long[] binCounts(int bins, int step) {
        long[] counts = new long[bins];
        for (int c = 0; c < cells.length; c++) {
            // x in cell c satisfies q_{c-1} <= x < q_c; its bin is the number of edges q_{j*step} <= x, i.e. j*step <=
            // c-1
            int bin = c == 0 ? 0 : Math.min((c - 1) / step, bins - 1);
            counts[bin] += cells[c];
        }
        return counts;
    }
}
