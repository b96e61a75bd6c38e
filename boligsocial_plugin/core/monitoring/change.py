# SPDX-License-Identifier: GPL-2.0-or-later
"""Change of the indicators over the snapshots (``trackchange``), from a published table only.

``published`` is the protected indicator table over all dates (core.pipeline's release: one row
per area and date with ``C_val`` and ``C_flag``). Per area the first and last snapshot are the
first and last at which the area has a published row (residents published; a row hidden by time
suppression does not count); ``C_first``/``C_last`` are the indicator's values there (NULL when
suppressed), ``C_change`` their difference, ``C_trend`` the least-squares slope per year over
every published value of the period and ``C_projected`` the trend line's value at
``project_to``. Nothing is computed from a hidden figure, so nothing here reveals one.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.monitoring.calendar import to_years
from boligsocial_plugin.core.monitoring.trend import fit


@dataclass
class Change:
    """Per area: first/last dates and, per indicator code, first, last, change, trend."""

    dates: List[str]
    first_date: List[str]
    last_date: List[str]
    values: Dict[str, Dict[str, np.ndarray]]  # code -> first/last/change/trend/projected
    points: np.ndarray                        # published rows per area

    def frame(self, codes: Sequence[str]) -> pd.DataFrame:
        """The per-area table: first_date, last_date, C_first, C_last, C_change, C_trend,
        C_projected."""
        out: Dict[str, object] = {"first_date": self.first_date, "last_date": self.last_date}
        for c in codes:
            for part in PARTS:
                out["{}_{}".format(c, part)] = self.values[c][part]
        return pd.DataFrame(out)


PARTS = ("first", "last", "change", "trend", "projected")


def pivot(published: pd.DataFrame, column: str, n_areas: int, dates: List[str]) -> np.ndarray:
    """areas × dates of a published column (NaN where absent)."""
    table = published.assign(ref_date=published["ref_date"].astype(str)).pivot_table(
        index="area_idx", columns="ref_date", values=column, aggfunc="first", dropna=False)
    return table.reindex(index=range(n_areas), columns=dates).to_numpy(dtype=float)


def track_change(published: pd.DataFrame, codes: Sequence[str], n_areas: int,
                 project_to: Optional[str] = None, date_from: Optional[str] = None,
                 date_to: Optional[str] = None) -> Change:
    """First, last, change and trend per area and indicator (module doc)."""
    pub = published.assign(ref_date=published["ref_date"].astype(str))
    dates = sorted(pub["ref_date"].unique())
    if date_from:
        dates = [d for d in dates if d >= date_from]
    if date_to:
        dates = [d for d in dates if d <= date_to]
    if len(dates) < 2:
        raise BoligsocialError(tr("Change over time needs at least two reference dates in the "
                                  "period; the extract has {n} ({dates}).").format(
            n=len(dates), dates=", ".join(dates) or "-"))
    t = to_years(dates)
    t_last = float(t[-1])
    t_p = float(to_years([project_to])[0]) if project_to else t_last
    residents = pivot(pub, "residents", n_areas, dates)
    shown = ~np.isnan(residents) & (residents > 0)
    points = shown.sum(axis=1)
    has = points > 0
    j_first = np.where(has, np.argmax(shown, axis=1), 0)
    j_last = np.where(has, len(dates) - 1 - np.argmax(shown[:, ::-1], axis=1), 0)
    rows = np.arange(n_areas)
    first_date = [dates[j] if h else "" for j, h in zip(j_first, has)]
    last_date = [dates[j] if h and jl != jf else "" for j, jl, jf, h in
                 zip(j_last, j_last, j_first, has)]
    values: Dict[str, Dict[str, np.ndarray]] = {}
    for code in codes:
        v = np.where(shown, pivot(pub, "{}_val".format(code), n_areas, dates), np.nan)
        first = np.where(has, v[rows, j_first], np.nan)
        last = np.where(has & (j_last != j_first), v[rows, j_last], np.nan)
        trend = fit(t, v, float(t[0]), t_last, t_last)
        values[code] = {"first": first, "last": last, "change": last - first,
                        "trend": trend.slope,
                        "projected": trend.at(t_p) if project_to else np.full(n_areas, np.nan)}
    return Change(dates, first_date, last_date, values, points)
