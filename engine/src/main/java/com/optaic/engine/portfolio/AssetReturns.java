package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.util.Arrays;

/**
 * Per-period simple returns {@code p_t / p_{t-1} - 1} of a set of assets, PyPortfolioOpt's
 * {@code returns_from_prices}: a return is NaN where either price is missing (no forward fill), and only rows
 * where every asset's return is NaN are dropped, so assets with a shorter history keep their rows.
 * Asset-major: the return of asset {@code a} on row {@code t} is {@code values[a * rows + t]}.
 */
public record AssetReturns(String[] assets, int rows, double[] values) {
    public AssetReturns {
        requireNonNull(assets, "assets is null");
        requireNonNull(values, "values is null");
        if (values.length != assets.length * rows) {
            throw new IllegalArgumentException(
                    "values has " + values.length + " cells, expected " + assets.length * rows);
        }
    }

    /**
     * The returns of a numeric price field of a panel (for a wide CSV read with PanelReader, "close"). A price of
     * zero or below is refused naming its date and asset: its returns would be meaningless (-1 gives 1e24%).
     */
    public static AssetReturns fromPrices(Panel prices, String field) {
        double[] p = prices.requireNumeric(field);
        int n = prices.assetCount();
        int dates = prices.dateCount();
        for (int a = 0; a < n; a++) {
            for (int t = 0; t < dates; t++) {
                double price = p[a * dates + t];
                if (price <= 0 || Double.isInfinite(price)) { // NaN is a missing price, allowed
                    throw new OptaicException(
                            EngineErrorCode.NON_POSITIVE_PRICE,
                            "Cannot compute returns from '" + field + "': asset '" + prices.assets()[a] + "' on "
                                    + prices.date(t) + " has price " + price + "; prices must be finite and above 0");
                }
            }
        }
        if (dates < 2) {
            return new AssetReturns(prices.assets().clone(), 0, new double[0]);
        }
        int raw = dates - 1;
        double[] r = new double[n * raw];
        boolean[] keep = new boolean[raw];
        for (int a = 0; a < n; a++) {
            int base = a * dates;
            for (int t = 1; t < dates; t++) {
                double v = p[base + t] / p[base + t - 1] - 1.0;
                r[a * raw + t - 1] = v;
                if (!Double.isNaN(v)) {
                    keep[t - 1] = true;
                }
            }
        }
        int rows = 0;
        for (boolean k : keep) {
            rows += k ? 1 : 0;
        }
        double[] out = new double[n * rows];
        for (int a = 0; a < n; a++) {
            int j = 0;
            for (int t = 0; t < raw; t++) {
                if (keep[t]) {
                    out[a * rows + j++] = r[a * raw + t];
                }
            }
        }
        return new AssetReturns(prices.assets().clone(), rows, out);
    }

    public int assetCount() {
        return assets.length;
    }

    /** Asset {@code a}'s returns, NaN where missing. */
    public double[] series(int a) {
        return Arrays.copyOfRange(values, a * rows, (a + 1) * rows);
    }

    public double get(int a, int t) {
        return values[a * rows + t];
    }
}
