# SPDX-License-Identifier: GPL-2.0-or-later
"""Aggregation of the indicators per area and date: the raw (unsuppressed) cells.

Aggregation returns the *raw* table (nothing suppressed). Discretion is applied afterwards
by :mod:`boligsocial_plugin.core.discretion`; the raw table never leaves the process.
"""
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.exactsum import exact_sums
from boligsocial_plugin.core.indicators.definitions import (
    Indicator,
    contribution,
    population_mask,
)
from boligsocial_plugin.core.indicators.nestings import NEST_NUM, NEST_SAME, find_nestings


def group_index(df: pd.DataFrame, area_idx: np.ndarray) -> Tuple[np.ndarray, List[str]]:
    """Each row's row of the aggregate table (area * n_dates + date; -1 none) and the dates.

    The dates are those with at least one person in an area, sorted.
    """
    inside = np.asarray(area_idx) >= 0
    ref = df["ref_date"]
    if not isinstance(ref.dtype, pd.CategoricalDtype):
        ref = ref.astype(str).astype("category")
    codes0 = ref.cat.codes.to_numpy()
    used = np.unique(codes0[inside & (codes0 >= 0)])
    cats = np.asarray(ref.cat.categories, dtype=object)
    dates = sorted(str(d) for d in cats[used])
    rank = np.full(len(cats) + 1, -1, dtype=np.int64)
    pos = {str(c): i for i, c in enumerate(cats)}
    for i, d in enumerate(dates):
        rank[pos[d]] = i
    date_codes = np.where(codes0 >= 0, rank[codes0], -1)
    gidx = np.where(inside & (date_codes >= 0),
                    np.asarray(area_idx).astype(np.int64) * len(dates) + date_codes, -1)
    return gidx, dates


def aggregate(df: pd.DataFrame, area_idx: np.ndarray, n_areas: int,
              indicators: Sequence[Indicator]) -> pd.DataFrame:
    """Raw (unsuppressed) aggregates, one row per area and reference date.

    ``df`` holds canonical columns with a ``ref_date`` string column; ``area_idx`` gives each
    row's area (0..n_areas-1, or -1 outside every area, which is not aggregated).
    Columns: ``area_idx, ref_date, residents`` and per indicator ``C_num`` (sum, exact and
    rounded once, so it does not depend on the order of the rows: core.exactsum),
    ``C_den`` (population size, for means: with a known value), ``C_cnt`` (persons
    contributing > 0), ``C_rest`` (persons in the population contributing < 1), and for
    means ``C_top1``/``C_top2`` (the largest two contributions, for dominance rules).

    When ``df`` has ``person_key`` (core.personkeys), every cell also gets its cell key for
    the perturbation (``residents_ck``, ``C_ckn``, ``C_ckd``; core.discretion.perturbation).
    Nested populations found in the data (one indicator's population inside another's with the
    same contributions, e.g. children 0-17 in single-parent households inside all residents
    in them) are listed in ``raw.attrs["nestings"]`` with the figures of their difference
    (``nestK_*``), see :func:`find_nestings`.
    """
    gidx, dates = group_index(df, area_idx)
    n_dates = len(dates)
    size = n_areas * n_dates
    inside = gidx >= 0
    # Rows outside every area go to one extra cell past the table, dropped at the end: no
    # column is copied to leave them out, and every cell adds up its rows in their order.
    all_inside = bool(inside.all())
    cells = _Cells(gidx if all_inside else np.where(inside, gidx, size), size)
    out = {
        "area_idx": np.repeat(np.arange(n_areas), n_dates),
        "ref_date": np.tile(np.array(dates, dtype=object), n_areas),
        "residents": cells.count(cells.bins),
    }
    if "person_key" in df.columns:
        cells.use_record_keys(df["person_key"].to_numpy(), int(out["residents"].max(initial=0)))
        out["residents_ck"] = cells.keys(cells.bins)
    parts: Dict[str, Tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    masks: Dict[tuple, np.ndarray] = {}
    known_of: Dict[str, np.ndarray] = {}
    binary: Dict[str, bool] = {}
    for ind in indicators:
        key = (ind.age_min, ind.age_max, ind.where)
        if key not in masks:
            masks[key] = population_mask(ind, df)
        pop = masks[key]
        val = contribution(ind, df)
        unknown = np.isnan(val)
        v0 = val
        known = pop
        if unknown.any():
            v0 = val.copy()
            v0[unknown] = 0.0
            known = pop & ~unknown if ind.kind == "mean" else pop
        known_of[ind.code] = known
        # nestings are judged on the persons in areas
        parts[ind.code] = (known if all_inside else known & inside, v0, val)
        binary[ind.code] = ind.kind != "mean" and (ind.condition is not None or _is01(v0))
        _aggregate_cells(out, ind.code, ind.kind, cells, known, v0, binary[ind.code])
    nestings = find_nestings(indicators, parts)
    kinds = {i.code: i.kind for i in indicators}
    for k, (small, big, how) in enumerate(nestings):
        if how == NEST_SAME:
            continue  # no rest
        code = "nest{}".format(k)
        kb, vb, _ = parts[big]
        ks, vs, _ = parts[small]
        if how == NEST_NUM and np.array_equal(kb, ks):  # one population: counted by big only
            vn = vb - vs
            _aggregate_cells(out, code, kinds[big], cells, known_of[big], vn,
                             kinds[big] != "mean" and _is01(vn), with_keys=False)
        elif binary[big]:  # small's population lies inside big's: the rest by subtraction
            _rest_cells(out, code, big, kinds[big], cells, known_of[big], known_of[small], vb)
        else:  # the persons of big's population outside small's
            _aggregate_cells(out, code, kinds[big], cells, known_of[big] & ~ks, vb, False,
                             with_keys=False)
    frame = pd.DataFrame(out)
    frame.attrs["nestings"] = nestings
    return frame


def _is01(v: np.ndarray) -> bool:
    """Every value is 0 or 1."""
    return not ((v != 0) & (v != 1)).any()


class _Cells:
    """The cells of the aggregate table and each person row's cell (``bins``; rows in no cell
    have ``size``, one past the table). Every figure is one ``numpy.bincount`` over all rows;
    the cells of a population (rows outside it moved past the table) are computed once."""

    def __init__(self, bins: np.ndarray, size: int):
        self.bins = bins
        self.size = size
        self.weights: List[np.ndarray] = []  # record keys as float64 (one or two halves)
        self._pops: List[Tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._keys: Dict[int, np.ndarray] = {}

    def use_record_keys(self, person_keys: np.ndarray, largest_cell: int) -> None:
        """Prepare cell keys (core.discretion.perturbation) from the rows' person keys.

        A cell key is Σ record keys modulo 2^32. Record keys are below 2^32, so when no cell
        holds 2^21 persons, their float sum is exact and one bincount gives it; otherwise the
        keys are summed in two 16-bit halves.
        """
        from boligsocial_plugin.core.discretion.perturbation import (
            record_key_halves,
            record_keys,
        )

        rk = record_keys(person_keys)
        self.weights = [rk.astype(np.float64)] if largest_cell < (1 << 21) else \
            list(record_key_halves(rk))

    def of(self, mask: np.ndarray) -> np.ndarray:
        """The cells of the rows in ``mask`` (the others: none); the same mask once."""
        if mask.all():
            return self.bins
        for m, bins, _c in self._pops:
            if m is mask:
                return bins
        bins = self.bins.copy()
        np.putmask(bins, ~mask, self.size)
        self._pops.append((mask, bins, self.count(bins)))
        return bins

    def count(self, bins: np.ndarray) -> np.ndarray:
        """Rows per cell (int64), once per population."""
        for _m, b, c in self._pops:
            if b is bins:
                return c
        return np.bincount(bins, minlength=self.size + 1)[:self.size]

    def sum(self, bins: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Σ weights per cell, added in row order."""
        return np.bincount(bins, weights=weights, minlength=self.size + 1)[:self.size]

    def all_keys(self, bins: np.ndarray) -> np.ndarray:
        """Cell keys of all rows of each cell, once per population (``bins`` from :meth:`of`)."""
        if id(bins) not in self._keys:
            self._keys[id(bins)] = self.keys(bins)
        return self._keys[id(bins)]

    def keys(self, bins: np.ndarray, member: Optional[np.ndarray] = None) -> np.ndarray:
        """Cell keys of the rows in each cell (``member``: only rows where it is 1)."""
        from boligsocial_plugin.core.discretion.perturbation import cell_keys_of_sums

        sums = [self.sum(bins, w if member is None else w * member) for w in self.weights]
        if len(sums) == 1:  # the exact sum of whole keys: as a low half with no high half
            sums.append(np.zeros(self.size))
        return cell_keys_of_sums(sums[0], sums[1])


def _aggregate_cells(out: Dict[str, np.ndarray], code: str, kind: str, cells: _Cells,
                     known: np.ndarray, v0: np.ndarray, binary: bool,
                     with_keys: bool = True) -> None:
    """The raw cells of one indicator (or one nested difference) per group.

    ``binary``: every contribution is 0 or 1, so the contributing persons are the numerator
    and the rest the others (no further pass over the rows).
    """
    size = cells.size
    pop = cells.of(known)  # the cell of each row of the population
    # 0/1 contributions add up exactly in any order; other values are summed exactly and
    # rounded once (core.exactsum), so the sum does not depend on the order of the rows
    num = cells.sum(pop, v0) if binary else exact_sums(pop, v0, size + 1)[:size]
    members = cells.count(pop)
    if binary:
        cnt = num.astype(np.int64)  # a sum of ones, exact
        rest = members - cnt
    else:  # contributing (> 0) and rest (< 1) counted in one pass: 4 classes per cell
        cls = (v0 > 0).view(np.int8) * np.int8(2)
        cls += (v0 < 1).view(np.int8)
        by_cls = np.bincount(pop * 4 + cls, minlength=4 * (size + 1))[:4 * size]
        by_cls = by_cls.reshape(size, 4)
        cnt = by_cls[:, 2] + by_cls[:, 3]
        rest = by_cls[:, 1] + by_cls[:, 3]
    out[f"{code}_num"] = num
    out[f"{code}_den"] = out["residents"].astype(float) if kind == "count" else \
        members.astype(float)
    out[f"{code}_cnt"] = cnt.astype(np.int64)
    out[f"{code}_rest"] = rest.astype(np.int64)
    if kind == "mean":
        t1, t2 = _top2(pop, np.abs(v0), size)
        out[f"{code}_top1"] = t1
        out[f"{code}_top2"] = t2
    if with_keys and cells.weights:
        out[f"{code}_ckn"] = cells.keys(pop, v0 if binary else (v0 != 0).astype(float))
        out[f"{code}_ckd"] = out["residents_ck"] if kind == "count" else cells.all_keys(pop)


def _rest_cells(out: Dict[str, np.ndarray], code: str, big: str, kind: str, cells: _Cells,
                known_big: np.ndarray, known_small: np.ndarray, v_big: np.ndarray) -> None:
    """The cells of big's population outside small's (which lies inside it), for 0/1
    contributions: big's figures minus those of small's persons, all exact whole numbers."""
    pop_b, pop_s = cells.of(known_big), cells.of(known_small)
    num = out[f"{big}_num"] - cells.sum(pop_s, v_big)
    members = cells.count(pop_b) - cells.count(pop_s)
    cnt = num.astype(np.int64)
    out[f"{code}_num"] = num
    out[f"{code}_den"] = out["residents"].astype(float) if kind == "count" else \
        members.astype(float)
    out[f"{code}_cnt"] = cnt
    out[f"{code}_rest"] = (members - cnt).astype(np.int64)


def _top2(g: np.ndarray, v: np.ndarray, size: int) -> Tuple[np.ndarray, np.ndarray]:
    """Largest and second-largest value per group (0 where there is none; a tie counts twice).

    ``g`` is each row's group, ``size`` (one past the last group) for rows in none.
    """
    t1 = np.zeros(size)
    t2 = np.zeros(size)
    use = g < size
    if not use.any():
        return t1, t2
    g, v = (g, v) if use.all() else (g[use], v[use])
    m1 = pd.Series(v).groupby(g).max()
    t1[m1.index.to_numpy()] = m1.to_numpy()
    # without one occurrence of each group's largest value, the largest is the second
    at_max = np.nonzero(v == t1[g])[0]
    _u, first = np.unique(g[at_max], return_index=True)
    v2 = v.copy()
    v2[at_max[first]] = -np.inf
    m2 = pd.Series(v2).groupby(g).max()
    m2 = m2[m2 > -np.inf]
    t2[m2.index.to_numpy()] = m2.to_numpy()
    return t1, t2
