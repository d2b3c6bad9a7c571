package com.optaic.engine.backtest;

import com.optaic.engine.data.Panel;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny hand-written markets for backtest tests: fields given as [date][asset] tables, NaN close = no row. */
final class TestingMarkets {
    static final LocalDate START = LocalDate.of(2024, 3, 4); // a Monday

    private TestingMarkets() {}

    /** A panel on consecutive calendar days from {@link #START}; a cell is absent where close is NaN. */
    static Panel panel(Map<String, double[][]> fieldsByDate) {
        double[][] close = fieldsByDate.get("close");
        int dates = close.length;
        int assets = close[0].length;
        int[] days = new int[dates];
        for (int t = 0; t < dates; t++) {
            days[t] = (int) START.plusDays(t).toEpochDay();
        }
        String[] ids = new String[assets];
        for (int a = 0; a < assets; a++) {
            ids[a] = String.valueOf((char) ('A' + a));
        }
        boolean[] present = new boolean[dates * assets];
        Map<String, double[]> numeric = new LinkedHashMap<>();
        fieldsByDate.forEach((name, table) -> {
            double[] values = new double[dates * assets];
            for (int a = 0; a < assets; a++) {
                for (int t = 0; t < dates; t++) {
                    values[a * dates + t] = table[t][a];
                    present[a * dates + t] = !Double.isNaN(close[t][a]);
                }
            }
            numeric.put(name, values);
        });
        return new Panel(days, ids, present, numeric, Map.of());
    }

    /** The same value in every cell of a dates x assets table. */
    static double[][] constant(int dates, int assets, double value) {
        double[][] out = new double[dates][assets];
        for (double[] row : out) {
            java.util.Arrays.fill(row, value);
        }
        return out;
    }

    static BacktestSpec spec(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return BacktestSpec.parse(config);
    }

    static BacktestResult run(Panel panel, BacktestSpec spec) {
        MarketData market = MarketData.of(panel);
        return new Simulator(market).run(SignalBook.align(market, panel, "signal"), spec);
    }
}
