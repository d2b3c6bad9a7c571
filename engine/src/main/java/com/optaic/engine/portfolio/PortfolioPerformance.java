package com.optaic.engine.portfolio;

/**
 * PyPortfolioOpt's {@code portfolio_performance}: expected annual return {@code w.mu}, annual volatility
 * {@code sqrt(w'Sw)} and Sharpe ratio {@code (w.mu - rf) / vol}, rf annual.
 */
public record PortfolioPerformance(double expectedReturn, double volatility, double sharpe) {
    public static final double DEFAULT_RISK_FREE_RATE = 0.02;

    public static PortfolioPerformance of(double[] w, double[] mu, double[][] cov, double riskFreeRate) {
        double ret = 0;
        for (int i = 0; i < w.length; i++) {
            ret += w[i] * mu[i];
        }
        double vol = Math.sqrt(quadraticForm(w, cov));
        return new PortfolioPerformance(ret, vol, (ret - riskFreeRate) / vol);
    }

    public static PortfolioPerformance of(double[] w, double[] mu, double[][] cov) {
        return of(w, mu, cov, DEFAULT_RISK_FREE_RATE);
    }

    static double quadraticForm(double[] w, double[][] cov) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            double row = 0;
            for (int j = 0; j < w.length; j++) {
                row += cov[i][j] * w[j];
            }
            s += w[i] * row;
        }
        return s;
    }
}
