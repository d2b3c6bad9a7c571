#!/usr/bin/python3
"""Writes evaluation.csv (date, prediction, label) and evaluation-expected.json: the prediction metrics of
ModelEvaluation computed with numpy/scipy, independently of the Java code. Run: /usr/bin/python3 golden.py"""
import json

import numpy as np
import pandas as pd
from scipy.stats import pearsonr, spearmanr

rng = np.random.default_rng(7)
rows = []
for d in range(6):
    date = f"2020-01-{d + 1:02d}"
    n = 8 + d
    x = np.round(rng.normal(size=n), 3)
    y = np.round(0.5 * x + rng.normal(scale=0.5, size=n), 3)
    if d == 2:
        x[1] = x[2]  # a tie in the predictions: average ranks
    if d == 5:
        x[:] = 0.25  # a constant prediction: no IC that date
    rows += [(date, float(a), float(b)) for a, b in zip(x, y)]
rows.append(("2020-01-07", 0.1, 0.2))  # a date of one row: no IC
df = pd.DataFrame(rows, columns=["date", "prediction", "label"])
df.to_csv("evaluation.csv", index=False, float_format="%.3f")
df = pd.read_csv("evaluation.csv")

ic, ric = {}, {}
for date, g in df.groupby("date"):
    if len(g) < 2 or g.prediction.std() == 0 or g.label.std() == 0:
        continue
    ic[date] = pearsonr(g.prediction, g.label)[0]
    ric[date] = spearmanr(g.prediction, g.label)[0]
ics, rics = np.array(list(ic.values())), np.array(list(ric.values()))
err = df.label - df.prediction
expected = {
    "ic": ic,
    "rank_ic": ric,
    "ic_mean": ics.mean(),
    "ic_ir": ics.mean() / ics.std(ddof=1),
    "rank_ic_mean": rics.mean(),
    "rank_ic_ir": rics.mean() / rics.std(ddof=1),
    "mse": float((err**2).mean()),
    "r2": float(1 - (err**2).sum() / ((df.label - df.label.mean()) ** 2).sum()),
    "rows": len(df),
}
with open("evaluation-expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
