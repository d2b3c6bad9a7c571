package com.optaic.engine.portfolio;

/** Annualised expected returns, PyPortfolioOpt's {@code mean_historical_return}. */
public final class ExpectedReturns {
    public static final int TRADING_DAYS = 252;

    private ExpectedReturns() {}

    /**
     * Per-asset CAGR over the asset's own history: {@code prod(1 + r)^(frequency / count) - 1}, count being
     * the asset's non-missing returns (NaN for an asset with none). The default.
     */
    public static double[] cagr(AssetReturns returns, int frequency) {
        int n = returns.assetCount();
        double[] mu = new double[n];
        for (int a = 0; a < n; a++) {
            double growth = 1.0;
            int count = 0;
            for (int t = 0; t < returns.rows(); t++) {
                double r = returns.get(a, t);
                if (!Double.isNaN(r)) {
                    growth *= 1.0 + r;
                    count++;
                }
            }
            mu[a] = count == 0 ? Double.NaN : Math.pow(growth, (double) frequency / count) - 1.0;
        }
        return mu;
    }

    public static double[] cagr(AssetReturns returns) {
        return cagr(returns, TRADING_DAYS);
    }

    /** Arithmetic mean of each asset's non-missing returns times {@code frequency}. */
    public static double[] mean(AssetReturns returns, int frequency) {
        int n = returns.assetCount();
        double[] mu = new double[n];
        for (int a = 0; a < n; a++) {
            double sum = 0;
            int count = 0;
            for (int t = 0; t < returns.rows(); t++) {
                double r = returns.get(a, t);
                if (!Double.isNaN(r)) {
                    sum += r;
                    count++;
                }
            }
            mu[a] = count == 0 ? Double.NaN : sum / count * frequency;
        }
        return mu;
    }
}
