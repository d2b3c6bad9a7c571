package com.optaic.jobs.monitoring;

import com.optaic.engine.data.Panel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Predictions and the returns realised after them, date by date over a window, aligned on assets. */
final class ForwardReturns {
    private ForwardReturns() {}

    /** {@code [t][a]}: the prediction of asset a on the window's t-th date, NaN where absent. */
    static double[][] predictions(Panel panel, String field, Windows.Window window) {
        double[] values = panel.requireNumeric(field);
        int dates = panel.dateCount();
        double[][] out = new double[window.to() - window.from()][panel.assetCount()];
        for (int t = window.from(); t < window.to(); t++) {
            for (int a = 0; a < panel.assetCount(); a++) {
                out[t - window.from()][a] = panel.isPresent(a, t) ? values[a * dates + t] : Double.NaN;
            }
        }
        return out;
    }

    /**
     * {@code [t][a]}: {@code price(d + horizon) / price(d) - 1} on the prices' calendar, d the window's t-th
     * date of the predictions, NaN where the asset, the date or a price is missing or the horizon runs past the
     * prices' last date.
     */
    static double[][] realised(Panel predictions, Panel prices, String field, int horizon, Windows.Window window) {
        double[] price = prices.requireNumeric(field);
        int priceDates = prices.dateCount();
        Map<String, Integer> priceAsset = new HashMap<>();
        for (int a = 0; a < prices.assetCount(); a++) {
            priceAsset.put(prices.assets()[a], a);
        }
        double[][] out = new double[window.to() - window.from()][predictions.assetCount()];
        for (int t = window.from(); t < window.to(); t++) {
            double[] row = out[t - window.from()];
            Arrays.fill(row, Double.NaN);
            int d = Arrays.binarySearch(prices.epochDays(), predictions.epochDays()[t]);
            if (d < 0 || d + horizon >= priceDates) {
                continue;
            }
            for (int a = 0; a < predictions.assetCount(); a++) {
                Integer p = priceAsset.get(predictions.assets()[a]);
                if (p == null || !prices.isPresent(p, d) || !prices.isPresent(p, d + horizon)) {
                    continue;
                }
                row[a] = price[p * priceDates + d + horizon] / price[p * priceDates + d] - 1;
            }
        }
        return out;
    }
}
