# SPDX-License-Identifier: GPL-2.0-or-later
"""The state criteria at every snapshot, as the list would compute them from that date.

Each date is assessed by :func:`boligsocial_plugin.core.criteria.assess_criteria` itself (the
code path of ``assesscriteria``): two-year means over that date and the snapshot a year
earlier, history as the lists were made. Values come from the protected release's published
cells (``published``: core.discretion.release's table of the criteria indicators over all
dates), so with perturbation they are the perturbed figures and with it off the exact ones; a
value is published only where every cell it rests on is (primary, secondary and time
suppression of the release, and the criteria's own rules).
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import (
    CATEGORIES,
    INDICATOR_CODES,
    KEYS,
    Margins,
    Reference,
    RuleSet,
    assess_criteria,
    get_rule_set,
)
from boligsocial_plugin.core.criteria.evaluation import SnapshotTables, evaluate
from boligsocial_plugin.core.discretion import PUBLISHED, Rules
from boligsocial_plugin.core.errors import Cancelled
from boligsocial_plugin.core.monitoring.calendar import to_years


@dataclass
class CriteriaSeries:
    """Areas × dates tables of the criteria (published values only; NaN hidden or absent)."""

    rule_set: RuleSet
    area_ids: List[str]
    area_names: List[str]
    dates: List[str]
    t: np.ndarray
    value: Dict[str, np.ndarray]      # K_val as the list computes it (two-year means)
    single: Dict[str, np.ndarray]     # the value of that snapshot alone
    residents: np.ndarray             # published residents
    present: np.ndarray               # the area has residents at the date
    category: np.ndarray              # '' where the row is not published
    frames: Dict[str, pd.DataFrame]   # assess_criteria's table per date
    tables: SnapshotTables            # for the history of a projected date
    keys: List[str] = field(default_factory=list)

    def index(self, date: str) -> int:
        """Column of a date."""
        return self.dates.index(date)


def with_published_cells(raw: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The raw table with the published (perhaps perturbed) numerators and denominators where
    the release publishes them; the hidden ones stay (they are never published below)."""
    key = ["area_idx", "ref_date"]
    pub = published.assign(ref_date=published["ref_date"].astype(str)).set_index(key)
    out = raw.copy()
    out["ref_date"] = out["ref_date"].astype(str)
    idx = pd.MultiIndex.from_frame(out[key])
    for code in INDICATOR_CODES.values():
        for part in ("num", "den"):
            col = "{}_{}".format(code, part)
            if col in out.columns and col in pub.columns:
                v = pub[col].reindex(idx).to_numpy(dtype=float)
                out[col] = np.where(np.isnan(v), out[col].to_numpy(dtype=float), v)
    return out


def _release_mask(published: Optional[pd.DataFrame], code: str, n: int,
                  dates: List[str]) -> np.ndarray:
    """areas × dates: the release publishes this indicator's cells (all True without one)."""
    if published is None or "{}_flag".format(code) not in published.columns:
        return np.ones((n, len(dates)), dtype=bool)
    table = published.assign(ref_date=published["ref_date"].astype(str)).pivot_table(
        index="area_idx", columns="ref_date", values="{}_flag".format(code),
        aggfunc="first")
    table = table.reindex(index=range(n), columns=dates)
    return (table.fillna("x") == PUBLISHED).to_numpy()


def criteria_series(raw: pd.DataFrame, area_ids: Sequence, area_names: Optional[Sequence],
                    rule_set: str, *, national_conviction_rate: Reference = None,
                    regional_mean_income: Reference = None,
                    history: Optional[pd.DataFrame] = None, margins: Margins = Margins(),
                    rules: Rules = Rules(), published: Optional[pd.DataFrame] = None,
                    progress: Optional[Callable[[float], bool]] = None) -> CriteriaSeries:
    """Assess every snapshot of ``raw`` (core.indicators.aggregate's table, all dates).

    ``published``: the protected release of the same rows (see the module doc); without it
    only the criteria's own primary rules hide values (as ``assess_criteria``).
    ``progress(fraction)`` returning False cancels.
    """
    rs = get_rule_set(rule_set)
    ids = [str(x) for x in area_ids]
    names = [("" if x is None else str(x)) for x in area_names] if area_names is not None \
        else [""] * len(ids)
    n = len(ids)
    base = with_published_cells(raw, published) if published is not None else raw.copy()
    base["ref_date"] = base["ref_date"].astype(str)
    dates = sorted(base["ref_date"].unique())
    keys = [k for k in KEYS if any(k == c.key for lst in rs.lists for c in rs.reported(lst.code))]
    tables = SnapshotTables(base, n, rules)
    value = {k: np.full((n, len(dates)), np.nan) for k in keys}
    single = {k: np.full((n, len(dates)), np.nan) for k in keys}
    category = np.full((n, len(dates)), "", dtype=object)
    frames: Dict[str, pd.DataFrame] = {}
    ok = {k: _release_mask(published, INDICATOR_CODES[k], n, dates) for k in keys}
    res_raw = np.zeros((n, len(dates)))
    residents = np.full((n, len(dates)), np.nan)
    for j, d in enumerate(dates):
        if progress is not None and not progress(j / max(1, len(dates))):
            raise Cancelled()
        frame = assess_criteria(base, ids, names, rs.code,
                                national_conviction_rate=national_conviction_rate,
                                regional_mean_income=regional_mean_income, assessment_date=d,
                                history=history, margins=margins, rules=rules)
        frames[d] = frame
        prev = str(frame["prev_date"].iloc[0]) if n else ""
        jp = dates.index(prev) if prev in dates else None
        meas, _met, res, _eligible = evaluate(tables, rs, d, None, national_conviction_rate,
                                              regional_mean_income)
        res_raw[:, j] = res
        for k in keys:
            both = ok[k][:, j] & (ok[k][:, jp] if jp is not None and
                                  rs.measure(k).two_year else True)
            value[k][:, j] = np.where(both, frame["{}_val".format(k)].to_numpy(dtype=float),
                                      np.nan)
            single[k][:, j] = np.where(ok[k][:, j] & (meas[k].flag == PUBLISHED),
                                       meas[k].val, np.nan)
        if published is not None:
            pub_res = published.assign(ref_date=published["ref_date"].astype(str))
            pub_res = pub_res[pub_res["ref_date"] == d].set_index("area_idx")["residents"]
            residents[:, j] = pub_res.reindex(range(n)).to_numpy(dtype=float)
        else:
            residents[:, j] = np.where((res > 0) & (res < rules.min_count), np.nan, res)
        shown = ~np.isnan(residents[:, j]) & (res > 0)
        category[:, j] = np.where(shown, frame["category"].to_numpy(dtype=object), "")
    for k in keys:
        value[k][res_raw == 0] = np.nan
        single[k][res_raw == 0] = np.nan
    return CriteriaSeries(rs, ids, names, dates, to_years(dates), value, single, residents,
                          res_raw > 0, category, frames, tables, keys)


def severity_of(category: str) -> int:
    """Index of a category code in CATEGORIES (0 for '' or unknown)."""
    return CATEGORIES.index(category) if category in CATEGORIES else 0
