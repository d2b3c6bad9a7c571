#!/usr/bin/python3
"""Independent golden values for com.optaic.engine.portfolio (PyPortfolioOpt conventions).

Run from the repository root:  /usr/bin/python3 engine/src/test/resources/portfolio/generate.py
Needs only numpy, pandas and scipy (Debian's python3-numpy/-pandas/-scipy); writes expected.csv beside it
as rows "section,key1,key2,value" with values printed to 17 significant digits.

  mu_cagr,<asset>        prod(1+r)^(252/count)-1 over each asset's own returns
  mu_mean,<asset>        mean(r)*252
  cov,<a>,<b>            pairwise-complete sample covariance (ddof 1) x 252, eigenvalues clipped only if not PSD
  hrp,<asset>            HRP weights: daily corr/cov, sqrt((1-rho)/2), scipy single linkage, pre-order, bisection
  min_volatility,<asset> / max_sharpe,<asset>   SLSQP, then refined exactly on the active set SLSQP found
  perf_<method>,ret|vol|sharpe   (w.mu_cagr, sqrt(w'Sw), (w.mu-rf)/vol), rf = 0.02

Rolling re-optimisation, window 252 days, month ends (last row of a calendar month, a next row existing):
  rolling_windows,count            how many month ends have 252 earlier rows and >= 2 assets priced throughout
  rolling_min_volatility,<date>,<asset>   min_volatility on the window's returns of those assets (0 for others)

Risk models (each annualised x252 and PSD-repaired as cov):
  cov_ledoit_wolf,<a>,<b> / shrinkage_ledoit_wolf   scikit-learn's ledoit_wolf formula written out in numpy
                         (sklearn is not installed) on the NaN->0 returns, as PyPortfolioOpt passes them
  cov_ledoit_wolf_cc,<a>,<b> / shrinkage_ledoit_wolf_cc   PyPortfolioOpt's constant-correlation target
  cov_semicovariance,<a>,<b>   fmin(r - 0, 0)' fmin(r - 0, 0) / T
  cov_exp,<a>,<b>        pandas ewm(span=180).mean() of the pairwise covariations, last row
Mean-variance problems on the sample covariance and CAGR, each solved by SLSQP twice from two starting points
(agreeing to 1e-9) with the constraints written as PyPortfolioOpt states them (the L1 cost split into
positive and negative parts); names in CASES below. Risk parity (rp_erc, rp_budget) solves x_i (Sx)_i = b_i with
scipy.optimize.root on log x, a different algorithm from the Java Newton iteration.
"""
import os
import sys

import numpy as np
import pandas as pd
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
PRICES = os.path.normpath(os.path.join(HERE, "../../../../../../shared/data/stock_prices.csv"))
FREQ = 252
RF = 0.02


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else PRICES
    prices = pd.read_csv(path, index_col=0, parse_dates=True)
    prices = prices[sorted(prices.columns)]          # the Java reader sorts assets
    returns = prices.pct_change(fill_method=None).dropna(how="all")
    assets = list(returns.columns)

    mu = (1 + returns).prod() ** (FREQ / returns.count()) - 1
    mu_mean = returns.mean() * FREQ
    cov = returns.cov() * FREQ
    try:
        np.linalg.cholesky(cov.values + 1e-16 * np.eye(len(assets)))
    except np.linalg.LinAlgError:
        q, v = np.linalg.eigh(cov.values)
        cov = pd.DataFrame(v @ np.diag(np.where(q > 0, q, 0)) @ v.T, index=assets, columns=assets)

    hrp = hrp_weights(returns)
    S = cov.values
    m = mu.values
    w_mv = min_volatility(S)
    w_ms = max_sharpe(m, S, RF)

    rows = []
    for a in assets:
        rows.append(("mu_cagr", a, "", mu[a]))
    for a in assets:
        rows.append(("mu_mean", a, "", mu_mean[a]))
    for a in assets:
        for b in assets:
            rows.append(("cov", a, b, cov.loc[a, b]))
    portfolios = {"hrp": hrp.reindex(assets).values, "min_volatility": w_mv, "max_sharpe": w_ms}
    rows += risk_model_rows(returns, assets)
    portfolios.update(mvo_cases(m, S, assets))
    for name, w in portfolios.items():
        for a, x in zip(assets, w):
            rows.append((name, a, "", x))
        ret = float(w @ m)
        vol = float(np.sqrt(w @ S @ w))
        rows += [("perf_" + name, "ret", "", ret), ("perf_" + name, "vol", "", vol),
                 ("perf_" + name, "sharpe", "", (ret - RF) / vol)]
    for name, budgets in (("rp_erc", np.ones(len(assets))), ("rp_budget", np.arange(1.0, len(assets) + 1))):
        for a, x in zip(assets, risk_parity(S, budgets / budgets.sum())):
            rows.append((name, a, "", x))
    rows += rolling_rows(prices)
    with open(os.path.join(HERE, "expected.csv"), "w") as f:
        f.write("section,key1,key2,value\n")
        for s, k1, k2, v in rows:
            f.write("%s,%s,%s,%s\n" % (s, k1, k2, repr(float(v))))


def hrp_weights(returns):
    corr, cov = returns.corr(), returns.cov()
    dist = np.sqrt(np.clip((1.0 - corr) / 2.0, a_min=0.0, a_max=1.0))
    link = sch.linkage(ssd.squareform(dist, checks=False), "single")
    order = corr.index[sch.to_tree(link, rd=False).pre_order()].tolist()
    w = pd.Series(1.0, index=order)
    clusters = [order]
    while clusters:
        clusters = [c[j:k] for c in clusters for j, k in ((0, len(c) // 2), (len(c) // 2, len(c))) if len(c) > 1]
        for i in range(0, len(clusters), 2):
            v1, v2 = cluster_var(cov, clusters[i]), cluster_var(cov, clusters[i + 1])
            alpha = 1 - v1 / (v1 + v2)
            w[clusters[i]] *= alpha
            w[clusters[i + 1]] *= 1 - alpha
    return w


def cluster_var(cov, items):
    c = cov.loc[items, items].values
    iv = 1 / np.diag(c)
    iv /= iv.sum()
    return iv @ c @ iv


def slsqp(fun, jac, n):
    res = minimize(fun, np.full(n, 1.0 / n), jac=jac, method="SLSQP", bounds=[(0.0, 1.0)] * n,
                   constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1, "jac": lambda w: np.ones(n)}],
                   options={"ftol": 1e-15, "maxiter": 2000})
    if not res.success:
        raise SystemExit("SLSQP failed: " + res.message)
    return res.x


def min_volatility(S):
    n = len(S)
    w = slsqp(lambda w: w @ S @ w, lambda w: 2 * S @ w, n)
    free = w > 1e-6                               # refine: exact minimum-variance weights on the free set
    x = np.linalg.solve(S[np.ix_(free, free)], np.ones(free.sum()))
    out = np.zeros(n)
    out[free] = x / x.sum()
    g = 2 * S @ out                                # KKT: gradient of bound assets not below the multiplier
    lam = g[free].mean()
    assert (out >= 0).all() and (g[~free] >= lam - 1e-12).all(), "active set check failed"
    assert abs(out @ S @ out - w @ S @ w) < 1e-9 * (w @ S @ w)
    return out


def max_sharpe(m, S, rf):
    n = len(S)
    if (m <= rf).all():
        raise SystemExit("no expected return above the risk-free rate")

    def neg_sharpe(w):
        return -(w @ m - rf) / np.sqrt(w @ S @ w)

    def grad(w):
        v = np.sqrt(w @ S @ w)
        return -((m - rf) / v - (w @ m - rf) * (S @ w) / v ** 3)

    w = slsqp(neg_sharpe, grad, n)
    free = w > 1e-6                               # refine: tangency portfolio on the free set
    x = np.linalg.solve(S[np.ix_(free, free)], m[free] - rf)
    out = np.zeros(n)
    out[free] = x / x.sum()
    g = grad(out)
    lam = g[free].mean()
    assert (out >= 0).all() and (g[~free] >= lam - 1e-9).all(), "active set check failed"
    assert neg_sharpe(out) <= neg_sharpe(w) + 1e-9
    return out


ROLLING_DATES = ("2005-06-30", "2013-06-28", "2018-03-29")


def rolling_rows(prices, window=252):
    dates = prices.index
    month_end = [t for t in range(window, len(dates) - 1) if dates[t + 1].month != dates[t].month]
    rows, count = [], 0
    for t in month_end:
        block = prices.iloc[t - window:t + 1]
        complete = [a for a in prices.columns if block[a].notna().all() and (block[a] > 0).all()]
        if len(complete) < 2:
            continue
        count += 1
        day = dates[t].strftime("%Y-%m-%d")
        if day not in ROLLING_DATES:
            continue
        rets = block[complete].pct_change(fill_method=None).dropna(how="all")
        S = annualise_fix(rets.cov().values)
        w = dict(zip(complete, min_volatility(S)))
        rows += [("rolling_min_volatility", day, a, w.get(a, 0.0)) for a in prices.columns]
    assert count > 0
    return rows + [("rolling_windows", "count", "", count)]


def annualise_fix(c):
    c = np.asarray(c) * FREQ
    try:
        np.linalg.cholesky(c + 1e-16 * np.eye(len(c)))
        return c
    except np.linalg.LinAlgError:
        q, v = np.linalg.eigh(c)
        return v @ np.diag(np.where(q > 0, q, 0)) @ v.T


def sklearn_ledoit_wolf(X):
    """sklearn.covariance.ledoit_wolf(X) (assume_centered=False) as its source states it."""
    n_samples, n_features = X.shape
    X = X - X.mean(0)
    X2 = X ** 2
    emp_cov_trace = np.sum(X2, axis=0) / n_samples
    mu = np.sum(emp_cov_trace) / n_features
    beta_ = np.sum(X2.T @ X2)
    delta_ = np.sum((X.T @ X) ** 2) / n_samples ** 2
    beta = 1.0 / (n_features * n_samples) * (beta_ / n_samples - delta_)
    delta = (delta_ - 2.0 * mu * emp_cov_trace.sum() + n_features * mu ** 2) / n_features
    beta = min(beta, delta)
    shrinkage = 0 if beta == 0 else beta / delta
    emp_cov = np.cov(X.T, bias=1)
    shrunk = (1.0 - shrinkage) * emp_cov
    shrunk.flat[:: n_features + 1] += shrinkage * np.trace(emp_cov) / n_features
    return shrunk, shrinkage


def ledoit_wolf_constant_correlation(returns):
    """PyPortfolioOpt's CovarianceShrinkage._ledoit_wolf_constant_correlation."""
    X = np.nan_to_num(returns.values)
    t, n = np.shape(X)
    S = returns.cov().values
    var = np.diag(S).reshape(-1, 1)
    std = np.sqrt(var)
    _var = np.tile(var, (n,))
    _std = np.tile(std, (n,))
    r_bar = (np.sum(S / (_std * _std.T)) - n) / (n * (n - 1))
    F = r_bar * (_std * _std.T)
    F[np.eye(n) == 1] = var.reshape(-1)
    Xm = X - X.mean(axis=0)
    y = Xm ** 2
    pi_mat = np.dot(y.T, y) / t - 2 * np.dot(Xm.T, Xm) * S / t + S ** 2
    pi_hat = np.sum(pi_mat)
    term1 = np.dot((Xm ** 3).T, Xm) / t
    help_ = np.dot(Xm.T, Xm) / t
    help_diag = np.diag(help_)
    term2 = np.tile(help_diag, (n, 1)).T * S
    term3 = help_ * _var
    term4 = _var * S
    theta_mat = term1 - term2 - term3 + term4
    theta_mat[np.eye(n) == 1] = np.zeros(n)
    rho_hat = sum(np.diag(pi_mat)) + r_bar * np.sum(np.dot((1 / std), std.T) * theta_mat)
    gamma_hat = np.linalg.norm(S - F, "fro") ** 2
    kappa_hat = (pi_hat - rho_hat) / gamma_hat
    delta = max(0, min(1, kappa_hat / t))
    return delta * F + (1 - delta) * S, delta


def risk_model_rows(returns, assets):
    lw, lw_delta = sklearn_ledoit_wolf(np.nan_to_num(returns.values))
    cc, cc_delta = ledoit_wolf_constant_correlation(returns)
    drops = np.fmin(returns.values - 0.0, 0)
    semi = drops.T @ drops / drops.shape[0]
    n = len(assets)
    ewm = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            x, y = returns.iloc[:, i], returns.iloc[:, j]
            ewm[i, j] = ewm[j, i] = ((x - x.mean()) * (y - y.mean())).ewm(span=180).mean().iloc[-1]
    rows = [("shrinkage_ledoit_wolf", "", "", lw_delta), ("shrinkage_ledoit_wolf_cc", "", "", cc_delta)]
    for name, c in (("ledoit_wolf", lw), ("ledoit_wolf_cc", cc), ("semicovariance", semi), ("exp", ewm)):
        c = annualise_fix(c)
        rows += [("cov_" + name, a, b, c[i, j]) for i, a in enumerate(assets) for j, b in enumerate(assets)]
    return rows


SECTORS = {"tech": ["AAPL", "AMD", "AMZN", "BABA", "FB", "GOOG"], "finance": ["BAC", "JPM", "MA"],
           "energy": ["RRC", "XOM"]}
SECTOR_LIMITS = {"tech": (0.0, 0.2), "finance": (0.1, 0.3), "energy": (0.0, 0.1)}


def solve_twice(fun, n, lo, hi, budget, extra=(), cost=None):
    """min fun(w) over bounds, sum w = budget and extra constraints; with cost=(k, w_prev) also + k*|w - w_prev|_1
    through w = w_prev + p - q, p, q >= 0. Two starts must agree."""
    results = []
    for start in (np.full(n, budget / n if budget else 0.0), np.clip(np.linspace(0.0, 2.0 / n, n), lo, hi)):
        if cost is None:
            x0, bounds = start, [(lo, hi)] * n
            unpack = lambda z: z
            obj = fun
        else:
            k, prev = cost
            x0 = np.concatenate([np.clip(start - prev, 0, None), np.clip(prev - start, 0, None)])
            bounds = [(0, None)] * (2 * n)
            unpack = lambda z, prev=prev: prev + z[:n] - z[n:]
            obj = lambda z, k=k: fun(unpack(z)) + k * np.sum(z)
            extra_bounds = [{"type": "ineq", "fun": lambda z: unpack(z) - lo},
                            {"type": "ineq", "fun": lambda z: hi - unpack(z)}]
        cons = [{"type": "eq", "fun": lambda z: np.sum(unpack(z)) - budget}]
        cons += [{"type": c[0], "fun": (lambda z, f=c[1]: f(unpack(z)))} for c in extra]
        if cost is not None:
            cons += extra_bounds
        res = minimize(obj, x0, method="SLSQP", bounds=bounds, constraints=cons,
                       options={"ftol": 1e-15, "maxiter": 5000})
        if not res.success and res.status != 8:   # 8: no descent left at round-off, judged by the two starts
            raise SystemExit("SLSQP failed: " + res.message)
        results.append(unpack(res.x))
    assert np.max(np.abs(results[0] - results[1])) < 1e-7, (results[0] - results[1])
    return results[0]


def mvo_cases(m, S, assets):
    n = len(S)
    var = lambda w: w @ S @ w
    ret = lambda w: w @ m
    groups = []
    for g, (glo, ghi) in SECTOR_LIMITS.items():
        idx = np.array([a in SECTORS[g] for a in assets])
        groups += [("ineq", lambda w, idx=idx, glo=glo: w[idx].sum() - glo),
                   ("ineq", lambda w, idx=idx, ghi=ghi: ghi - w[idx].sum())]
    prev = np.full(n, 1.0 / n)
    cases = {
        "mqu_1": solve_twice(lambda w: -(ret(w) - 0.5 * var(w)), n, 0, 1, 1),
        "mqu_5": solve_twice(lambda w: -(ret(w) - 2.5 * var(w)), n, 0, 1, 1),
        "efficient_risk_025": solve_twice(lambda w: -ret(w), n, 0, 1, 1,
                                          [("ineq", lambda w: 0.25 ** 2 - var(w))]),
        "efficient_return_02": solve_twice(var, n, 0, 1, 1, [("ineq", lambda w: ret(w) - 0.2)]),
        "neutral_efficient_risk_015": solve_twice(lambda w: -ret(w), n, -1, 1, 0,
                                                  [("ineq", lambda w: 0.15 ** 2 - var(w))]),
        "neutral_efficient_return_01": solve_twice(var, n, -1, 1, 0, [("ineq", lambda w: ret(w) - 0.1)]),
        "neutral_mqu_5": solve_twice(lambda w: -(ret(w) - 2.5 * var(w)), n, -1, 1, 0),
        "l2_min_volatility": solve_twice(lambda w: var(w) + 0.1 * w @ w, n, 0, 1, 1),
        "cost_mqu_5": solve_twice(lambda w: -(ret(w) - 2.5 * var(w)), n, 0, 1, 1, cost=(0.01, prev)),
        "bounded_min_volatility": solve_twice(var, n, 0.02, 0.2, 1),
        "sector_efficient_return_02": solve_twice(var, n, 0, 1, 1, [("ineq", lambda w: ret(w) - 0.2)] + groups),
        "sector_mqu_5": solve_twice(lambda w: -(ret(w) - 2.5 * var(w)), n, 0, 1, 1, groups),
    }
    return cases


def risk_parity(S, b):
    """x_i (S x)_i = b_i in log x by scipy.optimize.root (hybr); weights x / sum x; checked to 1e-12."""
    from scipy.optimize import root
    sol = root(lambda z: np.exp(z) * (S @ np.exp(z)) - b, np.log(np.sqrt(b / np.diag(S))), method="hybr",
               options={"xtol": 1e-15})
    x = np.exp(sol.x)
    w = x / x.sum()
    rc = w * (S @ w) / np.sqrt(w @ S @ w)
    assert np.max(np.abs(rc / rc.sum() - b)) < 1e-12, np.max(np.abs(rc / rc.sum() - b))
    return w


if __name__ == "__main__":
    main()
