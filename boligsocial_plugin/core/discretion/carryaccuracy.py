# SPDX-License-Identifier: GPL-2.0-or-later
"""What the carry rule (core.discretion.carry) costs in accuracy, for the log."""
from typing import Dict, List, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.indicators.definitions import Indicator


def accuracy(before: pd.DataFrame, after: pd.DataFrame, raw: pd.DataFrame,
             indicators: Sequence[Indicator]) -> Dict[str, List[float]]:
    """Mean absolute difference from the exact values of the published figures before and
    after the carry rule (cells published in both): counts (residents, numerators and
    denominators of shares and counts), shares (percentage points), means (relative, %)."""
    key = ["area_idx", "ref_date"]
    ex = raw.assign(ref_date=raw["ref_date"].astype(str)).set_index(key)
    b = before.assign(ref_date=before["ref_date"].astype(str)).set_index(key)
    a = after.assign(ref_date=after["ref_date"].astype(str)).set_index(key)
    ex = ex.reindex(b.index)
    counts = ["residents"] + [f"{i.code}_{x}" for i in indicators if i.kind != "mean"
                              for x in ("num", "den")]
    groups = {"counts": [(c, c) for c in counts],
              "shares_pp": [(f"{i.code}_val", i.code) for i in indicators if i.kind == "share"],
              "means_pct": [(f"{i.code}_val", i.code) for i in indicators if i.kind == "mean"]}
    out: Dict[str, List[float]] = {}
    for name, cols in groups.items():
        errs: List[List[np.ndarray]] = [[], []]
        for col, code in cols:
            if col == code:
                exact = ex[col].to_numpy(dtype=float)
            else:
                with np.errstate(invalid="ignore", divide="ignore"):
                    exact = ex[f"{code}_num"].to_numpy(dtype=float) / \
                        ex[f"{code}_den"].to_numpy(dtype=float)
                exact = exact * 100.0 if name == "shares_pp" else exact
            both = b[col].notna().to_numpy() & a[col].notna().to_numpy() & ~np.isnan(exact)
            for k, t in enumerate((b, a)):
                d = np.abs(t[col].to_numpy(dtype=float)[both] - exact[both])
                errs[k].append(d / np.abs(exact[both]) * 100.0 if name == "means_pct" else d)
        out[name] = [round(float(np.mean(np.concatenate(e))), 4) if e and
                     len(np.concatenate(e)) else 0.0 for e in errs]
    return out
