package com.optaic.engine.portfolio;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Locale;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Mean-variance optimisation as PyPortfolioOpt's {@code EfficientFrontier}, each problem a quadratic (or
 * linear) program solved with ojAlgo under the {@link MvoOptions}: weight bounds, fully invested or
 * market-neutral, group limits, and the L2 and transaction-cost objective terms. An infeasible problem is a
 * user error naming the reason (the bound that cannot hold, the attainable minimum or maximum), checked
 * before the solver runs where it can be.
 */
public final class MeanVarianceOptimizer {
    private static final double TOLERANCE = 1e-12;

    private final double[][] cov;
    private final MvoOptions options;

    /** Long-only, bounds (0, 1). @param cov the annualised covariance, positive semidefinite */
    public MeanVarianceOptimizer(double[][] cov) {
        this(cov, MvoOptions.longOnly(cov.length));
    }

    public MeanVarianceOptimizer(double[][] cov, MvoOptions options) {
        this.cov = requireNonNull(cov, "cov is null");
        this.options = requireNonNull(options, "options is null");
        for (double[] row : cov) {
            if (row.length != cov.length) {
                throw new IllegalArgumentException("covariance is not square");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new OptaicException(
                            EngineErrorCode.PORTFOLIO_INFEASIBLE,
                            "the covariance matrix has a missing or infinite entry");
                }
            }
        }
        if (options.assetCount() != cov.length) {
            throw new IllegalArgumentException(
                    "options cover " + options.assetCount() + " assets, covariance " + cov.length);
        }
        checkBounds();
    }

    /** Minimises {@code w'Sw} plus the extra terms. */
    public double[] minVolatility() {
        if (options.marketNeutral()) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "min_volatility cannot be market-neutral: the zero portfolio "
                            + "has no risk; use efficient_return or efficient_risk");
        }
        Program p = new Program(true);
        p.risk(1.0);
        return p.solve("min_volatility");
    }

    /**
     * Maximises the Sharpe ratio {@code (w.mu - rf) / sqrt(w'Sw)} by the Cornuejols-Tutuncu transform:
     * minimise {@code y'Sy} subject to {@code (mu - rf).y = 1}, {@code sum(y) = k}, bounds and group limits
     * scaled by {@code k >= 0}, then {@code w = y / k}.
     */
    public double[] maxSharpe(double[] mu, double riskFreeRate) {
        checkReturns(mu, "max_sharpe");
        if (options.marketNeutral() || options.hasExtraObjectives()) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "max_sharpe takes neither market-neutral weights nor L2 or "
                            + "transaction-cost terms (the Sharpe transform does not keep them); use max_quadratic_utility "
                            + "or efficient_risk");
        }
        boolean anyAbove = false;
        for (double m : mu) {
            anyAbove |= m > riskFreeRate;
        }
        if (!anyAbove) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "max_sharpe needs at least one expected return above the " + "risk-free rate "
                            + format(riskFreeRate));
        }
        int n = cov.length;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] y = new Variable[n];
        for (int i = 0; i < n; i++) {
            y[i] = model.addVariable("y" + i);
        }
        Variable k = model.addVariable("k").lower(0);
        Expression excess = model.addExpression("excess").level(1);
        Expression budget = model.addExpression("budget").level(0).set(k, -1);
        for (int i = 0; i < n; i++) {
            excess.set(y[i], mu[i] - riskFreeRate);
            budget.set(y[i], 1);
            model.addExpression("lower" + i).lower(0).set(y[i], 1).set(k, -options.lower()[i]);
            model.addExpression("upper" + i).upper(0).set(y[i], 1).set(k, -options.upper()[i]);
        }
        for (MvoOptions.GroupLimit g : options.groups()) {
            Expression lower =
                    model.addExpression("group_lower_" + g.name()).lower(0).set(k, -g.lower());
            Expression upper =
                    model.addExpression("group_upper_" + g.name()).upper(0).set(k, -g.upper());
            for (int i : g.members()) {
                lower.set(y[i], 1);
                upper.set(y[i], 1);
            }
        }
        addQuadratic(model.addExpression("risk").weight(1), y, 1.0);
        double[] x = values(solve(model, "max_sharpe"), y);
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        for (int i = 0; i < n; i++) {
            x[i] = clamp(x[i] / sum, i);
        }
        return x;
    }

    /** Maximises {@code w.mu - riskAversion / 2 * w'Sw} minus the extra terms. */
    public double[] maxQuadraticUtility(double[] mu, double riskAversion) {
        checkReturns(mu, "max_quadratic_utility");
        if (!(riskAversion > 0) || Double.isInfinite(riskAversion)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "max_quadratic_utility needs a positive finite risk aversion, got " + format(riskAversion));
        }
        return utility(mu, riskAversion / 2, "max_quadratic_utility");
    }

    /**
     * Maximises {@code w.mu} (minus the extra terms) subject to {@code sqrt(w'Sw) <= targetVolatility}. The
     * quadratic constraint is met through its multiplier: the solution of {@code max w.mu - nu w'Sw - extras}
     * has a volatility decreasing in {@code nu}, solved for (in log nu) until it equals the target; when even
     * the riskiest solution stays under the target the constraint is slack and that solution is the answer.
     */
    public double[] efficientRisk(double[] mu, double targetVolatility) {
        checkReturns(mu, "efficient_risk");
        if (!(targetVolatility >= 0) || Double.isInfinite(targetVolatility)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "efficient_risk needs a finite target volatility >= 0, got " + format(targetVolatility));
        }
        double minVol = Math.sqrt(Math.max(0.0, PortfolioPerformance.quadraticForm(minVariance(), cov)));
        if (targetVolatility < minVol * (1 - 1e-9)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "efficient_risk target volatility " + format(targetVolatility)
                            + " is below the minimum volatility " + format(minVol) + " attainable within the "
                            + constraintWords());
        }
        double logLo = Math.log(1e-8);
        double logHi = Math.log(1e8);
        double[] riskiest = utility(mu, Math.exp(logLo), "efficient_risk");
        if (volatility(riskiest) <= targetVolatility) {
            return riskiest;
        }
        double[] best = utility(mu, Math.exp(logHi), "efficient_risk");
        if (volatility(best) > targetVolatility) {
            return best; // the target is within round-off of the minimum volatility
        }
        // Illinois (regula falsi that halves a stale end's value) on the bracket: superlinear, never leaves it
        double fLo = volatility(riskiest) - targetVolatility;
        double fHi = volatility(best) - targetVolatility;
        int side = 0;
        for (int iteration = 0; iteration < 200 && logHi - logLo > 1e-15; iteration++) {
            double mid = (logLo * fHi - logHi * fLo) / (fHi - fLo);
            if (!(mid > logLo && mid < logHi)) {
                mid = 0.5 * (logLo + logHi);
            }
            double[] w = utility(mu, Math.exp(mid), "efficient_risk");
            double f = volatility(w) - targetVolatility;
            if (Math.abs(f) <= TOLERANCE * targetVolatility) {
                return w;
            }
            if (f > 0) {
                logLo = mid;
                fLo = f;
                if (side == 1) {
                    fHi /= 2;
                }
                side = 1;
            } else {
                logHi = mid;
                fHi = f;
                best = w;
                if (side == -1) {
                    fLo /= 2;
                }
                side = -1;
            }
        }
        return best;
    }

    /** Minimises {@code w'Sw} plus the extra terms subject to {@code w.mu >= targetReturn}. */
    public double[] efficientReturn(double[] mu, double targetReturn) {
        checkReturns(mu, "efficient_return");
        if (!Double.isFinite(targetReturn)) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "efficient_return needs a finite target return, got " + format(targetReturn));
        }
        double maxReturn = maxReturn(mu);
        if (targetReturn > maxReturn + 1e-9 * Math.max(1.0, Math.abs(maxReturn))) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "efficient_return target return " + format(targetReturn)
                            + " is above the maximum attainable return " + format(maxReturn) + " within the "
                            + constraintWords());
        }
        Program p = new Program(true);
        p.risk(1.0);
        Expression floor = p.model.addExpression("target_return").lower(Math.min(targetReturn, maxReturn));
        for (int i = 0; i < mu.length; i++) {
            floor.set(p.w[i], mu[i]);
        }
        return p.solve("efficient_return");
    }

    /** The highest {@code w.mu} within the constraints (a linear program; the extra terms do not apply). */
    public double maxReturn(double[] mu) {
        Program p = new Program(false);
        Expression ret = p.model.addExpression("return").weight(-1);
        for (int i = 0; i < mu.length; i++) {
            ret.set(p.w[i], mu[i]);
        }
        double[] w = p.solve("max return");
        double r = 0;
        for (int i = 0; i < mu.length; i++) {
            r += w[i] * mu[i];
        }
        return r;
    }

    private double[] minVariance() {
        Program p = new Program(false);
        p.risk(1.0);
        return p.solve("min volatility");
    }

    private double[] utility(double[] mu, double riskWeight, String method) {
        Program p = new Program(true);
        p.risk(riskWeight);
        Expression ret = p.model.addExpression("return").weight(-1);
        for (int i = 0; i < mu.length; i++) {
            ret.set(p.w[i], mu[i]);
        }
        return p.solve(method);
    }

    private double volatility(double[] w) {
        return Math.sqrt(Math.max(0.0, PortfolioPerformance.quadraticForm(w, cov)));
    }

    /** One problem over the weights with the options' constraints and, if asked, their extra terms. */
    private final class Program {
        final ExpressionsBasedModel model = new ExpressionsBasedModel();
        final Variable[] w;

        Program(boolean withExtraTerms) {
            int n = cov.length;
            w = new Variable[n];
            for (int i = 0; i < n; i++) {
                w[i] = model.addVariable("w" + i).lower(options.lower()[i]).upper(options.upper()[i]);
            }
            Expression budget = model.addExpression("budget").level(options.budget());
            for (Variable v : w) {
                budget.set(v, 1);
            }
            for (MvoOptions.GroupLimit g : options.groups()) {
                Expression sum = model.addExpression("group_" + g.name())
                        .lower(g.lower())
                        .upper(g.upper());
                for (int i : g.members()) {
                    sum.set(w[i], 1);
                }
            }
            if (withExtraTerms && options.l2Gamma() > 0) {
                Expression l2 = model.addExpression("l2").weight(options.l2Gamma());
                for (Variable v : w) {
                    l2.set(v, v, 1);
                }
            }
            if (withExtraTerms && options.costK() > 0) {
                // |w_i - prev_i| as t_i >= w_i - prev_i and t_i >= prev_i - w_i, minimised through k * sum(t)
                Expression cost = model.addExpression("transaction_cost").weight(options.costK());
                for (int i = 0; i < n; i++) {
                    Variable t = model.addVariable("t" + i).lower(0);
                    double prev = options.previousWeights()[i];
                    model.addExpression("above" + i).lower(-prev).set(t, 1).set(w[i], -1);
                    model.addExpression("below" + i).lower(prev).set(t, 1).set(w[i], 1);
                    cost.set(t, 1);
                }
            }
        }

        void risk(double weight) {
            addQuadratic(model.addExpression("risk").weight(weight), w, 1.0);
        }

        double[] solve(String method) {
            double[] x = values(MeanVarianceOptimizer.this.solve(model, method), w);
            for (int i = 0; i < x.length; i++) {
                x[i] = clamp(x[i], i);
            }
            return x;
        }
    }

    private void addQuadratic(Expression e, Variable[] v, double scale) {
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                if (cov[i][j] != 0.0) {
                    e.set(v[i], v[j], scale * cov[i][j]);
                }
            }
        }
    }

    /** Bounds that no portfolio can meet, named before any solver runs. */
    private void checkBounds() {
        double[] lo = options.lower();
        double[] hi = options.upper();
        double sumLo = 0;
        double sumHi = 0;
        for (int i = 0; i < lo.length; i++) {
            if (!(lo[i] <= hi[i]) || Double.isInfinite(lo[i]) || Double.isInfinite(hi[i])) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        "asset " + i + ": weight bounds (" + format(lo[i]) + ", " + format(hi[i])
                                + ") are not a finite interval");
            }
            sumLo += lo[i];
            sumHi += hi[i];
        }
        double budget = options.budget();
        String sum = options.marketNeutral() ? "0 (market-neutral)" : "1";
        if (sumHi < budget - TOLERANCE) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "the weight bounds cannot sum to " + sum + ": the upper bounds add up to " + format(sumHi));
        }
        if (sumLo > budget + TOLERANCE) {
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_INFEASIBLE,
                    "the weight bounds cannot sum to " + sum + ": the lower bounds add up to " + format(sumLo));
        }
        for (MvoOptions.GroupLimit g : options.groups()) {
            double gLo = 0;
            double gHi = 0;
            for (int i : g.members()) {
                gLo += lo[i];
                gHi += hi[i];
            }
            if (gHi < g.lower() - TOLERANCE || gLo > g.upper() + TOLERANCE) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        "group '" + g.name() + "' limits (" + format(g.lower()) + ", "
                                + format(g.upper()) + ") cannot hold: its assets' weight bounds allow (" + format(gLo)
                                + ", " + format(gHi) + ")");
            }
        }
    }

    private void checkReturns(double[] mu, String method) {
        requireNonNull(mu, "mu is null");
        if (mu.length != cov.length) {
            throw new IllegalArgumentException("mu has " + mu.length + " entries, expected " + cov.length);
        }
        for (double m : mu) {
            if (!Double.isFinite(m)) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        method + " needs a finite expected return for every asset");
            }
        }
    }

    private String constraintWords() {
        return options.groups().isEmpty() ? "weight bounds" : "weight bounds and group limits";
    }

    private Optimisation.Result solve(ExpressionsBasedModel model, String method) {
        Optimisation.Result result = model.minimise();
        Optimisation.State state = result.getState();
        if (state.isFailure() || !state.isFeasible()) {
            if (state == Optimisation.State.INFEASIBLE) {
                throw new OptaicException(
                        EngineErrorCode.PORTFOLIO_INFEASIBLE,
                        method + " has no portfolio satisfying the " + constraintWords() + " together");
            }
            throw new OptaicException(
                    EngineErrorCode.PORTFOLIO_SOLVER_FAILED, method + ": the solver stopped with state " + state);
        }
        return result;
    }

    private static double[] values(Optimisation.Result result, Variable[] vars) {
        double[] x = new double[vars.length];
        for (int i = 0; i < vars.length; i++) {
            x[i] = vars[i].getValue().doubleValue();
        }
        return x;
    }

    /** Round-off outside an asset's bounds is clipped back in. */
    private double clamp(double x, int i) {
        return Math.min(options.upper()[i], Math.max(options.lower()[i], x));
    }

    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.10f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
