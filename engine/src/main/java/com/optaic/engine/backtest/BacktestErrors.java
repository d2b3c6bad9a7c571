package com.optaic.engine.backtest;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes of backtests and sweeps, for callers that react to a code rather than a message. */
public final class BacktestErrors {
    /** A configuration key or value that is unknown, out of range or inconsistent with another. */
    public static final ErrorCode BAD_BACKTEST_CONFIG = ErrorCode.user("BAD_BACKTEST_CONFIG");
    /** Execution on the bar that produced the signal without {@code allow_same_bar=true}: look-ahead. */
    public static final ErrorCode SAME_BAR_FILL = ErrorCode.user("SAME_BAR_FILL");
    /** A price or signal input that cannot be used (missing field, no common dates or assets). */
    public static final ErrorCode BAD_BACKTEST_INPUT = ErrorCode.user("BAD_BACKTEST_INPUT");

    /** The Spark job of a sweep failed for a reason that is not the user's (executor lost, out of memory...). */
    public static final ErrorCode SWEEP_FAILED = new ErrorCode("SWEEP_FAILED", ErrorCategory.EXTERNAL);

    private BacktestErrors() {
    }
}
