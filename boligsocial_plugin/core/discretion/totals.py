# SPDX-License-Identifier: GPL-2.0-or-later
"""Totals of groups of counted units (merged regions) when there are no persons behind them.

``mergesmallareas`` with a residents field: a region's population is the sum of its member
areas' counts, which come from elsewhere (an indicator layer, a Statistics Denmark table) and
are taken as published, except counts below ``MIN_COUNT``, which a publisher hides. A region
total is a cell like any other: it is not published when it is small, and not when, with its
members' counts, it would give a hidden member's count (the region minus its published members)
or narrow it below the protection width. Withheld totals (regions below the minimum) are not
published; they are protected only where small. With perturbation, the published totals carry
cell-key noise keyed on the member ids and the secret of ``perturbation`` (an HMAC: nobody
without the secret can recompute the noise), so the same region always gets the same value.
"""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.intervals import secure_suppression
from boligsocial_plugin.core.discretion.perturbation import (
    OFF,
    Perturbation,
    perturb_counts,
    table_cell_keys,
)
from boligsocial_plugin.core.discretion.rules import AREA, PRIMARY, PUBLISHED, SECONDARY, Rules


def protect_group_totals(values: Sequence[float], group: Sequence[int], n_groups: int,
                         rules: Rules, *, withhold: Optional[Sequence[bool]] = None,
                         member_ids: Optional[Sequence[str]] = None,
                         width: Optional[float] = None,
                         perturbation: Perturbation = OFF
                         ) -> Tuple[np.ndarray, np.ndarray, Dict[str, object]]:
    """(published totals (NaN hidden), flags ('', P, S, A), report) of the groups.

    ``values``: each member's count; ``group``: each member's group (-1 none).
    """
    v = np.asarray(values, dtype=float)
    g = np.asarray(group, dtype=np.int64)
    n = len(v)
    k = int(n_groups)
    wh = np.zeros(k, bool) if withhold is None else np.asarray(withhold, dtype=bool)
    tot = np.bincount(g[g >= 0], weights=v[g >= 0], minlength=k).astype(float)
    wid = float(rules.min_count if width is None else width)
    # cells: members 0..n-1, totals n..n+k-1
    vals = np.concatenate([v, tot])
    small_m = (v > 0) & (v < rules.min_count)
    small_t = (tot > 0) & (tot < rules.min_count)
    hidden = np.concatenate([small_m, small_t | wh])
    protect = np.concatenate([small_m, small_t])
    candidate = np.concatenate([np.zeros(n, bool), np.ones(k, bool)])
    rel = Relations(n + k)
    inside = np.nonzero(g >= 0)[0]
    cells = np.concatenate([inside, n + np.arange(k)])
    grp = np.concatenate([g[inside], np.arange(k)])
    coefs = np.concatenate([np.ones(len(inside)), -np.ones(k)])
    rel.add_sums(cells, grp, coefs)
    sup, iv = secure_suppression(rel, vals, hidden, protect, wid, candidate=candidate,
                                 allow_unprotectable=True)
    hid = sup.hidden[n:]
    flags = np.full(k, PUBLISHED, dtype=object)
    flags[hid] = SECONDARY
    flags[small_t] = PRIMARY
    flags[wh] = AREA
    out = np.where(hid, np.nan, tot)
    changes = np.zeros(0)
    if perturbation.enabled:
        ids = np.arange(n).astype(str) if member_ids is None else \
            np.asarray([str(x) for x in member_ids], dtype=object)
        inside_sorted = inside[np.argsort(g[inside], kind="stable")]
        cuts = np.searchsorted(g[inside_sorted], np.arange(k + 1))
        labels = ["\x1f".join(sorted(ids[inside_sorted[cuts[r]:cuts[r + 1]]].tolist()))
                  for r in range(k)]
        noisy = perturb_counts(out, table_cell_keys(labels, perturbation.secret),
                               rules.min_count, perturbation)
        changes = np.abs(noisy - out)[~np.isnan(out)]
        out = noisy
    report: Dict[str, object] = {
        "primary": int((flags == PRIMARY).sum()), "secondary": int((flags == SECONDARY).sum()),
        "withheld": int(wh.sum()),
        "audit": "passed" if (sup.audit.passed and iv.passed) else "failed",
        "interval_audit": {"protection_width": wid, "checked": iv.checked},
        "perturbation": perturbation.describe(),
        "mean_abs_change": round(float(changes.mean()), 4) if len(changes) else 0.0,
        "unprotectable": int(len(iv.unprotectable)),
    }
    return out, flags, report
