package com.optaic.engine.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One drawdown episode of a wealth path: from a peak, through the trough, to the first bar back at or above
 * the peak. Rows index the equity curve; -1 is the start (the initial capital, before the first bar).
 * {@code recoveryRow} is -1 while not recovered, and the length then runs to the last bar.
 *
 * @param depth trough / peak - 1 (negative)
 * @param length bars from peak to recovery (or to the last bar)
 */
public record Drawdown(
        int peakRow, int troughRow, int recoveryRow, double peakValue, double troughValue, double depth, int length) {

    /** Every episode of {@code initialCapital} followed by {@code equity}, in time order. */
    public static List<Drawdown> episodes(double initialCapital, double[] equity) {
        List<Drawdown> out = new ArrayList<>();
        double peak = initialCapital;
        int peakRow = -1;
        int troughRow = -1;
        double trough = peak;
        boolean inDrawdown = false;
        for (int t = 0; t < equity.length; t++) {
            double v = equity[t];
            if (v >= peak) {
                if (inDrawdown) {
                    out.add(new Drawdown(peakRow, troughRow, t, peak, trough, trough / peak - 1, t - peakRow));
                    inDrawdown = false;
                }
                peak = v;
                peakRow = t;
            } else {
                if (!inDrawdown || v < trough) {
                    trough = v;
                    troughRow = t;
                }
                inDrawdown = true;
            }
        }
        if (inDrawdown) {
            out.add(new Drawdown(peakRow, troughRow, -1, peak, trough, trough / peak - 1, equity.length - 1 - peakRow));
        }
        return out;
    }
}
