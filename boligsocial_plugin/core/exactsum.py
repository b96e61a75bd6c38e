# SPDX-License-Identifier: GPL-2.0-or-later
"""Sums per group that do not depend on the order of the rows: exact, then rounded once.

A floating-point sum depends on the order of its terms (0.1 + 0.2 + 0.3 ≠ 0.3 + 0.2 + 0.1 in
the last bit), so a file and a database, which deliver the same persons in different orders,
would publish numbers that differ in the 16th digit, and a threshold such as "an FTE sum
below 5" could flip. Here every value is split into its integer part and its fraction in
units of 2⁻⁶² (``rint((v − trunc(v)) · 2⁶²)``, the same IEEE operations PostgreSQL performs,
core.sqlgen), both are summed as integers, and the total is rounded once to the nearest
double. Values with finer fractions than 2⁻⁶² are rounded to that grid first, identically in
both places.
"""
from typing import Tuple

import numpy as np

FRAC_BITS = 62
_SCALE = float(2 ** FRAC_BITS)
_LIMB = 21  # bits per limb: float bincounts of limbs stay exact up to 2^32 rows per group


def split(v: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(integer part, fraction in units of 2^-62) of each value, as int64."""
    v = np.asarray(v, dtype=float)
    ip = np.trunc(v)
    fp = np.rint((v - ip) * _SCALE)
    return ip.astype(np.int64), fp.astype(np.int64)


def _int_sums(g: np.ndarray, x: np.ndarray, size: int) -> list:
    """Exact int64 sums per group as Python ints (21-bit limbs summed as exact floats)."""
    out = [0] * size
    if not len(x):
        return out
    u = x.astype(np.int64)
    shift = 0
    parts = []
    for _ in range(3):
        limb = (u >> np.int64(shift)) & np.int64((1 << _LIMB) - 1) if shift < 42 else \
            u >> np.int64(shift)  # the top limb keeps the sign
        parts.append((shift, np.bincount(g, weights=limb.astype(float), minlength=size)))
        shift += _LIMB
    total = np.zeros(size, dtype=object)
    for sh, s in parts:
        total = total + np.array([int(round(t)) << sh for t in s], dtype=object)
    return list(total)


def exact_sums(g: np.ndarray, v: np.ndarray, size: int) -> np.ndarray:
    """Per group ``g`` (0..size-1), the sum of ``v`` computed exactly and rounded once."""
    v = np.asarray(v, dtype=float)
    g = np.asarray(g, dtype=np.int64)
    ip, fp = split(v)
    if not fp.any():
        peak = float(np.abs(ip).max()) if len(ip) else 0.0
        if peak * max(1, len(ip)) < 2.0 ** 53:  # integer sums below 2^53: floats are exact
            return np.bincount(g, weights=ip.astype(float), minlength=size)
    si = _int_sums(g, ip, size)
    sf = _int_sums(g, fp, size) if fp.any() else [0] * size
    return np.array([combine(a, b) for a, b in zip(si, sf)], dtype=float)


def combine(int_sum: int, frac_sum: int) -> float:
    """The double nearest to int_sum + frac_sum · 2^-62 (Python's int division rounds once)."""
    return (int(int_sum) * (1 << FRAC_BITS) + int(frac_sum)) / (1 << FRAC_BITS)
