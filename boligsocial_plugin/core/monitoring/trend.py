# SPDX-License-Identifier: GPL-2.0-or-later
"""Linear trends per row (area) of a values × dates table with gaps, vectorised.

Ordinary least squares of the value on the date in fractional years over the points of a window
that are present (published); irregular spacing is handled by using the real dates. A trend
needs at least ``min_points`` points spanning at least ``min_span`` years, else it is NaN.
"""
from dataclasses import dataclass

import numpy as np

MIN_POINTS = 2
MIN_SPAN_YEARS = 0.25


@dataclass
class Trend:
    """Slope per year and the fitted value at ``t_ref`` per row; NaN where no trend."""

    slope: np.ndarray
    level: np.ndarray
    t_ref: float
    points: np.ndarray
    span: np.ndarray

    def at(self, t: float) -> np.ndarray:
        """The trend line's value at fractional year ``t``."""
        return self.level + self.slope * (float(t) - self.t_ref)

    @property
    def valid(self) -> np.ndarray:
        """Rows with a trend."""
        return ~np.isnan(self.slope)


def fit(t: np.ndarray, values: np.ndarray, t_from: float, t_to: float, t_ref: float,
        min_points: int = MIN_POINTS, min_span: float = MIN_SPAN_YEARS) -> Trend:
    """Trends of ``values`` (rows × len(t), NaN = absent) over the dates in [t_from, t_to]."""
    t = np.asarray(t, dtype=float)
    y = np.atleast_2d(np.asarray(values, dtype=float))
    inside = (t >= t_from - 1e-9) & (t <= t_to + 1e-9)
    mask = ~np.isnan(y) & inside[None, :]
    w = mask.astype(float)
    n = w.sum(axis=1)
    tt = np.broadcast_to(t, y.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        tm = (w * tt).sum(axis=1) / n
        ym = np.where(mask, y, 0.0).sum(axis=1) / n
        dt = np.where(mask, tt - tm[:, None], 0.0)
        sxx = (dt * dt).sum(axis=1)
        sxy = (dt * np.where(mask, y - ym[:, None], 0.0)).sum(axis=1)
        slope = sxy / sxx
        lo = np.where(mask, tt, np.inf).min(axis=1)
        hi = np.where(mask, tt, -np.inf).max(axis=1)
    span = np.where(n > 0, hi - lo, 0.0)
    ok = (n >= min_points) & (span >= min_span - 1e-9) & (sxx > 0)
    slope = np.where(ok, slope, np.nan)
    level = np.where(ok, ym + slope * (t_ref - tm), np.nan)
    return Trend(slope, level, float(t_ref), n.astype(int), span)
