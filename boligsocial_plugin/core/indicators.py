# SPDX-License-Identifier: GPL-2.0-or-later
"""Indicator definitions (built-in and user-defined) and their aggregation per area and date.

An indicator is a numerator over a population:

* ``share``: Σ value over the population / number in the population, published in percent.
  ``value`` is a 0/1 column, a fraction column (``outside_fte``) or a condition.
* ``mean``: Σ value / number in the population with a known value (e.g. income).
* ``count``: number in the population meeting the condition (denominator = residents).

Aggregation returns the *raw* table (nothing suppressed). Discretion is applied afterwards
by :mod:`boligsocial_plugin.core.discretion`; the raw table never leaves the process.
"""
import json
import re
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "notnull", "isnull")
KINDS = ("share", "mean", "count")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


@dataclass(frozen=True)
class Condition:
    """``column op value``, evaluated with numpy (never eval)."""

    column: str
    op: str
    value: object = None

    def evaluate(self, df: pd.DataFrame) -> np.ndarray:
        """Boolean mask; missing values never satisfy a comparison."""
        s = df[self.column]
        if self.op == "notnull":
            return s.notna().to_numpy()
        if self.op == "isnull":
            return s.isna().to_numpy()
        if self.op == "in":
            return s.isin(list(self.value)).to_numpy()
        if pd.api.types.is_numeric_dtype(s) and not isinstance(self.value, str):
            a = s.to_numpy(dtype=float, na_value=np.nan)
            v = float(self.value)
            with np.errstate(invalid="ignore"):
                out = {"==": a == v, "!=": a != v, "<": a < v, "<=": a <= v,
                       ">": a > v, ">=": a >= v}[self.op]
            return out & ~np.isnan(a)
        a = s.astype("string").to_numpy(dtype=object, na_value=None)
        v = str(self.value)
        if self.op == "==":
            return np.array([x == v for x in a], dtype=bool)
        if self.op == "!=":
            return np.array([x is not None and x != v for x in a], dtype=bool)
        raise BoligsocialError(tr("The comparison '{op}' needs a numeric column, but '{col}' "
                                  "holds text.").format(op=self.op, col=self.column))


@dataclass(frozen=True)
class Indicator:
    """One indicator: a numerator over a population (see module doc)."""

    code: str
    kind: str
    label: str
    value: Optional[str] = None          # column summed in the numerator
    condition: Optional[Condition] = None  # or: persons meeting this condition
    age_min: Optional[int] = None
    age_max: Optional[int] = None
    where: Tuple[Condition, ...] = field(default_factory=tuple)
    unit: str = "%"
    requires: Tuple[str, ...] = field(default_factory=tuple)
    source: str = ""

    def fingerprint(self) -> str:
        """Short hash of the definition (numerator, population), not of the label or code."""
        import hashlib

        text = repr((self.kind, self.value, self.condition, self.age_min, self.age_max,
                     tuple(sorted(map(repr, self.where)))))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    def columns(self) -> List[str]:
        """Columns of the extract this indicator needs."""
        cols = set(self.requires)
        if self.value:
            cols.add(self.value)
        if self.condition:
            cols.add(self.condition.column)
        if self.age_min is not None or self.age_max is not None:
            cols.add("age")
        cols.update(c.column for c in self.where)
        return sorted(cols)


def builtin_indicators() -> List[Indicator]:
    """The built-in indicators (README "Data model"), with the law's age bands and denominators."""
    return [
        Indicator("outside_labour", "share", tr("Outside labour market and education, 18-64"),
                  value="outside_fte", age_min=18, age_max=64,
                  source="almenboligloven § 61 a, stk. 1, nr. 1 (full-time persons)"),
        Indicator("nonwestern", "share",
                  tr("Immigrants and descendants from non-western countries"),
                  value="nonwestern", source="almenboligloven § 61 a, stk. 2"),
        Indicator("convicted", "share", tr("Convicted, residents 18 and over"),
                  value="convicted", age_min=18, source="almenboligloven § 61 a, stk. 1, nr. 2"),
        Indicator("basic_edu", "share", tr("Only basic schooling, 30-59"),
                  value="basic_edu", age_min=30, age_max=59,
                  source="almenboligloven § 61 a, stk. 1, nr. 3 (unknown counts as basic)"),
        Indicator("income", "mean", tr("Mean gross income, taxpayers 15-64 not in education"),
                  value="gross_income", age_min=15, age_max=64,
                  where=(Condition("student", "!=", 1), Condition("taxpayer", "!=", 0)),
                  unit="kr.", source="almenboligloven § 61 a, stk. 1, nr. 4"),
        Indicator("age_0_17", "share", tr("Children 0-17"),
                  condition=Condition("age", "<=", 17), requires=("age",),
                  source="municipal practice (Aarhus BoSocData, Odense, Copenhagen SØK)"),
        Indicator("age_18_64", "share", tr("Adults 18-64"),
                  condition=Condition("age", "in", tuple(range(18, 65))), requires=("age",),
                  source="municipal practice (Aarhus BoSocData, Odense, Copenhagen SØK)"),
        Indicator("age_65plus", "share", tr("Residents 65 and over"),
                  condition=Condition("age", ">=", 65), requires=("age",),
                  source="municipal practice (Aarhus BoSocData, Odense, Copenhagen SØK)"),
        Indicator("single_parent", "share", tr("Residents in single-parent households"),
                  value="single_parent", source="municipal practice (Odense)"),
    ]


def available_indicators(columns: Sequence[str],
                         extra: Sequence[Indicator] = ()) -> Tuple[List[Indicator], List[str]]:
    """Indicators computable from these columns, and codes skipped for a missing column."""
    have = set(columns)
    keep, skipped = [], []
    for ind in list(builtin_indicators()) + list(extra):
        # student/taxpayer are optional refinements of the income population
        need = [c for c in ind.columns() if c not in ("student", "taxpayer")]
        if all(c in have for c in need):
            keep.append(ind)
        else:
            skipped.append(ind.code)
    return keep, skipped


# --------------------------------------------------------------------------- user-defined

def parse_user_indicators(text: str, known_columns: Sequence[str]) -> List[Indicator]:
    """Parse user-defined indicators from JSON text (a list of objects, see the catalogue).

    Each object: ``code``, ``type`` (share/mean/count), ``label``, and either ``value``
    (a 0/1 or numeric column to sum) or ``condition`` (``{"column", "op", "value"}``),
    optional population ``age_min``, ``age_max``, ``sex`` (M/K) and ``where`` (a list of
    conditions). Nothing is evaluated as code.
    """
    try:
        data = json.loads(text)
    except ValueError as e:
        raise BoligsocialError(tr("The indicator definition file is not valid JSON: {err}. "
                                  "Start from indicator_catalogue.json.").format(err=e))
    if isinstance(data, dict):
        data = data.get("indicators", [])
    if not isinstance(data, list):
        raise BoligsocialError(tr("The indicator definition file must hold a list of "
                                  "indicators."))
    known = set(known_columns)
    builtin_codes = {i.code for i in builtin_indicators()}
    out: List[Indicator] = []
    seen = set()
    for n, d in enumerate(data, start=1):
        where = tr("indicator no. {n}").format(n=n)
        if not isinstance(d, dict):
            raise BoligsocialError(tr("{where}: must be an object with code, type and value "
                                      "or condition.").format(where=where))
        code = str(d.get("code", "")).strip()
        if not CODE_RE.match(code):
            raise BoligsocialError(tr("{where}: the code '{code}' must start with a letter and "
                                      "hold only a-z, 0-9 and _ (at most 31 characters)."
                                      ).format(where=where, code=code))
        if code in seen or code in builtin_codes:
            raise BoligsocialError(tr("{where}: the code '{code}' is used twice or is a "
                                      "built-in indicator; choose another code."
                                      ).format(where=where, code=code))
        seen.add(code)
        kind = str(d.get("type", "share")).strip().lower()
        if kind not in KINDS:
            raise BoligsocialError(tr("{where}: type '{kind}' is unknown; use share, mean or "
                                      "count.").format(where=where, kind=kind))
        value = str(d["value"]).strip().lower() if d.get("value") is not None else None
        cond = _parse_condition(d["condition"], where) if d.get("condition") else None
        if (value is None) == (cond is None):
            raise BoligsocialError(tr("{where}: give either 'value' (a column to sum) or "
                                      "'condition', not both and not neither.").format(where=where))
        conds = [_parse_condition(c, where) for c in d.get("where", []) or []]
        if d.get("sex"):
            sex = str(d["sex"]).upper()
            if sex not in ("M", "K"):
                raise BoligsocialError(tr("{where}: sex must be M or K.").format(where=where))
            conds.append(Condition("sex", "==", sex))
        ind = Indicator(code, kind, str(d.get("label", code)), value=value, condition=cond,
                        age_min=_int_or_none(d.get("age_min"), where),
                        age_max=_int_or_none(d.get("age_max"), where), where=tuple(conds),
                        unit=str(d.get("unit", "%" if kind == "share" else "")),
                        source=str(d.get("source", "")))
        from boligsocial_plugin.core.datamodel import COLUMNS

        unknown = [c for c in ind.columns() if c not in known and c not in COLUMNS]
        if unknown:
            raise BoligsocialError(tr("Indicator '{code}' uses the column(s) {cols}, which are "
                                      "neither in the extract nor in the data model. Check the "
                                      "spelling.").format(code=code, cols=", ".join(unknown)))
        out.append(ind)
    return out


def _int_or_none(v, where: str) -> Optional[int]:
    if v is None or v == "":
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        raise BoligsocialError(tr("{where}: age limits must be whole numbers, not '{v}'."
                                  ).format(where=where, v=v))


def _parse_condition(d, where: str) -> Condition:
    if not isinstance(d, dict) or "column" not in d:
        raise BoligsocialError(tr("{where}: a condition needs 'column', 'op' and 'value'."
                                  ).format(where=where))
    op = str(d.get("op", "==")).strip()
    if op not in OPS:
        raise BoligsocialError(tr("{where}: the operator '{op}' is not allowed; use one of "
                                  "{ops}.").format(where=where, op=op, ops=" ".join(OPS)))
    value = d.get("value")
    if op == "in" and not isinstance(value, list):
        raise BoligsocialError(tr("{where}: 'in' needs a list of values.").format(where=where))
    if op in ("<", "<=", ">", ">="):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise BoligsocialError(tr("{where}: '{op}' needs a number, not '{v}'."
                                      ).format(where=where, op=op, v=value))
    return Condition(str(d["column"]).strip().lower(), op, tuple(value) if op == "in" else value)


# --------------------------------------------------------------------------- aggregation

def population_mask(ind: Indicator, df: pd.DataFrame) -> np.ndarray:
    """Persons in the indicator's denominator population."""
    mask = np.ones(len(df), dtype=bool)
    if ind.age_min is not None or ind.age_max is not None:
        age = df["age"].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            if ind.age_min is not None:
                mask &= age >= ind.age_min
            if ind.age_max is not None:
                mask &= age <= ind.age_max
    for c in ind.where:
        if c.column not in df.columns:
            continue  # optional refinement column absent (student/taxpayer)
        if c.op == "!=":
            # "not in education": a missing value is not a 1
            a = df[c.column].to_numpy(dtype=float, na_value=np.nan)
            mask &= ~(a == float(c.value))
        else:
            mask &= c.evaluate(df)
    return mask


def contribution(ind: Indicator, df: pd.DataFrame) -> np.ndarray:
    """Each person's contribution to the numerator (NaN = unknown)."""
    if ind.condition is not None:
        return ind.condition.evaluate(df).astype(float)
    a = df[ind.value].to_numpy(dtype=float, na_value=np.nan)
    if ind.code == "basic_edu":
        a = np.where(np.isnan(a), 1.0, a)  # the law: unknown education counts as basic
    return a


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
    Columns: ``area_idx, ref_date, residents`` and per indicator ``C_num`` (sum),
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
    cells = _Cells(gidx if inside.all() else np.where(inside, gidx, size), size)
    out = {
        "area_idx": np.repeat(np.arange(n_areas), n_dates),
        "ref_date": np.tile(np.array(dates, dtype=object), n_areas),
        "residents": cells.count(cells.bins),
    }
    halves = None
    if "person_key" in df.columns:
        from boligsocial_plugin.core.discretion.perturbation import (
            record_key_halves,
            record_keys,
        )

        halves = record_key_halves(record_keys(df["person_key"].to_numpy()))
        out["residents_ck"] = cells.keys(cells.bins, halves)
    parts: Dict[str, Tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    populations: Dict[tuple, np.ndarray] = {}
    for ind in indicators:
        key = (ind.age_min, ind.age_max, ind.where)
        if key not in populations:
            populations[key] = population_mask(ind, df)
        pop = populations[key]
        val = contribution(ind, df)
        unknown = np.isnan(val)
        known = pop & ~unknown if ind.kind == "mean" else pop
        v0 = np.where(unknown, 0.0, val)
        parts[ind.code] = (known & inside, v0, val)  # nestings are judged on persons in areas
        _aggregate_cells(out, ind.code, ind.kind, cells, known, v0, halves)
    nestings = find_nestings(indicators, parts)
    kinds = {i.code: i.kind for i in indicators}
    for k, (small, big, how) in enumerate(nestings):
        if how == NEST_SAME:
            continue  # no rest
        kb, vb, _ = parts[big]
        ks, vs, _ = parts[small]
        if how == NEST_NUM and np.array_equal(kb, ks):  # one population: counted by big only
            _aggregate_cells(out, "nest{}".format(k), kinds[big], cells, kb, vb - vs, None)
        else:  # the persons of big's population outside small's
            _aggregate_cells(out, "nest{}".format(k), kinds[big], cells, kb & ~ks, vb, None)
    frame = pd.DataFrame(out)
    frame.attrs["nestings"] = nestings
    return frame


class _Cells:
    """The cells of the aggregate table and each person row's cell (``bins``; rows in no cell
    have ``size``, one past the table). Every figure is one ``numpy.bincount`` over all rows."""

    def __init__(self, bins: np.ndarray, size: int):
        self.bins = bins
        self.size = size

    def of(self, mask: np.ndarray, bins: Optional[np.ndarray] = None) -> np.ndarray:
        """The cells of the rows in ``mask`` (the others: none)."""
        bins = self.bins if bins is None else bins
        return bins if mask.all() else np.where(mask, bins, self.size)

    def count(self, bins: np.ndarray) -> np.ndarray:
        """Rows per cell (int64)."""
        return np.bincount(bins, minlength=self.size + 1)[:self.size]

    def sum(self, bins: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Σ weights per cell, added in row order."""
        return np.bincount(bins, weights=weights, minlength=self.size + 1)[:self.size]

    def keys(self, bins: np.ndarray, halves: Tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Cell keys (core.discretion.perturbation) of the rows in each cell."""
        from boligsocial_plugin.core.discretion.perturbation import cell_keys_of_sums

        return cell_keys_of_sums(self.sum(bins, halves[0]), self.sum(bins, halves[1]))


def _aggregate_cells(out: Dict[str, np.ndarray], code: str, kind: str, cells: _Cells,
                     known: np.ndarray, v0: np.ndarray,
                     halves: Optional[Tuple[np.ndarray, np.ndarray]]) -> None:
    """The raw cells of one indicator (or one nested difference) per group."""
    size = cells.size
    pop = cells.of(known)  # the cell of each row of the population
    num = cells.sum(pop, v0)
    # population, contributing (> 0) and rest (< 1) counted in one pass: 4 classes per cell
    cls = pop * 4 + ((v0 > 0).astype(np.int64) * 2 + (v0 < 1))
    by_cls = np.bincount(cls, minlength=4 * (size + 1))[:4 * size].reshape(size, 4)
    den = by_cls.sum(axis=1).astype(float)
    cnt = by_cls[:, 2] + by_cls[:, 3]
    rest = by_cls[:, 1] + by_cls[:, 3]
    if kind == "count":
        den = out["residents"].astype(float)
    out[f"{code}_num"] = num
    out[f"{code}_den"] = den
    out[f"{code}_cnt"] = cnt.astype(np.int64)
    out[f"{code}_rest"] = rest.astype(np.int64)
    if kind == "mean":
        t1, t2 = _top2(pop, np.abs(v0), size)
        out[f"{code}_top1"] = t1
        out[f"{code}_top2"] = t2
    if halves is not None:
        out[f"{code}_ckn"] = cells.keys(cells.of(v0 != 0, pop), halves)
        out[f"{code}_ckd"] = out["residents_ck"] if kind == "count" else \
            cells.keys(pop, halves)


def _nest_possible(a: Indicator, b: Indicator) -> bool:
    """Whether a's population can lie inside b's by their age limits (the data decide)."""
    if a.code == b.code:
        return False
    if b.kind == "count":
        return True  # b's population is every resident
    lo_a = -np.inf if a.age_min is None or a.kind == "count" else a.age_min
    hi_a = np.inf if a.age_max is None or a.kind == "count" else a.age_max
    lo_b = -np.inf if b.age_min is None else b.age_min
    hi_b = np.inf if b.age_max is None else b.age_max
    return lo_b <= lo_a and hi_a <= hi_b


NEST_DEN, NEST_NUM, NEST_SAME = "den", "num", "same"


def find_nestings(indicators: Sequence[Indicator],
                  parts: Mapping[str, Tuple[np.ndarray, np.ndarray, np.ndarray]]
                  ) -> List[Tuple[str, str, str]]:
    """Pairs (small, big, cell) of indicators whose ``cell`` (den or num) differ by a group.

    Checked on the persons in areas (the definitions only pre-select pairs):

    * ``den``: the population of ``small`` lies inside that of ``big`` (one pair per two
      distinct populations): ``den_big = den_small + den_rest``, e.g. residents 30-59 inside
      residents 18-64 (the rest: 18-29 and 60-64).
    * ``num``: ``num_big = num_small + num_rest`` with a rest of persons counted by big only:
      small's population inside big's with the same contribution of every person of small
      (outside_16_66 over outside_labour, children_single_parent over single_parent,
      income_women over income), or one population and small's 0/1 numerator never above
      big's (age_80plus inside age_65plus).
    * ``same``: one population and the same numerator (children_count and age_0_17):
      ``num_big = num_small``.

    The rest is an implied cell, protected like any other (core.discretion.indicators).
    """
    out: List[Tuple[str, str, str]] = []
    reps: List[Tuple[str, np.ndarray]] = []  # one indicator per distinct population
    cls: Dict[str, int] = {}
    for ind in indicators:
        k = parts[ind.code][0]
        for j, (_code, km) in enumerate(reps):
            if np.array_equal(k, km):
                cls[ind.code] = j
                break
        else:
            cls[ind.code] = len(reps)
            reps.append((ind.code, k))
    by_code = {i.code: i for i in indicators}
    inside = {}
    for i, (ca, ka) in enumerate(reps):
        for j, (cb, kb) in enumerate(reps):
            if i != j and _nest_possible(by_code[ca], by_code[cb]) and not (ka & ~kb).any():
                inside[(i, j)] = True
                out.append((ca, cb, NEST_DEN))
    for a in indicators:
        for b in indicators:
            if a.code == b.code or (a.kind == "mean") != (b.kind == "mean"):
                continue
            ka, va, _ = parts[a.code]
            kb, vb, _ = parts[b.code]
            same_def = a.value == b.value and a.condition == b.condition
            same_col = (a.value or (a.condition.column if a.condition else None)) == \
                (b.value or (b.condition.column if b.condition else None))
            if not same_col:
                continue
            if (cls[a.code], cls[b.code]) in inside:
                if same_def and np.array_equal(va[ka], vb[ka]):
                    out.append((a.code, b.code, NEST_NUM))
            elif cls[a.code] == cls[b.code] and same_def and np.array_equal(va[ka], vb[ka]):
                if a.code < b.code:
                    out.append((a.code, b.code, NEST_SAME))
            elif a.kind != "mean" and cls[a.code] == cls[b.code]:
                xa, xb = va[ka], vb[ka]
                binary = np.isin(xa, (0.0, 1.0)).all() and np.isin(xb, (0.0, 1.0)).all()
                if binary and (xa <= xb).all() and (xa < xb).any():
                    out.append((a.code, b.code, NEST_NUM))
    return out


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


def values(raw: pd.DataFrame, ind: Indicator) -> np.ndarray:
    """Published value before discretion: percent for shares, mean, or count."""
    num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
    den = raw[f"{ind.code}_den"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        if ind.kind == "share":
            v = 100.0 * num / den
        elif ind.kind == "mean":
            v = num / den
        else:
            v = num.copy()
    v[den <= 0] = np.nan
    return v


def catalogue_path() -> str:
    """Path of the shipped catalogue of user-definable indicators."""
    import os
    return os.path.join(os.path.dirname(__file__), "indicator_catalogue.json")


def indicator_dict(indicators: Sequence[Indicator]) -> Dict[str, Indicator]:
    """Indicators by code."""
    return {i.code: i for i in indicators}
