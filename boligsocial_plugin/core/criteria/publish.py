# SPDX-License-Identifier: GPL-2.0-or-later
"""Publishing criteria: one protected release for every criteria output (layer or series).

The criteria outputs (``assesscriteria``'s layer, ``monitorcriteria``'s layer and ``SERIES``)
show figures computed from the cells of the indicator layer: residents, and the numerator and
denominator of ``outside_labour``, ``convicted``, ``basic_edu``, ``income`` and ``nonwestern`` at
the assessed date (and the year before for the two-year criteria). They are protected as one
release with the indicator layer's rules, so the two layers cannot be played against each
other:

* the cells are those of ``computeindicators`` (the same built-in indicators, the same
  relations, the same secondary suppression, the same perturbation: the same persons give the
  same hidden cells and the same published values), and the release register links them to
  every earlier release of the same persons (equal populations keep the same hidden cells);
* every published figure of a criteria output is computed from the published (perturbed)
  cells only; a figure that rests on a hidden cell is NULL with that cell's flag;
* decisions (met or not, category, at risk, history) are taken on the exact values, as the
  state's lists are: they are comparisons with thresholds, published for areas on the lists'
  scale (1,000 residents and more), and say nothing about a small group.

Usage (an algorithm that writes a criteria output)::

    joined = join_persons(data, x, y, rings, ids, None, overlaps, progress)
    inds = release_indicators(data.columns)
    raw = aggregate(joined.data, joined.area, len(ids), inds)
    release = protect_criteria(raw, joined, ids, pub, rule_set, assessed=[d0, ...])
    table = assess_criteria(raw, ids, names, rule_set, assessment_date=d0, ...,
                            published=release.published)
    # write the table, then processing.common.report_protection(alg, release, record_in,
    # dest, feedback) logs the protection and records the release in the register
"""
from typing import Dict, List, Optional, Sequence, Set, cast

import pandas as pd

from boligsocial_plugin.core.criteria.dates import choose_dates
from boligsocial_plugin.core.criteria.rules import INDICATOR_CODES, KEYS, get_rule_set
from boligsocial_plugin.core.indicators import Indicator, available_indicators
from boligsocial_plugin.core.pipeline import Joined, ProtectedRelease, Publication, protect_run


def release_indicators(columns: Sequence[str]) -> List[Indicator]:
    """The indicators a criteria release protects: the built-in ones the extract allows.

    The same set as ``computeindicators`` without user-defined indicators, so both layers
    get the same hidden cells from the same persons even without the release register.
    """
    return available_indicators(columns)[0]


def release_dates(dates: Sequence[str], assessed: Sequence[Optional[str]],
                  rule_set) -> Dict[str, Set[str]]:
    """Per reference date, the cells (indicator codes, ``"residents"``) the outputs assessed at
    ``assessed`` rest on: every criterion at the assessed date, the two-year criteria a year
    before."""
    rs = get_rule_set(rule_set)
    two_year = {INDICATOR_CODES[k] for k in KEYS if rs.measure(k).two_year}
    out: Dict[str, Set[str]] = {}
    for a in assessed:
        d0, d1 = choose_dates(dates, a)
        out.setdefault(d0, set()).update({"residents", *INDICATOR_CODES.values()})
        if d1 is not None:
            out.setdefault(d1, set()).update(two_year)
    return out


def protect_criteria(raw: pd.DataFrame, joined: Joined, area_ids: Sequence[str],
                     pub: Publication, rule_set, assessed: Sequence[Optional[str]] = (None,),
                     indicators: Optional[Sequence[Indicator]] = None) -> ProtectedRelease:
    """One protected release for criteria outputs assessed at the dates ``assessed``.

    ``raw``: core.indicators.aggregate of ``joined`` with ``indicators`` (default: every
    indicator in ``raw`` among :func:`release_indicators`); ``assessed``: the assessment dates
    (``None`` = the latest snapshot), each protected with every other date of ``raw`` (the
    crossing rule and the links see them all; only the dates the outputs rest on are recorded
    as published). Pass the result's
    ``published`` to :func:`boligsocial_plugin.core.criteria.assess_criteria` (``published=``)
    for every date, and record the release once after writing (``release.record`` or
    ``processing.common.report_protection``): the register then holds exactly the cells the
    outputs rest on.
    """
    if indicators is None:
        indicators = [i for i in release_indicators([c for c in joined.data.columns])
                      if f"{i.code}_num" in raw.columns]
    dates = sorted({str(d) for d in raw["ref_date"].unique()})
    need = release_dates(dates, assessed, rule_set)
    # every date of the extract is protected (the others are not published): a single-date
    # layer and a series from the same extract then hide the same cells, whichever comes first
    release = protect_run(raw, joined, indicators, area_ids, pub, with_totals=False)
    release.limit({d: sorted(c) for d, c in need.items()})
    # the log counts the suppressions of the cells the outputs rest on
    pub_dates = release.published["ref_date"].astype(str).to_numpy()
    counts = {"primary": 0, "secondary": 0, "area": 0}
    for d, codes in need.items():
        at = pub_dates == d
        for code in codes:
            if code + "_flag" in release.published:
                f = release.published.loc[at, code + "_flag"].to_numpy()
                for key, flag in (("primary", "P"), ("secondary", "S"), ("area", "A")):
                    counts[key] += int((f == flag).sum())
    by_date = cast(Dict[str, int], release.result.report.get("hidden_for_crossing_by_date")
                   or {})
    counts["hidden_for_crossing"] = sum(int(v) for d, v in by_date.items() if d in need)
    release.result.report.update(counts)
    return release
