package com.optaic.engine.backtest.metrics;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the performance metrics read: one return per period (NaN where the period has none), each period's
 * date, and optionally a benchmark return series on the same periods, the turnover per period and the PnL of
 * each closed trade.
 */
public record PerformanceInput(
        LocalDate[] dates,
        double[] returns,
        Optional<double[]> benchmark,
        Optional<double[]> turnover,
        Optional<double[]> tradePnl) {
    public PerformanceInput {
        requireNonNull(dates, "dates is null");
        requireNonNull(returns, "returns is null");
        if (dates.length != returns.length) {
            throw new IllegalArgumentException(returns.length + " returns for " + dates.length + " dates");
        }
        benchmark.ifPresent(b -> sameLength("benchmark", b, returns.length));
        turnover.ifPresent(t -> sameLength("turnover", t, returns.length));
        requireNonNull(tradePnl, "tradePnl is null");
    }

    public static PerformanceInput of(LocalDate[] dates, double[] returns) {
        return new PerformanceInput(dates, returns, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public PerformanceInput withBenchmark(double[] benchmark) {
        return new PerformanceInput(dates, returns, Optional.of(benchmark), turnover, tradePnl);
    }

    public PerformanceInput withTurnover(double[] turnover) {
        return new PerformanceInput(dates, returns, benchmark, Optional.of(turnover), tradePnl);
    }

    public PerformanceInput withTradePnl(double[] tradePnl) {
        return new PerformanceInput(dates, returns, benchmark, turnover, Optional.of(tradePnl));
    }

    private static void sameLength(String what, double[] series, int periods) {
        if (series.length != periods) {
            throw new IllegalArgumentException(what + " has " + series.length + " periods, the returns " + periods);
        }
    }
}
