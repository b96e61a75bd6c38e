# SPDX-License-Identifier: GPL-2.0-or-later
"""Indicators: what they are, how users define their own, and their aggregation per area and
date (the raw cells discretion then protects).

Modules: ``definitions`` (:class:`Indicator`, :class:`Condition`, the built-in indicators, the
population and contribution of a person, the published value), ``userdefined`` (the JSON
definitions of a user's own indicators), ``aggregation`` (the raw table per area and date,
:func:`aggregate`) and ``nestings`` (indicators whose cells differ by a group of persons).
The names below are the package's public API; import them from here.
"""
from boligsocial_plugin.core.indicators.aggregation import aggregate, group_index
from boligsocial_plugin.core.indicators.definitions import (
    KINDS,
    OPS,
    Condition,
    Indicator,
    available_indicators,
    builtin_indicators,
    catalogue_path,
    contribution,
    population_mask,
    values,
)
from boligsocial_plugin.core.indicators.nestings import (
    NEST_DEN,
    NEST_NUM,
    NEST_SAME,
    find_nestings,
    nest_possible,
    nestings_from_tests,
    same_column,
)
from boligsocial_plugin.core.indicators.userdefined import parse_user_indicators

__all__ = [
    "KINDS", "NEST_DEN", "NEST_NUM", "NEST_SAME", "OPS", "Condition", "Indicator",
    "aggregate", "available_indicators", "builtin_indicators", "catalogue_path", "contribution",
    "find_nestings", "group_index", "nest_possible", "nestings_from_tests",
    "parse_user_indicators", "population_mask", "same_column", "values",
]
