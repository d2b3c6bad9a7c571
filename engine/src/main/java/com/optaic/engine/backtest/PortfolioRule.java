package com.optaic.engine.backtest;

import com.optaic.engine.EngineErrorCode;
import java.util.Locale;
import java.util.Objects;

/**
 * How a cross-section of signal values becomes raw target weights, before the {@link Side} scaling.
 * Ranks break ties by asset order (the first asset of a tie ranks higher), as pandas'
 * {@code rank(method="first", ascending=False)}; assets with a NaN signal take no part.
 *
 * @param count N of {@code TOP_BOTTOM}, the number of buckets of {@code QUANTILES}; 0 otherwise
 */
public record PortfolioRule(Kind kind, int count) {
    public enum Kind {
        /** +1 on the N highest signals, -1 on the N lowest (fewer when the cross-section has under 2N). */
        TOP_BOTTOM,
        /** Buckets {@code floor(r * Q / n)} of the ascending rank r = 0..n-1: +1 on the top bucket, -1 on the bottom. */
        QUANTILES,
        /** The signal itself (demeaned first for {@link Side#DOLLAR_NEUTRAL}). */
        PROPORTIONAL,
        /** The signal panel holds target weights (e.g. a PortfolioOptimizationRun's), used as given: no side scaling. */
        WEIGHTS
    }

    public PortfolioRule {
        Objects.requireNonNull(kind, "kind is null");
        boolean counted = kind == Kind.TOP_BOTTOM || kind == Kind.QUANTILES;
        int least = kind == Kind.QUANTILES ? 2 : 1;
        if (counted && count < least) {
            throw new com.optaic.common.OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    kind.name().toLowerCase(Locale.ROOT) + " needs a count of at least " + least + ", got " + count);
        }
        if (!counted && count != 0) {
            throw new IllegalArgumentException(kind + " takes no count, got " + count);
        }
    }

    public static PortfolioRule topBottom(int n) {
        return new PortfolioRule(Kind.TOP_BOTTOM, n);
    }

    public static PortfolioRule quantiles(int buckets) {
        return new PortfolioRule(Kind.QUANTILES, buckets);
    }

    public static PortfolioRule proportional() {
        return new PortfolioRule(Kind.PROPORTIONAL, 0);
    }

    public static PortfolioRule weights() {
        return new PortfolioRule(Kind.WEIGHTS, 0);
    }

    /** Which sides a portfolio holds and how its raw weights are scaled. */
    public enum Side {
        /** Negative raw weights dropped, the rest scaled to sum 1. */
        LONG_ONLY,
        /** Scaled to gross exposure sum|w| = 1; the net exposure is whatever the signal gives. */
        LONG_SHORT,
        /** Long side scaled to +0.5 and short side to -0.5 (net 0, gross 1); nothing held if a side is empty. */
        DOLLAR_NEUTRAL
    }
}
