package com.optaic.engine.backtest;

/**
 * The per-bar series of a simulation, one value per calendar row. Equity is valued at each bar's close
 * (positions without a price that bar at their last close). {@code netReturns[t] = equity[t] / equity[t-1] - 1}
 * with the initial capital before row 0; {@code grossReturns} adds back the bar's costs (trading and borrow):
 * {@code (equity[t] + costs[t]) / equity[t-1] - 1}. {@code turnover[t]} is the one-sided traded notional over
 * twice the pre-trade equity (sum|dw| / 2), 0 on bars without fills.
 */
public record BacktestPath(
        int[] epochDays,
        double initialCapital,
        double[] equity,
        double[] netReturns,
        double[] grossReturns,
        double[] costs,
        double[] turnover) {

    /** The gross wealth path: the initial capital compounded by the gross returns. */
    public double[] grossEquity() {
        double[] out = new double[grossReturns.length];
        double w = initialCapital;
        for (int t = 0; t < out.length; t++) {
            w *= 1 + grossReturns[t];
            out[t] = w;
        }
        return out;
    }
}
