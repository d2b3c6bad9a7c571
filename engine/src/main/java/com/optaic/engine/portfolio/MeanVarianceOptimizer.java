package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import java.util.Locale;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Long-only mean-variance optimisation as PyPortfolioOpt's {@code EfficientFrontier} with weight bounds
 * (0, 1), solved as quadratic programs with ojAlgo. An infeasible problem is a user error naming the reason.
 */
public final class MeanVarianceOptimizer {
    static final ErrorCode INFEASIBLE = ErrorCode.user("portfolio_infeasible");
    static final ErrorCode SOLVER_FAILED = ErrorCode.internal("portfolio_solver_failed");

    private final double[][] cov;

    /** @param cov the annualised covariance, positive semidefinite, assets in the caller's order */
    public MeanVarianceOptimizer(double[][] cov) {
        this.cov = requireNonNull(cov, "cov is null");
        for (double[] row : cov) {
            if (row.length != cov.length) {
                throw new IllegalArgumentException("covariance is not square");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new OptaicException(INFEASIBLE, "the covariance matrix has a missing or infinite entry");
                }
            }
        }
    }

    /** Minimises {@code w'Sw} subject to {@code sum(w) = 1}, {@code 0 <= w <= 1}. */
    public double[] minVolatility() {
        int n = cov.length;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] w = new Variable[n];
        for (int i = 0; i < n; i++) {
            w[i] = model.addVariable("w" + i).lower(0).upper(1);
        }
        Expression budget = model.addExpression("budget").level(1);
        for (int i = 0; i < n; i++) {
            budget.set(w[i], 1);
        }
        addRisk(model, w);
        double[] x = solve(model, w, "min_volatility");
        return normalise(x);
    }

    /**
     * Maximises the Sharpe ratio {@code (w.mu - rf) / sqrt(w'Sw)} by the Cornuejols-Tutuncu transform:
     * minimise {@code y'Sy} subject to {@code (mu - rf).y = 1}, {@code sum(y) = k}, {@code 0 <= y <= k},
     * then {@code w = y / k}.
     */
    public double[] maxSharpe(double[] mu, double riskFreeRate) {
        int n = cov.length;
        requireNonNull(mu, "mu is null");
        if (mu.length != n) {
            throw new IllegalArgumentException("mu has " + mu.length + " entries, expected " + n);
        }
        boolean anyAbove = false;
        for (double m : mu) {
            if (!Double.isFinite(m)) {
                throw new OptaicException(INFEASIBLE, "max_sharpe needs a finite expected return for every asset");
            }
            anyAbove |= m > riskFreeRate;
        }
        if (!anyAbove) {
            throw new OptaicException(INFEASIBLE, "max_sharpe needs at least one expected return above the "
                    + "risk-free rate " + format(riskFreeRate));
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] y = new Variable[n];
        for (int i = 0; i < n; i++) {
            y[i] = model.addVariable("y" + i).lower(0);
        }
        Variable k = model.addVariable("k").lower(0);
        Expression excess = model.addExpression("excess").level(1);
        Expression budget = model.addExpression("budget").level(0);
        for (int i = 0; i < n; i++) {
            excess.set(y[i], mu[i] - riskFreeRate);
            budget.set(y[i], 1);
            model.addExpression("upper" + i).upper(0).set(y[i], 1).set(k, -1);
        }
        budget.set(k, -1);
        addRisk(model, y);
        double[] x = solve(model, y, "max_sharpe");
        return normalise(x);
    }

    private void addRisk(ExpressionsBasedModel model, Variable[] w) {
        Expression risk = model.addExpression("risk").weight(1);
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (cov[i][j] != 0.0) {
                    risk.set(w[i], w[j], cov[i][j]);
                }
            }
        }
    }

    private static double[] solve(ExpressionsBasedModel model, Variable[] vars, String method) {
        Optimisation.Result result = model.minimise();
        Optimisation.State state = result.getState();
        if (state.isFailure() || !state.isFeasible()) {
            if (state == Optimisation.State.INFEASIBLE) {
                throw new OptaicException(INFEASIBLE, method + " has no feasible portfolio within the weight bounds");
            }
            throw new OptaicException(SOLVER_FAILED, method + ": the QP solver stopped with state " + state);
        }
        double[] x = new double[vars.length];
        for (int i = 0; i < vars.length; i++) {
            x[i] = vars[i].getValue().doubleValue();
        }
        return x;
    }

    /** Clips round-off below zero and rescales to sum 1 (as PyPortfolioOpt does for max_sharpe's y / k). */
    private static double[] normalise(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0.0, x[i]);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }

    private static String format(double v) {
        String s = String.format(Locale.ROOT, "%.10f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
