package com.optaic.engine.backtest.metrics;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.Serializable;
import java.util.List;

/**
 * The settings every metric of a run is computed with, stored on the run beside the metrics so a number can
 * always be read with its definition.
 *
 * @param periodsPerYear A: 252 for daily bars, 52 weekly, 12 monthly
 * @param riskFreeRate annual risk-free rate, converted per period as the preset says
 * @param icHorizons forward-return horizons of the signal metrics, in bars
 * @param quantiles number of signal quantiles for the spread returns
 */
public record MetricConventions(
        MetricPreset preset, int periodsPerYear, double riskFreeRate, List<Integer> icHorizons, int quantiles)
        implements Serializable {
    public static final int DAILY = 252;
    public static final int WEEKLY = 52;
    public static final int MONTHLY = 12;

    public MetricConventions {
        requireNonNull(preset, "preset is null");
        if (periodsPerYear < 1) {
            throw bad("periods_per_year must be at least 1, got " + periodsPerYear);
        }
        if (!Double.isFinite(riskFreeRate) || riskFreeRate <= -1) {
            throw bad("risk_free_rate must be a finite annual rate above -1, got " + riskFreeRate);
        }
        icHorizons = List.copyOf(icHorizons);
        if (icHorizons.isEmpty() || icHorizons.stream().anyMatch(h -> h < 1)) {
            throw bad("ic_horizons must be bar counts of at least 1, got " + icHorizons);
        }
        if (quantiles < 2) {
            throw bad("quantiles must be at least 2, got " + quantiles);
        }
    }

    private static OptaicException bad(String message) {
        return new OptaicException(EngineErrorCode.BAD_METRIC_CONVENTIONS, message);
    }

    /** Daily bars, no risk-free rate, IC at 1, 5 and 10 bars, quintiles. */
    public static MetricConventions defaults(MetricPreset preset) {
        return new MetricConventions(preset, DAILY, 0.0, List.of(1, 5, 10), 5);
    }

    /** The risk-free return of one period. */
    public double riskFreePerPeriod() {
        return preset == MetricPreset.EMPYRICAL
                ? riskFreeRate / periodsPerYear
                : Math.pow(1 + riskFreeRate, 1.0 / periodsPerYear) - 1;
    }

    /** The settings and, in words, each convention the preset implies. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("preset", preset.label());
        json.put("periods_per_year", periodsPerYear);
        json.put("risk_free_rate", riskFreeRate);
        icHorizons.forEach(json.putArray("ic_horizons")::add);
        json.put("quantiles", quantiles);
        ObjectNode rules = json.putObject("rules");
        boolean quantstats = preset == MetricPreset.QUANTSTATS;
        rules.put(
                "missing_returns",
                switch (preset) {
                    case OPTAIC -> "dropped";
                    case EMPYRICAL -> "dropped, but counted in the CAGR's years";
                    case QUANTSTATS -> "filled with 0";
                });
        rules.put("risk_free_per_period", preset == MetricPreset.EMPYRICAL ? "rf/A" : "(1+rf)^(1/A)-1");
        rules.put(
                "cagr_years",
                switch (preset) {
                    case OPTAIC -> "observed periods / A";
                    case EMPYRICAL -> "all periods / A";
                    case QUANTSTATS -> "calendar days from first to last date / A";
                });
        rules.put("volatility", "std(ddof=1) * sqrt(A)");
        rules.put("sortino_downside", "sqrt(sum(min(r-rf,0)^2) / all periods)");
        rules.put("drawdown_wealth", quantstats ? "from the first period's close" : "initial capital prepended");
        rules.put(
                "alpha",
                switch (preset) {
                    case OPTAIC -> "mean(r-rf - beta*(b-rf)) * A";
                    case EMPYRICAL -> "(1 + mean(r-rf - beta*(b-rf)))^A - 1";
                    case QUANTSTATS -> "(mean(r) - beta*mean(b)) * A, no risk-free";
                });
        rules.put(
                "information_ratio",
                preset == MetricPreset.OPTAIC ? "mean(r-b)/std(r-b) * sqrt(A)" : "mean(r-b)/std(r-b), per period");
        rules.put("hit_rate", "periods with r > 0 / periods with r != 0");
        rules.put("turnover", "sum |w_t - w_t-1| / 2 per period, from w = 0 before the first");
        return json;
    }
}
