package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Arrays;
import java.util.List;

/**
 * Constraints and extra objective terms of a mean-variance problem, as PyPortfolioOpt's
 * {@code EfficientFrontier(weight_bounds=...)}, {@code add_sector_constraints}, {@code market_neutral=True},
 * {@code add_objective(L2_reg, gamma=...)} and {@code add_objective(transaction_cost, w_prev=..., k=...)}.
 *
 * @param lower           per-asset lower weight bounds
 * @param upper           per-asset upper weight bounds
 * @param marketNeutral   weights sum to 0 instead of 1
 * @param groups          limits on the summed weight of groups of assets (sectors)
 * @param l2Gamma         {@code gamma * sum(w^2)} added to the objective; 0 for none
 * @param costK           {@code k * ||w - previous||_1} added to the objective; 0 for none
 * @param previousWeights the weights the transaction cost is measured against (zeros when none)
 */
public record MvoOptions(
        double[] lower,
        double[] upper,
        boolean marketNeutral,
        List<GroupLimit> groups,
        double l2Gamma,
        double costK,
        double[] previousWeights) {
    /** Bounds on the summed weight of the assets {@code members} (indices) of group {@code name}. */
    public record GroupLimit(String name, int[] members, double lower, double upper) {
        public GroupLimit {
            requireNonNull(name, "name is null");
            members = members.clone();
            if (!(lower <= upper)) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        "group '" + name + "': lower limit "
                                + MeanVarianceOptimizer.format(lower) + " is above its upper limit "
                                + MeanVarianceOptimizer.format(upper));
            }
        }
    }

    public MvoOptions {
        lower = lower.clone();
        upper = upper.clone();
        previousWeights = previousWeights.clone();
        groups = List.copyOf(groups);
        if (upper.length != lower.length || previousWeights.length != lower.length) {
            throw new IllegalArgumentException("lower, upper and previous weights differ in length");
        }
        if (!(l2Gamma >= 0) || !(costK >= 0)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "L2 gamma and transaction cost k must be " + ">= 0, got " + l2Gamma + " and " + costK);
        }
    }

    /** PyPortfolioOpt's default: long-only, bounds (0, 1), fully invested, no extra terms. */
    public static MvoOptions longOnly(int assets) {
        return bounds(assets, 0, 1);
    }

    /** The same bounds for every asset, fully invested. */
    public static MvoOptions bounds(int assets, double lower, double upper) {
        double[] lo = new double[assets];
        double[] hi = new double[assets];
        Arrays.fill(lo, lower);
        Arrays.fill(hi, upper);
        return new MvoOptions(lo, hi, false, List.of(), 0, 0, new double[assets]);
    }

    /** Market-neutral with PyPortfolioOpt's bounds (-1, 1): weights sum to 0. */
    public static MvoOptions marketNeutral(int assets) {
        return bounds(assets, -1, 1).withMarketNeutral(true);
    }

    public int assetCount() {
        return lower.length;
    }

    public MvoOptions withMarketNeutral(boolean neutral) {
        return new MvoOptions(lower, upper, neutral, groups, l2Gamma, costK, previousWeights);
    }

    public MvoOptions withGroups(List<GroupLimit> limits) {
        return new MvoOptions(lower, upper, marketNeutral, limits, l2Gamma, costK, previousWeights);
    }

    public MvoOptions withL2(double gamma) {
        return new MvoOptions(lower, upper, marketNeutral, groups, gamma, costK, previousWeights);
    }

    public MvoOptions withTransactionCost(double k, double[] previous) {
        return new MvoOptions(lower, upper, marketNeutral, groups, l2Gamma, k, previous);
    }

    /** What the weights sum to: 0 when market-neutral, else 1. */
    double budget() {
        return marketNeutral ? 0.0 : 1.0;
    }

    boolean hasExtraObjectives() {
        return l2Gamma > 0 || costK > 0;
    }
}
