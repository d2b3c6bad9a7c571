package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * When and at what price a signal becomes trades: the signal of bar t (known at its close) is executed on bar
 * {@code t + signalLag} at that bar's open, close or vwap. A lag of 0 would trade on the bar that produced the
 * signal (its open and vwap precede the close that made it; its close is the very price the signal saw), which
 * is look-ahead: refused unless {@code allowSameBar}.
 */
public record ExecutionTiming(int signalLag, FillPrice fillPrice, boolean allowSameBar) {
    public enum FillPrice {
        NEXT_OPEN("open"),
        NEXT_CLOSE("close"),
        VWAP("vwap");

        private final String field;

        FillPrice(String field) {
            this.field = field;
        }

        /** The price field this fill reads. */
        public String field() {
            return field;
        }
    }

    /** Lag 1, at the close: the signal of day t trades at the close of day t+1 (zipline's and Qlib's default). */
    public static final ExecutionTiming DEFAULT = new ExecutionTiming(1, FillPrice.NEXT_CLOSE, false);

    public ExecutionTiming {
        requireNonNull(fillPrice, "fillPrice is null");
        if (signalLag < 0) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG, "signal_lag must be 0 or more bars, got " + signalLag);
        }
        if (signalLag == 0 && !allowSameBar) {
            throw new OptaicException(
                    EngineErrorCode.SAME_BAR_FILL,
                    "Cannot fill at the " + fillPrice.field()
                            + " of the bar that produced the signal (signal_lag=0): that trades on information the bar's"
                            + " close reveals (look-ahead); use signal_lag >= 1, or set allow_same_bar=true to accept it");
        }
    }
}
