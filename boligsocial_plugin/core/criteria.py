# SPDX-License-Identifier: GPL-2.0-or-later
"""The state criteria for housing areas (almenboligloven § 61 a, § 61 b) as data, and the
assessment of areas against them (the core of ``boligsocial:assesscriteria``).

Public API
----------
``RULE_SETS`` / ``get_rule_set(code)``
    The rule sets ``'2013'``, ``'2018'``, ``'2021'`` as :class:`RuleSet` data: per list
    (:class:`CriteriaList`) the criteria (:class:`Criterion`: key, comparison, threshold,
    unit, two-year average, source), how many must be met, and the extra conditions.
``Margins(points=2.0, relative=0.1)``
    When a criterion counts as "near" its threshold (for ``at_risk`` and ``near_criteria``).
``assess_criteria(raw, area_ids, area_names=None, rule_set='2021', *,
national_conviction_rate=None, regional_mean_income=None, assessment_date=None,
history=None, margins=Margins(), rules=Rules()) -> pandas.DataFrame``
    One row per area (in ``area_idx`` order) with the fields of ``output_fields()``.
    ``raw`` is the RAW table of :func:`boligsocial_plugin.core.indicators.aggregate`
    (rows per ``area_idx`` and ``ref_date``); it needs the codes ``outside_labour``,
    ``convicted``, ``basic_edu``, ``income``, ``nonwestern`` (a missing code makes that
    criterion "not assessable"). The reference values are a number, a mapping
    ``{year: number}`` (year of the snapshot assessed), or None. ``history`` is an optional
    table ``area_id, year, category`` of earlier official lists. Raises
    :class:`BoligsocialError` for bad settings.
``output_fields(rule_set) -> list of (name, type)``
    The output columns in order, type ``'str'``, ``'int'`` or ``'float'`` (for the layer).
``choose_dates(dates, assessment_date=None)`` / ``previous_year_date(dates, date)``
    Which snapshots are assessed (see "Dates" below).
``flip_amounts(criterion, n, alpha, beta, lo, hi)`` / ``persons_column(key, list_code)``
    The persons-to-flip computation and the name of its column.

Output columns
--------------
``area_id, area_name, residents, rule_set, ref_date, prev_date``; per criterion ``K`` in
``outside, convicted, basic_edu, income, nonwestern``: ``K_val`` (percent; ``convicted`` in
2018/2021 in times the national rate; ``income`` in percent of the regional mean) and
``K_flag`` (``''``, ``P``, ``A`` as in discretion.py); per list ``L`` of the rule set and each
criterion that list uses: ``K_met_L`` (1/0/NULL), ``K_gap_L`` (value minus threshold, or
threshold minus value for "mindre end": positive when met, 0 on the threshold),
``K_persons_L`` (for ``income``: ``income_dkk_L``), then ``criteria_met_L``; finally
``category``, ``category_certain``, ``category_reason``, ``at_risk``, ``near_criteria``,
``two_year``, ``data_note``, ``explanation``. Integer columns are pandas ``Int64`` (NULL is
``pd.NA``); NULL floats are NaN.

Decisions
---------
* Rule sets are data (below), each criterion with its source. Verified against:
  § 61 a stk. 1-4 and § 61 b in the consolidated act LBK nr. 1171 af 11/11/2024
  (danskelove.dk/almenboligloven/61a, lovguiden.dk/loven/almenboligloven/61b): omdannelses-
  område = "de seneste 5 år har opfyldt betingelserne i stk. 2" (5, not 4). 2018-2020:
  trafikstyrelsen.dk "Udsatte områder og ghettoområder" (03/12/2020) and Folketinget BOU alm.
  del bilag 33 (2020-21), "Liste over hårde ghettoområder pr. 1. december 2020": hard ghetto =
  ghetto the last 4 years, for 2018-2020 the last 5 years. 2013: the ministry's definition
  quoted in seed 000 (3 of 5, 2.70 % convicted, 50 % basic education).
* Comparisons as worded: "overstiger" ``>``, "udgør mindst" ``>=``, "mindre end" ``<``, with
  an absolute tolerance ``EPS`` (1e-9 in the criterion's unit) so that a value that is exactly
  on the threshold in exact arithmetic (400 of 1,000 = 40 %) counts as on it despite float
  rounding.
* Two-year criteria: the mean of the two yearly values (not pooled counts), as "opgjort som
  gennemsnittet over de seneste 2 år" reads. If the previous year is missing (no snapshot, or
  nobody in the population that year) the single-year value is used, ``two_year`` is 0 and
  ``data_note`` says so; a missing year is never treated as zero.
* Dates: the assessed snapshot is the latest ``ref_date`` at or before ``assessment_date``
  (default: the latest). The previous year is the snapshot one year earlier to the day if
  present, else the one closest to 365 days among those 335-396 days earlier.
* Convicted (2018/2021): the area's (two-year) percent of residents >= 18 divided by
  ``national_conviction_rate`` (give the national two-year average, percent). Income: the
  area's mean divided by ``regional_mean_income`` times 100 (one region for all areas).
  Missing reference: the criterion is NULL with the reason in ``data_note``; ``criteria_met_L``
  counts only assessable criteria; ``category`` is the most severe category that is certain,
  ``category_certain`` is 0 when the missing criteria could raise it, and ``category_reason``
  says what it could be.
* Categories in 2021 vocabulary: 2018's ghetto/hard ghetto -> parallelsamfund/
  omdannelsesomraade, 2013's list -> udsat. Areas with fewer than 1,000 residents (at the
  assessed snapshot) get ``ingen`` ("under 1,000 residents"); their criteria are still shown.
* Omdannelsesområde / hard ghetto: parallelsamfund in the assessed year and in each of the
  N-1 years before (N = 5 in 2021; 4, or 5 for list years 2018-2020, in 2018). Earlier years
  come from ``history`` (official lists; any of parallelsamfund, omdannelsesomraade, ghetto,
  ghettoomraade, haardt_ghettoomraade count, also for 2010-2017 lists; udsat, forebyggelse,
  ingen do not) and otherwise from older yearly snapshots in ``raw`` assessed with the same
  rule set and reference values. Years are matched as assessed year minus 1, 2, ...
  Without enough history the category is parallelsamfund, ``category_certain`` 0.
* Discretion (``rules``, all primary rules of core.discretion.primary_flags, including the
  dominance rules for income): ``K_val``, ``K_gap_L`` and
  ``K_persons_L`` are NULL when the value rests on a cell flagged in either year used
  (``K_flag`` ``P``), or the area has fewer than ``min_residents`` (``A``). ``K_met_L`` of a
  ``P`` value is kept for areas with >= 1,000 residents: that met/not met is what the state
  lists themselves publish; otherwise it is NULL too, and so is ``criteria_met_L``.
  Suppressed criteria are never "near". ``residents`` below ``min_count`` is NULL.
* ``K_persons_L``: the smallest whole number of persons in the criterion's population (its
  denominator held fixed) whose status would have to change in the assessed year, with the
  previous year unchanged, for ``K_met_L`` to flip; for ``outside`` full-time persons. It is a
  hypothetical amount, not a count of actual persons, so the minimum count rule does not apply.
  NULL when no change within the population can flip it. ``income_dkk_L``: the whole kroner
  by which the area's mean gross income would have to change.
* ``at_risk`` is 1 when the category would change if the criteria within the margins
  (``Margins``: ``points`` percentage points for percent criteria, ``relative`` times the
  threshold for the conviction criterion) were on the other side of their thresholds;
  ``near_criteria`` lists those criteria (``K_L``) whatever the effect on the category.
  Areas under 1,000 residents are never at risk; the resident count itself has no margin.
* ``explanation``: plain text (English literals through tr()): the category, per list the
  criteria met with value and threshold, and the cheapest single change (smallest distance
  relative to the threshold) that would take the area off its list or onto one.
"""
import math
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion import PRIMARY, PUBLISHED, Rules, primary_flags
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import number, tr
from boligsocial_plugin.core.indicators import builtin_indicators

KEYS = ("outside", "convicted", "basic_edu", "income", "nonwestern")
INDICATOR_CODES = {"outside": "outside_labour", "convicted": "convicted",
                   "basic_edu": "basic_edu", "income": "income", "nonwestern": "nonwestern"}
PERCENT, TIMES_NATIONAL, PERCENT_OF_REGIONAL_MEAN = "percent", "times_national", \
    "percent_of_regional_mean"
# by severity: index = severity
CATEGORIES = ("ingen", "forebyggelse", "udsat", "parallelsamfund", "omdannelsesomraade")
INGEN, FOREBYGGELSE, UDSAT, PARALLEL, OMDANNELSE = range(5)
EPS = 1e-9
OPS = (">", ">=", "<")

Reference = Union[None, float, Mapping[int, float]]


@dataclass(frozen=True)
class Criterion:
    """One criterion: ``value op threshold`` in the criterion's unit."""

    key: str
    op: str
    threshold: float
    unit: str = PERCENT
    two_year: bool = False
    margin: str = "points"  # 'points' (percentage points) or 'relative' (of the threshold)
    source: str = ""

    def met(self, value: np.ndarray) -> np.ndarray:
        """1.0 met, 0.0 not met, NaN not assessable."""
        g = self.gap(value)
        with np.errstate(invalid="ignore"):
            ok = g >= 0 if self.op == ">=" else g > 0
        return np.where(np.isnan(g), np.nan, ok.astype(float))

    def gap(self, value: np.ndarray) -> np.ndarray:
        """Distance to the threshold, positive on the met side, snapped to 0 within EPS."""
        v = np.asarray(value, dtype=float)
        g = (self.threshold - v) if self.op == "<" else (v - self.threshold)
        return np.where(np.abs(g) <= EPS, 0.0, g)

    def margin_width(self, margins: "Margins") -> float:
        """Width of the 'near' band around the threshold."""
        if self.margin == "relative":
            return margins.relative * self.threshold
        return margins.points


@dataclass(frozen=True)
class CriteriaList:
    """A state list: at least ``min_met`` of ``counted`` and all of ``required``."""

    code: str
    counted: Tuple[Criterion, ...]
    min_met: int
    required: Tuple[Criterion, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class RuleSet:
    """The lists of one period of the law and how they combine into a category."""

    code: str
    lists: Tuple[CriteriaList, ...]
    min_residents: int = 1000
    parallel: Optional[Criterion] = None  # udsat + this criterion = parallelsamfund (ghetto)
    omdannelse_years: Optional[int] = None  # years of parallelsamfund incl. the assessed one
    omdannelse_years_exceptions: Tuple[Tuple[int, int, int], ...] = ()  # (from, to, years)
    source: str = ""

    def get_list(self, code: str) -> CriteriaList:
        """The list with this code."""
        for lst in self.lists:
            if lst.code == code:
                return lst
        raise KeyError(code)

    def reported(self, list_code: str) -> Tuple[Criterion, ...]:
        """Criteria reported for a list (counted, required, and the parallel one), KEYS order."""
        lst = self.get_list(list_code)
        crits = list(lst.counted) + list(lst.required)
        if self.parallel is not None and list_code == "udsat":
            crits.append(self.parallel)
        return tuple(sorted(crits, key=lambda c: KEYS.index(c.key)))

    def measure(self, key: str) -> Criterion:
        """A criterion with this key (unit and two-year rule are the same in every list)."""
        for lst in self.lists:
            for c in self.reported(lst.code):
                if c.key == key:
                    return c
        raise KeyError(key)

    def years_for_omdannelse(self, year: int) -> Optional[int]:
        """Years of parallelsamfund needed for omdannelsesområde in this list year."""
        for first, last, years in self.omdannelse_years_exceptions:
            if first <= year <= last:
                return years
        return self.omdannelse_years


_SRC_2013 = ("almenboligloven § 61 a, ghetto list 2013-2017; ministry definition quoted in "
             "seed 000 (Transport-, Bygnings- og Boligministeriet, Ghettolisten)")
_SRC_2018 = ("almenboligloven § 61 a 2018-2020; trafikstyrelsen.dk 'Udsatte områder og "
             "ghettoområder' (03/12/2020)")
_SRC_2018_HARD = ("Folketinget BOU alm. del bilag 33 (2020-21): hard ghetto = ghetto the last "
                  "4 years; for 2018-2020 the last 5 years")
_SRC_61A = "almenboligloven § 61 a, stk. 1 (LBK nr. 1171 af 11/11/2024)"
_SRC_61B = "almenboligloven § 61 b (LBK nr. 1171 af 11/11/2024)"


def _udsat_4(src: str) -> Tuple[Criterion, ...]:
    return (
        Criterion("outside", ">", 40.0, PERCENT, True, source=src + ", nr. 1"),
        Criterion("convicted", ">=", 3.0, TIMES_NATIONAL, True, "relative", src + ", nr. 2"),
        Criterion("basic_edu", ">", 60.0, PERCENT, source=src + ", nr. 3"),
        Criterion("income", "<", 55.0, PERCENT_OF_REGIONAL_MEAN, source=src + ", nr. 4"),
    )


RULE_SETS: Dict[str, RuleSet] = {
    "2013": RuleSet(
        code="2013",
        lists=(CriteriaList("udsat", (
            Criterion("outside", ">", 40.0, PERCENT, True, source=_SRC_2013 + ", 1"),
            Criterion("convicted", ">", 2.70, PERCENT, True, "relative", _SRC_2013 + ", 3"),
            Criterion("basic_edu", ">", 50.0, PERCENT, source=_SRC_2013 + ", 4"),
            Criterion("income", "<", 55.0, PERCENT_OF_REGIONAL_MEAN, source=_SRC_2013 + ", 5"),
            Criterion("nonwestern", ">", 50.0, PERCENT, source=_SRC_2013 + ", 2"),
        ), 3, source=_SRC_2013),),
        source=_SRC_2013),
    "2018": RuleSet(
        code="2018",
        lists=(CriteriaList("udsat", _udsat_4(_SRC_2018), 2, source=_SRC_2018),),
        parallel=Criterion("nonwestern", ">", 50.0, PERCENT, source=_SRC_2018 + " (ghetto)"),
        omdannelse_years=4, omdannelse_years_exceptions=((2018, 2020, 5),),
        source=_SRC_2018 + "; " + _SRC_2018_HARD),
    "2021": RuleSet(
        code="2021",
        lists=(
            CriteriaList("udsat", _udsat_4(_SRC_61A), 2, source=_SRC_61A),
            CriteriaList("forebyggelse", (
                Criterion("outside", ">", 30.0, PERCENT, True, source=_SRC_61B + ", nr. 1"),
                Criterion("convicted", ">=", 2.0, TIMES_NATIONAL, True, "relative",
                          _SRC_61B + ", nr. 2"),
                Criterion("basic_edu", ">", 60.0, PERCENT, source=_SRC_61B + ", nr. 3"),
                Criterion("income", "<", 65.0, PERCENT_OF_REGIONAL_MEAN,
                          source=_SRC_61B + ", nr. 4"),
            ), 2, required=(Criterion("nonwestern", ">", 30.0, PERCENT, source=_SRC_61B),),
                source=_SRC_61B),
        ),
        parallel=Criterion("nonwestern", ">", 50.0, PERCENT,
                           source="almenboligloven § 61 a, stk. 2"),
        omdannelse_years=5,
        source="almenboligloven § 61 a, stk. 1-4 and § 61 b (LBK nr. 1171 af 11/11/2024)"),
}

DEFAULT_RULE_SET = "2021"

_PARALLEL_NAMES = {"parallelsamfund", "omdannelsesomraade", "ghetto", "ghettoomraade",
                   "haardt_ghettoomraade", "haardt_ghetto", "hard_ghetto", "haard_ghetto",
                   "hardt_ghettoomraade"}
_OTHER_NAMES = {"udsat", "udsat_boligomraade", "forebyggelse", "forebyggelsesomraade", "ingen",
                "none", ""}


@dataclass(frozen=True)
class Margins:
    """Near-threshold band: percentage points, and a share of the threshold for convictions."""

    points: float = 2.0
    relative: float = 0.1


def get_rule_set(code: Union[str, int]) -> RuleSet:
    """The rule set '2013', '2018' or '2021'."""
    key = str(code).strip()
    if key not in RULE_SETS:
        raise BoligsocialError(tr("The rule set '{code}' is unknown; use 2013, 2018 or 2021."
                                  ).format(code=code))
    return RULE_SETS[key]


# --------------------------------------------------------------------------- dates

def previous_year_date(dates: Sequence[str], date: str) -> Optional[str]:
    """The snapshot about one year before ``date`` (see module doc), or None."""
    d = pd.Timestamp(date)
    same = (d - pd.DateOffset(years=1)).strftime("%Y-%m-%d")
    dates = sorted({str(x) for x in dates})
    if same in dates:
        return same
    best = None
    for x in dates:
        days = (d - pd.Timestamp(x)).days
        if 335 <= days <= 396:
            key = (abs(days - 365), -pd.Timestamp(x).value)
            if best is None or key < best[0]:
                best = (key, x)
    return best[1] if best else None


def choose_dates(dates: Sequence[str],
                 assessment_date: Optional[str] = None) -> Tuple[str, Optional[str]]:
    """(assessed snapshot, previous-year snapshot or None)."""
    dates = sorted({str(x) for x in dates})
    if not dates:
        raise BoligsocialError(tr("The person extract has no reference dates inside the areas; "
                                  "check that the persons lie inside the area polygons."))
    if assessment_date:
        try:
            limit = pd.Timestamp(str(assessment_date)).strftime("%Y-%m-%d")
        except ValueError:
            raise BoligsocialError(tr("The assessment date '{d}' is not a date; write it as "
                                      "YYYY-MM-DD.").format(d=assessment_date))
        before = [x for x in dates if x <= limit]
        if not before:
            raise BoligsocialError(tr("No snapshot at or before the assessment date {d}; the "
                                      "earliest reference date is {first}.").format(
                                          d=limit, first=dates[0]))
        d0 = before[-1]
    else:
        d0 = dates[-1]
    return d0, previous_year_date(dates, d0)


# --------------------------------------------------------------------------- evaluation

@dataclass
class _Measure:
    """One criterion's value per area (internal, unsuppressed)."""

    val: np.ndarray      # in the criterion's unit, NaN = not assessable
    alpha: np.ndarray    # val = alpha + beta * n, n = the assessed year's numerator (or mean)
    beta: np.ndarray
    n: np.ndarray
    hi: np.ndarray       # largest possible n (population size; inf for income)
    flag: np.ndarray     # '' / 'P' / 'A'
    single: np.ndarray   # True: two-year criterion computed on one year
    reason: List[str]    # per area: why not assessable ('' if assessable)


def _ref_value(ref: Reference, year: int) -> Optional[float]:
    if ref is None:
        return None
    if isinstance(ref, Mapping):
        v = ref.get(year, ref.get(str(year)))
        return None if v is None else float(v)
    return float(ref)


def _check_ref(ref: Reference, name: str) -> None:
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


class _Tables:
    """The raw table split by date, each reindexed to area_idx 0..n-1, with primary flags."""

    def __init__(self, raw: pd.DataFrame, n_areas: int, rules: Rules):
        self.n = n_areas
        self.raw = raw.copy()
        self.raw["ref_date"] = self.raw["ref_date"].astype(str)
        present = [i for i in builtin_indicators()
                   if i.code in INDICATOR_CODES.values() and f"{i.code}_num" in raw.columns]
        self.codes = {i.code for i in present}
        if len(self.raw):
            for code, f in primary_flags(self.raw, present, rules).items():
                self.raw[f"{code}_flag"] = f
        self.dates = sorted(self.raw["ref_date"].unique())
        self._cache: Dict[str, pd.DataFrame] = {}

    def at(self, date: Optional[str]) -> Optional[pd.DataFrame]:
        """Rows of one date by area_idx (None for no date)."""
        if date is None:
            return None
        if date not in self._cache:
            sub = self.raw[self.raw["ref_date"] == date].drop_duplicates("area_idx")
            self._cache[date] = sub.set_index("area_idx").reindex(range(self.n))
        return self._cache[date]


def _measure(tables: _Tables, crit: Criterion, d0: str, d1: Optional[str], year: int,
             national: Reference, regional: Reference) -> _Measure:
    n_areas = tables.n
    code = INDICATOR_CODES[crit.key]
    nan = np.full(n_areas, np.nan)
    s0, s1 = tables.at(d0), tables.at(d1)
    if code not in tables.codes:
        why = tr("not assessable: {key} is not in the extract").format(key=crit.key)
        return _Measure(nan, nan, nan, nan, nan, np.full(n_areas, PUBLISHED, dtype=object),
                        np.zeros(n_areas, bool), [why] * n_areas)
    num0 = s0[f"{code}_num"].to_numpy(dtype=float)
    den0 = s0[f"{code}_den"].to_numpy(dtype=float)
    flag = s0[f"{code}_flag"].fillna(PUBLISHED).to_numpy(dtype=object).copy()
    reason = [""] * n_areas
    single = np.zeros(n_areas, bool)
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
                both = ~np.isnan(p1) & ~np.isnan(p0)
                single = ~np.isnan(p0) & np.isnan(p1)
                alpha = np.where(both, p1 / 2.0, 0.0)
                beta = np.where(both, beta / 2.0, beta)
                flag = np.where((flag == PUBLISHED) & both & (flag1 != PUBLISHED), PRIMARY,
                                flag)
            val = alpha + beta * n
            if crit.unit == TIMES_NATIONAL:
                ref = _ref_value(national, year)
                if ref is None:
                    val = alpha = beta = nan
                    reason = [tr("not assessable: national conviction rate missing")] * n_areas
                else:
                    alpha, beta, val = alpha / ref, beta / ref, val / ref
    for i in np.nonzero(~(den0 > 0))[0]:
        if not reason[i]:
            reason[i] = tr("not assessable: nobody in the population of {key}").format(
                key=crit.key)
    return _Measure(np.asarray(val, float), np.asarray(alpha, float), np.asarray(beta, float),
                    np.asarray(n, float), np.asarray(hi, float), flag, single, reason)


def _severity(rs: RuleSet, met: Dict[str, Dict[str, np.ndarray]], eligible: np.ndarray,
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


def _evaluate(tables: _Tables, rs: RuleSet, d0: str, d1: Optional[str], national: Reference,
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


def _parallel_status(tables: _Tables, rs: RuleSet, date: str, national: Reference,
                     regional: Reference) -> np.ndarray:
    """1/0/NaN: parallelsamfund conditions met at a snapshot (history computed from raw)."""
    prev = previous_year_date(tables.dates, date)
    _, met, _, eligible = _evaluate(tables, rs, date, prev, national, regional)
    low = _severity(rs, met, eligible, None, 0.0) >= PARALLEL
    high = _severity(rs, met, eligible, None, 1.0) >= PARALLEL
    return np.where(low, 1.0, np.where(high, np.nan, 0.0))


def _norm_category(value) -> str:
    s = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    s = s.strip().lower()
    for a, b in (("å", "aa"), ("ø", "oe"), ("æ", "ae"), (" ", "_"), ("-", "_")):
        s = s.replace(a, b)
    return s


def _history_status(history: Optional[pd.DataFrame]) -> Dict[Tuple[str, int], float]:
    """(area_id as text, year) -> 1.0 parallelsamfund (or ghetto) that year, else 0.0."""
    out: Dict[Tuple[str, int], float] = {}
    if history is None or len(history) == 0:
        return out
    cols = {c.lower(): c for c in history.columns}
    missing = [c for c in ("area_id", "year", "category") if c not in cols]
    if missing:
        raise BoligsocialError(tr("The history table needs the columns area_id, year and "
                                  "category; missing: {cols}.").format(cols=", ".join(missing)))
    for aid, year, cat in zip(history[cols["area_id"]], history[cols["year"]],
                              history[cols["category"]]):
        name = _norm_category(cat)
        if name in _PARALLEL_NAMES:
            status = 1.0
        elif name in _OTHER_NAMES:
            status = 0.0
        else:
            raise BoligsocialError(tr("The history table has the unknown category '{cat}'; use "
                                      "omdannelsesomraade, parallelsamfund, udsat, forebyggelse, "
                                      "ingen (or ghetto, haardt_ghettoomraade).").format(cat=cat))
        try:
            y = int(str(year).strip()[:4])
        except ValueError:
            raise BoligsocialError(tr("The history table has the year '{y}'; write years as "
                                      "four digits.").format(y=year))
        key = (str(aid).strip(), y)
        out[key] = max(out.get(key, 0.0), status)
    return out


# --------------------------------------------------------------------------- flips

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


# --------------------------------------------------------------------------- text

def _criterion_label(key: str) -> str:
    return {"outside": tr("outside labour market and education (18-64)"),
            "convicted": tr("convicted (18 and over)"),
            "basic_edu": tr("only basic schooling (30-59)"),
            "income": tr("mean gross income"),
            "nonwestern": tr("non-western immigrants and descendants")}[key]


def _category_label(sev: int) -> str:
    return [tr("No category"), tr("Forebyggelsesområde"), tr("Udsat boligområde"),
            tr("Parallelsamfund"), tr("Omdannelsesområde")][sev]


def _list_label(code: str) -> str:
    return {"udsat": tr("Udsatte boligområder list"),
            "forebyggelse": tr("Forebyggelsesområder list")}[code]


def _num(v: float, decimals: int, threshold: float) -> str:
    s = f"{v:.{decimals}f}"
    d = decimals
    while d < 6 and float(s) == threshold and v != threshold:
        d += 1
        s = f"{v:.{d}f}"
    return number(v, d)


def _value_text(crit: Criterion, v: float) -> str:
    if crit.unit == TIMES_NATIONAL:
        return tr("{v} times the national average").format(v=_num(v, 2, crit.threshold))
    if crit.unit == PERCENT_OF_REGIONAL_MEAN:
        return tr("{v} % of the regional mean").format(v=_num(v, 1, crit.threshold))
    return "{v} %".format(v=_num(v, 2 if crit.threshold < 10 else 1, crit.threshold))


def _condition_text(crit: Criterion, v: float, met: bool) -> str:
    t = "{:g}".format(crit.threshold)
    if t != "{:.0f}".format(crit.threshold):
        t = number(crit.threshold, len(t.split(".")[1]))
    if crit.unit != TIMES_NATIONAL:
        t += " %"
    sym = {(">", True): ">", (">", False): "≤", (">=", True): "≥", (">=", False): "<",
           ("<", True): "<", ("<", False): "≥"}[(crit.op, met)]
    return "{label} {value} {sym} {t}".format(label=_criterion_label(crit.key),
                                              value=_value_text(crit, v), sym=sym, t=t)


def _change_text(key: str, amount: int, more: bool) -> str:
    texts = {
        ("outside", True): tr("{n} more full-time persons were outside the labour market"),
        ("outside", False): tr("{n} fewer full-time persons were outside the labour market"),
        ("convicted", True): tr("{n} more residents aged 18 and over were convicted"),
        ("convicted", False): tr("{n} fewer residents aged 18 and over were convicted"),
        ("basic_edu", True): tr("{n} more residents aged 30-59 had only basic schooling"),
        ("basic_edu", False): tr("{n} fewer residents aged 30-59 had only basic schooling"),
        ("nonwestern", True): tr("{n} more residents were non-western immigrants or "
                                 "descendants"),
        ("nonwestern", False): tr("{n} fewer residents were non-western immigrants or "
                                  "descendants"),
        ("income", True): tr("the mean gross income were {n} kr. higher"),
        ("income", False): tr("the mean gross income were {n} kr. lower"),
    }
    return texts[(key, more)].format(n=number(amount))


# --------------------------------------------------------------------------- output

def persons_column(key: str, list_code: str) -> str:
    """Name of the flip-amount column (``income_dkk_L`` for income)."""
    return f"income_dkk_{list_code}" if key == "income" else f"{key}_persons_{list_code}"


def output_fields(rule_set: Union[str, int, RuleSet]) -> List[Tuple[str, str]]:
    """Output columns of :func:`assess_criteria` in order, with type 'str', 'int' or 'float'."""
    rs = rule_set if isinstance(rule_set, RuleSet) else get_rule_set(rule_set)
    f: List[Tuple[str, str]] = [("area_id", "str"), ("area_name", "str"), ("residents", "int"),
                                ("rule_set", "str"), ("ref_date", "str"), ("prev_date", "str")]
    for k in KEYS:
        f += [(f"{k}_val", "float"), (f"{k}_flag", "str")]
    for lst in rs.lists:
        for c in rs.reported(lst.code):
            f += [(f"{c.key}_met_{lst.code}", "int"), (f"{c.key}_gap_{lst.code}", "float"),
                  (persons_column(c.key, lst.code), "int")]
        f.append((f"criteria_met_{lst.code}", "int"))
    f += [("category", "str"), ("category_certain", "int"), ("category_reason", "str"),
          ("at_risk", "int"), ("near_criteria", "str"), ("two_year", "int"),
          ("data_note", "str"), ("explanation", "str")]
    return f


def assess_criteria(raw: pd.DataFrame, area_ids: Sequence, area_names: Optional[Sequence] = None,
                    rule_set: Union[str, int] = "2021", *,
                    national_conviction_rate: Reference = None,
                    regional_mean_income: Reference = None,
                    assessment_date: Optional[str] = None,
                    history: Optional[pd.DataFrame] = None,
                    margins: Margins = Margins(),
                    rules: Rules = Rules()) -> pd.DataFrame:
    """Assess every area against the state criteria of a rule set (see the module doc)."""
    rs = get_rule_set(rule_set)
    _check_ref(national_conviction_rate, "NATIONAL_CONVICTION_RATE")
    _check_ref(regional_mean_income, "REGIONAL_MEAN_INCOME")
    if margins.points < 0 or margins.relative < 0:
        raise BoligsocialError(tr("The at-risk margins must be zero or positive."))
    ids = [str(x) for x in area_ids]
    n_areas = len(ids)
    names = [("" if x is None else str(x)) for x in area_names] if area_names is not None \
        else [""] * n_areas
    tables = _Tables(raw, n_areas, rules)
    d0, d1 = choose_dates(tables.dates, assessment_date)
    year = int(d0[:4])
    meas, met, residents, eligible = _evaluate(tables, rs, d0, d1, national_conviction_rate,
                                               regional_mean_income)

    # omdannelsesområde: parallelsamfund in each of the N-1 years before the assessed one
    omd_hist, hist_found, hist_note = None, None, [""] * n_areas
    n_years = rs.years_for_omdannelse(year) if rs.parallel is not None else None
    if n_years:
        omd_hist, hist_found, hist_note = _omdannelse_history(
            tables, rs, ids, d0, year, n_years, history, national_conviction_rate,
            regional_mean_income)

    sev_low = _severity(rs, met, eligible, omd_hist, 0.0)
    sev_high = _severity(rs, met, eligible, omd_hist, 1.0)

    # near-threshold criteria (published values only)
    near: Dict[str, Dict[str, np.ndarray]] = {}
    for lst in rs.lists:
        near[lst.code] = {}
        for c in rs.reported(lst.code):
            m = meas[c.key]
            g = c.gap(m.val)
            with np.errstate(invalid="ignore"):
                near[lst.code][c.key] = (np.abs(g) <= c.margin_width(margins) + EPS) & \
                    (m.flag == PUBLISHED) & ~np.isnan(g)
    worst = {lc: {k: np.where(near[lc][k] & (met[lc][k] == 0), 1.0, met[lc][k])
                  for k in met[lc]} for lc in met}
    best = {lc: {k: np.where(near[lc][k] & (met[lc][k] == 1), 0.0, met[lc][k])
                 for k in met[lc]} for lc in met}
    at_risk = ((_severity(rs, worst, eligible, omd_hist, 0.0) != sev_low)
               | (_severity(rs, best, eligible, omd_hist, 0.0) != sev_low))

    out: Dict[str, object] = {
        "area_id": ids, "area_name": names,
        "residents": _int_array(np.where((residents > 0) & (residents < rules.min_count),
                                         np.nan, residents)),
        "rule_set": [rs.code] * n_areas, "ref_date": [d0] * n_areas,
        "prev_date": [d1 or ""] * n_areas,
    }
    published = {k: (m.flag == PUBLISHED) for k, m in meas.items()}
    keep_met = {k: published[k] | ((m.flag == PRIMARY) & eligible) for k, m in meas.items()}
    for k in KEYS:
        if k in meas:
            out[f"{k}_val"] = np.where(published[k], meas[k].val, np.nan)
            out[f"{k}_flag"] = meas[k].flag
        else:
            out[f"{k}_val"] = np.full(n_areas, np.nan)
            out[f"{k}_flag"] = np.full(n_areas, PUBLISHED, dtype=object)
    persons: Dict[Tuple[str, str], np.ndarray] = {}
    for lst in rs.lists:
        lc = lst.code
        for c in rs.reported(lc):
            m = meas[c.key]
            mt = np.where(keep_met[c.key], met[lc][c.key], np.nan)
            out[f"{c.key}_met_{lc}"] = _int_array(mt)
            out[f"{c.key}_gap_{lc}"] = np.where(published[c.key], c.gap(m.val), np.nan)
            amounts = np.where(published[c.key], flip_amounts(c, m.n, m.alpha, m.beta, 0.0,
                                                              m.hi), np.nan)
            persons[(lc, c.key)] = amounts
            out[persons_column(c.key, lc)] = _int_array(amounts)
        cnt = np.zeros(n_areas)
        hidden = np.zeros(n_areas, bool)
        for c in lst.counted:
            cnt += np.nan_to_num(met[lc][c.key]) > 0.5
            hidden |= ~keep_met[c.key]
        out[f"criteria_met_{lc}"] = _int_array(np.where(hidden, np.nan, cnt))

    two_year_keys = [k for k in meas if rs.measure(k).two_year]
    single_any = np.zeros(n_areas, bool)
    for k in two_year_keys:
        single_any |= meas[k].single
    cats, certain, reasons, nears, notes, texts = [], [], [], [], [], []
    for i in range(n_areas):
        note = _data_note(rs, meas, i, two_year_keys,
                          hist_note[i] if sev_high[i] >= PARALLEL else "")
        reason, doubt = _category_reason(rs, met, meas, i, eligible[i], int(sev_low[i]),
                                         int(sev_high[i]), n_years, hist_found, omd_hist)
        cats.append(CATEGORIES[sev_low[i]])
        certain.append(int(sev_low[i] == sev_high[i]))
        reasons.append(reason + ("; " + doubt if doubt else ""))
        nears.append(", ".join(f"{k}_{lc}" for lc in near for k in near[lc] if near[lc][k][i]))
        notes.append(note)
        texts.append(_explain(rs, met, meas, persons, keep_met, i, bool(eligible[i]),
                              int(sev_low[i]), doubt))
    out.update({"category": cats, "category_certain": pd.array(certain, dtype="Int64"),
                "category_reason": reasons,
                "at_risk": pd.array(at_risk.astype(int), dtype="Int64"),
                "near_criteria": nears,
                "two_year": pd.array((~single_any).astype(int), dtype="Int64"),
                "data_note": notes, "explanation": texts})
    return pd.DataFrame(out, columns=[name for name, _ in output_fields(rs)])


def _int_array(a: np.ndarray) -> pd.arrays.IntegerArray:
    """Nullable integers: NaN becomes NULL (pd.NA)."""
    a = np.asarray(a, dtype=float)
    mask = np.isnan(a)
    return pd.arrays.IntegerArray(np.where(mask, 0, np.round(a)).astype(np.int64), mask)


def _omdannelse_history(tables: _Tables, rs: RuleSet, ids: List[str], d0: str, year: int,
                        n_years: int, history: Optional[pd.DataFrame], national: Reference,
                        regional: Reference):
    """(1/0/NaN all earlier years parallelsamfund, years found per area, note per area)."""
    n_areas = len(ids)
    official = _history_status(history)
    status = np.full((n_areas, n_years - 1), np.nan)
    computed: List[int] = []
    date = d0
    for j in range(n_years - 1):
        y = year - 1 - j
        col = np.array([official.get((aid, y), np.nan) for aid in ids])
        date = previous_year_date(tables.dates, date) if date else None
        need = np.isnan(col)
        if need.any() and date is not None:
            calc = _parallel_status(tables, rs, date, national, regional)
            if (need & ~np.isnan(calc)).any():
                computed.append(y)
            col = np.where(need, calc, col)
        status[:, j] = col
    known = ~np.isnan(status)
    any_not = (status == 0).any(axis=1)
    all_yes = (status == 1).all(axis=1)
    res = np.where(any_not, 0.0, np.where(all_yes, 1.0, np.nan))
    found = known.sum(axis=1) + 1
    note = ""
    if computed:
        note = tr("history {years} computed from the extract").format(
            years=", ".join(str(y) for y in sorted(computed)))
    return res, found, [note] * n_areas


def _data_note(rs: RuleSet, meas: Dict[str, _Measure], i: int, two_year_keys: List[str],
               hist_note: str) -> str:
    parts: List[str] = []
    single = [k for k in two_year_keys if meas[k].single[i]]
    if single:
        parts.append(tr("previous year missing: single-year value used for {keys}").format(
            keys=", ".join(single)))
    for k in KEYS:
        if k in meas and meas[k].reason[i] and meas[k].reason[i] not in parts:
            parts.append(meas[k].reason[i])
    if hist_note:
        parts.append(hist_note)
    return "; ".join(parts)


def _category_reason(rs: RuleSet, met, meas, i: int, eligible: bool, low: int, high: int,
                     n_years: Optional[int], hist_found, omd_hist) -> Tuple[str, str]:
    """(why this category, why it could be more severe or '')."""
    if not eligible:
        return tr("under {n} residents").format(n=number(rs.min_residents)), ""
    udsat = rs.get_list("udsat")
    k_u = sum(int(met["udsat"][c.key][i] == 1) for c in udsat.counted)
    if low == OMDANNELSE:
        reason = tr("parallelsamfund conditions met in each of the last {n} years").format(
            n=n_years)
    elif low == PARALLEL:
        reason = tr("udsat ({k} of {n} criteria met) and non-western share above {t} %").format(
            k=k_u, n=len(udsat.counted), t="{:g}".format(rs.parallel.threshold))
    elif low == UDSAT:
        reason = tr("{k} of {n} criteria met").format(k=k_u, n=len(udsat.counted))
    elif low == FOREBYGGELSE:
        fb = rs.get_list("forebyggelse")
        k_f = sum(int(met["forebyggelse"][c.key][i] == 1) for c in fb.counted)
        reason = tr("non-western share above {t} % and {k} of {n} criteria met").format(
            t="{:g}".format(fb.required[0].threshold), k=k_f, n=len(fb.counted))
    else:
        reason = tr("the conditions of no list are met")
    return reason, _uncertainty(meas, i, low, high, n_years, hist_found, omd_hist)


def _uncertainty(meas, i: int, low: int, high: int, n_years: Optional[int], hist_found,
                 omd_hist) -> str:
    """Why the category could be more severe than the one given ('' if certain)."""
    if high == low:
        return ""
    if (high == OMDANNELSE and low == PARALLEL and omd_hist is not None
            and np.isnan(omd_hist[i])):
        return tr("omdannelsesområde could not be determined: needs {n} years of history, "
                  "{k} found").format(n=n_years, k=hist_found[i])
    why = sorted({meas[k].reason[i] for k in meas if meas[k].reason[i]})
    return tr("could be {category} ({why})").format(category=_category_label(high).lower(),
                                                    why=", ".join(why))


def _list_sentence(rs: RuleSet, lst: CriteriaList, met, meas, keep_met, i: int,
                   label: str) -> str:
    details = []
    counted = {c.key for c in lst.counted}
    for c in rs.reported(lst.code):
        m = met[lst.code][c.key][i]
        if np.isnan(m) or not keep_met[c.key][i]:
            continue
        is_counted = c.key in counted
        if m == 1 or not is_counted:
            if meas[c.key].flag[i] == PUBLISHED:
                details.append(_condition_text(c, meas[c.key].val[i], m == 1))
            else:
                details.append(tr("{label}: {state} (value suppressed)").format(
                    label=_criterion_label(c.key), state=tr("met") if m == 1 else tr("not met")))
    k = sum(int(met[lst.code][key][i] == 1) for key in counted)
    text = tr("{label}: {k} of {n} criteria met").format(label=label, k=k, n=len(lst.counted))
    if details:
        text += " (" + "; ".join(details) + ")"
    return text + "."


def _cheapest(cands: List[Tuple[Criterion, str, bool]], meas, persons, i: int):
    """The candidate flip with the smallest relative distance to its threshold."""
    best = None
    for c, lc, more in cands:
        amount = persons[(lc, c.key)][i]
        if np.isnan(amount):
            continue
        rel = abs(float(c.gap(np.array([meas[c.key].val[i]]))[0])) / c.threshold
        if best is None or rel < best[0]:
            best = (rel, c, amount, more)
    return best


def _explain(rs: RuleSet, met, meas, persons, keep_met, i: int, eligible: bool, sev: int,
             doubt: str) -> str:
    parts: List[str] = []
    if not eligible:
        parts.append(tr("Under {n} residents, so not on the state lists.").format(
            n=number(rs.min_residents)))
    elif sev == INGEN:
        parts.append(tr("No category."))
    elif sev in (PARALLEL, OMDANNELSE):
        parts.append(_category_label(sev) + ".")
    defining = "forebyggelse" if sev == FOREBYGGELSE else "udsat"
    if not all(meas[k].flag[i] == "A" for k in meas):
        for lst in sorted(rs.lists, key=lambda x: x.code != defining):
            if sev != INGEN and lst.code == defining:
                label = _category_label(UDSAT if defining == "udsat" else FOREBYGGELSE)
            else:
                label = _list_label(lst.code)
            parts.append(_list_sentence(rs, lst, met, meas, keep_met, i, label))
    else:
        parts.append(tr("Values not published: fewer residents than the discretion minimum."))
    if eligible:
        flip = _flip_sentence(rs, met, meas, persons, i, sev)
        if flip:
            parts.append(flip)
    if doubt:
        parts.append(tr("Category uncertain: {why}.").format(why=doubt))
    return " ".join(parts)


def _flip_sentence(rs: RuleSet, met, meas, persons, i: int, sev: int) -> str:
    """One change that would move the area off its list (or onto one)."""
    def state(lc: str, c: Criterion) -> float:
        return met[lc][c.key][i]

    cands: List[Tuple[Criterion, str, bool]] = []
    if sev >= UDSAT:
        lst = rs.get_list("udsat")
        k = sum(int(state("udsat", c) == 1) for c in lst.counted)
        if k == lst.min_met:
            cands += [(c, "udsat", c.op == "<") for c in lst.counted if state("udsat", c) == 1]
        if sev >= PARALLEL:
            cands.append((rs.parallel, "udsat", False))
        target = _category_label(sev)
        leave = True
    elif sev == FOREBYGGELSE:
        lst = rs.get_list("forebyggelse")
        k = sum(int(state("forebyggelse", c) == 1) for c in lst.counted)
        if k == lst.min_met:
            cands += [(c, lst.code, c.op == "<") for c in lst.counted
                      if state(lst.code, c) == 1]
        cands += [(c, lst.code, False) for c in lst.required]
        target = _category_label(sev)
        leave = True
    else:
        leave = False
        target = ""
        for lst in rs.lists:
            if any(state(lst.code, c) != 1 for c in lst.required):
                continue
            k = sum(int(state(lst.code, c) == 1) for c in lst.counted)
            if k == lst.min_met - 1:
                cands += [(c, lst.code, c.op != "<") for c in lst.counted
                          if state(lst.code, c) == 0]
    best = _cheapest(cands, meas, persons, i)
    if best is None:
        return ""
    _, c, amount, more = best
    change = _change_text(c.key, int(amount), more)
    if rs.measure(c.key).two_year and not meas[c.key].single[i]:
        change += tr(" this year (last year unchanged)")
    if leave:
        return tr("Would no longer be {category} if {change}.").format(
            category=target.lower(), change=change)
    for lst in rs.lists:
        if any(cc is c for cc in lst.counted):
            target = _category_label(UDSAT if lst.code == "udsat" else FOREBYGGELSE)
    return tr("Would become {category} if {change}.").format(category=target.lower(),
                                                             change=change)
