# SPDX-License-Identifier: GPL-2.0-or-later
"""Which snapshots are assessed: the latest at or before the assessment date, and the one a
year earlier for the two-year averages."""
from typing import Optional, Sequence, Tuple

import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def previous_year_date(dates: Sequence[str], date: str) -> Optional[str]:
    """The snapshot about one year before ``date`` (see module doc), or None."""
    d = pd.Timestamp(date)
    same = (d - pd.DateOffset(years=1)).strftime("%Y-%m-%d")
    dates = sorted({str(x) for x in dates})
    if same in dates:
        return same
    best = None
    for x in dates:
        days = (d - pd.Timestamp(x)).days
        if 335 <= days <= 396:
            key = (abs(days - 365), -pd.Timestamp(x).value)
            if best is None or key < best[0]:
                best = (key, x)
    return best[1] if best else None


def choose_dates(dates: Sequence[str],
                 assessment_date: Optional[str] = None) -> Tuple[str, Optional[str]]:
    """(assessed snapshot, previous-year snapshot or None)."""
    dates = sorted({str(x) for x in dates})
    if not dates:
        raise BoligsocialError(tr("The person extract has no reference dates inside the areas; "
                                  "check that the persons lie inside the area polygons."))
    if assessment_date:
        try:
            limit = pd.Timestamp(str(assessment_date)).strftime("%Y-%m-%d")
        except ValueError:
            raise BoligsocialError(tr("The assessment date '{d}' is not a date; write it as "
                                      "YYYY-MM-DD.").format(d=assessment_date)) from None
        before = [x for x in dates if x <= limit]
        if not before:
            raise BoligsocialError(tr("No snapshot at or before the assessment date {d}; the "
                                      "earliest reference date is {first}.").format(
                                          d=limit, first=dates[0]))
        d0 = before[-1]
    else:
        d0 = dates[-1]
    return d0, previous_year_date(dates, d0)


#: how far from 1 January of a list year a snapshot may lie and still stand for that list
LIST_SNAPSHOT_DAYS = 183


def list_snapshot(dates: Sequence[str], year: int) -> Optional[str]:
    """The snapshot the list of ``year`` is computed from: 1 January of that year, else the
    nearest snapshot within LIST_SNAPSHOT_DAYS of it (the earlier one on a tie), else None.

    The list published 1 December Y is computed from data at 1 January Y, so a monthly
    extract's history years are judged at their January snapshots, not a year before the
    assessed month.
    """
    target = pd.Timestamp(year=int(year), month=1, day=1)
    exact = target.strftime("%Y-%m-%d")
    best = None
    for x in sorted({str(d) for d in dates}):
        if x == exact:
            return x
        days = abs((pd.Timestamp(x) - target).days)
        if days <= LIST_SNAPSHOT_DAYS and (best is None or days < best[0]):
            best = (days, x)
    return best[1] if best else None
