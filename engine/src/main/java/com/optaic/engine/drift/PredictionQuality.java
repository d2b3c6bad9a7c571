package com.optaic.engine.drift;

import java.util.Arrays;

/**
 * How well predictions ranked realised returns, date by date: the information coefficient (Pearson correlation
 * across assets of the prediction with the forward return) and the rank IC (the same on average ranks, i.e.
 * Spearman), over the assets where both are finite, on dates with at least three such assets.
 */
public final class PredictionQuality {
    /** The fewest assets a date's correlation is computed on. */
    public static final int MIN_ASSETS = 3;

    private PredictionQuality() {}

    /** IC and rank IC per date (NaN where undefined), and their means over the dates where defined. */
    public record Series(double[] ic, double[] rankIc, double meanIc, double meanRankIc, int dates) {}

    /**
     * @param predictions per date, per asset (date-major rows: {@code predictions[t][a]})
     * @param forwardReturns the same shape: the return realised after date t
     */
    public static Series of(double[][] predictions, double[][] forwardReturns) {
        int dates = predictions.length;
        double[] ic = new double[dates];
        double[] rankIc = new double[dates];
        double icSum = 0;
        double rankSum = 0;
        int defined = 0;
        for (int t = 0; t < dates; t++) {
            double[] p = predictions[t];
            double[] r = forwardReturns[t];
            int n = 0;
            double[] x = new double[p.length];
            double[] y = new double[p.length];
            for (int a = 0; a < p.length; a++) {
                if (Double.isFinite(p[a]) && Double.isFinite(r[a])) {
                    x[n] = p[a];
                    y[n] = r[a];
                    n++;
                }
            }
            if (n < MIN_ASSETS) {
                ic[t] = Double.NaN;
                rankIc[t] = Double.NaN;
                continue;
            }
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            ic[t] = pearson(x, y);
            rankIc[t] = pearson(ranks(x), ranks(y));
            if (Double.isFinite(ic[t]) && Double.isFinite(rankIc[t])) {
                icSum += ic[t];
                rankSum += rankIc[t];
                defined++;
            }
        }
        return new Series(
                ic,
                rankIc,
                defined == 0 ? Double.NaN : icSum / defined,
                defined == 0 ? Double.NaN : rankSum / defined,
                defined);
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Average ranks from 1, ties sharing the mean of their positions. */
    static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
