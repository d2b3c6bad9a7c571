#!/usr/bin/python3
"""Writes the drift fixtures (seeded samples) and their golden statistics, computed with numpy and scipy only.

Run from this directory with /usr/bin/python3 (Debian's numpy/scipy): it rewrites *_reference.csv,
*_current.csv and golden.json. The Java tests read both and compare with a relative tolerance of 1e-9.
Definitions (docs/models-and-monitoring.md): missing values dropped; 10 bins from the reference's quantiles
(numpy linear) with searchsorted side="right"; PSI with shares floored at 1e-4; scipy's jensenshannon
(natural log); ks_2samp (method auto); wasserstein_distance / max(std ddof 0, 0.001); out-of-range share;
method ks when the reference has at most 1000 values, else wasserstein.
"""
import json
import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance

BINS = 10


def stats(feature, ref_raw, cur_raw):
    ref = ref_raw[~np.isnan(ref_raw)]
    cur = cur_raw[~np.isnan(cur_raw)]
    edges = np.quantile(ref, np.arange(1, BINS) / BINS)
    p = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=BINS) / len(ref)
    q = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=BINS) / len(cur)
    pf, qf = np.maximum(p, 1e-4), np.maximum(q, 1e-4)
    psi = float(np.sum((qf - pf) * np.log(qf / pf)))
    js = float(jensenshannon(p, q))
    ks = ks_2samp(ref, cur)
    w = float(wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
    oor = float(np.mean((cur < ref.min()) | (cur > ref.max())))
    method = "ks" if len(ref) <= 1000 else "wasserstein"
    score = float(ks.pvalue) if method == "ks" else w
    threshold = 0.05 if method == "ks" else 0.1
    drift = score < threshold if method == "ks" else score >= threshold
    return {
        "feature": feature,
        "n_reference": int(len(ref)),
        "n_current": int(len(cur)),
        "null_share_reference": float(1 - len(ref) / len(ref_raw)),
        "null_share_current": float(1 - len(cur) / len(cur_raw)),
        "psi": psi,
        "js": js,
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "wasserstein": w,
        "out_of_range_share": oor,
        "method": method,
        "score": score,
        "threshold": threshold,
        "drift": bool(drift),
    }


def with_nans(rng, x, share):
    x = x.copy()
    x[rng.random(len(x)) < share] = np.nan
    return x


def write_column(path, x):
    with open(path, "w") as f:
        f.write("value\n")
        for v in x:
            f.write("" if np.isnan(v) else repr(float(v)))
            f.write("\n")


def cases(rng):
    # ties and NaNs, unequal small sizes: exact p-value by the inside method
    yield "ties_small", with_nans(rng, np.round(rng.normal(0, 1, 300), 1), 0.1), with_nans(
        rng, np.round(rng.normal(0.3, 1, 250), 1), 0.05)
    # equal sizes: exact p-value by the outside-square sum
    yield "equal_sizes", rng.normal(0, 1, 500), rng.normal(0.1, 1, 500)
    # the 1,000 rule, both sides
    yield "ks_at_1000", rng.normal(0, 1, 1000), rng.normal(0, 1.3, 800)
    yield "wasserstein_at_1001", rng.normal(0, 1, 1001), rng.normal(0, 1.3, 800)
    # wasserstein method, exact p-value, shifted mean
    yield "shifted_mean", rng.normal(0, 2, 5000), rng.normal(0.5, 2, 3000)
    # more than 10,000 values: asymptotic p-value, same distribution (Durbin matrix / Pelz-Good) and drifted
    yield "large_same", rng.normal(0, 1, 12000), rng.normal(0, 1, 11000)
    yield "large_shifted", rng.normal(0, 1, 12000), rng.normal(0.04, 1, 11000)
    yield "large_far", rng.normal(0, 1, 12000), rng.normal(1, 1, 11000)
    yield "large_moderate", rng.normal(0, 1, 12000), rng.normal(0.07, 1, 11000)
    base = rng.normal(0, 1, 12000)
    yield "large_near_copy", base, base[:10500] + 1e-6
    # asymptotic with a small current sample: n = round(n1 n2 / (n1 + n2)) <= 140
    yield "large_vs_small", rng.normal(0, 1, 10500), rng.normal(0.2, 1, 120)
    yield "large_vs_small_same", rng.normal(0, 1, 10500), rng.normal(0, 1, 120)
    # a new category value appears; heavy ties
    yield "category", rng.integers(0, 3, 900).astype(float), np.concatenate(
        [rng.integers(0, 3, 600), np.full(200, 3)]).astype(float)
    # a constant reference: all edges equal, std floored at 0.001
    yield "constant", np.full(400, 2.5), np.concatenate([np.full(300, 2.5), rng.normal(2.5, 0.01, 100)])
    # widened variance
    yield "widened", rng.normal(0, 1, 2000), rng.normal(0, 2, 2000)


def write_table(rng):
    """A panel pair for the command line: a shifted, b unchanged, sector text (skipped), e widened with NaNs."""
    def panel(path, dates, assets, columns):
        with open(path, "w") as f:
            f.write("date,asset," + ",".join(columns) + "\n")
            i = 0
            for d in dates:
                for a in assets:
                    cells = []
                    for c in columns:
                        v = columns[c][i]
                        cells.append(v if isinstance(v, str) else ("" if np.isnan(v) else repr(float(v))))
                    f.write(d + "," + a + "," + ",".join(cells) + "\n")
                    i += 1
    assets = ["A%03d" % k for k in range(40)]
    ref_dates = ["2024-01-%02d" % d for d in range(1, 31)]
    cur_dates = ["2024-03-%02d" % d for d in range(1, 21)]
    nr, nc = len(ref_dates) * len(assets), len(cur_dates) * len(assets)
    sectors = ["tech", "energy", "health"]
    ref = {"a": np.round(rng.normal(0, 1, nr), 6), "b": np.round(rng.normal(5, 2, nr), 6),
           "sector": [sectors[k % 3] for k in range(nr)],
           "e": np.round(with_nans(rng, rng.normal(0, 1, nr), 0.1), 6)}
    cur = {"a": np.round(rng.normal(0.5, 1, nc), 6), "b": np.round(rng.normal(5, 2, nc), 6),
           "sector": [sectors[k % 3] for k in range(nc)],
           "e": np.round(with_nans(rng, rng.normal(0, 2, nc), 0.2), 6)}
    panel("table_reference.csv", ref_dates, assets, ref)
    panel("table_current.csv", cur_dates, assets, cur)
    features = [stats(name, ref[name], cur[name]) for name in ("a", "b", "e")]
    drifted = sum(f["drift"] for f in features)
    report = {"features": features, "n_features": 3, "n_drifted": drifted, "share_drifted": drifted / 3,
              "dataset_drift": drifted / 3 >= 0.5}
    with open("table_expected.json", "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")


def main():
    rng = np.random.default_rng(20261208)
    golden = {"numpy": np.__version__, "scipy": scipy.__version__, "bins": BINS, "cases": []}
    for name, ref, cur in cases(rng):
        # six decimals keep the fixtures small; the statistics are computed from the values as written
        ref, cur = np.round(ref, 6), np.round(cur, 6)
        write_column(name + "_reference.csv", ref)
        write_column(name + "_current.csv", cur)
        golden["cases"].append(stats(name, ref, cur))
    write_table(rng)
    with open("golden.json", "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
