# SPDX-License-Identifier: GPL-2.0-or-later
"""Outputs that show some reference dates only, protected with every other snapshot of their
extract (not shown), as a series from the same extract protects them.

The criteria of a date are two-year averages over it and its previous year, and a monthly
series (``monitorcriteria``, ``trackchange``) publishes every snapshot: the crossing rule hides
a count a few persons away from a small count of another date (a chain over many months). An
indicator layer of one date (``computeindicators`` with ``REF_DATE``), the criteria layer
(core.criteria.publish) or a series from a first date (``trackchange`` with ``FROM_DATE``),
from a file or from a database, is protected together with every snapshot of its extract,
which it does not show. Then any two outputs from the same extract, in any order and through
one release register, hide the same cells and none finds a cell another published that it
must now hide. With exact values (no perturbation) only the snapshot a year before each date
shown is added: there a series hides a date too close to the next (time suppression), which a
layer of that date alone does not.
"""
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria.dates import previous_year_date

#: the text of a missing reference date
MISSING = {"None", "nan", "NaT", ""}


def context_dates(dates: Sequence[str], shown: Optional[Sequence[str]],
                  every: bool = True) -> List[str]:
    """The snapshots among ``dates`` that are not shown (``shown`` None: every date is shown,
    none is added; none either when the extract holds no date shown). ``every`` False: only
    the snapshot a year before each date shown (with exact values, where a series' time
    suppression, not the crossing rule, protects the changes between dates)."""
    if shown is None:
        return []
    have = sorted({str(d) for d in dates if d is not None and str(d)} - MISSING)
    want = {str(d) for d in shown}
    if not want & set(have):
        return []
    if every:
        return [d for d in have if d not in want]
    out = {previous_year_date(have, d) for d in want if d in have}
    return sorted(d for d in out if d is not None and d not in want)


def protect_joined(joined, data: pd.DataFrame, x: np.ndarray, y: np.ndarray, area_rings,
                   area_ids: Sequence[str], indicators, pub, ref_date: Optional[str],
                   overlaps: str = "refuse"):
    """core.pipeline.compute's release of ``joined`` (the person rows of ``data`` at
    ``ref_date``, None: every date, joined to the areas): a date shown alone is protected
    with every other snapshot of its extract (with exact values: the year before), as a
    criteria output or a series from the same extract is, so all of them hide the same cells
    in any order (and mergesmallareas decides on the residents this layer shows)."""
    from boligsocial_plugin.core.pipeline import join_persons

    extra = None
    if ref_date:
        dates = data["ref_date"].astype(str).to_numpy()
        others = context_dates(np.unique(dates), [ref_date], pub.perturbation.enabled)
        if others:
            at = np.isin(dates, others)
            extra = join_persons(data.loc[at].reset_index(drop=True), x[at], y[at],
                                 area_rings, area_ids, None, overlaps)
    return protect_shown(joined, extra, area_ids, indicators, pub, [str(ref_date)])


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
    # walked over every date of the extract, also for one date shown: a layer of one date
    # shows the value the series from the same extract shows there (no further noisy copy)
    carry_release(release, both.data, both.area, indicators, area_ids, pub, raw, shown=shown)
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
    flags = published[[c + "_flag" for c in codes]].to_numpy(dtype=object)
    for key, flag in (("primary", "P"), ("secondary", "S"), ("area", "A")):
        release.result.report[key] = int((flags == flag).sum())
    by_date = release.result.report.get("hidden_for_crossing_by_date") or {}
    release.result.report["hidden_for_crossing"] = sum(int(v) for d, v in by_date.items()
                                                       if d in want)
    keep = raw["ref_date"].astype(str).isin(want).to_numpy()
    raw = raw.loc[keep].reset_index(drop=True) if not np.all(keep) else raw
    return IndicatorResult(raw, published, stats, list(indicators), release)


def compute_period(data: pd.DataFrame, x: np.ndarray, y: np.ndarray, area_rings, area_ids,
                   indicators, rules, first: str = "", last: str = "", overlaps: str = "refuse",
                   progress=None, publication=None):
    """core.pipeline.compute for the dates from ``first`` to ``last`` (ISO text; empty: open),
    protected with the extract's other snapshots (not shown): the release of ``trackchange``
    from a first date."""
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
    shown = sorted(set(dates[keep]) - MISSING)
    joined = join_persons(data.loc[keep].reset_index(drop=True), x[keep], y[keep], area_rings,
                          area_ids, None, overlaps, progress)
    pub = publication or Publication(rules)
    before = context_dates(np.unique(dates), shown, pub.perturbation.enabled)
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


def shown_residents(table: pd.DataFrame, layer, area_ids, pub,
                    dates: Sequence[Tuple[str, str]]) -> Dict[Tuple[str, str], str]:
    """Replace the residents columns of ``table`` (per ``area_idx``; ``dates``: (column,
    date) pairs) by the residents a layer of that date from the same extract shows (the carry
    rule: an older value where too few persons changed), so every output of one extract
    shows one value per area, date and cell; a cell that layer hides keeps its value here.
    ``layer(date)``: the IndicatorResult of that layer without indicators (core.pipeline.
    compute with ``ref_date``, or a database's). Returns (area id, date) -> the date whose
    value is shown, for the register."""
    out: Dict[Tuple[str, str], str] = {}
    if not pub.perturbation.enabled or "area_idx" not in table:
        return out
    idx = table["area_idx"].to_numpy(dtype=np.int64)
    for column, date in dates:
        res = layer(date)
        shown = np.full(len(area_ids), np.nan)
        p = res.published
        shown[p["area_idx"].to_numpy(dtype=np.int64)] = p["residents"].to_numpy(dtype=float)
        old = table[column].to_numpy(dtype=float)
        new = shown[idx]
        both = ~np.isnan(old) & ~np.isnan(new)
        table[column] = np.where(both, new, old)
        as_of = np.full(len(area_ids), "", dtype=object)
        rel = res.release
        if rel is not None and rel.as_of is not None:
            allp = rel.published
            at = (allp["ref_date"].astype(str) == str(date)).to_numpy()
            as_of[allp.loc[at, "area_idx"].to_numpy(dtype=np.int64)] = rel.as_of[at, 0]
        for a in idx[both]:
            if as_of[a]:
                out[(str(area_ids[a]), str(date))] = str(as_of[a])
    return out


def record_as_of(release, carried: Dict[Tuple[str, str], str]) -> None:
    """Tell a release's register record that its residents cells of these (area id, date)
    show the value of another date (:func:`shown_residents`); its other cells show their own
    date's value."""
    pops = release.populations
    types = list(release.result.types)
    as_of = np.array([[str(d)] * len(types) for d in pops.dates], dtype=object).reshape(
        len(pops.dates), len(types))
    if "residents" in types:
        col = types.index("residents")
        for i, (d, lab) in enumerate(zip(pops.dates, pops.labels)):
            got = carried.get((str(lab), str(d)))
            if got:
                as_of[i, col] = got
    release.as_of = as_of
