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
    for name, w in (("hrp", hrp.reindex(assets).values), ("min_volatility", w_mv), ("max_sharpe", w_ms)):
        for a, x in zip(assets, w):
            rows.append((name, a, "", x))
        ret = float(w @ m)
        vol = float(np.sqrt(w @ S @ w))
        rows += [("perf_" + name, "ret", "", ret), ("perf_" + name, "vol", "", vol),
                 ("perf_" + name, "sharpe", "", (ret - RF) / vol)]
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


if __name__ == "__main__":
    main()
