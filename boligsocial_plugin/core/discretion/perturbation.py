# SPDX-License-Identifier: GPL-2.0-or-later
"""Cell-key perturbation: every published count and sum carries a small, consistent noise.

The method of the Australian Bureau of Statistics' TableBuilder and of the 2021 censuses
(ABS, ONS): every person has a *record key* (here a 32-bit hash of the person key, see
:mod:`boligsocial_plugin.core.personkeys`); a cell's *cell key* is the sum of the record keys
of the persons behind it (modulo 2^32). The noise added to the cell is a deterministic function
of the cell key and the cell's value. Hence:

* the same persons always give the same published value, in any run, layer, geography or
  date, so averaging repeated releases recovers nothing;
* two cells whose persons differ (A+B and B, or a month and the next) get independent noise, so
  subtracting them gives the difference plus noise, not an individual's value;
* zero stays zero, and a count at or above ``MIN_COUNT`` is never published below it.

Counts (residents, numerators and denominators of shares) move by at most ±2: 0 with
probability 50 %, ±1 with 20 % each, ±2 with 5 % each (mean 0, mean absolute change 0.6);
just above ``MIN_COUNT`` the table is cut and re-balanced so the noise stays unbiased and the
count stays ≥ ``MIN_COUNT``. Sums of full-time persons (outside the labour market) move by a
continuous amount of at most ±2 full-time persons (triangular, mean absolute change 0.67).
Sums of amounts (income) move by at most ±10 % of the largest single contribution in the cell
(triangular), which hides every individual's amount even when the cell is the difference of
two others. Shares and means are computed from the perturbed numerator and denominator.
Decisions (suppression, categories, criteria met or not) are always taken on exact values.
"""
from dataclasses import dataclass
from typing import Dict, Tuple

import numpy as np

from boligsocial_plugin.core.personkeys import mix64

_SALT_RECORD = np.uint64(0x5EED0C311CE1)
_SALT_COUNT = np.uint64(0xC0C0A11CE)
_SALT_AMOUNT = np.uint64(0xA303E7)
#: the perturbation table of counts away from the threshold: change -> probability
COUNT_TABLE: Dict[int, float] = {-2: 0.05, -1: 0.2, 0: 0.5, 1: 0.2, 2: 0.05}


@dataclass(frozen=True)
class Perturbation:
    """Whether and how much published values are perturbed (see the module doc)."""

    enabled: bool = True
    max_count: int = 2          # counts: at most ± this (the table above)
    fte_max: float = 2.0        # sums of full-time persons: at most ± this
    amount_share: float = 0.10  # sums of amounts: at most ± this share of the largest one

    def describe(self) -> str:
        """One line for reports (translated)."""
        from boligsocial_plugin.core.i18n import tr

        if not self.enabled:
            return tr("off (exact values)")
        return tr("cell-key perturbation: counts ±{c} at most, full-time persons ±{f}, amounts "
                  "±{a} % of the largest contribution").format(
            c=self.max_count, f="{:g}".format(self.fte_max),
            a="{:g}".format(100 * self.amount_share))


OFF = Perturbation(enabled=False)


def record_keys(person_keys: np.ndarray) -> np.ndarray:
    """32-bit record key per person row (uint64 holding values < 2^32)."""
    k = mix64(np.asarray(person_keys, dtype=np.uint64) ^ _SALT_RECORD)
    return k >> np.uint64(32)


def cell_keys(rkeys: np.ndarray, group: np.ndarray, size: int,
              mask: np.ndarray = None) -> np.ndarray:
    """Cell key per group: Σ record keys of its members (``mask``) modulo 2^32 (int64).

    Exact with float bincounts: the keys are summed in two 16-bit halves (each sum stays far
    below 2^53 even for 100 million persons).
    """
    g = np.asarray(group, dtype=np.int64)
    lo, hi = record_key_halves(rkeys)
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        lo, hi, g = lo[m], hi[m], g[m]
    return cell_keys_of_sums(np.bincount(g, weights=lo, minlength=size),
                             np.bincount(g, weights=hi, minlength=size))


def record_key_halves(rkeys: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """The low and high 16 bits of record keys as float64, for exact sums by bincount.

    Computed once, they serve every cell key of a table (see :func:`cell_keys_of_sums`).
    """
    r = np.asarray(rkeys, dtype=np.uint64)
    return (r & np.uint64(0xFFFF)).astype(np.float64), (r >> np.uint64(16)).astype(np.float64)


def cell_keys_of_sums(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Cell keys (int64) from the per-cell sums of the halves of :func:`record_key_halves`."""
    lo_i = np.round(lo).astype(np.int64) % (1 << 32)
    hi_i = np.round(hi).astype(np.int64) % (1 << 16)
    return (lo_i + (hi_i << 16)) % (1 << 32)


def _uniform(ck: np.ndarray, salt: np.uint64, extra: np.ndarray = None) -> np.ndarray:
    """Deterministic uniform numbers in [0, 1) from cell keys (and values)."""
    z = np.asarray(ck, dtype=np.int64).astype(np.uint64) ^ salt
    if extra is not None:
        z = z ^ mix64(np.asarray(extra, dtype=np.uint64))
    return (mix64(z) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _distribution(v: int, floor: int, d: int) -> Tuple[np.ndarray, np.ndarray]:
    """Changes and probabilities for a count ``v`` that must stay ≥ ``floor`` (unbiased)."""
    base = {k: p for k, p in COUNT_TABLE.items() if abs(k) <= d}
    lim = floor - v  # smallest allowed change (<= 0)
    ch = np.array(sorted(k for k in base if k >= lim), dtype=np.int64)
    pr = np.array([base[int(k)] for k in ch], dtype=float)
    neg = -(ch[ch < 0] * pr[ch < 0]).sum()
    pos = (ch[ch > 0] * pr[ch > 0]).sum()
    if pos > 0:
        s = min(1.0, neg / pos)
        moved = pr[ch > 0].sum() * (1 - s)
        pr[ch > 0] *= s
        pr[ch == 0] += moved
    return ch, pr / pr.sum()


def perturb_counts(values: np.ndarray, ck: np.ndarray, min_count: int,
                   p: Perturbation) -> np.ndarray:
    """Published counts: value + change from the table (NaN and 0 unchanged)."""
    v = np.asarray(values, dtype=float)
    out = v.copy()
    if not p.enabled:
        return out
    ok = ~np.isnan(v) & (v > 0)
    if not ok.any():
        return out
    vi = np.round(v[ok]).astype(np.int64)
    u = _uniform(np.asarray(ck)[ok], _SALT_COUNT, vi)
    floor = max(1, int(min_count))
    change = np.zeros(len(vi), dtype=np.int64)
    base_ch, base_pr = _distribution(floor + p.max_count, floor, p.max_count)
    cuts = np.cumsum(base_pr)
    interior = vi >= floor + p.max_count
    change[interior] = base_ch[np.minimum(np.searchsorted(cuts, u[interior], "right"),
                                          len(base_ch) - 1)]
    for val in np.unique(vi[~interior]):
        sel = ~interior & (vi == val)
        fl = floor if val >= floor else 1
        ch, pr = _distribution(int(val), fl, p.max_count)
        change[sel] = ch[np.minimum(np.searchsorted(np.cumsum(pr), u[sel], "right"),
                                    len(ch) - 1)]
    out[ok] = vi + change
    return out


def perturb_amounts(values: np.ndarray, ck: np.ndarray, scale: np.ndarray,
                    p: Perturbation) -> np.ndarray:
    """Published sums: value + triangular noise on [-scale, scale] (NaN unchanged)."""
    v = np.asarray(values, dtype=float)
    if not p.enabled:
        return v.copy()
    u1 = _uniform(ck, _SALT_AMOUNT)
    u2 = _uniform(ck, _SALT_AMOUNT ^ np.uint64(0xFFFF))
    noise = np.asarray(scale, dtype=float) * (u1 + u2 - 1.0)
    return np.where(np.isnan(v), np.nan, v + np.nan_to_num(noise))


def table_cell_keys(labels) -> np.ndarray:
    """Cell keys for tables without persons (applydiscretion): from a text label per cell."""
    from boligsocial_plugin.core.personkeys import keys_from_strings

    return (keys_from_strings(labels) >> np.uint64(32)).astype(np.int64)
