# SPDX-License-Identifier: GPL-2.0-or-later
"""Nested populations: pairs of indicators whose cells differ by a group of persons (an
implied cell that discretion must protect, core.discretion.indicators)."""
from typing import Dict, List, Mapping, Optional, Protocol, Sequence, Set, Tuple

import numpy as np

from boligsocial_plugin.core.indicators.definitions import Indicator

NEST_DEN, NEST_NUM, NEST_SAME = "den", "num", "same"


def nest_possible(a: Indicator, b: Indicator) -> bool:
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
    return nestings_from_tests(indicators, _ArrayTests(parts))[0]


class _ArrayTests:
    """find_nestings' tests on the person rows (``parts``: known, contribution, value); each
    looks at the rows of a's population only."""

    def __init__(self, parts: Mapping[str, Tuple[np.ndarray, np.ndarray, np.ndarray]]):
        self.parts = parts

    def same(self, a: str, b: str) -> bool:
        """The two populations hold the same persons."""
        return np.array_equal(self.parts[a][0], self.parts[b][0])

    def outside(self, a: str, b: str) -> bool:
        """Some person of a's population is not in b's."""
        return _any_where(self.parts[a][0], ~self.parts[b][0])

    def differ(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a differs from b's."""
        return _any_where(self.parts[a][0], self.parts[a][1] != self.parts[b][1])

    def binary(self, a: str, b: str) -> bool:
        """Over a's population, every contribution of a and of b is 0 or 1."""
        ka, va, vb = self.parts[a][0], self.parts[a][1], self.parts[b][1]
        return not _any_where(ka, (va != 0) & (va != 1)) and \
            not _any_where(ka, (vb != 0) & (vb != 1))

    def above(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is above b's."""
        return _any_where(self.parts[a][0], self.parts[a][1] > self.parts[b][1])

    def below(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is below b's."""
        return _any_where(self.parts[a][0], self.parts[a][1] < self.parts[b][1])


class NestingTests(Protocol):
    """The questions find_nestings asks about two indicators ``a`` and ``b`` (by code), over
    the persons in areas: answered from person rows (:class:`_ArrayTests`) or by a database
    source from aggregates (core.sqlaggregate computes them, core.sqlresult reads them)."""

    def same(self, a: str, b: str) -> bool:
        """The two populations hold the same persons."""

    def outside(self, a: str, b: str) -> bool:
        """Some person of a's population is not in b's."""

    def differ(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a differs from b's."""

    def binary(self, a: str, b: str) -> bool:
        """Over a's population, every contribution of a and of b is 0 or 1."""

    def above(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is above b's."""

    def below(self, a: str, b: str) -> bool:
        """Over a's population, some contribution of a is below b's."""


def nestings_from_tests(indicators: Sequence[Indicator], tests: NestingTests
                        ) -> Tuple[List[Tuple[str, str, str]], Dict[str, int]]:
    """find_nestings from its tests (see :class:`NestingTests`): the nestings and each
    indicator's population class. A database source answers the same tests from aggregates
    (core.sqlaggregate), so there is one statement of these rules."""
    cls, reps = _population_classes(indicators, tests)
    by_code = {i.code: i for i in indicators}
    out: List[Tuple[str, str, str]] = []
    inside: Set[Tuple[int, int]] = set()
    for i, ca in enumerate(reps):
        for j, cb in enumerate(reps):
            if i != j and nest_possible(by_code[ca], by_code[cb]) and \
                    not tests.outside(ca, cb):
                inside.add((i, j))
                out.append((ca, cb, NEST_DEN))
    for a in indicators:
        for b in indicators:
            how = _numerator_nesting(a, b, cls, inside, tests)
            if how is not None:
                out.append((a.code, b.code, how))
    return out, cls


def _population_classes(indicators: Sequence[Indicator], tests: NestingTests
                        ) -> Tuple[Dict[str, int], List[str]]:
    """Each indicator's population class, and one indicator per distinct population."""
    reps: List[str] = []
    cls: Dict[str, int] = {}
    for ind in indicators:
        for j, rep in enumerate(reps):
            if tests.same(ind.code, rep):
                cls[ind.code] = j
                break
        else:
            cls[ind.code] = len(reps)
            reps.append(ind.code)
    return cls, reps


def _numerator_nesting(a: Indicator, b: Indicator, cls: Mapping[str, int],
                       inside: Set[Tuple[int, int]], tests: NestingTests) -> Optional[str]:
    """NEST_NUM or NEST_SAME when a's numerator nests in b's (see find_nestings), else None."""
    if a.code == b.code or (a.kind == "mean") != (b.kind == "mean") or not same_column(a, b):
        return None
    same_def = a.value == b.value and a.condition == b.condition
    if (cls[a.code], cls[b.code]) in inside:
        return NEST_NUM if same_def and not tests.differ(a.code, b.code) else None
    if cls[a.code] == cls[b.code] and same_def and not tests.differ(a.code, b.code):
        return NEST_SAME if a.code < b.code else None
    if a.kind != "mean" and cls[a.code] == cls[b.code] and tests.binary(a.code, b.code) and \
            not tests.above(a.code, b.code) and tests.below(a.code, b.code):
        return NEST_NUM
    return None


def same_column(a: Indicator, b: Indicator) -> bool:
    """Whether two indicators count the same column (as value or in their condition)."""
    return (a.value or (a.condition.column if a.condition else None)) == \
        (b.value or (b.condition.column if b.condition else None))


def _any_where(mask: np.ndarray, cond: np.ndarray) -> bool:
    """Whether ``cond`` holds in any row of ``mask``."""
    return bool(np.logical_and(mask, cond, out=cond).any())
