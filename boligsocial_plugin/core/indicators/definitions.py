# SPDX-License-Identifier: GPL-2.0-or-later
"""What an indicator is: its definition, the built-in indicators, who is in its population and
what each person contributes, and its published value.

An indicator is a numerator over a population:

* ``share``: Σ value over the population / number in the population, published in percent.
  ``value`` is a 0/1 column, a fraction column (``outside_fte``) or a condition.
* ``mean``: Σ value / number in the population with a known value (e.g. income).
* ``count``: number in the population meeting the condition (denominator = residents).
"""
import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "notnull", "isnull")
KINDS = ("share", "mean", "count")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
#: a condition's value: a number (or bool), a text, the values of ``in``, or None (no value)
ConditionValue = Union[None, bool, int, float, str, Tuple[Any, ...]]


@dataclass(frozen=True)
class Condition:
    """``column op value``, evaluated with numpy (never eval)."""

    column: str
    op: str
    value: ConditionValue = None

    def evaluate(self, df: pd.DataFrame) -> np.ndarray:
        """Boolean mask; missing values never satisfy a comparison."""
        s = df[self.column]
        if self.op == "notnull":
            return s.notna().to_numpy()
        if self.op == "isnull":
            return s.isna().to_numpy()
        if self.op == "in":
            values = list(self.value) if isinstance(self.value, tuple) else [self.value]
            return _by_distinct(s, lambda u: u.isin(values).to_numpy(),
                                lambda m: m.isin(values).to_numpy())
        if pd.api.types.is_numeric_dtype(s) and isinstance(self.value, (int, float)):
            a = s.to_numpy(dtype=float, na_value=np.nan)
            v = float(self.value)
            with np.errstate(invalid="ignore"):
                out = {"==": a == v, "!=": a != v, "<": a < v, "<=": a <= v,
                       ">": a > v, ">=": a >= v}[self.op]
            return out & ~np.isnan(a)
        text = str(self.value)
        if self.op in ("==", "!="):
            def test(u: pd.Series) -> np.ndarray:
                a = u.astype("string").to_numpy(dtype=object, na_value=None)
                if self.op == "==":
                    return np.array([x == text for x in a], dtype=bool)
                return np.array([x is not None and x != text for x in a], dtype=bool)
            return _by_distinct(s, test, lambda m: np.zeros(len(m), dtype=bool))
        raise BoligsocialError(tr("The comparison '{op}' needs a numeric column, but '{col}' "
                                  "holds text.").format(op=self.op, col=self.column))


def _by_distinct(s: pd.Series, test: Callable[[pd.Series], Any],
                 test_missing: Callable[[pd.Series], Any]) -> np.ndarray:
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
        numbers = _not_equal_numbers(c, df)
        if numbers is not None:
            a, v = numbers
            mask &= ~(a == v)  # "not in education": a missing value is not a 1
        else:
            mask &= c.evaluate(df)
    return mask


def _not_equal_numbers(c: Condition, df: pd.DataFrame) -> Optional[Tuple[np.ndarray, float]]:
    """The column and value of a ``!=`` condition as numbers, when both are numbers (None
    otherwise: the condition is evaluated as a comparison of text)."""
    if c.op != "!=" or isinstance(c.value, tuple) or c.value is None:
        return None
    try:
        return df[c.column].to_numpy(dtype=float, na_value=np.nan), float(c.value)
    except (TypeError, ValueError):
        return None


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
    """Path of the shipped catalogue of user-definable indicators (in core/)."""
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "indicator_catalogue.json")
