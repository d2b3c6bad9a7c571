#!/usr/bin/python3
"""Golden reference generator for OptAIC expression operators.

Writes panel.csv, cases.tsv and expected.csv next to this script.
Deterministic: fixed seed, no wall clock; re-running gives byte-identical files
(with Debian python3 + numpy 1.24 / pandas 1.5.3 / scipy 1.10).

Everything is computed on calendar-aligned T x N float arrays (NaN for absent
rows) by a small independent parser/evaluator of the OptAIC expression language.
Reductions are done per window / per cross-section with numpy, two-pass.
"""
import math
import os
import re
import sys

import numpy as np
import pandas as pd
import scipy.stats

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240617
T = 260
ASSETS = ["A%02d" % (i + 1) for i in range(12)]
N = len(ASSETS)

# --------------------------------------------------------------------------
# Panel
# --------------------------------------------------------------------------


def make_panel():
    rng = np.random.default_rng(SEED)
    dates = [d.strftime("%Y-%m-%d") for d in pd.bdate_range("2020-01-01", periods=T)]
    X = np.full((T, N), np.nan)
    Y = np.full((T, N), np.nan)
    V = np.full((T, N), np.nan)
    G = np.full((T, N), np.nan)
    P = np.ones((T, N), dtype=bool)  # row present in panel.csv

    def rw(start, vol, dec, floor=None):
        s = start + np.cumsum(rng.normal(0.0, vol, T))
        if floor is not None:
            s = np.maximum(s, floor)
        return np.round(s, dec)

    def ints(lo, hi):
        return rng.integers(lo, hi + 1, T).astype(float)

    # A01 plain random walk ~100
    X[:, 0] = rw(100, 1.5, 2, 5.0); Y[:, 0] = rw(90, 1.5, 2, 5.0)
    # A02 small integers: many ties, equal max/min, x == y often
    X[:, 1] = ints(1, 10); Y[:, 1] = ints(1, 10)
    # A03 lists late (first row at t=60), one decimal
    X[:, 2] = rw(50, 1.0, 1, 2.0); Y[:, 2] = rw(60, 1.0, 1, 2.0)
    P[:60, 2] = False
    # A04 long exact-constant stretches (x 45 rows, y 40 rows)
    X[:, 3] = rw(80, 1.0, 1, 2.0); Y[:, 3] = rw(70, 1.0, 1, 2.0)
    X[80:125, 3] = 50.0; Y[100:140, 3] = 25.0
    # A05 delists early (last row t=190)
    X[:, 4] = rw(150, 2.0, 2, 5.0); Y[:, 4] = rw(140, 2.0, 2, 5.0)
    P[191:, 4] = False
    # A06 negatives and zeros (integers)
    X[:, 5] = ints(-5, 5); Y[:, 5] = ints(-3, 3)
    # A07 huge magnitude ~1e6
    X[:, 6] = np.round(1e6 + np.cumsum(rng.normal(0.0, 50.0, T)), 2); Y[:, 6] = rw(120, 1.0, 2, 5.0)
    # A08 tiny magnitude ~5e-3
    X[:, 7] = rw(0.005, 0.0002, 6, 1e-6); Y[:, 7] = np.round(rng.uniform(1, 200, T), 1)
    # A09 lists late (t=130), NaN-heavy
    X[:, 8] = rw(30, 0.8, 1, 1.0); Y[:, 8] = rw(35, 0.8, 1, 1.0)
    P[:130, 8] = False
    X[rng.random(T) < 0.10, 8] = np.nan
    # A10 one decimal in a narrow band 10.0..11.0 (ties)
    X[:, 9] = ints(100, 110) / 10.0; Y[:, 9] = ints(100, 110) / 10.0
    # A11 block of absent rows, a few exact zeros in x
    X[:, 10] = rw(120, 2.0, 2, 5.0); Y[:, 10] = rw(110, 2.0, 2, 5.0)
    P[150:155, 10] = False
    X[[30, 31, 200], 10] = 0.0
    # A12 delists (last row t=230), a stretch of NaN x on present rows
    X[:, 11] = rw(60, 1.0, 2, 2.0); Y[:, 11] = rw(65, 1.0, 2, 2.0)
    P[231:, 11] = False
    X[40:45, 11] = np.nan

    V[:, :] = np.round(np.exp(rng.normal(11.5, 0.7, (T, N))))
    base = np.arange(N) % 4
    G[:, :] = base[None, :]
    G[130:, 0] = 2.0          # A01 switches group 0 -> 2
    G[100:, 4] = 3.0          # A05 switches group 0 -> 3

    # random holes / NaNs
    P &= ~(rng.random((T, N)) < 0.01)
    X[rng.random((T, N)) < 0.015] = np.nan
    Y[rng.random((T, N)) < 0.02] = np.nan
    V[rng.random((T, N)) < 0.01] = np.nan
    G[rng.random((T, N)) < 0.03] = np.nan
    # forced: group 0 on t=110 holds only A01 and its x is NaN (empty group)
    P[110, 0] = True; X[110, 0] = np.nan; G[110, 0] = 0.0
    # keep the constant stretches intact (present, non-NaN)
    P[80:125, 3] = True; X[80:125, 3] = 50.0
    P[100:140, 3] = True; Y[100:140, 3] = 25.0
    # every date keeps at least one row
    assert P.any(axis=1).all()

    for A in (X, Y, V, G):
        A += 0.0  # no negative zeros
        A[~P] = np.nan
    return dates, P, {"x": X, "y": Y, "v": V, "g": G}


# --------------------------------------------------------------------------
# Parser  (precedence low->high: ?: || && comparisons +- */ unary- ^)
# --------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\s*(?:(\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)"
                      r"|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||<=|>=|==|!=|[-+*/^?:(),<>]))")


def tokenize(s):
    pos, out = 0, []
    s = s.rstrip()
    while pos < len(s):
        m = TOKEN_RE.match(s, pos)
        if not m:
            raise SyntaxError("bad token at %d in %r" % (pos, s))
        num, ident, op = m.groups()
        out.append(("num", float(num)) if num else ("id", ident) if ident else ("op", op))
        pos = m.end()
    return out


class Parser:
    def __init__(self, s):
        self.t = tokenize(s)
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None)

    def eat(self, op=None):
        tok = self.peek()
        if op is not None and tok != ("op", op):
            raise SyntaxError("expected %r got %r" % (op, tok))
        self.i += 1
        return tok

    def parse(self):
        e = self.ternary()
        if self.i != len(self.t):
            raise SyntaxError("trailing tokens")
        return e

    def ternary(self):
        c = self.binary(0)
        if self.peek() == ("op", "?"):
            self.eat()
            a = self.ternary()
            self.eat(":")
            b = self.ternary()
            return ("tern", c, a, b)
        return c

    LEVELS = [("||",), ("&&",), ("<", "<=", ">", ">=", "==", "!="), ("+", "-"), ("*", "/")]

    def binary(self, lvl):
        if lvl == len(self.LEVELS):
            return self.unary()
        left = self.binary(lvl + 1)
        while self.peek()[0] == "op" and self.peek()[1] in self.LEVELS[lvl]:
            op = self.eat()[1]
            left = ("bin", op, left, self.binary(lvl + 1))
        return left

    def unary(self):
        if self.peek() == ("op", "-"):
            self.eat()
            return ("neg", self.unary())
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek() == ("op", "^"):
            self.eat()
            return ("bin", "^", base, self.unary())  # right-assoc, binds tighter than unary minus
        return base

    def primary(self):
        kind, val = self.eat()
        if kind == "num":
            return ("num", val)
        if kind == "op" and val == "(":
            e = self.ternary()
            self.eat(")")
            return e
        if kind == "id":
            if self.peek() == ("op", "("):
                self.eat()
                args = []
                if self.peek() != ("op", ")"):
                    args.append(self.ternary())
                    while self.peek() == ("op", ","):
                        self.eat()
                        args.append(self.ternary())
                self.eat(")")
                return ("call", val, args)
            return ("field", val)
        raise SyntaxError("unexpected %r" % ((kind, val),))


# --------------------------------------------------------------------------
# Reference operators on T x N arrays
# --------------------------------------------------------------------------
NAN = float("nan")


def const_window(w):
    return w.max() == w.min()


def rolling(A, d, f):
    """Per asset, window of d calendar rows, any NaN -> NaN, first d-1 rows NaN."""
    out = np.full(A.shape, np.nan)
    for j in range(A.shape[1]):
        col = A[:, j]
        for t in range(d - 1, A.shape[0]):
            w = col[t - d + 1:t + 1]
            if np.isnan(w).any():
                continue
            out[t, j] = f(w)
    return out


def rolling2(A, B, d, f):
    out = np.full(A.shape, np.nan)
    for j in range(A.shape[1]):
        for t in range(d - 1, A.shape[0]):
            a = A[t - d + 1:t + 1, j]
            b = B[t - d + 1:t + 1, j]
            if np.isnan(a).any() or np.isnan(b).any():
                continue
            out[t, j] = f(a, b)
    return out


def shift(A, d):
    out = np.full(A.shape, np.nan)
    if d == 0:
        return A.copy()
    out[d:] = A[:-d]
    return out


def f_std(w):
    return NAN if len(w) < 2 else math.sqrt(np.sum((w - w.mean()) ** 2) / (len(w) - 1))


def f_var(w):
    return NAN if len(w) < 2 else np.sum((w - w.mean()) ** 2) / (len(w) - 1)


def f_skew(w):
    if len(w) < 3 or const_window(w):
        return NAN
    r = float(scipy.stats.skew(w, bias=False))
    assert math.isfinite(r)
    return r


def f_kurt(w):
    if len(w) < 4 or const_window(w):
        return NAN
    r = float(scipy.stats.kurtosis(w, fisher=True, bias=False))
    assert math.isfinite(r)
    return r


def ols(w):
    d = len(w)
    t = np.arange(1, d + 1, dtype=float)
    tm = t.mean()
    wm = w.mean()
    sxx = np.sum((t - tm) ** 2)
    sxy = np.sum((t - tm) * (w - wm))
    syy = np.sum((w - wm) ** 2)
    slope = sxy / sxx
    intercept = wm - slope * tm
    return slope, intercept, sxx, sxy, syy


def f_slope(w):
    return NAN if len(w) < 2 else ols(w)[0]


def f_rsq(w):
    if len(w) < 2 or const_window(w):
        return NAN
    _, _, sxx, sxy, syy = ols(w)
    return sxy * sxy / (sxx * syy)


def f_resi(w):
    if len(w) < 2:
        return NAN
    slope, intercept, _, _, _ = ols(w)
    return w[-1] - (intercept + slope * len(w))


def f_zscore(w):
    if len(w) < 2 or const_window(w):
        return NAN
    return (w[-1] - w.mean()) / f_std(w)


def f_decay(w):
    d = len(w)
    return np.sum(w * np.arange(1, d + 1, dtype=float)) / (d * (d + 1) / 2.0)


def f_corr(a, b):
    if len(a) < 2 or const_window(a) or const_window(b):
        return NAN
    da = a - a.mean()
    db = b - b.mean()
    return np.sum(da * db) / math.sqrt(np.sum(da * da) * np.sum(db * db))


def f_cov(a, b):
    if len(a) < 2:
        return NAN
    return np.sum((a - a.mean()) * (b - b.mean())) / (len(a) - 1)


def ts_count(A, d):
    out = np.full(A.shape, np.nan)
    ok = (~np.isnan(A)).astype(float)
    for t in range(d - 1, A.shape[0]):
        out[t] = ok[t - d + 1:t + 1].sum(axis=0)
    return out


def ema(A, n):
    out = np.empty(A.shape)
    for j in range(A.shape[1]):
        out[:, j] = pd.Series(A[:, j]).ewm(span=n, min_periods=n, adjust=True).mean().to_numpy()
    return out


def cross(A, f):
    out = np.full(A.shape, np.nan)
    for t in range(A.shape[0]):
        m = ~np.isnan(A[t])
        if m.any():
            out[t, m] = f(A[t, m])
    return out


def cs_rank(x):
    return pd.Series(x).rank(method="average", pct=True).to_numpy()


def cs_zscore(x):
    if len(x) < 2 or const_window(x):
        return np.full(len(x), np.nan)
    return (x - x.mean()) / f_std(x)


def cs_scale(k):
    def f(x):
        s = np.sum(np.abs(x))
        return np.full(len(x), np.nan) if s == 0 else k * x / s
    return f


def cs_winsor(k):
    def f(x):
        if len(x) < 2:
            raise AssertionError("winsorize with < 2 values not exercised")
        m, s = x.mean(), f_std(x)
        return np.clip(x, m - k * s, m + k * s)
    return f


def grouped(A, G, kind):
    out = np.full(A.shape, np.nan)
    for t in range(A.shape[0]):
        g = G[t]
        for k in np.unique(g[~np.isnan(g)]):
            rows = g == k
            m = rows & ~np.isnan(A[t])
            vals = A[t, m]
            if kind == "mean":
                out[t, rows] = vals.mean() if len(vals) else NAN
            elif kind == "sum":
                out[t, rows] = np.sum(vals) if len(vals) else 0.0
            elif kind == "count":
                out[t, rows] = float(len(vals))
            elif kind == "neutralize":
                if len(vals):
                    out[t, m] = vals - vals.mean()
            elif kind == "rank":
                if len(vals):
                    out[t, m] = cs_rank(vals)
            elif kind == "zscore":
                if len(vals):
                    out[t, m] = cs_zscore(vals)
    return out


def nan_if_any(res, *ins):
    res = np.array(res, dtype=float)
    for a in ins:
        res[np.isnan(a)] = np.nan
    return res


def truth(a):
    return a != 0


TS1 = {
    "TS_SUM": np.sum, "TS_MEAN": np.mean, "TS_STD": f_std, "TS_VAR": f_var,
    "TS_SKEW": f_skew, "TS_KURT": f_kurt, "TS_MIN": np.min, "TS_MAX": np.max,
    "TS_MEDIAN": np.median, "TS_PRODUCT": np.prod,
    "TS_ARGMAX": lambda w: float(np.argmax(w) + 1), "TS_ARGMIN": lambda w: float(np.argmin(w) + 1),
    "TS_RANK": lambda w: scipy.stats.rankdata(w)[-1] / len(w),
    "DECAY_LINEAR": f_decay, "TS_SLOPE": f_slope, "TS_RSQUARE": f_rsq, "TS_RESI": f_resi,
    "TS_MAD": lambda w: np.mean(np.abs(w - w.mean())), "TS_ZSCORE": f_zscore,
}


class Evaluator:
    def __init__(self, fields, present):
        self.fields = fields
        self.absent = ~present

    def literal(self, node):
        if node[0] == "num":
            return node[1]
        if node[0] == "neg" and node[1][0] == "num":
            return -node[1][1]
        raise ValueError("expected numeric literal, got %r" % (node,))

    def window(self, node):
        v = self.literal(node)
        assert v == int(v) and v >= 0
        return int(v)

    def series_input(self, A, op):
        # intermediate results fed to TS / cross-sectional / group ops must be NaN on
        # absent rows, otherwise the fixture would depend on an unspecified convention
        assert np.isnan(A[self.absent]).all(), "%s input non-NaN on an absent row" % op
        return A

    def ev(self, node):
        kind = node[0]
        if kind == "num":
            return np.full(self.absent.shape, node[1])
        if kind == "field":
            return self.fields[node[1]].copy()
        if kind == "neg":
            return -self.ev(node[1])
        if kind == "tern":
            return self.ifelse(self.ev(node[1]), self.ev(node[2]), self.ev(node[3]))
        if kind == "bin":
            return self.binop(node[1], self.ev(node[2]), self.ev(node[3]))
        if kind == "call":
            return self.call(node[1], node[2])
        raise ValueError(node)

    @staticmethod
    def ifelse(c, a, b):
        out = np.where(c != 0, a, b)
        out[np.isnan(c)] = np.nan
        return out

    @staticmethod
    def power(a, b):
        with np.errstate(all="ignore"):
            r = np.power(a, b)
        r[~np.isfinite(r)] = np.nan
        return nan_if_any(r, a, b)

    def binop(self, op, a, b):
        with np.errstate(all="ignore"):
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                r = a / b
                r[b == 0] = np.nan
                return r
            if op == "^":
                return self.power(a, b)
            if op in ("<", "<=", ">", ">=", "==", "!="):
                f = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
                     "==": np.equal, "!=": np.not_equal}[op]
                return nan_if_any(f(a, b).astype(float), a, b)
            if op == "&&":
                return nan_if_any((truth(a) & truth(b)).astype(float), a, b)
            if op == "||":
                return nan_if_any((truth(a) | truth(b)).astype(float), a, b)
        raise ValueError(op)

    def call(self, name, args):
        ev = self.ev
        if name in TS1:
            x = self.series_input(ev(args[0]), name)
            return rolling(x, self.window(args[1]), TS1[name])
        if name == "REF":
            return shift(self.series_input(ev(args[0]), name), self.window(args[1]))
        if name == "DELTA":
            x = self.series_input(ev(args[0]), name)
            return x - shift(x, self.window(args[1]))
        if name == "TS_QUANTILE":
            q = self.literal(args[2])
            return rolling(self.series_input(ev(args[0]), name), self.window(args[1]),
                           lambda w: np.quantile(w, q))
        if name == "TS_COUNT":
            return ts_count(self.series_input(ev(args[0]), name), self.window(args[1]))
        if name == "EMA":
            return ema(self.series_input(ev(args[0]), name), self.window(args[1]))
        if name in ("TS_CORR", "TS_COV"):
            a = self.series_input(ev(args[0]), name)
            b = self.series_input(ev(args[1]), name)
            return rolling2(a, b, self.window(args[2]), f_corr if name == "TS_CORR" else f_cov)
        if name == "RANK":
            return cross(self.series_input(ev(args[0]), name), cs_rank)
        if name == "ZSCORE":
            return cross(self.series_input(ev(args[0]), name), cs_zscore)
        if name == "DEMEAN":
            return cross(self.series_input(ev(args[0]), name), lambda x: x - x.mean())
        if name == "SCALE":
            k = self.literal(args[1]) if len(args) > 1 else 1.0
            return cross(self.series_input(ev(args[0]), name), cs_scale(k))
        if name == "WINSORIZE":
            k = self.literal(args[1]) if len(args) > 1 else 4.0
            return cross(self.series_input(ev(args[0]), name), cs_winsor(k))
        if name.startswith("GROUP_"):
            x = self.series_input(ev(args[0]), name)
            g = self.series_input(ev(args[1]), name)
            return grouped(x, g, name[6:].lower())
        with np.errstate(all="ignore"):
            if name == "ABS":
                return np.abs(ev(args[0]))
            if name == "SIGN":
                return np.sign(ev(args[0]))
            if name == "LOG":
                x = ev(args[0])
                r = np.log(x)
                r[x <= 0] = np.nan
                return r
            if name == "SQRT":
                x = ev(args[0])
                r = np.sqrt(x)
                r[x < 0] = np.nan
                return r
            if name == "POWER":
                return self.power(ev(args[0]), ev(args[1]))
            if name == "SIGNEDPOWER":
                x, e = ev(args[0]), ev(args[1])
                r = np.sign(x) * np.power(np.abs(x), e)
                r[~np.isfinite(r)] = np.nan
                return nan_if_any(r, x, e)
            if name == "INV":
                x = ev(args[0])
                r = 1.0 / x
                r[x == 0] = np.nan
                return r
            if name in ("MAX", "MIN"):
                a, b = ev(args[0]), ev(args[1])
                return nan_if_any(np.maximum(a, b) if name == "MAX" else np.minimum(a, b), a, b)
            if name == "NOT":
                x = ev(args[0])
                return nan_if_any((x == 0).astype(float), x)
            if name == "IF":
                return self.ifelse(ev(args[0]), ev(args[1]), ev(args[2]))
            if name == "IS_NAN":
                return np.isnan(ev(args[0])).astype(float)
            if name == "FILLNA":
                x, f = ev(args[0]), ev(args[1])
                return np.where(np.isnan(x), f, x)
        raise ValueError("unknown function " + name)


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------
CASES = [
    # fields & element-wise arithmetic
    "x", "y",
    "x + y", "x - y", "x * y", "x / y", "y / x", "1 / x", "x * v",
    "-x", "x - -y", "x + y * 2", "(x + y) * 2", "x - y - 1",
    "ABS(x)", "SIGN(x)", "LOG(x)", "SQRT(x)", "INV(x)",
    "POWER(x, 2)", "POWER(x, 0.5)", "POWER(x, -1)", "POWER(x, y / 50)",
    "x ^ 2", "SIGNEDPOWER(x, 0.5)", "SIGNEDPOWER(x, 2)",
    "MAX(x, y)", "MIN(x, y)",
    # comparisons / logic / conditionals
    "x < y", "x <= y", "x > y", "x >= y", "x == y", "x != y",
    "x > 50 && y < 100", "x > 50 || y < 100", "x && y", "x || y",
    "x > 10 && y > 10 || v > 100000",
    "NOT(x)", "NOT(x > y)", "IF(x > y, x, y)", "IF(x, y, -y)",
    "x > y ? 1 : x < y ? -1 : 0",
    "IS_NAN(x)", "FILLNA(x, 0)", "FILLNA(x / y, 0)", "IF(IS_NAN(x), y, x)",
    # time series
    "REF(x, 0)", "REF(x, 1)", "REF(x, 20)",
    "DELTA(x, 1)", "DELTA(x, 5)",
    "TS_SUM(x, 1)", "TS_SUM(x, 5)", "TS_SUM(x, 20)",
    "TS_MEAN(x, 1)", "TS_MEAN(x, 5)", "TS_MEAN(x, 20)",
    "TS_STD(x, 1)", "TS_STD(x, 2)", "TS_STD(x, 5)", "TS_STD(x, 20)",
    "TS_VAR(x, 5)", "TS_VAR(x, 20)",
    "TS_SKEW(x, 2)", "TS_SKEW(x, 5)", "TS_SKEW(x, 20)",
    "TS_KURT(x, 3)", "TS_KURT(x, 5)", "TS_KURT(x, 20)",
    "TS_MIN(x, 5)", "TS_MIN(x, 20)",
    "TS_MAX(x, 5)", "TS_MAX(x, 20)",
    "TS_MEDIAN(x, 2)", "TS_MEDIAN(x, 5)", "TS_MEDIAN(x, 20)",
    "TS_QUANTILE(x, 5, 0.25)", "TS_QUANTILE(x, 5, 0.9)",
    "TS_QUANTILE(x, 20, 0.5)", "TS_QUANTILE(x, 20, 0.9)",
    "TS_COUNT(x, 5)", "TS_COUNT(x, 20)",
    "TS_PRODUCT(x, 5)", "TS_PRODUCT(x, 20)",
    "TS_ARGMAX(x, 5)", "TS_ARGMAX(x, 20)",
    "TS_ARGMIN(x, 5)", "TS_ARGMIN(x, 20)",
    "TS_RANK(x, 1)", "TS_RANK(x, 5)", "TS_RANK(x, 20)",
    "DECAY_LINEAR(x, 5)", "DECAY_LINEAR(x, 20)",
    "EMA(x, 3)", "EMA(x, 10)", "EMA(y, 10)",
    "TS_SLOPE(x, 1)", "TS_SLOPE(x, 5)", "TS_SLOPE(x, 20)",
    "TS_RSQUARE(x, 5)", "TS_RSQUARE(x, 20)",
    "TS_RESI(x, 5)", "TS_RESI(x, 20)",
    "TS_MAD(x, 5)", "TS_MAD(x, 20)",
    "TS_ZSCORE(x, 1)", "TS_ZSCORE(x, 5)", "TS_ZSCORE(x, 20)",
    "TS_CORR(x, y, 1)", "TS_CORR(x, y, 2)", "TS_CORR(x, y, 5)", "TS_CORR(x, y, 20)",
    "TS_COV(x, y, 5)", "TS_COV(x, y, 20)",
    # cross-sectional
    "RANK(x)", "RANK(y)", "ZSCORE(x)",
    "SCALE(x)", "SCALE(x, 3)", "WINSORIZE(x)", "WINSORIZE(x, 2)",
    "DEMEAN(x)",
    # group
    "GROUP_NEUTRALIZE(x, g)", "GROUP_RANK(x, g)", "GROUP_ZSCORE(x, g)",
    "GROUP_MEAN(x, g)", "GROUP_SUM(x, g)", "GROUP_COUNT(x, g)",
    "GROUP_NEUTRALIZE(DELTA(x, 5), g)",
    # composed
    "RANK(DELTA(x,5))", "TS_CORR(RANK(x), RANK(y), 10)", "ZSCORE(RANK(DELTA(x,5)))",
    "x/REF(x,20)-1", "(x-TS_MEAN(x,20))/TS_STD(x,20)", "-x^2", "2^3^2", "x > y ? x : -y",
    "RANK(x) * RANK(y)", "TS_RANK(DELTA(x, 1), 5)",
]


def fmt(v):
    if math.isnan(v):
        return ""
    assert math.isfinite(v), v
    v = float(v) + 0.0  # -0.0 -> 0.0
    return repr(v)


def main():
    dates, P, fields = make_panel()
    ti, ai = np.nonzero(P)  # row-major: sorted by date then asset

    with open(os.path.join(HERE, "panel.csv"), "w", newline="\n") as f:
        f.write("date,asset,x,y,v,g\n")
        for t, j in zip(ti, ai):
            g = fields["g"][t, j]
            f.write("%s,%s,%s,%s,%s,%s\n" % (dates[t], ASSETS[j], fmt(fields["x"][t, j]),
                    fmt(fields["y"][t, j]), fmt(fields["v"][t, j]), "" if math.isnan(g) else str(int(g))))

    ev = Evaluator(fields, P)
    assert len(set(CASES)) == len(CASES)
    ids = ["c%03d" % (i + 1) for i in range(len(CASES))]
    with open(os.path.join(HERE, "cases.tsv"), "w", newline="\n") as fc, \
            open(os.path.join(HERE, "expected.csv"), "w", newline="\n") as fe:
        fe.write("case_id,date,asset,value\n")
        for cid, expr in zip(ids, CASES):
            res = ev.ev(Parser(expr).parse())
            assert res.shape == (T, N)
            fc.write("%s\t%s\n" % (cid, expr))
            for t, j in zip(ti, ai):
                fe.write("%s,%s,%s,%s\n" % (cid, dates[t], ASSETS[j], fmt(res[t, j])))
            n_nan = int(np.isnan(res[P]).sum())
            print("%s %-40s present=%d nan=%d" % (cid, expr, P.sum(), n_nan), file=sys.stderr)


if __name__ == "__main__":
    main()
