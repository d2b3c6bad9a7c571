package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * What to optimise, by name, independent of the assets' order: the method, the risk model and expected returns,
 * and the options of PyPortfolioOpt's {@code EfficientFrontier} and of risk parity. The command line and the
 * PortfolioOptimizationRun both build one; {@link PortfolioOptimization#optimize} applies it to data.
 *
 * @param target          target volatility (efficient_risk) or target return (efficient_return)
 * @param lowerBound      per-asset lower weight bound; default 0, or -1 when market-neutral
 * @param upperBound      per-asset upper weight bound; default 1
 * @param sectors         asset -> group for the {@code sectorLimits}
 * @param sectorLimits    group -> [lower, upper] on the group's summed weight
 * @param previousWeights asset -> weight the transaction cost is measured against (missing = 0)
 * @param riskBudgets     asset -> risk budget for risk_parity (empty: equal risk contribution)
 */
public record OptimizerSpec(
        String method,
        String riskModel,
        String expectedReturns,
        double riskFreeRate,
        OptionalDouble target,
        double riskAversion,
        OptionalDouble lowerBound,
        OptionalDouble upperBound,
        boolean marketNeutral,
        double l2Gamma,
        double transactionCost,
        Map<String, Double> previousWeights,
        Map<String, String> sectors,
        Map<String, double[]> sectorLimits,
        Map<String, Double> riskBudgets) {
    public static final List<String> METHODS = List.of(
            "hrp",
            "min_volatility",
            "max_sharpe",
            "max_quadratic_utility",
            "efficient_risk",
            "efficient_return",
            "risk_parity");
    public static final List<String> RISK_MODELS =
            List.of("sample", "ledoit_wolf", "ledoit_wolf_constant_correlation", "semicovariance", "exp");
    public static final List<String> EXPECTED_RETURNS = List.of("cagr", "mean");

    public OptimizerSpec {
        requireNonNull(method, "method is null");
        requireNonNull(riskModel, "riskModel is null");
        requireNonNull(expectedReturns, "expectedReturns is null");
        requireNonNull(target, "target is null");
        requireNonNull(lowerBound, "lowerBound is null");
        requireNonNull(upperBound, "upperBound is null");
        previousWeights = Map.copyOf(previousWeights);
        sectors = Map.copyOf(sectors);
        sectorLimits = Map.copyOf(sectorLimits);
        riskBudgets = Map.copyOf(riskBudgets);
        nonNegative("l2_gamma (--l2-gamma)", l2Gamma);
        nonNegative("transaction_cost", transactionCost);
        if (!(riskAversion > 0) || Double.isInfinite(riskAversion)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_PENALTY,
                    "risk_aversion (--risk-aversion) must be a finite number above 0, got " + riskAversion);
        }
        oneOf("method", method, METHODS);
        oneOf("risk model", riskModel, RISK_MODELS);
        oneOf("expected returns", expectedReturns, EXPECTED_RETURNS);
        for (Map.Entry<String, double[]> limit : sectorLimits.entrySet()) {
            if (limit.getValue().length != 2) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_BAD_SPEC,
                        "sector '" + limit.getKey() + "' limits must be [lower, upper]");
            }
        }
    }

    /** The method with every default: CAGR, sample covariance, rf 0.02, risk aversion 1, bounds (0, 1). */
    public static OptimizerSpec of(String method) {
        return new OptimizerSpec(
                method,
                "sample",
                "cagr",
                PortfolioPerformance.DEFAULT_RISK_FREE_RATE,
                OptionalDouble.empty(),
                1.0,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                false,
                0,
                0,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
    }

    public OptimizerSpec withRiskModel(String model) {
        return new OptimizerSpec(
                method,
                model,
                expectedReturns,
                riskFreeRate,
                target,
                riskAversion,
                lowerBound,
                upperBound,
                marketNeutral,
                l2Gamma,
                transactionCost,
                previousWeights,
                sectors,
                sectorLimits,
                riskBudgets);
    }

    public OptimizerSpec withRiskFreeRate(double rf) {
        return new OptimizerSpec(
                method,
                riskModel,
                expectedReturns,
                rf,
                target,
                riskAversion,
                lowerBound,
                upperBound,
                marketNeutral,
                l2Gamma,
                transactionCost,
                previousWeights,
                sectors,
                sectorLimits,
                riskBudgets);
    }

    public OptimizerSpec withTarget(double value) {
        return new OptimizerSpec(
                method,
                riskModel,
                expectedReturns,
                riskFreeRate,
                OptionalDouble.of(value),
                riskAversion,
                lowerBound,
                upperBound,
                marketNeutral,
                l2Gamma,
                transactionCost,
                previousWeights,
                sectors,
                sectorLimits,
                riskBudgets);
    }

    /** The target of efficient_risk (annual volatility) or efficient_return (annual return). */
    double requireTarget() {
        return target.orElseThrow(() -> new OptaicException(
                EngineErrorCode.PORTFOLIO_BAD_SPEC,
                method + " needs a target (" + (method.equals("efficient_risk") ? "annual volatility" : "annual return")
                        + ")"));
    }

    /** The weight bounds, {@code MvoOptions} and all, for assets in the given order. */
    MvoOptions options(String[] assets) {
        double lo = lowerBound.orElse(marketNeutral ? -1.0 : 0.0);
        double hi = upperBound.orElse(1.0);
        MvoOptions options = MvoOptions.bounds(assets.length, lo, hi).withMarketNeutral(marketNeutral);
        if (!sectorLimits.isEmpty()) {
            List<MvoOptions.GroupLimit> groups = new ArrayList<>();
            sectorLimits.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(limit -> {
                int[] members = IntStream.range(0, assets.length)
                        .filter(a -> limit.getKey().equals(sectors.get(assets[a])))
                        .toArray();
                groups.add(
                        new MvoOptions.GroupLimit(limit.getKey(), members, limit.getValue()[0], limit.getValue()[1]));
            });
            options = options.withGroups(groups);
        }
        if (l2Gamma > 0) {
            options = options.withL2(l2Gamma);
        }
        if (transactionCost > 0) {
            double[] previous = new double[assets.length];
            for (int a = 0; a < assets.length; a++) {
                previous[a] = previousWeights.getOrDefault(assets[a], 0.0);
            }
            options = options.withTransactionCost(transactionCost, previous);
        }
        return options;
    }

    /** A penalty or cost: a negative one would reward what it is meant to penalise (and was ignored). */
    private static void nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_PENALTY, what + " must be a finite number >= 0, got " + value);
        }
    }

    private static void oneOf(String what, String value, List<String> known) {
        if (!known.contains(value)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_BAD_SPEC,
                    "unknown " + what + " '" + value + "'; known: " + String.join(", ", known));
        }
    }
}
