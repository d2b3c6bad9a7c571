package com.optaic.engine.backtest.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.data.Panel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a signal ranks assets by their forward returns, per date of a {@link Panel}, at several horizons.
 *
 * <p>The forward return of asset a at date t over h bars is {@code p[t+h]/p[t] - 1} on the panel's calendar; it
 * is missing when the asset has no row or no finite price at t or at t+h (a missing asset is never carried to a
 * later bar). On each date, the assets with a finite signal and a finite forward return form the cross-section:
 * <ul>
 *   <li>IC: the Pearson correlation of signal and forward return; rank IC: the Spearman correlation (Pearson of
 *       average ranks, ties sharing their mean rank). Missing below two assets or when either side is
 *       constant.</li>
 *   <li>Quantiles: an asset of average rank k among n goes to quantile {@code ceil(k*q/n)} (1 = lowest signal),
 *       so tied assets share a quantile. Each quantile's mean forward return per date, averaged over the dates
 *       where the quantile has assets; the spread is the top minus the bottom quantile's mean, per date, where
 *       both have assets.</li>
 * </ul>
 * Each per-date series is summarised by {@link SeriesSummary} over its finite dates. The signal at t is compared
 * with the return from t's price; a backtest's execution lag is a separate matter.
 */
public final class SignalMetrics {
    private SignalMetrics() {}

    /** One horizon's per-date series and their summaries. */
    public record Horizon(
            int bars,
            double[] ic,
            double[] rankIc,
            double[] spread,
            double[] quantileMeans,
            SeriesSummary icSummary,
            SeriesSummary rankIcSummary,
            SeriesSummary spreadSummary) {
        public ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.set("ic", icSummary.toJson("icir"));
            json.set("rank_ic", rankIcSummary.toJson("icir"));
            json.set("quantile_spread", spreadSummary.toJson("ratio"));
            ArrayNode means = json.putArray("quantile_mean_returns");
            for (double mean : quantileMeans) {
                if (Double.isFinite(mean)) {
                    means.add(mean);
                } else {
                    means.addNull();
                }
            }
            return json;
        }
    }

    /**
     * @param signal the signal, asset-major over the panel's cells (NaN = no view)
     * @param prices the prices forward returns are measured on, asset-major over the same cells
     */
    public static List<Horizon> compute(
            Panel panel, double[] signal, double[] prices, List<Integer> horizons, int quantiles) {
        if (signal.length != panel.cellCount() || prices.length != panel.cellCount()) {
            throw new IllegalArgumentException("signal and prices must have one value per cell of the panel");
        }
        List<Horizon> result = new ArrayList<>();
        for (int h : horizons) {
            result.add(horizon(panel, signal, forwardReturns(panel, prices, h), h, quantiles));
        }
        return result;
    }

    /** {@code p[t+h]/p[t] - 1} per cell, NaN where either end is absent or not a finite price. */
    public static double[] forwardReturns(Panel panel, double[] prices, int bars) {
        int dates = panel.dateCount();
        double[] forward = new double[panel.cellCount()];
        Arrays.fill(forward, Double.NaN);
        boolean[] present = panel.presence();
        for (int a = 0; a < panel.assetCount(); a++) {
            int base = a * dates;
            for (int t = 0; t + bars < dates; t++) {
                int now = base + t;
                int later = now + bars;
                if (present[now]
                        && present[later]
                        && Double.isFinite(prices[now])
                        && Double.isFinite(prices[later])
                        && prices[now] != 0) {
                    forward[now] = prices[later] / prices[now] - 1;
                }
            }
        }
        return forward;
    }

    private static Horizon horizon(Panel panel, double[] signal, double[] forward, int bars, int quantiles) {
        int dates = panel.dateCount();
        int assets = panel.assetCount();
        double[] ic = new double[dates];
        double[] rankIc = new double[dates];
        double[] spread = new double[dates];
        double[] quantileSum = new double[quantiles];
        int[] quantileDates = new int[quantiles];
        double[] x = new double[assets];
        double[] y = new double[assets];
        double[] xRanks = new double[assets];
        double[] yRanks = new double[assets];
        Ranker ranker = new Ranker(assets);
        double[] sum = new double[quantiles];
        int[] count = new int[quantiles];
        for (int t = 0; t < dates; t++) {
            int n = 0;
            for (int a = 0; a < assets; a++) {
                int cell = a * dates + t;
                if (Double.isFinite(signal[cell]) && Double.isFinite(forward[cell])) {
                    x[n] = signal[cell];
                    y[n] = forward[cell];
                    n++;
                }
            }
            ic[t] = Moments.correlation(x, y, n);
            ranker.rank(x, n, xRanks);
            ranker.rank(y, n, yRanks);
            rankIc[t] = Moments.correlation(xRanks, yRanks, n);
            Arrays.fill(sum, 0);
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                int q = Math.min(quantiles, Math.max(1, (int) Math.ceil(xRanks[i] * quantiles / n))) - 1;
                sum[q] += y[i];
                count[q]++;
            }
            for (int q = 0; q < quantiles; q++) {
                if (count[q] > 0) {
                    quantileSum[q] += sum[q] / count[q];
                    quantileDates[q]++;
                }
            }
            spread[t] = count[0] > 0 && count[quantiles - 1] > 0
                    ? sum[quantiles - 1] / count[quantiles - 1] - sum[0] / count[0]
                    : Double.NaN;
        }
        double[] quantileMeans = new double[quantiles];
        for (int q = 0; q < quantiles; q++) {
            quantileMeans[q] = quantileDates[q] == 0 ? Double.NaN : quantileSum[q] / quantileDates[q];
        }
        return new Horizon(
                bars,
                ic,
                rankIc,
                spread,
                quantileMeans,
                SeriesSummary.of(ic),
                SeriesSummary.of(rankIc),
                SeriesSummary.of(spread));
    }

    /** Ranks 1..n of the first n values, ties getting the mean of the ranks they span. */
    static double[] averageRanks(double[] values, int n) {
        double[] ranks = new double[n];
        new Ranker(n).rank(values, n, ranks);
        return ranks;
    }

    /** Average ranks with reusable buffers: a stable merge sort of indices, no boxing, nothing allocated per call. */
    static final class Ranker {
        private final int[] order;
        private final int[] scratch;

        Ranker(int capacity) {
            order = new int[capacity];
            scratch = new int[capacity];
        }

        void rank(double[] values, int n, double[] ranks) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int[] from = order;
            int[] to = scratch;
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    for (int k = lo; k < hi; k++) {
                        to[k] = j >= hi || i < mid && values[from[i]] <= values[from[j]] ? from[i++] : from[j++];
                    }
                }
                int[] swap = from;
                from = to;
                to = swap;
            }
            for (int start = 0; start < n; ) {
                int end = start;
                while (end + 1 < n && values[from[end + 1]] == values[from[start]]) {
                    end++;
                }
                double rank = (start + end) / 2.0 + 1;
                for (int k = start; k <= end; k++) {
                    ranks[from[k]] = rank;
                }
                start = end + 1;
            }
        }
    }
}
