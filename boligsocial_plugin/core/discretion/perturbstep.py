# SPDX-License-Identifier: GPL-2.0-or-later
"""The perturbation step of a release: cell-key noise on the published cells.

Part of core.discretion.release; the noise itself is core.discretion.perturbation's.
"""
from typing import List

import numpy as np

from boligsocial_plugin.core.discretion.perturbation import (
    Perturbation,
    perturb_amounts,
    perturb_counts,
    perturb_fte,
)
from boligsocial_plugin.core.discretion.rules import Rules


def _perturb(raw, indicators, pub, col, rules: Rules, p: Perturbation,
             changes: List[np.ndarray]) -> np.ndarray:
    """Cell-key noise on the published cells (exact values decide everything else).

    Every cell's noise is keyed on its persons, its exact value and the row's population
    (``residents_ck``), so a change anywhere in the row gives every cell fresh noise.
    """
    out = pub.copy()
    if "residents_ck" not in raw.columns:
        return out
    row = raw["residents_ck"].to_numpy()
    res = perturb_counts(pub[:, 0], row, rules.min_count, p)
    changes.append(np.abs(res - pub[:, 0])[~np.isnan(pub[:, 0])])
    out[:, 0] = res
    for ind in indicators:
        c = col[ind.code]
        num, den = pub[:, c], pub[:, c + 1]
        ckn = raw[f"{ind.code}_ckn"].to_numpy()
        ckd = raw[f"{ind.code}_ckd"].to_numpy()
        d2 = perturb_counts(den, ckd, rules.min_count, p, row)
        changes.append(np.abs(d2 - den)[~np.isnan(den)])
        if ind.kind == "mean":
            scale = p.amount_share * raw[f"{ind.code}_top1"].to_numpy(dtype=float)
            n2 = perturb_amounts(num, ckn, scale, p, row)
        else:
            raw_num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
            fractional = bool(np.any(np.abs(raw_num - np.round(raw_num)) > 1e-9))
            if fractional:
                n2 = perturb_fte(num, ckn, p, row)
            else:
                n2 = perturb_counts(num, ckn, rules.min_count, p, row)
                changes.append(np.abs(n2 - num)[~np.isnan(num)])
            with np.errstate(invalid="ignore"):
                n2 = np.where(n2 > d2, d2, n2)
        out[:, c], out[:, c + 1] = n2, d2
    return out
