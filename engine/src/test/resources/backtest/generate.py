#!/usr/bin/python3
"""Independent golden values for com.optaic.engine.backtest (the simulator's documented rules, in pandas).

Run from the repository root:  /usr/bin/python3 engine/src/test/resources/backtest/generate.py
Needs only numpy and pandas (Debian's python3-numpy/-pandas). Writes beside it:

  panel.csv     the small nasty panel (long: date,asset,open,close,vwap,volume,signal,weights): a halted asset
                (rows missing), a delisting mid-position, a late listing, zero-volume days, a missing close,
                NaN signals, a date with no signal at all, tied signals (rounded to one decimal)
  expected.csv  rows scenario,section,index,field,value (values to 17 significant digits):
                config,<key>,,<value as text>      the scenario's settings (the Java test parses the same map)
                series,<row>,equity|net_return|gross_return|cost|turnover
                shares,<row>,<asset>               shares held after each close
                fill,<i>,row|asset|reason|requested|shares|price|commission|fixed|spread|impact
                trade,<i>,asset|direction|entry_row|exit_row|gross_pnl|costs|borrow|net_pnl|ret|open
                drawdown,<i>,peak_row|trough_row|recovery_row|depth|length
                summary,,total_return|cagr|annual_volatility|sharpe|max_drawdown|annual_turnover

The rules (see Simulator, TargetWeights, CostModel, Constraints, Rebalance): written here from their
documentation, not from the Java code.
"""
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = ["A%d" % i for i in range(10)]
DAYS = 70
MIN_ORDER = 1e-9
BARS_PER_YEAR = 252

SCENARIOS = {
    "s1_topbottom_costs": dict(rule="top_bottom", n="2", side="long_short", commission_bps="5",
                               fixed_per_order="1", half_spread_bps="3", impact_k="0.02", impact_exponent="0.5",
                               participation_cap="0.05", borrow_bps="50"),
    "s2_quantiles_weekly_open": dict(rule="quantiles", quantiles="3", side="dollar_neutral", rebalance="weekly",
                                     rebalance_day="first", fill_price="next_open", commission_bps="2",
                                     borrow_bps="100"),
    "s3_proportional_monthly_vwap": dict(rule="proportional", side="long_only", rebalance="monthly",
                                         rebalance_day="last", fill_price="vwap", signal_lag="2",
                                         max_weight="0.3", half_spread_bps="5"),
    "s4_weights_on_change": dict(rule="weights", rebalance="on_change", max_gross="0.8", max_net="0.2",
                                 max_turnover="0.3", fixed_per_order="5", borrow_bps="30"),
    "s5_dollar_neutral_names": dict(rule="proportional", side="dollar_neutral", fill_price="next_open",
                                    max_names="4", commission_bps="1"),
    "s6_same_bar_capped": dict(rule="top_bottom", n="3", side="long_only", rebalance="weekly", rebalance_day="last",
                               signal_lag="0", allow_same_bar="true", participation_cap="0.02", impact_k="0.2",
                               impact_exponent="0.6", initial_capital="5000000"),
    "s7_long_short_lag3": dict(rule="proportional", side="long_short", signal_lag="3", fill_price="vwap",
                               max_net="0.1", borrow_bps="200"),
}

DEFAULTS = dict(rule="top_bottom", n="10", quantiles="5", side="long_short", signal_lag="1",
                fill_price="next_close", allow_same_bar="false", rebalance="daily", rebalance_day="first",
                commission_bps="0", fixed_per_order="0", half_spread_bps="0", impact_k="0", impact_exponent="0.5",
                participation_cap="none", borrow_bps="0", max_weight="none", max_gross="none", max_net="none",
                max_names="none", max_turnover="none", initial_capital="1000000")


def make_panel():
    rng = np.random.default_rng(20261126)
    dates = pd.bdate_range("2024-01-24", periods=DAYS)
    rows = []
    # prices: a random walk per asset
    closes = 50 + 100 * rng.random(len(ASSETS))
    path = {}
    for i, a in enumerate(ASSETS):
        r = rng.normal(0.0005, 0.02, DAYS)
        c = closes[i] * np.exp(np.cumsum(r))
        o = np.concatenate([[closes[i]], c[:-1]]) * (1 + rng.normal(0, 0.005, DAYS))
        v = np.minimum(np.maximum(o, c) * 1.005, np.maximum(np.minimum(o, c) * 0.995, (o + c) / 2 + rng.normal(0, 0.1, DAYS)))
        vol = np.round(np.exp(rng.normal(9.5, 0.6, DAYS)))
        path[a] = (o, c, v, vol)
    weights = {}
    state = None
    for t in range(DAYS):
        if t % 7 == 0:
            state = np.round(rng.normal(0.05, 0.15, len(ASSETS)), 2)
            state[rng.random(len(ASSETS)) < 0.1] = np.nan
        weights[t] = state.copy()
    signal = np.round(rng.normal(0, 1, (DAYS, len(ASSETS))), 1)
    signal[rng.random((DAYS, len(ASSETS))) < 0.1] = np.nan
    signal[25, :] = np.nan                              # a date without any signal: no rebalance
    signal[12, [1, 4, 6]] = 0.7                          # ties, at the top
    signal[12, [0, 9]] = -1.5                            # and at the bottom
    for t, d in enumerate(dates):
        for i, a in enumerate(ASSETS):
            if a == "A3" and 20 <= t <= 24:
                continue                                 # halted: no rows
            if a == "A5" and t > 40:
                continue                                 # delisted after row 40
            if a == "A7" and t < 10:
                continue                                 # listed at row 10
            o, c, v, vol = (x[t] for x in path[a])
            if a == "A8" and 30 <= t <= 32:
                vol = 0.0                                # no volume: untradable under a participation cap
            if a == "A2" and t == 15:
                c = float("nan")                         # a row without a close: not priced that day
            rows.append((d.strftime("%Y-%m-%d"), a, o, c, v, vol, signal[t, i], weights[t][i]))
    return pd.DataFrame(rows, columns=["date", "asset", "open", "close", "vwap", "volume", "signal", "weights"])


def limit(value):
    return math.inf if value == "none" else float(value)


def schedule(dates, frequency, anchor):
    if frequency in ("daily", "on_change"):
        return np.ones(len(dates), dtype=bool)
    period = dates.to_period("W-SUN" if frequency == "weekly" else "M")
    p = np.asarray(period.astype(str))
    if anchor == "first":
        return np.concatenate([[True], p[1:] != p[:-1]])
    return np.concatenate([p[:-1] != p[1:], [True]])


def targets(sig_row, cfg):
    """Target weights from one date's signal (a Series over ASSETS), or None when no asset has a signal."""
    valid = sig_row.dropna()
    cnt = len(valid)
    if cnt == 0:
        return None
    raw = pd.Series(0.0, index=ASSETS)
    rule, side = cfg["rule"], cfg["side"]
    rank = valid.rank(method="first", ascending=False)      # 1 = highest, ties by asset order
    if rule == "top_bottom":
        n = int(cfg["n"])
        k = min(n, cnt) if side == "long_only" else min(n, cnt // 2)
        raw[rank[rank <= k].index] = 1.0
        if side != "long_only":
            raw[rank[rank > cnt - k].index] = -1.0
    elif rule == "quantiles":
        q = int(cfg["quantiles"])
        bucket = ((cnt - rank) * q // cnt).astype(int)
        raw[bucket[bucket == q - 1].index] = 1.0
        if side != "long_only":
            raw[bucket[bucket == 0].index] = -1.0
    elif rule == "proportional":
        raw[valid.index] = valid - (valid.mean() if side == "dollar_neutral" else 0.0)
    else:
        raw[valid.index] = valid
    if side == "long_only" and rule != "weights":
        raw = raw.clip(lower=0.0)
    max_names = cfg["max_names"]
    if max_names != "none":
        nonzero = raw[raw != 0]
        if len(nonzero) > int(max_names):
            order = nonzero.abs().rank(method="first", ascending=False)
            raw[order[order > int(max_names)].index] = 0.0
    if rule != "weights":
        longs, shorts = raw[raw > 0].sum(), -raw[raw < 0].sum()
        if side == "long_only":
            raw = raw / longs if longs > 0 else raw * 0.0
        elif side == "long_short":
            raw = raw / (longs + shorts) if longs + shorts > 0 else raw * 0.0
        else:
            if longs > 0 and shorts > 0:
                raw = raw.where(raw <= 0, 0.5 * raw / longs).where(raw >= 0, 0.5 * raw / shorts)
            else:
                raw = raw * 0.0
    w = raw.clip(-limit(cfg["max_weight"]), limit(cfg["max_weight"]))
    gross = w.abs().sum()
    if gross > limit(cfg["max_gross"]):
        w = w * (limit(cfg["max_gross"]) / gross)
    longs, shorts = w[w > 0].sum(), -w[w < 0].sum()
    net = longs - shorts
    cap = limit(cfg["max_net"])
    if abs(net) > cap:
        if net > 0:
            w = w.where(w <= 0, w * (cap + shorts) / longs)
        else:
            w = w.where(w >= 0, w * (cap + longs) / shorts)
    return w


def simulate(panel, cfg):
    dates = pd.DatetimeIndex(sorted(panel["date"].unique()))
    wide = {f: panel.pivot(index="date", columns="asset", values=f).reindex(index=dates.strftime("%Y-%m-%d"),
                                                                          columns=ASSETS)
            for f in ["open", "close", "vwap", "volume", cfg["signal_field"]]}
    close = wide["close"].to_numpy()
    fill = wide[{"next_open": "open", "next_close": "close", "vwap": "vwap"}[cfg["fill_price"]]].to_numpy()
    volume = wide["volume"].to_numpy()
    signal = wide[cfg["signal_field"]]
    T, n = close.shape
    priced = np.isfinite(close) & (close > 0)
    last_priced = np.array([np.nonzero(priced[:, a])[0].max() if priced[:, a].any() else -1 for a in range(n)])
    commission, fixed, spread = float(cfg["commission_bps"]), float(cfg["fixed_per_order"]), float(cfg["half_spread_bps"])
    k, p = float(cfg["impact_k"]), float(cfg["impact_exponent"])
    cap = limit(cfg["participation_cap"])
    need_volume = k > 0 or cap != math.inf
    borrow_rate = float(cfg["borrow_bps"]) * 1e-4 / BARS_PER_YEAR
    max_turnover = limit(cfg["max_turnover"])
    lag = int(cfg["signal_lag"])
    sched = schedule(dates, cfg["rebalance"], cfg["rebalance_day"])
    capital = float(cfg["initial_capital"])

    def tradable(s, a):
        return priced[s, a] and np.isfinite(fill[s, a]) and fill[s, a] > 0 and (not need_volume or volume[s, a] > 0)

    q = np.zeros(n)
    mark = np.full(n, np.nan)
    cash, prev_equity, prev_target = capital, capital, None
    series, shares_rows, fills, borrows = [], [], [], []
    for s in range(T):
        pre, cost, traded = prev_equity, 0.0, 0.0
        target = None
        if s >= lag and sched[s]:
            target = targets(signal.iloc[s - lag], cfg)
            if target is not None and cfg["rebalance"] == "on_change":
                same = prev_target is not None and np.array_equal(target.to_numpy(), prev_target)
                prev_target = target.to_numpy().copy()
                if same:
                    target = None
        if target is not None:
            price_now = np.array([fill[s, a] if tradable(s, a) else mark[a] for a in range(n)])
            pre = cash + sum(q[a] * price_now[a] for a in range(n) if q[a] != 0)
            if pre > 0:
                w = target.to_numpy().copy()
                current = np.array([q[a] * price_now[a] / pre if q[a] != 0 else 0.0 for a in range(n)])
                for a in range(n):
                    if not tradable(s, a):
                        w[a] = current[a]
                moved = np.abs(w - current).sum() / 2
                partial = max_turnover / moved if moved > max_turnover else 1.0
                for a in range(n):
                    if not tradable(s, a):
                        continue
                    price = fill[s, a]
                    goal = w[a] if partial == 1.0 else current[a] + (w[a] - current[a]) * partial
                    wanted = goal * pre / price - q[a]
                    closing = goal == 0 and q[a] != 0
                    if wanted == 0 or (not closing and abs(wanted) * price < MIN_ORDER * pre):
                        continue
                    filled, participation = wanted, float("nan")
                    if need_volume:
                        filled = math.copysign(min(abs(wanted), cap * volume[s, a]), wanted)
                        participation = abs(filled) / volume[s, a]
                    notional = abs(filled) * price
                    c = dict(commission=commission * 1e-4 * notional, fixed=fixed, spread=spread * 1e-4 * notional,
                             impact=k * participation ** p * notional if need_volume and k > 0 else 0.0)
                    cash -= filled * price + sum(c.values())
                    cost += sum(c.values())
                    traded += notional
                    fills.append(dict(row=s, asset=a, reason="REBALANCE", requested=wanted, shares=filled,
                                      price=price, before=q[a], **c))
                    q[a] = 0.0 if filled == -q[a] else q[a] + filled
        value, borrow = 0.0, 0.0
        for a in range(n):
            if priced[s, a]:
                mark[a] = close[s, a]
            if q[a] == 0:
                continue
            if last_priced[a] == s and s < T - 1:            # delisting: sold at the last close
                price = close[s, a]
                notional = abs(q[a]) * price
                c = dict(commission=commission * 1e-4 * notional, fixed=fixed, spread=spread * 1e-4 * notional,
                         impact=0.0)
                cash += q[a] * price - sum(c.values())
                cost += sum(c.values())
                traded += notional
                fills.append(dict(row=s, asset=a, reason="DELIST", requested=-q[a], shares=-q[a], price=price,
                                  before=q[a], **c))
                q[a] = 0.0
                continue
            if q[a] < 0 and borrow_rate > 0:
                fee = -q[a] * mark[a] * borrow_rate
                borrow += fee
                borrows.append((s, a, fee))
            value += q[a] * mark[a]
        cash -= borrow
        cost += borrow
        equity = cash + value
        series.append(dict(equity=equity, net_return=equity / prev_equity - 1,
                           gross_return=(equity + cost) / prev_equity - 1, cost=cost,
                           turnover=0.0 if traded == 0 else traded / (2 * pre)))
        shares_rows.append(q.copy())
        prev_equity = equity
    return pd.DataFrame(series), np.array(shares_rows), fills, borrows, mark, q


def round_trips(fills, borrows, mark, q_end, T):
    """Round trips rebuilt from the fill log and the borrow charges, in time order."""
    events = [(f["row"], 0, i, f) for i, f in enumerate(fills)] + [(s, 1, i, (a, fee)) for i, (s, a, fee) in enumerate(borrows)]
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    open_trips, done = {}, []

    def new(a, row):
        return dict(asset=a, entry_row=row, in_sh=0.0, in_val=0.0, flows=0.0, costs=0.0, borrow=0.0)

    def close_trip(tr, direction, row, held, m, is_open):
        gross = tr["flows"] + held * m
        net = gross - tr["costs"] - tr["borrow"]
        done.append(dict(asset=tr["asset"], direction=direction, entry_row=tr["entry_row"], exit_row=row,
                         gross_pnl=gross, costs=tr["costs"], borrow=tr["borrow"], net_pnl=net,
                         ret=net / tr["in_val"], open=1.0 if is_open else 0.0))

    for row, kind, _, e in events:
        if kind == 1:
            a, fee = e
            open_trips[a]["borrow"] += fee
            continue
        a, before, sh, price = e["asset"], e["before"], e["shares"], e["price"]
        cost = e["commission"] + e["fixed"] + e["spread"] + e["impact"]
        after = 0.0 if sh == -before else before + sh
        parts = [(sh, cost)]
        if before != 0 and after != 0 and np.sign(before) != np.sign(after):
            parts = [(-before, cost * abs(before) / abs(sh)), (sh + before, cost * (1 - abs(before) / abs(sh)))]
        pos = before
        for part, part_cost in parts:
            if pos == 0:
                open_trips[a] = new(a, row)
            tr = open_trips[a]
            nxt = 0.0 if part == -pos else pos + part
            if abs(nxt) > abs(pos):
                tr["in_sh"] += abs(part)
                tr["in_val"] += abs(part) * price
            tr["flows"] -= part * price
            tr["costs"] += part_cost
            if nxt == 0:
                close_trip(tr, 1 if pos > 0 else -1, row, 0.0, 0.0, False)
                del open_trips[a]
            pos = nxt
    for a, tr in sorted(open_trips.items()):
        close_trip(tr, 1 if q_end[a] > 0 else -1, T - 1, q_end[a], mark[a], True)
    return sorted(done, key=lambda d: (d["entry_row"], d["exit_row"], ASSETS[d["asset"]]))


def drawdowns(capital, equity):
    wealth = pd.Series(np.concatenate([[capital], equity]), index=np.arange(-1, len(equity)))
    peak = wealth.cummax()
    under = wealth < peak
    out = []
    episode = (under != under.shift(fill_value=False)).cumsum()[under]
    for _, rows in wealth[under].groupby(episode):
        start = rows.index[0]
        peak_row = start - 1
        trough_row = rows.idxmin()
        after = wealth.loc[rows.index[-1] + 1:] if rows.index[-1] + 1 <= wealth.index[-1] else pd.Series(dtype=float)
        recovered = len(after) > 0
        recovery_row = rows.index[-1] + 1 if recovered else -1
        length = (recovery_row if recovered else len(equity) - 1) - peak_row
        out.append(dict(peak_row=peak_row, trough_row=trough_row, recovery_row=recovery_row,
                        depth=wealth[trough_row] / wealth[peak_row] - 1, length=length))
    return out


def summary(capital, series):
    r = series["net_return"]
    wealth = np.concatenate([[capital], series["equity"].to_numpy()])
    years = len(r) / BARS_PER_YEAR
    dd = (wealth / np.maximum.accumulate(wealth) - 1).min()
    return dict(total_return=wealth[-1] / capital - 1, cagr=(wealth[-1] / capital) ** (1 / years) - 1,
                annual_volatility=r.std(ddof=1) * math.sqrt(BARS_PER_YEAR),
                sharpe=r.mean() / r.std(ddof=1) * math.sqrt(BARS_PER_YEAR), max_drawdown=dd,
                annual_turnover=series["turnover"].mean() * BARS_PER_YEAR)


def main():
    panel = make_panel()
    panel.to_csv(os.path.join(HERE, "panel.csv"), index=False, float_format="%.17g", na_rep="")
    panel = pd.read_csv(os.path.join(HERE, "panel.csv"))          # exactly the values the Java test reads
    out = []
    for name, overrides in SCENARIOS.items():
        cfg = dict(DEFAULTS, **overrides)
        for key, value in overrides.items():
            out.append((name, "config", key, "", value))
        cfg["signal_field"] = "weights" if cfg["rule"] == "weights" else "signal"
        series, shares, fills, borrows, mark, q_end = simulate(panel, cfg)
        for t, row in series.iterrows():
            for field, value in row.items():
                out.append((name, "series", t, field, value))
        for t in range(shares.shape[0]):
            for a in range(shares.shape[1]):
                out.append((name, "shares", t, ASSETS[a], shares[t, a]))
        for i, f in enumerate(fills):
            for field in ["row", "requested", "shares", "price", "commission", "fixed", "spread", "impact"]:
                out.append((name, "fill", i, field, f[field]))
            out.append((name, "fill", i, "asset", ASSETS[f["asset"]]))
            out.append((name, "fill", i, "reason", f["reason"]))
        for i, tr in enumerate(round_trips(fills, borrows, mark, q_end, len(series))):
            for field, value in tr.items():
                out.append((name, "trade", i, field, ASSETS[value] if field == "asset" else value))
        for i, d in enumerate(drawdowns(float(cfg["initial_capital"]), series["equity"].to_numpy())):
            for field, value in d.items():
                out.append((name, "drawdown", i, field, value))
        for field, value in summary(float(cfg["initial_capital"]), series).items():
            out.append((name, "summary", "", field, value))
        print("%-30s fills %4d  final equity %.2f" % (name, len(fills), series["equity"].iloc[-1]))
    with open(os.path.join(HERE, "expected.csv"), "w") as f:
        f.write("scenario,section,index,field,value\n")
        for name, section, index, field, value in out:
            text = value if isinstance(value, str) else repr(float(value)) if not float(value).is_integer() \
                else "%.17g" % value
            f.write("%s,%s,%s,%s,%s\n" % (name, section, index, field, text))


if __name__ == "__main__":
    main()
