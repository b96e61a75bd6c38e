# SPDX-License-Identifier: GPL-2.0-or-later
"""From a prepared person extract and area rings to the raw and published indicator tables.

The dock panel and every algorithm call this one function, so all give the same numbers.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator, aggregate
from boligsocial_plugin.core.spatial import join_points, polygon_set

OVERLAP_REFUSE, OVERLAP_ALLOW = "refuse", "allow"


@dataclass
class JoinStats:
    """What happened to every person row (nothing is dropped silently)."""

    rows: int = 0
    rows_date: int = 0
    unique_locations: int = 0
    joined: int = 0
    outside: int = 0
    no_location: int = 0
    on_outer_boundary: int = 0
    overlap_persons: int = 0
    overlap_pairs: Dict[str, int] = field(default_factory=dict)
    dates: List[str] = field(default_factory=list)

    def lines(self) -> List[str]:
        """Human-readable report lines (translated)."""
        out = [tr("Person rows read: {n}").format(n=self.rows)]
        if self.rows_date != self.rows:
            out.append(tr("Rows on the chosen reference date: {n}").format(n=self.rows_date))
        out.append(tr("Reference dates: {d}").format(d=", ".join(self.dates) or "-"))
        out.append(tr("Unique locations joined: {n}").format(n=self.unique_locations))
        out.append(tr("Persons in an area: {n}").format(n=self.joined))
        out.append(tr("Persons outside every area (counted, not in any area): {n}").format(
            n=self.outside))
        out.append(tr("Persons without location (counted, not in any area): {n}").format(
            n=self.no_location))
        if self.on_outer_boundary:
            out.append(tr("Persons exactly on an outer area boundary (counted in that area): {n}"
                          ).format(n=self.on_outer_boundary))
        if self.overlap_persons:
            out.append(tr("Persons inside overlapping areas (counted in each): {n}").format(
                n=self.overlap_persons))
        return out


@dataclass
class IndicatorResult:
    """Raw (internal) and published tables plus the join statistics."""

    raw: pd.DataFrame
    published: pd.DataFrame
    stats: JoinStats
    indicators: List[Indicator]


def unique_locations(x: np.ndarray, y: np.ndarray):
    """Codes of each row's location among the unique (x, y) pairs, and those pairs."""
    cx, ux = pd.factorize(x)
    cy, uy = pd.factorize(y)
    key = cx.astype(np.int64) * max(1, len(uy)) + cy
    codes, uk = pd.factorize(key)
    return codes, ux[uk // max(1, len(uy))], uy[uk % max(1, len(uy))]


def select_date(data: pd.DataFrame, ref_date: Optional[str]) -> np.ndarray:
    """Row mask for one reference date (all rows when ref_date is empty)."""
    if not ref_date:
        return np.ones(len(data), dtype=bool)
    dates = data["ref_date"].to_numpy(dtype=object)
    mask = dates == ref_date
    if not mask.any():
        have = ", ".join(sorted({str(d) for d in dates if d is not None})[:12])
        raise BoligsocialError(tr("The reference date {d} is not in the extract. It holds: {h}."
                                  ).format(d=ref_date, h=have))
    return mask


def compute(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
            area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
            indicators: Sequence[Indicator], rules: discretion.Rules,
            ref_date: Optional[str] = None, overlaps: str = OVERLAP_REFUSE,
            progress: Optional[Callable[[float], bool]] = None) -> IndicatorResult:
    """Join persons to areas and aggregate + protect the indicators.

    ``data`` is the prepared canonical extract; ``x``/``y`` its coordinates in the CRS of the
    rings (NaN = without location).
    """
    raw, stats = join_and_aggregate(data, x, y, area_rings, area_ids, indicators, ref_date,
                                    overlaps, progress)
    published = discretion.protect_indicators(raw, indicators, rules)
    return IndicatorResult(raw, published, stats, list(indicators))


def join_and_aggregate(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
                       area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
                       indicators: Sequence[Indicator], ref_date: Optional[str] = None,
                       overlaps: str = OVERLAP_REFUSE,
                       progress: Optional[Callable[[float], bool]] = None):
    """The raw (internal, unprotected) aggregate table and the join statistics."""
    stats = JoinStats(rows=len(data))
    mask = select_date(data, ref_date)
    if not mask.all():  # one date chosen: keep its rows (no copy when all are kept)
        data = data.loc[mask].reset_index(drop=True)
        x, y = x[mask], y[mask]
    stats.rows_date = len(data)
    has_loc = ~(np.isnan(x) | np.isnan(y))
    stats.no_location = int((~has_loc).sum())
    codes, ux, uy = unique_locations(np.where(has_loc, x, 0.0), np.where(has_loc, y, 0.0))
    stats.unique_locations = len(ux)
    polys = polygon_set(area_rings)
    jr = join_points(ux, uy, polys, progress)
    if (jr.area == -2).any():
        raise BoligsocialError(tr("Cancelled."))
    area = np.where(has_loc, jr.area[codes], -1)
    stats.on_outer_boundary = int((has_loc & jr.on_outer_boundary[codes]).sum())
    if len(jr.overlap_points):
        # person rows at overlapping locations
        loc_mult = np.zeros(len(ux), dtype=np.int64)
        np.add.at(loc_mult, jr.overlap_points, 1)
        at = has_loc & (loc_mult[codes] > 0)
        stats.overlap_persons = int(at.sum())
        pairs: Dict[str, int] = {}
        first = jr.area[jr.overlap_points]
        for a, b in zip(first, jr.overlap_areas):
            k = "{} / {}".format(area_ids[int(a)], area_ids[int(b)])
            pairs[k] = pairs.get(k, 0) + 1
        stats.overlap_pairs = pairs
        if overlaps == OVERLAP_REFUSE:
            top = sorted(pairs.items(), key=lambda kv: -kv[1])[:5]
            raise BoligsocialError(tr(
                "Some area polygons overlap, so {n} persons lie in more than one area "
                "(e.g. {pairs}). Fix the areas (e.g. with 'Dissolve' or 'Difference'), or set "
                "'Overlapping areas' to 'allow' (OVERLAPS=allow) to count such persons in each "
                "area.").format(
                n=stats.overlap_persons,
                pairs="; ".join("{} ({} locations)".format(k, v) for k, v in top)))
        # count in each area: duplicate rows for the extra areas
        extra_rows = []
        extra_area = []
        loc_rows = pd.Series(np.arange(len(codes))[has_loc]).groupby(codes[has_loc])
        groups = loc_rows.groups
        for p, a in zip(jr.overlap_points, jr.overlap_areas):
            rows = groups.get(int(p))
            if rows is not None:
                idx = loc_rows.obj.loc[rows].to_numpy()
                extra_rows.append(idx)
                extra_area.append(np.full(len(idx), a))
        if extra_rows:
            er = np.concatenate(extra_rows)
            data = pd.concat([data, data.iloc[er]], ignore_index=True)
            area = np.concatenate([area, np.concatenate(extra_area)])
    stats.outside = int((has_loc & (area[:stats.rows_date] < 0)).sum())
    stats.joined = int((area[:stats.rows_date] >= 0).sum())
    stats.dates = sorted({str(d) for d in data["ref_date"].dropna().unique()})
    raw = aggregate(data, area, len(area_ids), indicators)
    return raw, stats
