# SPDX-License-Identifier: GPL-2.0-or-later
"""Evaluation at one snapshot: each criterion's value per area (two-year averages, reference
values, primary discretion flags), met or not per list, and the category severity."""
import math
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria.dates import previous_year_date
from boligsocial_plugin.core.criteria.rules import (
    FOREBYGGELSE,
    INDICATOR_CODES,
    KEYS,
    OMDANNELSE,
    PARALLEL,
    PERCENT_OF_REGIONAL_MEAN,
    TIMES_NATIONAL,
    UDSAT,
    Criterion,
    Reference,
    RuleSet,
)
from boligsocial_plugin.core.discretion import PRIMARY, PUBLISHED, Rules, primary_flags
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import builtin_indicators


@dataclass
class Measure:
    """One criterion's value per area (internal, unsuppressed)."""

    val: np.ndarray      # in the criterion's unit, NaN = not assessable
    alpha: np.ndarray    # val = alpha + beta * n, n = the assessed year's numerator (or mean)
    beta: np.ndarray
    n: np.ndarray
    hi: np.ndarray       # largest possible n (population size; inf for income)
    flag: np.ndarray     # '' / 'P' / 'A'
    single: np.ndarray   # True: two-year criterion computed on one year
    reason: List[str]    # per area: why not assessable ('' if assessable)
    both: Optional[np.ndarray] = None  # True: two-year criterion computed on both years


def _ref_value(ref: Reference, year: int) -> Optional[float]:
    if ref is None:
        return None
    if isinstance(ref, Mapping):
        v = ref.get(year, ref.get(str(year)))
        return None if v is None else float(v)
    return float(ref)


def check_reference(ref: Reference, name: str) -> None:
    vals = list(ref.values()) if isinstance(ref, Mapping) else [ref]
    for v in vals:
        if v is None:
            continue
        try:
            ok = float(v) > 0 and math.isfinite(float(v))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise BoligsocialError(tr("The reference value {name} must be a positive number, "
                                      "not '{v}'.").format(name=name, v=v))


class SnapshotTables:
    """The raw table split by date, each reindexed to area_idx 0..n-1, with primary flags.

    A *published* table (core.pipeline.protect_run's, with ``C_flag`` columns and hidden cells
    NaN) keeps its own flags (``P``, ``S``, ``A``).
    """

    def __init__(self, raw: pd.DataFrame, n_areas: int, rules: Rules):
        self.n = n_areas
        self.raw = raw.copy()
        self.raw["ref_date"] = self.raw["ref_date"].astype(str)
        present = [i for i in builtin_indicators()
                   if i.code in INDICATOR_CODES.values() and f"{i.code}_num" in raw.columns]
        self.codes = {i.code for i in present}
        self.published = all(f"{i.code}_flag" in raw.columns for i in present) and bool(present)
        if len(self.raw) and not self.published:
            for code, f in primary_flags(self.raw, present, rules).items():
                self.raw[f"{code}_flag"] = f
        self.dates = sorted(self.raw["ref_date"].unique())
        self._cache: Dict[str, pd.DataFrame] = {}

    def at(self, date: str) -> pd.DataFrame:
        """Rows of one date by area_idx."""
        if date not in self._cache:
            sub = self.raw[self.raw["ref_date"] == date].drop_duplicates("area_idx")
            self._cache[date] = sub.set_index("area_idx").reindex(range(self.n))
        return self._cache[date]


def _measure(tables: SnapshotTables, crit: Criterion, d0: str, d1: Optional[str], year: int,
             national: Reference, regional: Reference,
             exact: Optional[Measure] = None) -> Measure:
    """One criterion's values at ``d0`` (and ``d1`` for two-year criteria).

    ``exact``: the measure from the exact table when ``tables`` is a published one: which
    years exist and why a value is not assessable come from it, a hidden cell makes the value
    NULL with the cell's flag.
    """
    n_areas = tables.n
    code = INDICATOR_CODES[crit.key]
    nan = np.full(n_areas, np.nan)
    s0 = tables.at(d0)
    s1 = tables.at(d1) if d1 is not None else None
    if code not in tables.codes:
        why = tr("not assessable: {key} is not in the extract").format(key=crit.key)
        return Measure(nan, nan, nan, nan, nan, np.full(n_areas, PUBLISHED, dtype=object),
                        np.zeros(n_areas, bool), [why] * n_areas)
    num0 = s0[f"{code}_num"].to_numpy(dtype=float)
    den0 = s0[f"{code}_den"].to_numpy(dtype=float)
    flag = s0[f"{code}_flag"].fillna(PUBLISHED).to_numpy(dtype=object).copy()
    reason = [""] * n_areas
    single = np.zeros(n_areas, bool)
    both = np.zeros(n_areas, bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        if crit.unit == PERCENT_OF_REGIONAL_MEAN:
            ref = _ref_value(regional, year)
            n = np.where(den0 > 0, num0 / den0, np.nan)
            hi = np.full(n_areas, np.inf)
            if ref is None:
                val = alpha = beta = nan
                reason = [tr("not assessable: regional mean income missing")] * n_areas
            else:
                alpha = np.zeros(n_areas)
                beta = np.full(n_areas, 100.0 / ref)
                val = beta * n
        else:
            p0 = np.where(den0 > 0, 100.0 * num0 / den0, np.nan)
            alpha = np.zeros(n_areas)
            beta = np.where(den0 > 0, 100.0 / den0, np.nan)
            n, hi = num0, den0
            if crit.two_year:
                if s1 is not None and f"{code}_num" in s1.columns:
                    num1 = s1[f"{code}_num"].to_numpy(dtype=float)
                    den1 = s1[f"{code}_den"].to_numpy(dtype=float)
                    p1 = np.where(den1 > 0, 100.0 * num1 / den1, np.nan)
                    flag1 = s1[f"{code}_flag"].fillna(PUBLISHED).to_numpy(dtype=object)
                else:
                    p1 = nan
                    flag1 = np.full(n_areas, PUBLISHED, dtype=object)
                if exact is None:
                    both = ~np.isnan(p1) & ~np.isnan(p0)
                    single = ~np.isnan(p0) & np.isnan(p1)
                    flag1 = np.where(flag1 != PUBLISHED, PRIMARY, flag1)
                else:  # hidden is not missing: the years that exist come from the exact table
                    single = exact.single.copy()
                    both = exact.both.copy() if exact.both is not None else ~single
                alpha = np.where(both, p1 / 2.0, 0.0)
                beta = np.where(both, beta / 2.0, beta)
                flag = np.where((flag == PUBLISHED) & both & (flag1 != PUBLISHED), flag1, flag)
            val = alpha + beta * n
            if crit.unit == TIMES_NATIONAL:
                ref = _ref_value(national, year)
                if ref is None:
                    val = alpha = beta = nan
                    reason = [tr("not assessable: national conviction rate missing")] * n_areas
                else:
                    alpha, beta, val = alpha / ref, beta / ref, val / ref
    if exact is not None:
        reason, single = list(exact.reason), exact.single.copy()
        val = np.where(flag == PUBLISHED, val, np.nan)
    else:
        for i in np.nonzero(~(den0 > 0))[0]:
            if not reason[i]:
                reason[i] = tr("not assessable: nobody in the population of {key}").format(
                    key=crit.key)
    return Measure(np.asarray(val, float), np.asarray(alpha, float), np.asarray(beta, float),
                    np.asarray(n, float), np.asarray(hi, float), flag, single, reason,
                    np.asarray(both, bool))


def severity(rs: RuleSet, met: Dict[str, Dict[str, np.ndarray]], eligible: np.ndarray,
              omd_hist: Optional[np.ndarray], fill: float) -> np.ndarray:
    """Category severity per area; unknown (NaN) met flags and history count as ``fill``."""
    def truth(a: np.ndarray) -> np.ndarray:
        return np.where(np.isnan(a), fill, a) > 0.5

    sev = np.zeros(len(eligible), dtype=int)
    ok = {}
    for lst in rs.lists:
        k = np.zeros(len(eligible), dtype=int)
        for c in lst.counted:
            k += truth(met[lst.code][c.key])
        this = eligible & (k >= lst.min_met)
        for c in lst.required:
            this &= truth(met[lst.code][c.key])
        ok[lst.code] = this
    if "forebyggelse" in ok:
        sev = np.where(ok["forebyggelse"], FOREBYGGELSE, sev)
    sev = np.where(ok["udsat"], UDSAT, sev)
    if rs.parallel is not None:
        par = ok["udsat"] & truth(met["udsat"][rs.parallel.key])
        sev = np.where(par, PARALLEL, sev)
        if omd_hist is not None:
            sev = np.where(par & truth(omd_hist), OMDANNELSE, sev)
    return sev


def published_measures(ptables: SnapshotTables, rs: RuleSet, d0: str, d1: Optional[str],
                       national: Reference, regional: Reference,
                       exact: Dict[str, Measure]) -> Dict[str, Measure]:
    """The measures as published: from the published (protected, perturbed) cells only."""
    year = int(d0[:4])
    return {k: _measure(ptables, rs.measure(k), d0, d1, year, national, regional, m)
            for k, m in exact.items()}


def evaluate(tables: SnapshotTables, rs: RuleSet, d0: str, d1: Optional[str], national: Reference,
              regional: Reference):
    """Measures, met flags per list, residents and eligibility at one assessed date."""
    year = int(d0[:4])
    keys = {c.key for lst in rs.lists for c in rs.reported(lst.code)}
    meas = {k: _measure(tables, rs.measure(k), d0, d1, year, national, regional)
            for k in KEYS if k in keys}
    met = {lst.code: {c.key: c.met(meas[c.key].val) for c in rs.reported(lst.code)}
           for lst in rs.lists}
    residents = tables.at(d0)["residents"].fillna(0).to_numpy(dtype=float)
    eligible = residents >= rs.min_residents
    return meas, met, residents, eligible


def parallel_status(tables: SnapshotTables, rs: RuleSet, date: str, national: Reference,
                     regional: Reference) -> np.ndarray:
    """1/0/NaN: on the parallelsamfund (ghetto) list at a snapshot (history computed from raw).

    A rule set without a parallelsamfund criterion (2013) had one list, the ghetto list: being
    on it counts.
    """
    level = PARALLEL if rs.parallel is not None else UDSAT
    prev = previous_year_date(tables.dates, date)
    _, met, _, eligible = evaluate(tables, rs, date, prev, national, regional)
    low = severity(rs, met, eligible, None, 0.0) >= level
    high = severity(rs, met, eligible, None, 1.0) >= level
    return np.where(low, 1.0, np.where(high, np.nan, 0.0))
