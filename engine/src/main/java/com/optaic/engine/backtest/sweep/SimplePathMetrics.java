package com.optaic.engine.backtest.sweep;

import com.optaic.engine.backtest.BacktestPath;
import java.util.List;

/**
 * Plain summary numbers of a net equity path, A = 252 bars a year, wealth W = the initial capital followed by
 * the equity curve, r = the net returns (N of them):
 * <ul>
 *   <li>{@code total_return} W_N / W_0 - 1; {@code cagr} (W_N / W_0)^(A / N) - 1</li>
 *   <li>{@code volatility} std(r, ddof 1) * sqrt(A); {@code sharpe} mean(r) / std(r, ddof 1) * sqrt(A), risk-free 0</li>
 *   <li>{@code max_drawdown} min over t of W_t / max(W_0..W_t) - 1 (negative, 0 without a loss)</li>
 *   <li>{@code turnover} mean of the per-bar one-sided turnover * A</li>
 * </ul>
 */
public final class SimplePathMetrics implements PathMetrics {
    private static final long serialVersionUID = 1L;
    private static final List<String> NAMES = List.of("total_return", "cagr", "volatility", "sharpe", "max_drawdown",
            "turnover");
    static final int BARS_PER_YEAR = 252;

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public double[] compute(BacktestPath path) {
        double[] r = path.netReturns();
        double[] equity = path.equity();
        int n = r.length;
        double capital = path.initialCapital();
        double last = n == 0 ? capital : equity[n - 1];
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= n;
        double squares = 0;
        for (double x : r) {
            squares += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(squares / (n - 1));
        double peak = capital;
        double worst = 0;
        double turnover = 0;
        for (int t = 0; t < n; t++) {
            peak = Math.max(peak, equity[t]);
            worst = Math.min(worst, equity[t] / peak - 1);
            turnover += path.turnover()[t];
        }
        double growth = last / capital;
        return new double[] {growth - 1, Math.pow(growth, (double) BARS_PER_YEAR / n) - 1,
                std * Math.sqrt(BARS_PER_YEAR), mean / std * Math.sqrt(BARS_PER_YEAR), worst,
                turnover / n * BARS_PER_YEAR};
    }
}
