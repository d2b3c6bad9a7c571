package com.optaic.engine.portfolio;

/**
 * Ledoit-Wolf shrinkage as PyPortfolioOpt's {@code CovarianceShrinkage.ledoit_wolf}: the returns with missing
 * values set to 0 ({@code np.nan_to_num}), then either scikit-learn's {@code ledoit_wolf} (shrinkage towards
 * the average variance times the identity, on the ddof-0 covariance) or Ledoit and Wolf's constant-correlation
 * target (on the pairwise ddof-1 covariance); the result annualised and PSD-repaired.
 */
public final class CovarianceShrinkage {
    /** A shrunk covariance and its shrinkage intensity delta in [0, 1]. */
    public record Shrunk(double[][] covariance, double shrinkage) {}

    private CovarianceShrinkage() {}

    /** Shrinkage towards {@code mu I}, mu the average variance (scikit-learn's {@code ledoit_wolf}). */
    public static Shrunk constantVariance(AssetReturns returns, int frequency) {
        double[][] x = centredFilled(returns);
        int n = x.length;
        int t = returns.rows();
        double[][] emp = new double[n][n];
        double[][] squares = new double[n][n]; // sum_t x_i^2 x_j^2
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                double q = 0;
                for (int r = 0; r < t; r++) {
                    double a = x[i][r] * x[j][r];
                    s += a;
                    q += a * a;
                }
                emp[i][j] = emp[j][i] = s / t;
                squares[i][j] = squares[j][i] = q;
            }
        }
        double mu = 0;
        for (int i = 0; i < n; i++) {
            mu += emp[i][i];
        }
        mu /= n;
        double betaSum = 0;
        double deltaSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                betaSum += squares[i][j];
                deltaSum += emp[i][j] * emp[i][j]; // (X'X / t)^2, summed
            }
        }
        double beta = (betaSum / t - deltaSum) / ((double) n * t);
        double delta = (deltaSum - 2 * mu * n * mu + n * mu * mu) / n;
        beta = Math.min(beta, delta);
        double shrinkage = beta == 0 ? 0 : beta / delta;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = ((1 - shrinkage) * emp[i][j] + (i == j ? shrinkage * mu : 0)) * frequency;
            }
        }
        return new Shrunk(RiskModels.fixNonPsd(out), shrinkage);
    }

    /**
     * Ledoit and Wolf (2004) "Honey, I shrunk the sample covariance matrix": towards the matrix with the sample
     * variances and the average sample correlation, as PyPortfolioOpt's {@code _ledoit_wolf_constant_correlation}.
     */
    public static Shrunk constantCorrelation(AssetReturns returns, int frequency) {
        double[][] x = centredFilled(returns);
        int n = x.length;
        int t = returns.rows();
        double[][] s = RiskModels.covariance(returns);
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            std[i] = Math.sqrt(s[i][i]);
        }
        double[] meanSquare = new double[n]; // diag(X'X) / t
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < t; r++) {
                meanSquare[i] += x[i][r] * x[i][r];
            }
            meanSquare[i] /= t;
        }
        double rBar = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rBar += i == j ? 0 : s[i][j] / (std[i] * std[j]);
            }
        }
        rBar /= (double) n * (n - 1);
        double pi = 0;
        double piDiagonal = 0;
        double thetaSum = 0;
        double gamma = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double yy = 0; // sum x_i^2 x_j^2
                double xx = 0; // sum x_i x_j
                double cube = 0; // sum x_i^3 x_j
                for (int r = 0; r < t; r++) {
                    double a = x[i][r];
                    double b = x[j][r];
                    yy += a * a * b * b;
                    xx += a * b;
                    cube += a * a * a * b;
                }
                double piIj = yy / t - 2 * xx * s[i][j] / t + s[i][j] * s[i][j];
                pi += piIj;
                if (i == j) {
                    piDiagonal += piIj;
                } else {
                    double theta = cube / t - meanSquare[i] * s[i][j] - xx / t * s[i][i] + s[i][i] * s[i][j];
                    thetaSum += std[j] / std[i] * theta;
                }
                double target = i == j ? s[i][i] : rBar * std[i] * std[j];
                gamma += (s[i][j] - target) * (s[i][j] - target);
            }
        }
        double rho = piDiagonal + rBar * thetaSum;
        double kappa = (pi - rho) / gamma;
        double shrinkage = Math.max(0, Math.min(1, kappa / t));
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double target = i == j ? s[i][i] : rBar * std[i] * std[j];
                out[i][j] = (shrinkage * target + (1 - shrinkage) * s[i][j]) * frequency;
            }
        }
        return new Shrunk(RiskModels.fixNonPsd(out), shrinkage);
    }

    /** Asset-major returns with missing values as 0, then each column centred on its mean over all rows. */
    private static double[][] centredFilled(AssetReturns returns) {
        int n = returns.assetCount();
        int t = returns.rows();
        double[][] x = new double[n][t];
        for (int a = 0; a < n; a++) {
            double sum = 0;
            for (int r = 0; r < t; r++) {
                double v = returns.get(a, r);
                x[a][r] = Double.isNaN(v) ? 0.0 : v;
                sum += x[a][r];
            }
            double mean = sum / t;
            for (int r = 0; r < t; r++) {
                x[a][r] -= mean;
            }
        }
        return x;
    }
}
