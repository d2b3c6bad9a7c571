package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;

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

    public PortfolioOptimization(AssetReturns returns, double[] expectedReturns, double[][] covariance,
                                 double riskFreeRate) {
        this.returns = requireNonNull(returns, "returns is null");
        this.expectedReturns = requireNonNull(expectedReturns, "expectedReturns is null");
        this.covariance = requireNonNull(covariance, "covariance is null");
        this.riskFreeRate = riskFreeRate;
    }

    /** Defaults: CAGR, annualised sample covariance, rf 0.02. */
    public static PortfolioOptimization ofReturns(AssetReturns returns) {
        return new PortfolioOptimization(returns, ExpectedReturns.cagr(returns), RiskModels.sampleCov(returns),
                PortfolioPerformance.DEFAULT_RISK_FREE_RATE);
    }

    /** Defaults on the prices in {@code field} of a panel. */
    public static PortfolioOptimization ofPrices(Panel prices, String field) {
        return ofReturns(AssetReturns.fromPrices(prices, field));
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

    private Result result(double[] w) {
        return new Result(assets(), w, PortfolioPerformance.of(w, expectedReturns, covariance, riskFreeRate));
    }
}
