#!/usr/bin/python3
"""Independent golden values for com.optaic.engine.backtest.metrics.

Run from the repository root:  /usr/bin/python3 engine/src/test/resources/backtest/metrics/generate.py
Needs only numpy, pandas and scipy (Debian python3-numpy/-pandas/-scipy). Deterministic (fixed seed): writes,
beside this script,
  series.csv    case,date,returns,benchmark      two return series (empty = missing)
  weights.csv   date,<asset>...                  a weights panel of the 'main' case (empty = no position)
  trades.csv    pnl                              closed trades' PnL
  panel.csv     date,asset,signal,close          a signal panel (absent rows left out, empty = NaN)
  expected.csv  section,key1,key2,key3,value     values printed with repr (17 significant digits)

Performance sections: perf,<case>,<preset>|<rf>|<A>,<metric>. The three presets are written out here from
their libraries' source (empyrical 0.5.5, quantstats 0.0.62: neither is installed), with pandas/numpy:
  optaic      NaN dropped; CAGR (1+tot)^(A/n_observed)-1; rf per period (1+rf)^(1/A)-1; Sortino downside
              sqrt(sum(min(x,0)^2)/n); drawdown on [1, cumprod]; alpha mean(x-beta*y)*A; IR annualised
  empyrical   as empyrical: annual_return over len(returns)/A years; rf/A per period; alpha (1+mean)^A-1;
              excess_sharpe per period
  quantstats  as quantstats: fillna(0); cagr years = calendar days/A; max_drawdown on cumprod without the
              initial capital; greeks alpha (mean(r)-beta*mean(b))*A; information_ratio per period
Signal sections: ic|rank_ic|spread,<h>,<date>; q_mean,<h>,<quantile>; <series>_summary,<h>,<stat>, with IC
and rank IC from scipy.stats.pearsonr / spearmanr per date.
"""
import os

import numpy as np
import pandas as pd
import scipy.stats

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261126
QUANTILES = 5
HORIZONS = (1, 5, 10)


def series_cases(rng):
    dates = pd.bdate_range("2021-01-04", periods=300)
    r = np.round(rng.normal(0.0006, 0.012, 300), 6)
    r[40:60] = 0.0                                 # a flat stretch: no position
    r[[7, 99, 150]] = np.nan                       # missing periods
    r[230:] = np.round(-np.abs(rng.normal(0.004, 0.003, 70)), 6)   # a drawdown never recovered
    b = np.round(0.6 * np.nan_to_num(r) + rng.normal(0.0002, 0.008, 300), 6)
    b[[8, 151, 201]] = np.nan
    main = pd.DataFrame({"returns": r, "benchmark": b}, index=dates)

    dates2 = pd.bdate_range("2022-03-01", periods=120)
    r2 = np.round(rng.normal(0.001, 0.01, 120), 6)
    r2[0] = -0.22                                  # a first-period loss: only a prepended capital sees it
    r2[60:70] = -0.02                              # a drawdown that recovers later
    r2[70:] = np.abs(r2[70:]) + 0.003
    b2 = np.round(rng.normal(0.0005, 0.009, 120), 6)
    recovers = pd.DataFrame({"returns": r2, "benchmark": b2}, index=dates2)
    return {"main": main, "recovers": recovers}


def drawdown(wealth):
    peak_run = np.maximum.accumulate(wealth)
    under = wealth / peak_run - 1
    trough = int(np.argmin(under))
    depth = float(under[trough])
    if depth >= 0:
        return depth, 0, 0, -1, 0, 0
    peak = int(np.where(under[:trough] == 0)[0][-1])
    after = np.where(wealth[trough + 1:] >= wealth[peak])[0]
    recovery = int(trough + 1 + after[0]) if len(after) else -1
    length = (recovery if recovery >= 0 else len(wealth) - 1) - peak
    longest, start = 0, None
    for k, u in enumerate(under):
        if u < 0 and start is None:
            start = k - 1
        elif u == 0 and start is not None:
            longest, start = max(longest, k - start), None
    if start is not None:
        longest = max(longest, len(wealth) - 1 - start)
    return depth, peak, trough, recovery, length, longest


def performance(frame, preset, rf, periods):
    raw = frame["returns"]
    bench = frame["benchmark"]
    n_all = len(raw)
    if preset == "quantstats":
        r = raw.fillna(0.0)
    else:
        r = raw.dropna()
    total = float(np.prod(1 + r.values) - 1)
    if preset == "optaic":
        years = len(r) / periods
    elif preset == "empyrical":
        years = n_all / periods
    else:
        years = (raw.index[-1] - raw.index[0]).days / periods
    cagr = (abs(total + 1) if preset == "quantstats" else total + 1) ** (1 / years) - 1
    vol = r.std(ddof=1) * np.sqrt(periods)
    if preset == "empyrical":
        rfp = rf / periods
    elif preset == "quantstats" and not rf > 0:
        rfp = 0.0
    else:
        rfp = (1 + rf) ** (1 / periods) - 1
    x = r - rfp
    sharpe = x.mean() / x.std(ddof=1) * np.sqrt(periods)
    downside = np.sqrt((np.minimum(x, 0) ** 2).sum() / len(x))
    sortino = x.mean() / downside * np.sqrt(periods)
    growth = np.cumprod(1 + raw.fillna(0.0).values)
    wealth = growth if preset == "quantstats" else np.concatenate([[1.0], growth])
    depth, peak, trough, recovery, length, longest = drawdown(wealth)
    first = 0 if preset == "quantstats" else -1

    def date_code(k):   # the date of wealth point k as yyyymmdd, 0 when it is the initial capital or none
        i = k + first
        return 0 if k < 0 or i < 0 else int(raw.index[i].strftime("%Y%m%d"))

    calmar = cagr / abs(depth) if depth < 0 else np.nan
    nz = raw.dropna()
    nz = nz[nz != 0]
    hit = (nz > 0).sum() / len(nz)

    if preset == "quantstats":
        pr, pb = raw.fillna(0.0), bench.fillna(0.0)
    else:
        both = raw.notna() & bench.notna()
        pr, pb = raw[both], bench[both]
    cov = np.cov(pr.values, pb.values, ddof=1)
    beta = cov[0, 1] / cov[1, 1]
    active = pr - pb
    ir = active.mean() / active.std(ddof=1)
    if preset == "optaic":
        alpha = ((pr - rfp) - beta * (pb - rfp)).mean() * periods
        ir *= np.sqrt(periods)
    elif preset == "empyrical":
        alpha = (1 + ((pr - rfp) - beta * (pb - rfp)).mean()) ** periods - 1
    else:
        alpha = (pr.mean() - beta * pb.mean()) * periods
    return {
        "periods": n_all, "observed": int(raw.notna().sum()), "total_return": total, "cagr": cagr,
        "annual_volatility": vol, "sharpe": sharpe, "sortino": sortino, "max_drawdown": depth,
        "drawdown_peak": date_code(peak), "drawdown_trough": date_code(trough),
        "drawdown_recovery": date_code(recovery), "drawdown_length": length, "longest_drawdown": longest,
        "calmar": calmar, "hit_rate": hit, "beta": beta, "alpha": alpha, "information_ratio": ir,
    }


def signal_panel(rng):
    dates = pd.bdate_range("2023-01-02", periods=80)
    assets = ["S%02d" % i for i in range(15)]
    close = pd.DataFrame(100 * np.exp(np.cumsum(rng.normal(0.0003, 0.02, (80, 15)), axis=0)),
                         index=dates, columns=assets).round(4)
    future = close.shift(-5) / close - 1
    signal = (future + rng.normal(0, 0.03, (80, 15))).round(2)    # informative, rounded: ties
    signal.iloc[:, 3] = signal.iloc[:, 4]                           # a tied pair on every date
    signal.iloc[10:14, :] = 0.5                                     # constant cross-sections: no IC
    signal.iloc[rng.random((80, 15)) < 0.08] = np.nan               # no view
    present = pd.DataFrame(True, index=dates, columns=assets)
    present.iloc[:20, 0] = False                                    # listed late
    present.iloc[55:, 1] = False                                    # delisted
    present.iloc[30:33, 2] = False                                  # a gap
    present.iloc[rng.random((80, 15)) < 0.03] = False               # scattered absences
    present.iloc[:, 5] = present.iloc[:, 5] & (np.arange(80) % 2 == 0)  # a half-traded asset
    close[rng.random((80, 15)) < 0.03] = np.nan                     # a present row without a price
    present.iloc[70:, :] = False
    present.iloc[70:, 6:9] = True                                   # a thin tail: 3 assets only
    return dates, assets, signal.where(present), close.where(present), present


def signal_metrics(signal, close, present, h):
    fwd = close.shift(-h) / close - 1
    fwd = fwd.where(present & present.shift(-h, fill_value=False))
    ic, ric, spread = {}, {}, {}
    qsum, qdates = np.zeros(QUANTILES), np.zeros(QUANTILES)
    for d in signal.index:
        s, f = signal.loc[d], fwd.loc[d]
        ok = s.notna() & f.notna()
        s, f = s[ok], f[ok]
        n = len(s)
        if n >= 2 and s.nunique() > 1 and f.nunique() > 1:
            ic[d] = scipy.stats.pearsonr(s.values, f.values)[0]
            ric[d] = scipy.stats.spearmanr(s.values, f.values)[0]
        else:
            ic[d] = ric[d] = np.nan
        q = np.clip(np.ceil(s.rank(method="average") * QUANTILES / max(n, 1)), 1, QUANTILES)
        means = f.groupby(q).mean()
        for k, m in means.items():
            qsum[int(k) - 1] += m
            qdates[int(k) - 1] += 1
        spread[d] = means[QUANTILES] - means[1] if (QUANTILES in means.index and 1 in means.index) else np.nan
    qmean = np.where(qdates > 0, qsum / np.where(qdates > 0, qdates, 1), np.nan)
    return pd.Series(ic), pd.Series(ric), pd.Series(spread), qmean


def summary(series):
    s = series.dropna()
    mean, std = s.mean(), s.std(ddof=1)
    return {"count": len(s), "mean": mean, "std": std, "ratio": mean / std, "t_stat": mean / std * np.sqrt(len(s))}


def main():
    rng = np.random.RandomState(SEED)
    rows = []
    cases = series_cases(rng)
    with open(os.path.join(HERE, "series.csv"), "w") as f:
        f.write("case,date,returns,benchmark\n")
        for name, frame in cases.items():
            for d, row in frame.iterrows():
                f.write("%s,%s,%s,%s\n" % (name, d.date(), num(row["returns"]), num(row["benchmark"])))
    for name, frame in cases.items():
        for preset in ("optaic", "empyrical", "quantstats"):
            for rf, periods in ((0.0, 252), (0.03, 252), (0.03, 52)):
                key = "%s|%r|%d" % (preset, rf, periods)
                for metric, value in performance(frame, preset, rf, periods).items():
                    rows.append(("perf", name, key, metric, value))

    main_dates = cases["main"].index
    weights = pd.DataFrame(np.round(rng.uniform(-0.3, 0.3, (len(main_dates), 5)), 4), index=main_dates,
                           columns=["W%d" % i for i in range(5)])
    weights.iloc[0:3, :] = np.nan                  # no positions at first
    weights.iloc[rng.random(weights.shape) < 0.1] = np.nan
    weights.iloc[100:120, :] = weights.iloc[99, :].values   # held unchanged
    weights.to_csv(os.path.join(HERE, "weights.csv"), index_label="date", na_rep="")
    filled = weights.fillna(0.0)
    turnover = (filled - filled.shift(1).fillna(0.0)).abs().sum(axis=1) / 2
    for d, v in turnover.items():
        rows.append(("turnover", str(d.date()), "", "", v))
    rows.append(("turnover_mean", "", "", "", turnover.mean()))
    pnl = np.round(rng.normal(5, 40, 37), 2)
    pnl[[3, 17]] = 0.0
    pd.DataFrame({"pnl": pnl}).to_csv(os.path.join(HERE, "trades.csv"), index=False)
    rows.append(("trade_hit_rate", "", "", "", (pnl > 0).sum() / len(pnl)))

    dates, assets, signal, close, present = signal_panel(rng)
    with open(os.path.join(HERE, "panel.csv"), "w") as f:
        f.write("date,asset,signal,close\n")
        for d in dates:
            for a in assets:
                if present.loc[d, a]:
                    f.write("%s,%s,%s,%s\n" % (d.date(), a, num(signal.loc[d, a]), num(close.loc[d, a])))
    for h in HORIZONS:
        ic, ric, spread, qmean = signal_metrics(signal, close, present, h)
        for label, s in (("ic", ic), ("rank_ic", ric), ("spread", spread)):
            for d, v in s.items():
                rows.append((label, h, str(d.date()), "", v))
            for stat, v in summary(s).items():
                rows.append((label + "_summary", h, stat, "", v))
        for k, v in enumerate(qmean):
            rows.append(("q_mean", h, k + 1, "", v))

    with open(os.path.join(HERE, "expected.csv"), "w") as f:
        f.write("section,key1,key2,key3,value\n")
        for section, k1, k2, k3, v in rows:
            f.write("%s,%s,%s,%s,%s\n" % (section, k1, k2, k3, num(v)))


def num(v):
    v = float(v)
    return "" if np.isnan(v) else repr(v)


if __name__ == "__main__":
    main()
