package com.optaic.engine.portfolio;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * Covariance and correlation of returns, PyPortfolioOpt's {@code sample_cov} and pandas' pairwise-complete
 * {@code DataFrame.cov()/corr()}: each pair uses the rows where both assets have a return, with that pair's
 * own means, ddof 1.
 */
public final class RiskModels {

    private RiskModels() {}

    /** Pairwise-complete sample covariance of the per-period returns (not annualised). */
    public static double[][] covariance(AssetReturns returns) {
        return pairwise(returns, false);
    }

    /** Pairwise-complete Pearson correlation of the per-period returns. */
    public static double[][] correlation(AssetReturns returns) {
        return pairwise(returns, true);
    }

    /**
     * The annualised sample covariance: pairwise-complete covariance x {@code frequency}, made positive
     * semidefinite by clipping negative eigenvalues only when it is not already ({@link #fixNonPsd}).
     */
    public static double[][] sampleCov(AssetReturns returns, int frequency) {
        double[][] c = covariance(returns);
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= frequency;
            }
        }
        return fixNonPsd(c);
    }

    public static double[][] sampleCov(AssetReturns returns) {
        return sampleCov(returns, ExpectedReturns.TRADING_DAYS);
    }

    /**
     * PyPortfolioOpt's {@code semicovariance}: {@code D'D / T * frequency} with {@code D = min(r - benchmark, 0)},
     * a missing return counting as 0 (numpy's {@code fmin}) and T all rows; PSD-repaired as {@link #sampleCov}.
     */
    public static double[][] semicovariance(AssetReturns returns, double benchmark, int frequency) {
        int n = returns.assetCount();
        int rows = returns.rows();
        double[][] drops = new double[n][rows];
        for (int a = 0; a < n; a++) {
            for (int t = 0; t < rows; t++) {
                double r = returns.get(a, t);
                drops[a][t] = Double.isNaN(r) ? 0.0 : Math.min(r - benchmark, 0.0);
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int t = 0; t < rows; t++) {
                    s += drops[i][t] * drops[j][t];
                }
                out[i][j] = s / rows * frequency;
                out[j][i] = out[i][j];
            }
        }
        return fixNonPsd(out);
    }

    /**
     * PyPortfolioOpt's {@code exp_cov}: per pair, the covariations {@code (x - mean x)(y - mean y)} (each asset's
     * mean over its own returns) averaged with pandas' {@code ewm(span).mean()} at the last row: weights
     * {@code (1 - alpha)^age}, {@code alpha = 2 / (span + 1)}, age counted in rows including missing ones, over
     * the rows where both returns exist; times {@code frequency}, PSD-repaired.
     */
    public static double[][] exponentialCovariance(AssetReturns returns, double span, int frequency) {
        if (!(span >= 1)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_NOT_ENOUGH_DATA, "exp_cov needs a span >= 1, got " + span);
        }
        int n = returns.assetCount();
        int rows = returns.rows();
        double decay = 1.0 - 2.0 / (span + 1.0);
        double[] means = ExpectedReturns.mean(returns, 1);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double weighted = 0;
                double weights = 0;
                double weight = 1.0;
                for (int t = rows - 1; t >= 0; t--, weight *= decay) {
                    double x = returns.get(i, t);
                    double y = returns.get(j, t);
                    if (!Double.isNaN(x) && !Double.isNaN(y)) {
                        weighted += weight * (x - means[i]) * (y - means[j]);
                        weights += weight;
                    }
                }
                if (weights == 0) {
                    throw new OptaicException(
                            EngineErrorCode.PORTFOLIO_NOT_ENOUGH_DATA,
                            "assets '" + returns.assets()[i] + "' and '" + returns.assets()[j]
                                    + "' have no common returns; exp_cov needs at least 1");
                }
                out[i][j] = weighted / weights * frequency;
                out[j][i] = out[i][j];
            }
        }
        return fixNonPsd(out);
    }

    private static double[][] pairwise(AssetReturns r, boolean corr) {
        int n = r.assetCount();
        int rows = r.rows();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double si = 0;
                double sj = 0;
                int count = 0;
                for (int t = 0; t < rows; t++) {
                    double x = r.get(i, t);
                    double y = r.get(j, t);
                    if (!Double.isNaN(x) && !Double.isNaN(y)) {
                        si += x;
                        sj += y;
                        count++;
                    }
                }
                if (count < 2) {
                    throw new OptaicException(
                            EngineErrorCode.PORTFOLIO_NOT_ENOUGH_DATA,
                            "assets '" + r.assets()[i] + "' and '" + r.assets()[j] + "' have " + count
                                    + " common returns; covariance needs at least 2");
                }
                double mi = si / count;
                double mj = sj / count;
                double sxy = 0;
                double sxx = 0;
                double syy = 0;
                for (int t = 0; t < rows; t++) {
                    double x = r.get(i, t);
                    double y = r.get(j, t);
                    if (!Double.isNaN(x) && !Double.isNaN(y)) {
                        double dx = x - mi;
                        double dy = y - mj;
                        sxy += dx * dy;
                        sxx += dx * dx;
                        syy += dy * dy;
                    }
                }
                double v = corr ? (i == j ? 1.0 : sxy / Math.sqrt(sxx * syy)) : sxy / (count - 1);
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return out;
    }

    /** Whether Cholesky of {@code m + 1e-16 I} succeeds (PyPortfolioOpt's test). */
    public static boolean isPositiveSemidefinite(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j] + (i == j ? 1e-16 : 0.0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return true;
    }

    /**
     * {@code m} itself when positive semidefinite, else {@code V diag(max(q, 0)) V'} from its eigen
     * decomposition (PyPortfolioOpt's "spectral" fix).
     */
    public static double[][] fixNonPsd(double[][] m) {
        if (isPositiveSemidefinite(m)) {
            return m;
        }
        int n = m.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        double[][] v = jacobiEigen(a);
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double q = Math.max(a[k][k], 0.0);
            if (q == 0.0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += v[i][k] * q * v[j][k];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (out[i][j] + out[j][i]);
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }

    /** Cyclic Jacobi: diagonalises the symmetric {@code a} in place; returns the eigenvectors as columns. */
    static double[][] jacobiEigen(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += a[i][j] * a[i][j];
                    if (i != j) {
                        off += a[i][j] * a[i][j];
                    }
                }
            }
            if (off <= 1e-30 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0.0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return v;
    }
}
