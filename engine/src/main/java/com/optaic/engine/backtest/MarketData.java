package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.backtest.ExecutionTiming.FillPrice;
import com.optaic.engine.data.Panel;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The prices a backtest trades on, in the simulator's layout: date-major arrays ({@code t * assets + a}), so
 * one bar's cross-section is contiguous. A cell is <em>priced</em> when the panel has a row there with a
 * finite positive close; an asset's last priced row before the end of the calendar is its delisting bar (a
 * halt that lasts to the end of the panel looks the same). Built once and shared, read-only, by every
 * simulation over it (broadcast to Spark executors in sweeps).
 */
public final class MarketData implements Serializable {
    private static final long serialVersionUID = 1L;

    final int dates;
    final int assets;
    final int[] epochDays;
    final String[] assetIds;
    final double[] close;
    /** Null when the panel lacks the field; a spec that needs it fails. */
    final double[] open;

    final double[] vwap;
    final double[] volume;
    final boolean[] priced;
    /** Per asset, its last priced row, -1 if never priced. */
    final int[] lastPricedRow;

    private MarketData(
            int[] epochDays,
            String[] assetIds,
            double[] close,
            double[] open,
            double[] vwap,
            double[] volume,
            boolean[] priced) {
        this.dates = epochDays.length;
        this.assets = assetIds.length;
        this.epochDays = epochDays;
        this.assetIds = assetIds;
        this.close = close;
        this.open = open;
        this.vwap = vwap;
        this.volume = volume;
        this.priced = priced;
        this.lastPricedRow = new int[assets];
        Arrays.fill(lastPricedRow, -1);
        for (int t = 0; t < dates; t++) {
            for (int a = 0; a < assets; a++) {
                if (priced[t * assets + a]) {
                    lastPricedRow[a] = t;
                }
            }
        }
    }

    /** From a price panel with at least {@code close}; {@code open}, {@code vwap} and {@code volume} when present. */
    public static MarketData of(Panel prices) {
        requireNonNull(prices, "prices is null");
        if (prices.numeric("close").isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot backtest: the price panel has no" + " 'close' field; it has "
                            + prices.numericFields().keySet());
        }
        int dates = prices.dateCount();
        int assets = prices.assetCount();
        double[] close = dateMajor(prices, prices.requireNumeric("close"));
        boolean[] present = prices.presence();
        boolean[] priced = new boolean[dates * assets];
        for (int a = 0; a < assets; a++) {
            for (int t = 0; t < dates; t++) {
                int i = t * assets + a;
                priced[i] = present[a * dates + t] && close[i] > 0 && close[i] < Double.POSITIVE_INFINITY;
            }
        }
        return new MarketData(
                prices.epochDays().clone(),
                prices.assets().clone(),
                close,
                prices.numeric("open").map(v -> dateMajor(prices, v)).orElse(null),
                prices.numeric("vwap").map(v -> dateMajor(prices, v)).orElse(null),
                prices.numeric("volume").map(v -> dateMajor(prices, v)).orElse(null),
                priced);
    }

    /** A panel field transposed to date-major, NaN where the panel has no row. */
    static double[] dateMajor(Panel panel, double[] assetMajor) {
        int dates = panel.dateCount();
        int assets = panel.assetCount();
        boolean[] present = panel.presence();
        double[] out = new double[dates * assets];
        for (int a = 0; a < assets; a++) {
            for (int t = 0; t < dates; t++) {
                out[t * assets + a] = present[a * dates + t] ? assetMajor[a * dates + t] : Double.NaN;
            }
        }
        return out;
    }

    public int dateCount() {
        return dates;
    }

    public int assetCount() {
        return assets;
    }

    /** Shared array: do not modify. */
    public int[] epochDays() {
        return epochDays;
    }

    /** Shared array: do not modify. */
    public String[] assets() {
        return assetIds;
    }

    double[] fillPrices(FillPrice fillPrice) {
        double[] prices = switch (fillPrice) {
            case NEXT_OPEN -> open;
            case NEXT_CLOSE -> close;
            case VWAP -> vwap;
        };
        if (prices == null) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot fill at " + fillPrice.name().toLowerCase(Locale.ROOT) + ": the price panel has no '"
                            + fillPrice.field() + "' field");
        }
        return prices;
    }

    double[] volumeFor(String why) {
        if (volume == null) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot apply " + why + ": the price panel has no 'volume' field");
        }
        return volume;
    }
}
