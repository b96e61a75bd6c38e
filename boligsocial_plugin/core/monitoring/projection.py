# SPDX-License-Identifier: GPL-2.0-or-later
"""Trend and projection of the criteria: where each area is heading and what the list computed
at ``project_to`` (default: the next 1 January) would say if the trend continues.

* The trend of a criterion is the least-squares slope of its value at each snapshot taken alone
  (its single-year value), over the published snapshots of the trend window (default the last
  12 months), in the criterion's unit per year (core.monitoring.trend).
* The projected single-year value at ``project_to`` is the trend line's value there. A two-year
  criterion is then projected as the list computes it: the mean of that projected value and the
  value of the snapshot one year before ``project_to`` (observed when that snapshot is published,
  else the trend line's value there; the note says which).
* The projected category applies the rule set to the projected values (the same ``severity`` as
  the assessment), with residents projected the same way for the 1,000-resident rule and the
  history of the lists before ``project_to`` for omdannelsesområde. Criteria without a projection
  count as unknown: the category is the one that is certain and ``projected_certain`` is 0 when
  they could make it more severe.
* Everything is computed from published values only, so it reveals nothing the series does not.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import (
    CATEGORIES,
    Reference,
    previous_year_date,
)
from boligsocial_plugin.core.criteria.evaluation import severity
from boligsocial_plugin.core.criteria.history import omdannelse_history
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.monitoring import text
from boligsocial_plugin.core.monitoring.calendar import (
    default_project_to,
    to_years,
    window_start,
    year_before,
)
from boligsocial_plugin.core.monitoring.series import CriteriaSeries, severity_of
from boligsocial_plugin.core.monitoring.trend import Trend, fit

DEFAULT_TREND_MONTHS = 12


@dataclass
class Projection:
    """Per area: trends, projected values and category, warnings and notes."""

    project_to: str
    latest: str
    trend_from: str
    trends: Dict[str, Trend]
    projected: Dict[str, np.ndarray]
    category: List[str]
    projected_category: List[str]
    projected_certain: np.ndarray
    warning: List[str]
    notes: List[List[str]] = field(default_factory=list)

    def note(self, i: int) -> str:
        """The data note of area ``i`` ('; '-joined)."""
        return "; ".join(self.notes[i])


def project_criteria(series: CriteriaSeries, project_to: Optional[str] = None,
                     trend_months: int = DEFAULT_TREND_MONTHS,
                     history: Optional[pd.DataFrame] = None,
                     national_conviction_rate: Reference = None,
                     regional_mean_income: Reference = None) -> Projection:
    """Trends over the window and the list at ``project_to`` if they continue (module doc)."""
    if not series.dates:
        raise BoligsocialError(tr("The person extract has no reference dates inside the areas; "
                                  "check that the persons lie inside the area polygons."))
    if trend_months < 1:
        raise BoligsocialError(tr("The trend window must be at least one month."))
    rs = series.rule_set
    latest = series.dates[-1]
    default = default_project_to(latest)
    target = project_to or default
    if target <= latest:
        raise BoligsocialError(tr("The projection date {d} must lie after the latest snapshot "
                                  "{latest}.").format(d=target, latest=latest))
    n = len(series.area_ids)
    t_latest = series.t[-1]
    t_p = float(to_years([target])[0])
    start = window_start(latest, trend_months)
    t_from = float(to_years([start])[0])
    notes: List[List[str]] = [[] for _ in range(n)]
    trends = {k: fit(series.t, series.single[k], t_from, t_latest, t_latest)
              for k in series.keys}
    before = year_before(target)
    prev = previous_year_date(series.dates, target)
    j_prev = series.index(prev) if prev is not None else None
    t_before = float(to_years([before])[0])
    projected: Dict[str, np.ndarray] = {}
    line_used = np.zeros(n, dtype=bool)
    for k in series.keys:
        tr_k = trends[k]
        p = tr_k.at(t_p)
        if rs.measure(k).two_year:
            seen = series.single[k][:, j_prev] if j_prev is not None else np.full(n, np.nan)
            use_line = np.isnan(seen) & ~np.isnan(p)
            line_used |= use_line
            p = (p + np.where(np.isnan(seen), tr_k.at(t_before), seen)) / 2.0
        projected[k] = p
    res_trend = fit(series.t, series.residents, t_from, t_latest, t_latest)
    j_last = len(series.dates) - 1
    res_now = series.residents[:, j_last]
    res_p = np.where(res_trend.valid, res_trend.at(t_p), res_now)
    eligible = np.nan_to_num(res_p) >= rs.min_residents
    met = {lst.code: {c.key: c.met(projected[c.key]) for c in rs.reported(lst.code)}
           for lst in rs.lists}
    year = int(target[:4])
    n_years = rs.years_for_omdannelse(year) if rs.parallel is not None else None
    omd = None
    if n_years:
        omd, _found, _note = omdannelse_history(
            series.tables, rs, series.area_ids, target, year, n_years, history,
            national_conviction_rate, regional_mean_income)
    low = severity(rs, met, eligible, omd, 0.0)
    high = severity(rs, met, eligible, omd, 1.0)
    now = [str(c) for c in series.category[:, j_last]]
    any_projection = np.zeros(n, dtype=bool)
    for k in series.keys:
        any_projection |= ~np.isnan(projected[k])
    proj_cat, warnings = [], []
    latest_notes = series.frames[latest]["data_note"].tolist()
    for i in range(n):
        if latest_notes[i]:
            notes[i].append(str(latest_notes[i]))
        if not series.present[i, j_last]:
            notes[i].append(tr("no residents at the latest snapshot"))
        elif not series.present[i, 0]:
            first = series.dates[int(np.argmax(series.present[i]))]
            notes[i].append(tr("residents from {date}").format(date=first))
        if not any_projection[i] or not series.present[i, j_last]:
            proj_cat.append("")
            warnings.append("")
            if series.present[i, j_last]:
                notes[i].append(tr("no projection: fewer than two published snapshots in the "
                                   "trend window"))
            continue
        if line_used[i]:
            notes[i].append(tr("the value a year before {d} is read off the trend line (no "
                               "published snapshot {before})").format(d=target, before=before))
        proj_cat.append(CATEGORIES[low[i]])
        warnings.append(text.warning(rs, i, severity_of(now[i]), int(low[i]), int(high[i]),
                                     series, projected, met, target, target == default))
    return Projection(target, latest, start, trends, projected, now, proj_cat,
                      (low == high).astype(int), warnings, notes)
