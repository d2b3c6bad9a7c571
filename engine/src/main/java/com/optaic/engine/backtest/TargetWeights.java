package com.optaic.engine.backtest;

import com.optaic.engine.backtest.PortfolioRule.Side;
import java.util.Arrays;

/**
 * Turns one date's signal into the target weights of a rebalance: the rule's raw weights, {@code maxNames},
 * the side scaling, then the per-asset, gross and net limits of {@link Constraints} (the turnover limit needs
 * the current portfolio and is the simulator's). Holds its work arrays, so a simulation allocates nothing per
 * date; not thread-safe.
 */
final class TargetWeights {
    private final int assets;
    private final int[] index;
    private final int[] scratch;
    private final double[] magnitude;

    TargetWeights(int assets) {
        this.assets = assets;
        this.index = new int[assets];
        this.scratch = new int[assets];
        this.magnitude = new double[assets];
    }

    /**
     * Writes the targets for signal date t into {@code target}; false (target untouched) when no asset has a
     * signal on that date, in which case the rebalance is skipped and positions are kept.
     */
    boolean compute(SignalBook signal, int t, BacktestSpec spec, double[] target) {
        int valid = signal.validCount[t];
        if (valid == 0) {
            return false;
        }
        Arrays.fill(target, 0.0);
        PortfolioRule rule = spec.rule();
        Side side = spec.side();
        int base = t * assets;
        int rankBase = t * assets;
        switch (rule.kind()) {
            case TOP_BOTTOM -> {
                int n = side == Side.LONG_ONLY ? Math.min(rule.count(), valid) : Math.min(rule.count(), valid / 2);
                for (int k = 0; k < n; k++) {
                    target[signal.order[rankBase + k]] = 1;
                    if (side != Side.LONG_ONLY) {
                        target[signal.order[rankBase + valid - 1 - k]] = -1;
                    }
                }
            }
            case QUANTILES -> {
                long buckets = rule.count();
                for (int k = 0; k < valid; k++) {
                    long ascendingRank = valid - 1 - k;
                    long bucket = ascendingRank * buckets / valid;
                    if (bucket == buckets - 1) {
                        target[signal.order[rankBase + k]] = 1;
                    } else if (bucket == 0 && side != Side.LONG_ONLY) {
                        target[signal.order[rankBase + k]] = -1;
                    }
                }
            }
            case PROPORTIONAL -> {
                double mean = 0;
                if (side == Side.DOLLAR_NEUTRAL) {
                    for (int k = 0; k < valid; k++) {
                        mean += signal.values[base + signal.order[rankBase + k]];
                    }
                    mean /= valid;
                }
                for (int k = 0; k < valid; k++) {
                    int a = signal.order[rankBase + k];
                    target[a] = signal.values[base + a] - mean;
                }
            }
            case WEIGHTS -> {
                for (int k = 0; k < valid; k++) {
                    int a = signal.order[rankBase + k];
                    target[a] = signal.values[base + a];
                }
            }
        }
        if (side == Side.LONG_ONLY && rule.kind() != PortfolioRule.Kind.WEIGHTS) {
            for (int a = 0; a < assets; a++) {
                target[a] = Math.max(0.0, target[a]);
            }
        }
        Constraints limits = spec.constraints();
        if (limits.maxNames() > 0) {
            keepLargest(target, limits.maxNames());
        }
        if (rule.kind() != PortfolioRule.Kind.WEIGHTS) {
            scale(target, side);
        }
        limit(target, limits);
        return true;
    }

    /** Zeroes all but the {@code keep} largest |weights|, ties kept by asset order. */
    private void keepLargest(double[] target, int keep) {
        int nonZero = 0;
        for (int a = 0; a < assets; a++) {
            magnitude[a] = Math.abs(target[a]);
            if (target[a] != 0) {
                index[nonZero++] = a;
            }
        }
        if (nonZero <= keep) {
            return;
        }
        IndexSort.descending(index, nonZero, magnitude, 0, scratch);
        for (int k = keep; k < nonZero; k++) {
            target[index[k]] = 0;
        }
    }

    private void scale(double[] target, Side side) {
        double longs = 0;
        double shorts = 0;
        for (int a = 0; a < assets; a++) {
            if (target[a] > 0) {
                longs += target[a];
            } else if (target[a] < 0) {
                shorts -= target[a];
            }
        }
        switch (side) {
            case LONG_ONLY -> {
                for (int a = 0; a < assets; a++) {
                    target[a] = target[a] > 0 ? target[a] / longs : 0;
                }
            }
            case LONG_SHORT -> {
                double gross = longs + shorts;
                for (int a = 0; a < assets; a++) {
                    target[a] = gross > 0 ? target[a] / gross : 0;
                }
            }
            case DOLLAR_NEUTRAL -> {
                boolean bothSides = longs > 0 && shorts > 0;
                for (int a = 0; a < assets; a++) {
                    double w = target[a];
                    target[a] = !bothSides ? 0 : w > 0 ? 0.5 * w / longs : w < 0 ? 0.5 * w / shorts : 0;
                }
            }
        }
    }

    private void limit(double[] target, Constraints limits) {
        double cap = limits.maxWeight();
        double longs = 0;
        double shorts = 0;
        for (int a = 0; a < assets; a++) {
            double w = Math.max(-cap, Math.min(cap, target[a]));
            target[a] = w;
            if (w > 0) {
                longs += w;
            } else {
                shorts -= w;
            }
        }
        double gross = longs + shorts;
        if (gross > limits.maxGross()) {
            double f = limits.maxGross() / gross;
            for (int a = 0; a < assets; a++) {
                target[a] *= f;
            }
            longs *= f;
            shorts *= f;
        }
        double net = longs - shorts;
        if (Math.abs(net) > limits.maxNet()) {
            // Scale the dominant side so that |net| equals the limit.
            boolean longHeavy = net > 0;
            double f = longHeavy ? (limits.maxNet() + shorts) / longs : (limits.maxNet() + longs) / shorts;
            for (int a = 0; a < assets; a++) {
                if (longHeavy ? target[a] > 0 : target[a] < 0) {
                    target[a] *= f;
                }
            }
        }
    }
}
