package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly re-optimisation over a trailing window: on the last trading day of each month of the price
 * calendar that has {@code windowDays} earlier rows, the optimiser sees the window's prices (that day
 * included, nothing after it) of the assets with a price on every row of the window; the others get weight 0
 * that month. Each window is independent of the others, so they can run as parallel tasks; the result is a
 * date x asset panel of doubles with field {@code weight}, one row per re-optimisation date, that a backtest
 * holds until the next row.
 */
public final class RollingOptimization {
    public static final String WEIGHT_FIELD = "weight";

    /** The prices one re-optimisation sees (asset-major, {@code rows} per asset); serialisable for Spark. */
    public record Window(int epochDay, String[] assets, int rows, double[] prices) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Window {
            requireNonNull(assets, "assets is null");
            requireNonNull(prices, "prices is null");
            if (prices.length != assets.length * rows) {
                throw new IllegalArgumentException(
                        "window has " + prices.length + " prices, expected " + assets.length * rows);
            }
        }

        public LocalDate date() {
            return LocalDate.ofEpochDay(epochDay);
        }

        /** The window's prices as a panel (field {@code close}) with calendar days 0..rows-1. */
        Panel panel() {
            int[] days = new int[rows];
            for (int t = 0; t < rows; t++) {
                days[t] = t;
            }
            return new Panel(days, assets, null, Map.of("close", prices), Map.of());
        }
    }

    /** One window's weights (in its assets' order) and their performance; serialisable for Spark. */
    public record WindowResult(double[] weights, double expectedReturn, double volatility, double sharpe)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public WindowResult {
            requireNonNull(weights, "weights is null");
        }
    }

    private RollingOptimization() {}

    /** The windows of every month end with {@code windowDays} returns behind it and at least two complete assets. */
    public static List<Window> windows(Panel prices, String field, int windowDays) {
        if (windowDays < 2) {
            throw new com.optaic.common.OptaicException(
                    EngineErrorCode.PORTFOLIO_BAD_SPEC,
                    "the rolling window must be at " + "least 2 days, got " + windowDays);
        }
        double[] p = prices.requireNumeric(field);
        int dates = prices.dateCount();
        List<Window> windows = new ArrayList<>();
        for (int t = windowDays; t < dates; t++) {
            boolean monthEnd = t + 1 < dates
                    && prices.date(t + 1).getMonthValue() != prices.date(t).getMonthValue();
            if (!monthEnd) {
                continue;
            }
            int from = t - windowDays;
            int rows = windowDays + 1;
            List<Integer> complete = new ArrayList<>();
            for (int a = 0; a < prices.assetCount(); a++) {
                boolean all = true;
                for (int r = from; r <= t && all; r++) {
                    double v = p[a * dates + r];
                    all = prices.isPresent(a, r) && Double.isFinite(v) && v > 0;
                }
                if (all) {
                    complete.add(a);
                }
            }
            if (complete.size() < 2) {
                continue;
            }
            String[] assets = new String[complete.size()];
            double[] window = new double[complete.size() * rows];
            for (int k = 0; k < complete.size(); k++) {
                int a = complete.get(k);
                assets[k] = prices.assets()[a];
                System.arraycopy(p, a * dates + from, window, k * rows, rows);
            }
            windows.add(new Window(prices.epochDays()[t], assets, rows, window));
        }
        return windows;
    }

    /** The weights of one window, in the order of {@code window.assets()}. */
    public static WindowResult optimize(Window window, OptimizerSpec spec) {
        AssetReturns returns = AssetReturns.fromPrices(window.panel(), "close");
        PortfolioOptimization.Result r = PortfolioOptimization.of(returns, spec).optimize(spec);
        return new WindowResult(
                r.weights(),
                r.performance().expectedReturn(),
                r.performance().volatility(),
                r.performance().sharpe());
    }

    /** Every window, one after the other in this thread. */
    public static List<WindowResult> optimizeAll(List<Window> windows, OptimizerSpec spec) {
        List<WindowResult> out = new ArrayList<>(windows.size());
        for (Window w : windows) {
            out.add(optimize(w, spec));
        }
        return out;
    }

    /** The date x asset panel of weights over {@code universe}: 0 for an asset outside a date's window. */
    public static Panel weightsPanel(String[] universe, List<Window> windows, List<WindowResult> results) {
        int dates = windows.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int a = 0; a < universe.length; a++) {
            index.put(universe[a], a);
        }
        double[] w = new double[universe.length * dates];
        int[] days = new int[dates];
        for (int t = 0; t < dates; t++) {
            Window window = windows.get(t);
            days[t] = window.epochDay();
            for (int k = 0; k < window.assets().length; k++) {
                w[index.get(window.assets()[k]) * dates + t] = results.get(t).weights()[k];
            }
        }
        return new Panel(days, universe.clone(), null, Map.of(WEIGHT_FIELD, w), Map.of());
    }

    /** One date's weights as a one-row panel (what {@code optaic optimize} writes). */
    public static Panel weightsPanel(LocalDate date, String[] assets, double[] weights) {
        return new Panel(
                new int[] {(int) date.toEpochDay()},
                assets.clone(),
                null,
                Map.of(WEIGHT_FIELD, Arrays.copyOf(weights, weights.length)),
                Map.of());
    }
}
