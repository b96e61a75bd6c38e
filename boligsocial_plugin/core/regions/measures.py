# SPDX-License-Identifier: GPL-2.0-or-later
"""How alike regions are inside (mixing) and how many regions can exist (upper bound)."""
from typing import List, Optional, Sequence, Tuple, Union

import numpy as np

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def standardise_attributes(attributes: Union[np.ndarray, Sequence], n: int
                           ) -> Tuple[Optional[np.ndarray], int]:
    """Attribute columns standardised (mean 0, sd 1; missing = mean); constant ones dropped.

    Returns ``(x, missing)``: ``x`` is ``(n, d)`` or None when no column varies; ``missing``
    counts the values that were missing (NaN or None).
    """
    x = np.asarray(attributes, dtype=object)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[0] != n:
        raise BoligsocialError(tr("The homogeneity attribute needs one value per area."))
    try:
        x = np.asarray([[np.nan if v is None else float(v) for v in row] for row in x],
                       dtype=float).reshape(n, -1)
    except (TypeError, ValueError):
        raise BoligsocialError(tr("The homogeneity attribute must be numeric.")) from None
    missing = np.isnan(x)
    cols = []
    for c in range(x.shape[1]):
        col = x[:, c]
        ok = ~missing[:, c]
        if not ok.any():
            continue
        mean = float(col[ok].mean())
        col = np.where(ok, col, mean) - mean
        sd = float(np.sqrt(np.mean(col * col)))
        if sd > 1e-12 * max(1.0, abs(mean)):
            cols.append(col / sd)
    if not cols:
        return None, int(missing.sum())
    return np.column_stack(cols), int(missing.sum())


def mixing(region: Sequence[int], attributes: Union[np.ndarray, Sequence]) -> Optional[float]:
    """Within-region / total sum of squares of the (standardised) attribute; None if constant."""
    lab = np.asarray(region, dtype=np.int64)
    x, _ = standardise_attributes(attributes, len(lab))
    if x is None or len(lab) == 0:
        return None
    return within_ss(lab, x) / float(np.sum(x * x))


def within_ss(lab: np.ndarray, x: np.ndarray) -> float:
    """Within-region sum of squares of ``x`` (rows) for the labels ``lab`` (0..k-1)."""
    k = int(lab.max()) + 1
    cnt = np.bincount(lab, minlength=k).astype(float)
    s = np.zeros((k, x.shape[1]))
    np.add.at(s, lab, x)
    dev = x - (s / np.maximum(cnt, 1)[:, None])[lab]
    return float(np.sum(dev * dev))


def upper_bound(population: Sequence[float], component: Sequence[int], minimum: float) -> int:
    """The most regions reaching ``minimum`` a partition of the components can hold."""
    p = np.asarray(population, dtype=float)
    comp = np.asarray(component, dtype=np.int64)
    if p.size == 0:
        return 0
    k = int(comp.max()) + 1
    total = np.bincount(comp, weights=p, minlength=k)
    big = np.bincount(comp, weights=(p >= minimum).astype(float), minlength=k)
    small = np.bincount(comp, weights=np.where(p >= minimum, 0.0, p), minlength=k)
    eps = 1e-9
    bound = np.minimum(np.floor(total / minimum + eps), big + np.floor(small / minimum + eps))
    return int(bound.sum())


def dist2(xa: List[float], s: List[float], n: int) -> float:
    """Squared distance from ``xa`` to the mean ``s / n``."""
    t = 0.0
    for u, v in zip(xa, s):
        d = u - v / n
        t += d * d
    return t
