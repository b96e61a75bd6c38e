# SPDX-License-Identifier: GPL-2.0-or-later
"""Outputs that show some reference dates only, protected with the snapshots a year before
them (not shown), as every other output of those dates protects them.

The criteria of a date are two-year averages over it and its previous year, so the criteria
layer of a date is protected together with that previous year (core.criteria.publish); its
cells at the date then get the hidden cells of a release holding both dates (the crossing rule
hides a count that would pin a small count of the year before). An indicator layer of one
date (``computeindicators`` with ``REF_DATE``) or a series from a first date (``trackchange``
with ``FROM_DATE``), from a file or from a database, is protected the same way: the dates it
shows together with each one's previous-year snapshot, which it does not show. Then any two
outputs of a date, in either order and through one release register, hide the same cells and
neither finds a cell the other published that it must now hide.
"""
from typing import List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria.dates import previous_year_date


def context_dates(dates: Sequence[str], shown: Optional[Sequence[str]]) -> List[str]:
    """The snapshots among ``dates`` a year before a date of ``shown`` that are not shown
    themselves (``shown`` None: every date is shown, none is added)."""
    if shown is None:
        return []
    have = sorted({str(d) for d in dates if d is not None and str(d)})
    want = {str(d) for d in shown}
    out = set()
    for d in want:
        if d in have:
            prev = previous_year_date(have, d)
            if prev is not None and prev not in want:
                out.add(prev)
    return sorted(out)


def protect_shown(joined, extra, area_ids: Sequence[str], indicators, pub,
                  shown: Sequence[str]):
    """core.pipeline.compute's release of the person rows ``joined`` (the dates shown; its
    statistics are the run's) protected with ``extra`` (the rows of :func:`context_dates`, or
    None), as an IndicatorResult holding only the shown dates."""
    from boligsocial_plugin.core.discretion.carry import carry_release
    from boligsocial_plugin.core.indicators import aggregate
    from boligsocial_plugin.core.pipeline import IndicatorResult, join_with, protect_run

    if extra is None:
        raw = aggregate(joined.data, joined.area, len(area_ids), indicators)
        release = protect_run(raw, joined, indicators, area_ids, pub)
        # a series shows a new value only after enough persons changed (nothing for one date)
        carry_release(release, joined.data, joined.area, indicators, area_ids, pub, raw)
        return IndicatorResult(raw, release.published, joined.stats, list(indicators), release)
    both = join_with(joined, extra)
    raw = aggregate(both.data, both.area, len(area_ids), indicators)
    release = protect_run(raw, both, indicators, area_ids, pub, totals_of=joined)
    if len(set(str(d) for d in shown)) > 1:  # a series (a period): walked over every date
        carry_release(release, both.data, both.area, indicators, area_ids, pub, raw)
    return shown_only(raw, release, joined.stats, indicators, shown)


def shown_only(raw: pd.DataFrame, release, stats, indicators, shown: Sequence[str]):
    """The IndicatorResult of a release protected over more dates than it shows: the register
    records the shown dates' cells only, the published and raw tables hold their rows, and the
    log counts their suppressions."""
    from boligsocial_plugin.core.pipeline import IndicatorResult

    want = {str(d) for d in shown}
    codes = [i.code for i in indicators]
    release.limit({d: ["residents"] + codes for d in sorted(want)})
    rows = release.published["ref_date"].astype(str).isin(want).to_numpy()
    published = release.published.loc[rows].reset_index(drop=True)
    flags = published[[c + "_flag" for c in codes]].to_numpy()
    for key, flag in (("primary", "P"), ("secondary", "S"), ("area", "A")):
        release.result.report[key] = int((flags == flag).sum())
    keep = raw["ref_date"].astype(str).isin(want).to_numpy()
    raw = raw.loc[keep].reset_index(drop=True) if not np.all(keep) else raw
    return IndicatorResult(raw, published, stats, list(indicators), release)


def compute_period(data: pd.DataFrame, x: np.ndarray, y: np.ndarray, area_rings, area_ids,
                   indicators, rules, first: str = "", last: str = "", overlaps: str = "refuse",
                   progress=None, publication=None):
    """core.pipeline.compute for the dates from ``first`` to ``last`` (ISO text; empty: open),
    each protected with its previous-year snapshot when that lies before ``first`` (not
    shown): the release of ``trackchange`` from a first date."""
    from boligsocial_plugin.core.pipeline import Publication, join_persons

    dates = data["ref_date"].astype(str).to_numpy()
    keep = np.ones(len(data), dtype=bool)
    if first:
        keep &= dates >= first
    if last:
        keep &= dates <= last
    if keep.all():
        from boligsocial_plugin.core.pipeline import compute

        return compute(data, x, y, area_rings, area_ids, indicators, rules, None, overlaps,
                       progress, publication)
    shown = sorted(set(dates[keep]) - {"None", "nan", ""})
    joined = join_persons(data.loc[keep].reset_index(drop=True), x[keep], y[keep], area_rings,
                          area_ids, None, overlaps, progress)
    before = context_dates(np.unique(dates), shown)
    pub = publication or Publication(rules)
    if first and pub.register is not None and pub.perturbation.enabled:
        # a rolling window: the snapshots whose values earlier releases carried into the
        # period come along too, so the series repeats them (core.discretion.carry)
        from dataclasses import replace

        from boligsocial_plugin.core.discretion.carry import earlier_snapshots

        avail = [d for d in np.unique(dates) if not last or d <= last]
        before = sorted(set(before) | set(earlier_snapshots(pub.register, area_ids, first,
                                                            avail)))
        pub = replace(pub, carry_from=first)
    extra = None
    if before:
        at = np.isin(dates, before)
        extra = join_persons(data.loc[at].reset_index(drop=True), x[at], y[at], area_rings,
                             area_ids, None, overlaps)
    return protect_shown(joined, extra, area_ids, indicators, pub, shown)
