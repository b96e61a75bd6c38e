# SPDX-License-Identifier: GPL-2.0-or-later
"""The snapshots of an extract over time: fractional years, cadence, missing and irregular
snapshots, the default projection date and the temporal step of a multi-date layer."""
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.i18n import tr

MONTHLY, QUARTERLY, YEARLY, IRREGULAR, SINGLE = "monthly", "quarterly", "yearly", "irregular", \
    "single"
#: cadence -> (months per step, median gap in days it is recognised by)
CADENCES = {MONTHLY: (1, (27, 32)), QUARTERLY: (3, (85, 95)), YEARLY: (12, (355, 375))}
#: a snapshot this many days from where the cadence expects one still counts as on time
ON_TIME_DAYS = 7


def to_years(dates: Sequence[str]) -> np.ndarray:
    """Dates as fractional years (2024-07-02 is about 2024.5)."""
    ts = pd.to_datetime(pd.Series(list(dates), dtype=object))
    start = pd.to_datetime(ts.dt.year.astype(str) + "-01-01")
    days = np.where(ts.dt.is_leap_year, 366.0, 365.0)
    return (ts.dt.year + (ts - start).dt.days / days).to_numpy(dtype=float)


def default_project_to(latest: str) -> str:
    """The next 1 January after the latest snapshot: the date the next list is computed from."""
    return "{}-01-01".format(int(str(latest)[:4]) + 1)


def year_before(date: str) -> str:
    """The same day one year earlier (28 February for 29 February)."""
    return (pd.Timestamp(date) - pd.DateOffset(years=1)).strftime("%Y-%m-%d")


@dataclass
class Calendar:
    """How the snapshots are spaced, and which ones are missing or off the cadence."""

    dates: List[str]
    cadence: str
    step_days: float
    missing: List[str] = field(default_factory=list)
    off_cadence: List[str] = field(default_factory=list)
    regular_from: str = ""  # the cadence holds from this snapshot on (sparser ones before)

    def lines(self) -> List[str]:
        """What the run found (translated), for the log."""
        names = {MONTHLY: tr("monthly"), QUARTERLY: tr("quarterly"), YEARLY: tr("yearly"),
                 IRREGULAR: tr("irregular"), SINGLE: tr("a single snapshot")}
        out = [tr("{n} snapshots from {first} to {last}, {cadence}.").format(
            n=len(self.dates), first=self.dates[0] if self.dates else "-",
            last=self.dates[-1] if self.dates else "-", cadence=names[self.cadence])]
        if self.regular_from and self.regular_from != self.dates[0]:
            out.append(tr("{cadence} from {date}; the {n} snapshots before are sparser (used for "
                          "two-year means, history and trends reaching back).").format(
                cadence=names[self.cadence].capitalize(), date=self.regular_from,
                n=self.dates.index(self.regular_from)))
        if self.missing:
            out.append(tr("Missing snapshots (no rows at these dates; trends and two-year means "
                          "use the snapshots there are): {dates}.").format(
                dates=", ".join(self.missing)))
        if self.off_cadence:
            out.append(tr("Snapshots off the cadence (used at their own dates): {dates}.").format(
                dates=", ".join(self.off_cadence)))
        return out

    def step(self) -> Tuple[float, str]:
        """(length, unit) a snapshot lasts on a time axis: a little less than one step of the
        cadence (27 days monthly, 88 quarterly, 364 yearly), so a Temporal Controller frame of
        that step shows exactly one snapshot and finer frames show the latest one before them;
        0 for irregular snapshots, whose gaps may be shorter than the typical one (maps/temporal
        shows those for a day)."""
        return ({MONTHLY: 27.0, QUARTERLY: 88.0, YEARLY: 364.0}.get(self.cadence, 0.0), "days")


def calendar(dates: Sequence[str]) -> Calendar:
    """The cadence of the snapshots and the ones missing from it."""
    ds = sorted({str(d) for d in dates})
    if len(ds) < 2:
        return Calendar(ds, SINGLE, 365.0)
    ts = pd.to_datetime(pd.Series(ds))
    gaps = ts.diff().dt.days.to_numpy()[1:]
    med = float(np.median(gaps))
    cadence = IRREGULAR
    for name, (_months, (lo, hi)) in CADENCES.items():
        if lo <= med <= hi:
            cadence = name
    if cadence == IRREGULAR:
        return Calendar(ds, cadence, med)
    months = CADENCES[cadence][0]
    # a long gap (older yearly snapshots before a monthly series): the cadence starts after it
    long_gap = max(3 * 30.4 * months, 180.0)
    big = np.flatnonzero(gaps > long_gap)
    first = int(big[-1]) + 1 if len(big) else 0
    start, end = ts.iloc[first], ts.iloc[-1]
    expected = []
    k = 0
    while True:
        e = start + pd.DateOffset(months=k * months)
        if e > end + pd.Timedelta(days=ON_TIME_DAYS):
            break
        expected.append(e)
        k += 1
    have = ts.to_numpy()
    missing = [e.strftime("%Y-%m-%d") for e in expected
               if np.min(np.abs((have - e.to_datetime64()) / np.timedelta64(1, "D")))
               > ON_TIME_DAYS]
    exp = np.array([e.to_datetime64() for e in expected])
    off = [d for d, t in zip(ds[first:], have[first:])
           if np.min(np.abs((exp - t) / np.timedelta64(1, "D"))) > ON_TIME_DAYS]
    return Calendar(ds, cadence, med, missing, off, ds[first])


def window_start(latest: str, months: int) -> str:
    """The first date of a trend window of ``months`` months ending at ``latest``."""
    return (pd.Timestamp(latest) - pd.DateOffset(months=int(months))).strftime("%Y-%m-%d")


def nearest(dates: Sequence[str], target: str, max_days: int) -> Optional[str]:
    """The snapshot nearest to ``target`` within ``max_days`` (the earlier one on a tie)."""
    t = pd.Timestamp(target)
    best = None
    for d in sorted(dates):
        days = abs((pd.Timestamp(d) - t).days)
        if days <= max_days and (best is None or days < best[0]):
            best = (days, d)
    return best[1] if best else None
