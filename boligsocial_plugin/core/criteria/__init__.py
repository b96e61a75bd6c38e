# SPDX-License-Identifier: GPL-2.0-or-later
"""The state criteria for housing areas (almenboligloven § 61 a, § 61 b) as data, and the
assessment of areas against them (the core of ``boligsocial:assesscriteria``).

Modules: ``rules`` (the rule sets as data), ``dates`` (which snapshots), ``evaluation`` (values,
met, severity at one snapshot), ``history`` (earlier years for omdannelsesområde), ``flips``
(persons to flip), ``text`` (labels and explanations) and ``assess`` (the whole assessment).
The public names below are re-exported here, so ``from boligsocial_plugin.core.criteria import
assess_criteria`` keeps working.

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
``protect_criteria(raw, joined, area_ids, pub, rule_set, assessed=(None,))``
    One protected release (core.pipeline.ProtectedRelease) for criteria outputs assessed at
    the given dates; pass its ``published`` table to ``assess_criteria(..., published=...)``
    so every figure comes from published cells only (see ``publish``).
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
  (Transport-, Bygnings- og Boligministeriet, Ghettolisten: 3 of 5, 2.70 % convicted, 50 %
  basic education).
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
  ingen do not; for list years up to 2017, when the ghetto list was the only list, ``udsat``
  counts too: the 2013 list in 2021 vocabulary) and otherwise from older snapshots in ``raw``,
  judged as the lists were made: list year Y at its own snapshot (1 January Y, or the nearest
  within half a year: ``list_snapshot``) by the rule set in force for it
  (``rule_set_in_force``: 2013 rules 2013-2017, 2018 rules 2018-2020, 2021 rules from 2021;
  earlier years only from ``history``), with the same reference values. Years are matched as
  assessed year minus 1, 2, ... Without enough history the category is parallelsamfund,
  ``category_certain`` 0.
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

from boligsocial_plugin.core.criteria.assess import assess_criteria, output_fields
from boligsocial_plugin.core.criteria.dates import (
    choose_dates,
    list_snapshot,
    previous_year_date,
)
from boligsocial_plugin.core.criteria.flips import flip_amounts, persons_column
from boligsocial_plugin.core.criteria.publish import (
    protect_criteria,
    release_dates,
    release_indicators,
)
from boligsocial_plugin.core.criteria.rules import (
    CATEGORIES,
    DEFAULT_RULE_SET,
    EPS,
    FOREBYGGELSE,
    INDICATOR_CODES,
    INGEN,
    KEYS,
    LISTS_MADE_BY,
    OMDANNELSE,
    OPS,
    PARALLEL,
    PERCENT,
    PERCENT_OF_REGIONAL_MEAN,
    RULE_SETS,
    TIMES_NATIONAL,
    UDSAT,
    CriteriaList,
    Criterion,
    Margins,
    Reference,
    RuleSet,
    get_rule_set,
    rule_set_in_force,
)
from boligsocial_plugin.core.criteria.text import category_label, rule_set_label, severity_label

__all__ = [
    "CATEGORIES", "DEFAULT_RULE_SET", "EPS", "FOREBYGGELSE", "INDICATOR_CODES", "INGEN", "KEYS",
    "LISTS_MADE_BY",
    "OMDANNELSE", "OPS", "PARALLEL", "PERCENT", "PERCENT_OF_REGIONAL_MEAN", "RULE_SETS",
    "TIMES_NATIONAL", "UDSAT", "CriteriaList", "Criterion", "Margins", "Reference", "RuleSet",
    "assess_criteria", "category_label", "choose_dates", "flip_amounts", "get_rule_set",
    "list_snapshot", "output_fields", "persons_column", "previous_year_date",
    "protect_criteria", "release_dates", "release_indicators", "rule_set_in_force",
    "rule_set_label", "severity_label",
]
