# SPDX-License-Identifier: GPL-2.0-or-later
"""How many persons would have to change status for a criterion to flip."""
import numpy as np

from boligsocial_plugin.core.criteria.rules import Criterion


def flip_amounts(crit: Criterion, n: np.ndarray, alpha: np.ndarray, beta: np.ndarray,
                 lo: float = 0.0, hi=np.inf) -> np.ndarray:
    """Smallest whole change of n (value = alpha + beta*n) that flips met; NaN if impossible.

    ``n`` is the assessed year's numerator (or the mean for income), ``lo``/``hi`` its bounds.
    """
    n, alpha, beta = (np.asarray(x, dtype=float) for x in (n, alpha, beta))
    hi = np.broadcast_to(np.asarray(hi, dtype=float), n.shape)
    out = np.full(n.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = ~(np.isnan(n) | np.isnan(alpha) | np.isnan(beta)) & (beta > 0)
        cur = crit.met(alpha + beta * n)
        up = (crit.op in (">", ">=")) != (cur > 0.5)
        sign = np.where(up, 1.0, -1.0)
        dist = np.abs((crit.threshold - alpha) / beta - n)
        start = np.maximum(1.0, np.floor(np.where(ok, dist, 1.0)))
        # the answer is floor(dist) or floor(dist) + 1; a few more guard against rounding
        for k in (-1.0, 0.0, 1.0, 2.0, 3.0):
            d = start + k
            new = n + sign * d
            flips = ok & (d >= 1) & np.isnan(out) & (crit.met(alpha + beta * new) != cur)
            out = np.where(flips, d, out)
        new = n + sign * out
        out = np.where((new < lo - 1e-9) | (new > hi + 1e-9), np.nan, out)
    return out


def persons_column(key: str, list_code: str) -> str:
    """Name of the flip-amount column (``income_dkk_L`` for income)."""
    return f"income_dkk_{list_code}" if key == "income" else f"{key}_persons_{list_code}"
