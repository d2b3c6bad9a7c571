package com.optaic.engine.backtest.metrics;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.sweep.PathMetrics;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link PerformanceMetrics} of each sweep combination's net returns under a run's conventions, so a
 * sweep's metrics table uses the same definitions as a single BacktestRun.
 */
public record SweepMetrics(MetricConventions conventions) implements PathMetrics {
    private static final long serialVersionUID = 1L;
    private static final List<String> NAMES = List.of(
            "total_return",
            "cagr",
            "annual_volatility",
            "sharpe",
            "sortino",
            "max_drawdown",
            "calmar",
            "hit_rate",
            "annual_turnover");

    public SweepMetrics {
        requireNonNull(conventions, "conventions is null");
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public double[] compute(BacktestPath path) {
        LocalDate[] dates =
                Arrays.stream(path.epochDays()).mapToObj(LocalDate::ofEpochDay).toArray(LocalDate[]::new);
        PerformanceReport r = PerformanceMetrics.compute(
                PerformanceInput.of(dates, path.netReturns()).withTurnover(path.turnover()), conventions);
        return new double[] {
            r.totalReturn(),
            r.cagr(),
            r.annualVolatility(),
            r.sharpe(),
            r.sortino(),
            r.drawdown().depth(),
            r.calmar(),
            r.hitRate(),
            r.annualTurnover()
        };
    }
}
