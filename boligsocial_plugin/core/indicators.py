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
            values = list(self.value)
            return _by_distinct(s, lambda u: u.isin(values).to_numpy(),
                                lambda m: m.isin(values).to_numpy())
        if pd.api.types.is_numeric_dtype(s) and not isinstance(self.value, str):
            a = s.to_numpy(dtype=float, na_value=np.nan)
            v = float(self.value)
            with np.errstate(invalid="ignore"):
                out = {"==": a == v, "!=": a != v, "<": a < v, "<=": a <= v,
                       ">": a > v, ">=": a >= v}[self.op]
            return out & ~np.isnan(a)
        v = str(self.value)
        if self.op in ("==", "!="):
            def test(u: pd.Series) -> np.ndarray:
                a = u.astype("string").to_numpy(dtype=object, na_value=None)
                if self.op == "==":
                    return np.array([x == v for x in a], dtype=bool)
                return np.array([x is not None and x != v for x in a], dtype=bool)
            return _by_distinct(s, test, lambda m: np.zeros(len(m), dtype=bool))
        raise BoligsocialError(tr("The comparison '{op}' needs a numeric column, but '{col}' "
                                  "holds text.").format(op=self.op, col=self.column))


def _by_distinct(s: pd.Series, test, test_missing) -> np.ndarray:
    """A per-value test of every row, evaluated once per distinct value (``test`` gets them as
    a Series) and once per missing row (``test_missing`` gets those rows)."""
    codes, uniques = pd.factorize(s)
    hit = np.asarray(test(pd.Series(uniques)), dtype=bool)
    out = hit[np.maximum(codes, 0)] if len(hit) else np.zeros(len(s), dtype=bool)
    missing = codes < 0
    if missing.any():
        out[missing] = np.asarray(test_missing(s[missing]), dtype=bool)
    return out


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
    """Each person's contribution to the numerator (NaN = unknown; may be a read-only view
    of the column)."""
    if ind.condition is not None:
        return ind.condition.evaluate(df).astype(float)
    s = df[ind.value]
    if s.dtype == np.float64:
        a = s.to_numpy()  # no copy (NaN is already the missing value)
    else:
        a = s.to_numpy(dtype=float, na_value=np.nan)
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
    num = cells.sum(pop, v0)
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
            if i != j and _nest_possible(by_code[ca], by_code[cb]) and \
                    not _any_where(ka, ~kb):
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
            # the tests below look at the rows of a's population only (no copies of them)
            if (cls[a.code], cls[b.code]) in inside:
                if same_def and not _any_where(ka, va != vb):
                    out.append((a.code, b.code, NEST_NUM))
            elif cls[a.code] == cls[b.code] and same_def and not _any_where(ka, va != vb):
                if a.code < b.code:
                    out.append((a.code, b.code, NEST_SAME))
            elif a.kind != "mean" and cls[a.code] == cls[b.code]:
                binary = not _any_where(ka, (va != 0) & (va != 1)) and \
                    not _any_where(ka, (vb != 0) & (vb != 1))
                if binary and not _any_where(ka, va > vb) and _any_where(ka, va < vb):
                    out.append((a.code, b.code, NEST_NUM))
    return out


def _any_where(mask: np.ndarray, cond: np.ndarray) -> bool:
    """Whether ``cond`` holds in any row of ``mask``."""
    return bool(np.logical_and(mask, cond, out=cond).any())


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
