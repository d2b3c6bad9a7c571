package com.optaic.engine.portfolio;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Arrays;

/**
 * Long-only risk parity: the weights whose risk contributions {@code w_i (Sw)_i / sqrt(w'Sw)} are proportional
 * to the budgets (equal risk contribution when all budgets are equal). Solved as Spinu's convex problem
 * {@code min 1/2 x'Sx - sum b_i log x_i} over {@code x > 0}, whose optimum satisfies {@code x_i (Sx)_i = b_i};
 * {@code w = x / sum(x)}. Newton steps with a backtracking line search kept inside {@code x > 0} converge
 * quadratically; the result is accepted when every share of risk is within 1e-12 of its budget.
 */
public final class RiskParity {
    private static final double TOLERANCE = 1e-12;

    private RiskParity() {}

    /** Equal risk contribution. */
    public static double[] equalRisk(double[][] cov) {
        double[] budgets = new double[cov.length];
        Arrays.fill(budgets, 1.0 / cov.length);
        return weights(cov, budgets);
    }

    /** @param budgets positive risk budgets, one per asset; rescaled to sum 1 */
    public static double[] weights(double[][] cov, double[] budgets) {
        int n = cov.length;
        if (budgets.length != n) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "risk_parity has " + budgets.length + " risk budgets for " + n + " assets");
        }
        double total = 0;
        for (double b : budgets) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        "risk_parity budgets must be positive " + "and finite, got " + Arrays.toString(budgets));
            }
            total += b;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = budgets[i] / total;
            if (!(cov[i][i] > 0)) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        "risk_parity needs a positive variance " + "for every asset; asset " + i + " has " + cov[i][i]);
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sqrt(b[i] / cov[i][i]); // exact when the assets are uncorrelated
        }
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] sx = multiply(cov, x);
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            for (int i = 0; i < n; i++) {
                gradient[i] = sx[i] - b[i] / x[i];
                for (int j = 0; j < n; j++) {
                    hessian[i][j] = cov[i][j];
                }
                hessian[i][i] += b[i] / (x[i] * x[i]);
            }
            double[] step = solveSymmetric(hessian, gradient);
            double decrement = 0;
            for (int i = 0; i < n; i++) {
                decrement += step[i] * gradient[i];
            }
            double t = 1.0;
            while (!inside(x, step, t)) {
                t *= 0.5;
            }
            double f0 = objective(cov, b, x);
            while (t > 1e-20) {
                double[] trial = new double[n];
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] - t * step[i];
                }
                if (objective(cov, b, trial) <= f0 - 0.25 * t * decrement || decrement < 1e-28) {
                    x = trial;
                    break;
                }
                t *= 0.5;
            }
            if (maxBudgetGap(cov, x, b) <= TOLERANCE) {
                break;
            }
        }
        double gap = maxBudgetGap(cov, x, b);
        if (gap > 1e-10) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_SOLVER_FAILED,
                    "risk_parity did not converge: a risk " + "share is " + gap + " off its budget");
        }
        double sum = Arrays.stream(x).sum();
        for (int i = 0; i < n; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** Risk contributions {@code w_i (Sw)_i / sqrt(w'Sw)}; they sum to the volatility. */
    public static double[] riskContributions(double[][] cov, double[] w) {
        double[] sw = multiply(cov, w);
        double vol = Math.sqrt(PortfolioPerformance.quadraticForm(w, cov));
        double[] rc = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            rc[i] = w[i] * sw[i] / vol;
        }
        return rc;
    }

    private static double maxBudgetGap(double[][] cov, double[] x, double[] b) {
        double[] rc = riskContributions(cov, x);
        double total = Arrays.stream(rc).sum();
        double gap = 0;
        for (int i = 0; i < x.length; i++) {
            gap = Math.max(gap, Math.abs(rc[i] / total - b[i]));
        }
        return gap;
    }

    private static boolean inside(double[] x, double[] step, double t) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] - t * step[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    private static double objective(double[][] cov, double[] b, double[] x) {
        double f = 0.5 * PortfolioPerformance.quadraticForm(x, cov);
        for (int i = 0; i < x.length; i++) {
            f -= b[i] * Math.log(x[i]);
        }
        return f;
    }

    static double[] multiply(double[][] m, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += m[i][j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** Solves {@code a x = r} for a symmetric positive definite {@code a} by Cholesky. */
    private static double[] solveSymmetric(double[][] a, double[] r) {
        int n = r.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
