package com.optaic.engine.portfolio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hierarchical risk parity as PyPortfolioOpt's {@code HRPOpt.optimize()}: daily pairwise correlation and
 * covariance of the returns, distance {@code sqrt(clip((1 - rho) / 2, 0, 1))}, single linkage (as SciPy's
 * {@code linkage}: clusters numbered n, n+1... in merge order, the child with the smaller id on the left),
 * leaves in pre-order, then recursive bisection of the ordered list into halves, each half weighted by
 * {@code 1 - var1 / (var1 + var2)} with inverse-variance cluster variances.
 */
public final class HierarchicalRiskParity {
    private HierarchicalRiskParity() {}

    /** The HRP weights, in the order of {@code returns.assets()}. */
    public static double[] weights(AssetReturns returns) {
        double[][] corr = RiskModels.correlation(returns);
        double[][] cov = RiskModels.covariance(returns);
        return weights(corr, cov);
    }

    /** HRP weights from a correlation and a covariance matrix (any common scale). */
    public static double[] weights(double[][] corr, double[][] cov) {
        int n = corr.length;
        if (n == 1) {
            return new double[] {1.0};
        }
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[i][j] = Math.sqrt(Math.min(1.0, Math.max(0.0, (1.0 - corr[i][j]) / 2.0)));
            }
        }
        List<Integer> order = leafOrder(singleLinkage(dist), n);
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        List<List<Integer>> clusters = List.of(order);
        while (!clusters.isEmpty()) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> c : clusters) {
                if (c.size() > 1) {
                    next.add(c.subList(0, c.size() / 2));
                    next.add(c.subList(c.size() / 2, c.size()));
                }
            }
            clusters = next;
            for (int i = 0; i < clusters.size(); i += 2) {
                double v1 = clusterVariance(cov, clusters.get(i));
                double v2 = clusterVariance(cov, clusters.get(i + 1));
                double alpha = 1 - v1 / (v1 + v2);
                for (int a : clusters.get(i)) {
                    w[a] *= alpha;
                }
                for (int a : clusters.get(i + 1)) {
                    w[a] *= 1 - alpha;
                }
            }
        }
        return w;
    }

    /** Variance of the inverse-variance portfolio of {@code items}. */
    static double clusterVariance(double[][] cov, List<Integer> items) {
        int k = items.size();
        double[] iv = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            iv[i] = 1.0 / cov[items.get(i)][items.get(i)];
            sum += iv[i];
        }
        double var = 0;
        for (int i = 0; i < k; i++) {
            double row = 0;
            for (int j = 0; j < k; j++) {
                row += cov[items.get(i)][items.get(j)] * (iv[j] / sum);
            }
            var += (iv[i] / sum) * row;
        }
        return var;
    }

    /**
     * Single-linkage merges as SciPy's linkage matrix: row m merges {@code [left, right]} (ids, leaves
     * {@code 0..n-1}, cluster m is id {@code n + m}, left the smaller id) at the smallest distance between
     * members of two current clusters.
     */
    static int[][] singleLinkage(double[][] dist) {
        int n = dist.length;
        int[] id = new int[n]; // current cluster id of each slot; slots die on merge
        boolean[] alive = new boolean[n];
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            alive[i] = true;
            d[i] = dist[i].clone();
        }
        int[][] merges = new int[n - 1][2];
        for (int m = 0; m < n - 1; m++) {
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && (d[i][j] < best || bi < 0)) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            merges[m][0] = Math.min(id[bi], id[bj]);
            merges[m][1] = Math.max(id[bi], id[bj]);
            for (int k = 0; k < n; k++) {
                double v = Math.min(d[bi][k], d[bj][k]);
                d[bi][k] = v;
                d[k][bi] = v;
            }
            alive[bj] = false;
            id[bi] = n + m;
        }
        return merges;
    }

    /** Leaves of the linkage tree in pre-order (left subtree first), as SciPy's {@code to_tree().pre_order()}. */
    static List<Integer> leafOrder(int[][] merges, int n) {
        List<Integer> out = new ArrayList<>(n);
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(n + merges.length - 1);
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (node < n) {
                out.add(node);
            } else {
                int[] m = merges[node - n];
                stack.push(m[1]);
                stack.push(m[0]);
            }
        }
        return out;
    }
}
