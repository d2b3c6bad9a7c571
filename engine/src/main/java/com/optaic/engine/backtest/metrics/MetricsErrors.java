package com.optaic.engine.backtest.metrics;

import com.optaic.common.ErrorCode;

/** The error codes of the backtest and signal metrics. */
public final class MetricsErrors {
    /** A periods-per-year, risk-free rate, horizon or quantile count that makes no sense. */
    public static final ErrorCode BAD_CONVENTIONS = ErrorCode.user("BAD_METRIC_CONVENTIONS");
    /** A metric preset name that is not one of the known ones. */
    public static final ErrorCode UNKNOWN_PRESET = ErrorCode.user("UNKNOWN_METRIC_PRESET");
    /** A return series without a single period. */
    public static final ErrorCode NO_PERIODS = ErrorCode.user("NO_PERIODS");

    private MetricsErrors() {}
}
