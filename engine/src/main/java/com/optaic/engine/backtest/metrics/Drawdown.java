package com.optaic.engine.backtest.metrics;

import java.util.Optional;

/**
 * The worst drawdown of a wealth path and how long it lasted. Points are indexed as the path is: with the
 * initial capital prepended, point 0 is the capital before the first period and point k the wealth after
 * period k; without it, point k is the wealth after period k + 1.
 *
 * @param depth the worst wealth / running peak - 1, 0 or below
 * @param peak the last point at the running peak before the trough
 * @param trough the first point of the deepest loss
 * @param recovery the first point after the trough back at the peak's wealth, empty if never recovered
 * @param length points from the peak to the recovery, or to the last point if not recovered
 * @param longest the longest underwater spell of the path, measured the same way
 */
public record Drawdown(double depth, int peak, int trough, Optional<Integer> recovery, int length, int longest) {
    /** Of a wealth path (positive values; at least one point). */
    public static Drawdown of(double[] wealth) {
        double runningMax = Double.NEGATIVE_INFINITY;
        int lastPeak = 0;
        double depth = 0;
        int peak = 0;
        int trough = 0;
        int longest = 0;
        for (int k = 0; k < wealth.length; k++) {
            if (wealth[k] >= runningMax) {
                if (k - lastPeak > 1) { // points in between were underwater
                    longest = Math.max(longest, k - lastPeak);
                }
                runningMax = wealth[k];
                lastPeak = k;
                continue;
            }
            double underwater = wealth[k] / runningMax - 1;
            if (underwater < depth) {
                depth = underwater;
                peak = lastPeak;
                trough = k;
            }
        }
        longest = Math.max(longest, wealth.length - 1 - lastPeak);
        Optional<Integer> recovery = Optional.empty();
        if (depth < 0) {
            for (int k = trough + 1; k < wealth.length; k++) {
                if (wealth[k] >= wealth[peak]) {
                    recovery = Optional.of(k);
                    break;
                }
            }
        }
        int length = depth < 0 ? recovery.orElse(wealth.length - 1) - peak : 0;
        return new Drawdown(depth, peak, trough, recovery, length, longest);
    }
}
