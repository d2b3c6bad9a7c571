package com.optaic.engine.backtest;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * Limits on the target portfolio, applied in this order to each rebalance's target: {@code maxNames} keeps the
 * names with the largest |raw weight| (before the side scaling, ties by asset order); {@code maxWeight} clips
 * each |weight| (the clipped part stays in cash, it is not redistributed); {@code maxGross} scales every weight
 * down when sum|w| exceeds it; {@code maxNet} scales the dominant side down until |sum w| equals it;
 * {@code maxTurnover} moves only part of the way from the current weights, so that sum|w - current| / 2 is at
 * most it. Infinity or 0 (maxNames) means no limit.
 */
public record Constraints(double maxWeight, double maxGross, double maxNet, int maxNames, double maxTurnover) {
    public static final Constraints NONE = new Constraints(
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);

    public Constraints {
        positive("max_weight", maxWeight);
        positive("max_gross", maxGross);
        if (!(maxNet >= 0)) {
            throw bad("max_net", maxNet);
        }
        positive("max_turnover", maxTurnover);
        if (maxNames < 0) {
            throw bad("max_names", maxNames);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0)) {
            throw bad(name, value);
        }
    }

    private static OptaicException bad(String name, double value) {
        return new OptaicException(EngineErrorCode.BAD_BACKTEST_CONFIG, name + " must be positive, got " + value);
    }
}
