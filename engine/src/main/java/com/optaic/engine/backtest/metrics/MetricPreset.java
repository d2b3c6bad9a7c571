package com.optaic.engine.backtest.metrics;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whose conventions the performance metrics follow where tools disagree. {@link #OPTAIC} is the default; the
 * other two reproduce a pinned library version (see {@link PerformanceMetrics} for every difference).
 */
public enum MetricPreset {
    /** Missing periods dropped, compounded risk-free, drawdown from the initial capital, annualised IR. */
    OPTAIC,
    /** empyrical 0.5.5 (pyfolio's engine). */
    EMPYRICAL,
    /** quantstats 0.0.62. */
    QUANTSTATS;

    /** The preset's name as users write it ({@code optaic}, {@code empyrical}, {@code quantstats}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricPreset parse(String label) {
        for (MetricPreset preset : values()) {
            if (preset.label().equals(label)) {
                return preset;
            }
        }
        throw new OptaicException(
                EngineErrorCode.UNKNOWN_METRIC_PRESET,
                "Unknown metric preset '" + label + "'; known: "
                        + Arrays.stream(values()).map(MetricPreset::label).collect(Collectors.joining(", ")));
    }
}
