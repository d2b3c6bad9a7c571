package com.optaic.engine.backtest.metrics;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The performance metrics of one return series (see {@link PerformanceMetrics} for the definitions). A metric
 * that does not apply (no benchmark, no trades, a zero denominator) is NaN, and null in JSON.
 *
 * @param periods periods of the series; {@code observed} of them had a return
 * @param turnover mean one-sided turnover per period; {@code annualTurnover} is it times A
 */
public record PerformanceReport(
        int periods,
        int observed,
        double totalReturn,
        double cagr,
        double annualVolatility,
        double sharpe,
        double sortino,
        Drawdown drawdown,
        Optional<LocalDate> drawdownPeak,
        Optional<LocalDate> drawdownTrough,
        Optional<LocalDate> drawdownRecovery,
        double calmar,
        double hitRate,
        double beta,
        double alpha,
        double informationRatio,
        double turnover,
        double annualTurnover,
        int trades,
        double tradeHitRate) {
    public PerformanceReport {
        requireNonNull(drawdown, "drawdown is null");
        requireNonNull(drawdownPeak, "drawdownPeak is null");
        requireNonNull(drawdownTrough, "drawdownTrough is null");
        requireNonNull(drawdownRecovery, "drawdownRecovery is null");
    }

    /** Snake-case members, NaN as null, dates as yyyy-MM-dd (a drawdown peak at the initial capital is null). */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("periods", periods);
        json.put("observed_periods", observed);
        put(json, "total_return", totalReturn);
        put(json, "cagr", cagr);
        put(json, "annual_volatility", annualVolatility);
        put(json, "sharpe", sharpe);
        put(json, "sortino", sortino);
        put(json, "max_drawdown", drawdown.depth());
        json.put("max_drawdown_peak", drawdownPeak.map(LocalDate::toString).orElse(null));
        json.put("max_drawdown_trough", drawdownTrough.map(LocalDate::toString).orElse(null));
        json.put(
                "max_drawdown_recovery",
                drawdownRecovery.map(LocalDate::toString).orElse(null));
        json.put("max_drawdown_recovered", drawdown.recovery().isPresent());
        json.put("max_drawdown_periods", drawdown.length());
        json.put("longest_drawdown_periods", drawdown.longest());
        put(json, "calmar", calmar);
        put(json, "hit_rate", hitRate);
        put(json, "beta", beta);
        put(json, "alpha", alpha);
        put(json, "information_ratio", informationRatio);
        put(json, "turnover", turnover);
        put(json, "annual_turnover", annualTurnover);
        json.put("trades", trades);
        put(json, "trade_hit_rate", tradeHitRate);
        return json;
    }

    static void put(ObjectNode json, String name, double value) {
        if (Double.isFinite(value)) {
            json.put(name, value);
        } else {
            json.putNull(name);
        }
    }
}
