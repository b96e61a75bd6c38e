# SPDX-License-Identifier: GPL-2.0-or-later
"""The result of core.sqlaggregate's statement read back: the raw table exactly as
core.indicators.aggregate makes it from a file (cells, exact sums, cell keys), the nestings
decided from the aggregated tests, and the residents' table of merged regions
(:func:`regroup_counts`)."""
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.exactsum import combine
from boligsocial_plugin.core.indicators import NEST_NUM, NEST_SAME, nestings_from_tests
from boligsocial_plugin.core.sqlaggregate import Plan


def raw_table(plan: Plan, columns: Sequence[str], rows: Sequence[Sequence[Any]],
              n_areas: int) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """(raw table exactly as core.indicators.aggregate makes it, the fetched result).

    The fetched result keeps, per area code (also OUTSIDE and NO_LOCATION) and date, the
    persons and the join counts.
    """
    res = pd.DataFrame(list(rows), columns=list(columns))
    res["d"] = [None if d is None else str(d) for d in res["d"]]
    inside = res[res["code"] >= 0]
    dates = sorted(str(d) for d in inside["d"].dropna().unique())
    n_dates = len(dates)
    size = n_areas * n_dates
    pos = {d: i for i, d in enumerate(dates)}
    gi = (inside["code"].to_numpy(dtype=np.int64) * n_dates +
          np.array([pos[str(d)] for d in inside["d"]], dtype=np.int64)) if len(inside) else \
        np.zeros(0, np.int64)
    out: Dict[str, np.ndarray] = {
        "area_idx": np.repeat(np.arange(n_areas), n_dates),
        "ref_date": np.tile(np.array(dates, dtype=object), n_areas),
        "residents": _spread(gi, inside["residents"], size, np.int64)}
    if plan.with_keys:
        out["residents_ck"] = _spread_key(gi, inside["residents_ck"], size)
    kinds = {i.code: i.kind for i in plan.indicators}
    for ind in plan.indicators:
        _read(out, ind.code, ind.code, ind.kind, inside, gi, size, plan.with_keys)
    nestings, cls = _nestings(plan, inside)
    for k, (small, big, how) in enumerate(nestings):
        if how == NEST_SAME:
            continue
        if how == NEST_NUM and cls[small] == cls[big]:  # one population: big's minus small's
            name = next(c[3] for c in plan.candidates
                        if c[2] == "val" and (c[0], c[1]) == (small, big))
        else:  # the persons of big's population outside small's
            name = next(c[3] for c in plan.candidates
                        if c[2] == "pop" and c[1] == big and cls[c[0]] == cls[small])
        _read(out, "nest{}".format(k), name, kinds[big], inside, gi, size, False)
    frame = pd.DataFrame(out)
    frame.attrs["nestings"] = nestings
    return frame, res


def _spread(gi: np.ndarray, values: pd.Series, size: int, dtype) -> np.ndarray:
    out = np.zeros(size, dtype=dtype)
    if len(gi):
        np.add.at(out, gi, values.to_numpy(dtype=dtype))
    return out


def _spread_key(gi: np.ndarray, values: pd.Series, size: int) -> np.ndarray:
    """Cell keys: sums of record keys modulo 2^32 (exact, from PostgreSQL's numeric)."""
    out = np.zeros(size, dtype=np.int64)
    for g, v in zip(gi, values):
        out[g] = (int(out[g]) + int(v or 0)) % (1 << 32)
    return out


def _read(out: Dict[str, np.ndarray], code: str, name: str, kind: str, inside: pd.DataFrame,
          gi: np.ndarray, size: int, with_keys: bool) -> None:
    """One indicator's (or nesting's) cells into the raw table's columns."""
    ni = np.zeros(size, dtype=object)
    nf = np.zeros(size, dtype=object)
    for g, a, b in zip(gi, inside[name + "_ni"], inside[name + "_nf"]):
        ni[g] += int(a)
        nf[g] += int(b)
    out[code + "_num"] = np.array([combine(a, b) for a, b in zip(ni, nf)], dtype=float)
    den = _spread(gi, inside[name + "_den"].astype(float), size, float)
    if kind == "count":
        den = out["residents"].astype(float)
    out[code + "_den"] = den
    out[code + "_cnt"] = _spread(gi, inside[name + "_cnt"], size, np.int64)
    out[code + "_rest"] = _spread(gi, inside[name + "_rest"], size, np.int64)
    if kind == "mean":
        t1, t2 = np.zeros(size), np.zeros(size)
        for g, a, b in zip(gi, inside[name + "_t1"], inside[name + "_t2"]):
            t1[g], t2[g] = float(a), float(b)
        out[code + "_top1"], out[code + "_top2"] = t1, t2
    if with_keys:
        out[code + "_ckn"] = _spread_key(gi, inside[name + "_ckn"], size)
        out[code + "_ckd"] = out["residents_ck"] if kind == "count" else \
            _spread_key(gi, inside[name + "_ckd"], size)


class _SqlTests:
    """find_nestings' tests answered from the aggregated booleans (areas only)."""

    def __init__(self, plan: Plan, inside: pd.DataFrame):
        self.inside = inside
        self.codes = {i.code: n for n, i in enumerate(plan.indicators)}
        self.sig_of = {c: k for k, g in enumerate(plan.sigs) for c in g}

    def _found(self, name: str) -> bool:
        return name in self.inside and bool(self.inside[name].fillna(False).astype(bool).any())

    def same(self, a: str, b: str) -> bool:
        """The two populations hold the same persons."""
        return not self.outside(a, b) and not self.outside(b, a)

    def outside(self, a: str, b: str) -> bool:
        """Some person of a's population is not in b's."""
        s, t = self.sig_of[a], self.sig_of[b]
        return s != t and self._found("popdiff_{}_{}".format(s, t))

    def _test(self, name: str, a: str, b: str) -> bool:
        return self._found("{}_{}_{}".format(name, self.codes[a], self.codes[b]))

    def differ(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a differs from b's."""
        return self._test("valdiff", a, b)

    def binary(self, a: str, b: str) -> bool:
        """Over a's population, every contribution of a and of b is 0 or 1."""
        return not self._test("notbin", a, b)

    def above(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is above b's."""
        return self._test("above", a, b)

    def below(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is below b's."""
        return self._test("below", a, b)


def _nestings(plan: Plan, inside: pd.DataFrame
              ) -> Tuple[List[Tuple[str, str, str]], Dict[str, int]]:
    """core.indicators' nestings and population classes, from the aggregated tests."""
    return nestings_from_tests(plan.indicators, _SqlTests(plan, inside))


def regroup_counts(raw: pd.DataFrame, group: np.ndarray, n_groups: int) -> pd.DataFrame:
    """The residents' table (core.indicators.aggregate without indicators) of groups of areas
    (merged regions) from the areas' rows: counts and cell keys add up. ``group``: each
    area's group. One reference date, as the areas' table has."""
    dates = sorted({str(d) for d in raw["ref_date"]})
    if not dates:
        return raw.iloc[:0]
    if len(dates) > 1:
        raise ValueError("one reference date expected")
    g = np.asarray(group, dtype=np.int64)[raw["area_idx"].to_numpy(dtype=np.int64)]
    residents = np.bincount(g, weights=raw["residents"].to_numpy(dtype=float),
                            minlength=n_groups).astype(np.int64)
    out = {"area_idx": np.arange(n_groups, dtype=np.int64),
           "ref_date": np.array([dates[0]] * n_groups, dtype=object),
           "residents": residents}
    if "residents_ck" in raw:
        ck = [0] * n_groups
        for gi, c in zip(g, raw["residents_ck"].to_numpy(dtype=np.int64)):
            ck[gi] = (ck[gi] + int(c)) % (1 << 32)
        out["residents_ck"] = np.array(ck, dtype=np.int64)
    frame = pd.DataFrame(out)
    frame.attrs["nestings"] = []
    return frame
