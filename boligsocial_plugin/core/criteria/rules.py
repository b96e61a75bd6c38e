# SPDX-License-Identifier: GPL-2.0-or-later
"""The state criteria as data: criteria, lists and rule sets 2013, 2018 and 2021 with sources.

Comparisons as the law words them ("overstiger" >, "udgør mindst" >=, "mindre end" <) with an
absolute tolerance ``EPS`` in the criterion's unit (see the package docstring).
"""
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple, Union

import numpy as np

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

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

#: a reference value: one number, per year (``{2024: 1.2}``, also ``{"2024": 1.2}``), or none
Reference = Union[None, float, Mapping[Any, float]]


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


_SRC_2013 = ("almenboligloven § 61 a, ghetto list 2013-2017; the ministry's definition "
             "(Transport-, Bygnings- og Boligministeriet, Ghettolisten)")
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

#: the rule set each year's list was made by, as (rule set, first list year, last list year or
#: None); the list of year Y is computed from data at 1 January Y. The lists of 2010-2012 (2 of
#: 3 criteria, four-year averages) are not held as a rule set: give them in a history table.
LISTS_MADE_BY = (("2013", 2013, 2017), ("2018", 2018, 2020), ("2021", 2021, None))


def rule_set_in_force(year: int) -> Optional[str]:
    """The rule set the list of ``year`` was made by ('2013', '2018', '2021'), None before 2013."""
    for code, first, last in LISTS_MADE_BY:
        if year >= first and (last is None or year <= last):
            return code
    return None

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
