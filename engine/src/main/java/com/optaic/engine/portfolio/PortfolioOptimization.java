package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

/**
 * One entry point for the built-in optimisers on a price panel, with PyPortfolioOpt's defaults: simple
 * returns, CAGR expected returns and sample covariance with 252 periods a year, weight bounds (0, 1) and an
 * annual risk-free rate of 0.02. Each method returns the weights in the order of {@link #assets()} and the
 * performance triple against this object's expected returns and covariance.
 */
public final class PortfolioOptimization {
    /** A portfolio: weights per asset and its (return, volatility, Sharpe). */
    public record Result(String[] assets, double[] weights, PortfolioPerformance performance) {
        public Result {
            requireNonNull(assets, "assets is null");
            requireNonNull(weights, "weights is null");
            requireNonNull(performance, "performance is null");
        }
    }

    private final AssetReturns returns;
    private final double[] expectedReturns;
    private final double[][] covariance;
    private final double riskFreeRate;

    public PortfolioOptimization(
            AssetReturns returns, double[] expectedReturns, double[][] covariance, double riskFreeRate) {
        this.returns = requireNonNull(returns, "returns is null");
        this.expectedReturns = requireNonNull(expectedReturns, "expectedReturns is null");
        this.covariance = requireNonNull(covariance, "covariance is null");
        this.riskFreeRate = riskFreeRate;
    }

    /** Defaults: CAGR, annualised sample covariance, rf 0.02. */
    public static PortfolioOptimization ofReturns(AssetReturns returns) {
        return new PortfolioOptimization(
                returns,
                ExpectedReturns.cagr(returns),
                RiskModels.sampleCov(returns),
                PortfolioPerformance.DEFAULT_RISK_FREE_RATE);
    }

    /** The expected returns, risk model and risk-free rate a spec names, over these returns. */
    public static PortfolioOptimization of(AssetReturns returns, OptimizerSpec spec) {
        double[] mu = spec.expectedReturns().equals("mean")
                ? ExpectedReturns.mean(returns, ExpectedReturns.TRADING_DAYS)
                : ExpectedReturns.cagr(returns);
        return new PortfolioOptimization(returns, mu, covariance(returns, spec.riskModel()), spec.riskFreeRate());
    }

    /** The annualised covariance of a named risk model (see {@link OptimizerSpec#RISK_MODELS}). */
    public static double[][] covariance(AssetReturns returns, String riskModel) {
        int frequency = ExpectedReturns.TRADING_DAYS;
        return switch (riskModel) {
            case "sample" -> RiskModels.sampleCov(returns, frequency);
            case "ledoit_wolf" ->
                CovarianceShrinkage.constantVariance(returns, frequency).covariance();
            case "ledoit_wolf_constant_correlation" ->
                CovarianceShrinkage.constantCorrelation(returns, frequency).covariance();
            case "semicovariance" -> RiskModels.semicovariance(returns, 0.0, frequency);
            case "exp" -> RiskModels.exponentialCovariance(returns, 180, frequency);
            default -> throw new IllegalArgumentException("unknown risk model " + riskModel);
        };
    }

    public PortfolioOptimization withRiskFreeRate(double rf) {
        return new PortfolioOptimization(returns, expectedReturns, covariance, rf);
    }

    public String[] assets() {
        return returns.assets().clone();
    }

    public double[] expectedReturns() {
        return expectedReturns.clone();
    }

    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    public Result hrp() {
        return result(HierarchicalRiskParity.weights(returns));
    }

    public Result minVolatility() {
        return result(new MeanVarianceOptimizer(covariance).minVolatility());
    }

    public Result maxSharpe() {
        return result(new MeanVarianceOptimizer(covariance).maxSharpe(expectedReturns, riskFreeRate));
    }

    /** Runs the spec's method with its options (its risk model and returns are this object's). */
    public Result optimize(OptimizerSpec spec) {
        String[] assets = returns.assets();
        if (spec.method().equals("hrp")) {
            return hrp();
        }
        if (spec.method().equals("risk_parity")) {
            double[] budgets = new double[assets.length];
            for (int a = 0; a < assets.length; a++) {
                budgets[a] =
                        spec.riskBudgets().isEmpty() ? 1.0 : spec.riskBudgets().getOrDefault(assets[a], 0.0);
            }
            return result(RiskParity.weights(covariance, budgets));
        }
        MeanVarianceOptimizer mvo = new MeanVarianceOptimizer(covariance, spec.options(assets));
        double[] w = switch (spec.method()) {
            case "min_volatility" -> mvo.minVolatility();
            case "max_sharpe" -> mvo.maxSharpe(expectedReturns, riskFreeRate);
            case "max_quadratic_utility" -> mvo.maxQuadraticUtility(expectedReturns, spec.riskAversion());
            case "efficient_risk" -> mvo.efficientRisk(expectedReturns, spec.requireTarget());
            case "efficient_return" -> mvo.efficientReturn(expectedReturns, spec.requireTarget());
            default -> throw new IllegalArgumentException("unknown method " + spec.method());
        };
        return result(w);
    }

    private Result result(double[] w) {
        return new Result(assets(), w, PortfolioPerformance.of(w, expectedReturns, covariance, riskFreeRate));
    }
}
