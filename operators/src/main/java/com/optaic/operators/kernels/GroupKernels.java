package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

import java.util.Arrays;

/**
 * Per (date, group) operators ({@link GroupKernel} shape): the date's assets are bucketed by group code
 * and each bucket is handled like a cross-section of its own. A row with no group gets NaN.
 */
public final class GroupKernels {
    private GroupKernels() {}

    /** {@code x - mean(x in group)}; Alpha101's IndNeutralize. */
    public static void neutralize(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, CrossSectionKernels::demean);
    }

    public static void rank(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, CrossSectionKernels::rank);
    }

    public static void zscore(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, CrossSectionKernels::zscore);
    }

    /** The group's mean of the non-NaN values, on every row of the group. */
    public static void mean(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, (v, m, q, o) -> Arrays.fill(o, 0, m, CrossSectionKernels.meanAndStd(v, m)[0]));
    }

    public static void sum(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, (v, m, q, o) -> Arrays.fill(o, 0, m, CrossSectionKernels.meanAndStd(v, m)[3]));
    }

    /** Number of non-NaN values in the group, on every row of the group. */
    public static void count(double[] x, double[] g, int n, double[] p, double[] out) {
        perGroup(x, g, n, p, out, (v, m, q, o) -> Arrays.fill(o, 0, m, CrossSectionKernels.meanAndStd(v, m)[2]));
    }

    private static void perGroup(double[] x, double[] g, int n, double[] p, double[] out, CrossSectionKernel kernel) {
        Workspace ws = Workspace.get();
        double[] codes = ws.doubles(14, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(g[i])) {
                codes[distinct++] = g[i];
            }
        }
        Arrays.sort(codes, 0, distinct);
        int u = 0;
        for (int i = 0; i < distinct; i++) {
            if (u == 0 || codes[i] != codes[u - 1]) {
                codes[u++] = codes[i];
            }
        }
        // Counting sort of row indices by group: start[c] .. start[c+1] are group c's rows.
        int[] start = ws.ints(0, u + 2);
        Arrays.fill(start, 0, u + 2, 0);
        int[] groupOf = ws.ints(1, n);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(g[i])) {
                int c = Arrays.binarySearch(codes, 0, u, g[i]);
                groupOf[i] = c;
                start[c + 2]++;
            } else {
                groupOf[i] = -1;
                out[i] = NaN;
            }
        }
        for (int c = 0; c < u; c++) {
            start[c + 2] += start[c + 1];
        }
        int[] rows = ws.ints(2, n);
        for (int i = 0; i < n; i++) {
            if (groupOf[i] >= 0) {
                rows[start[groupOf[i] + 1]++] = i;
            }
        }
        double[] values = ws.doubles(15, n);
        double[] results = ws.doubles(16, n);
        for (int c = 0; c < u; c++) {
            int from = start[c];
            int to = start[c + 1];
            int m = to - from;
            for (int k = 0; k < m; k++) {
                values[k] = x[rows[from + k]];
            }
            kernel.apply(values, m, p, results);
            for (int k = 0; k < m; k++) {
                out[rows[from + k]] = results[k];
            }
        }
    }
}
