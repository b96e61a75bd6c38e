# SPDX-License-Identifier: GPL-2.0-or-later
"""The state criteria at every snapshot, as the list would compute them from that date.

Each date is assessed by :func:`boligsocial_plugin.core.criteria.assess_criteria` itself (the
code path of ``assesscriteria``): two-year means over that date and the snapshot a year
earlier, history as the lists were made. With ``published`` (the release of
:func:`boligsocial_plugin.core.criteria.protect_criteria` over every date) every value comes
from the published (protected, perturbed) cells and is NULL where a cell it rests on is hidden
(primary, secondary or time suppression), exactly as ``assesscriteria`` publishes it; the
single-year values that drive the trends come from the same cells. Met and the category are
decided on the exact values, as the state's lists are.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import (
    CATEGORIES,
    KEYS,
    Margins,
    Reference,
    RuleSet,
    assess_criteria,
    get_rule_set,
)
from boligsocial_plugin.core.criteria.evaluation import (
    SnapshotTables,
    evaluate,
    published_measures,
)
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


def criteria_series(raw: pd.DataFrame, area_ids: Sequence, area_names: Optional[Sequence],
                    rule_set: str, *, national_conviction_rate: Reference = None,
                    regional_mean_income: Reference = None,
                    history: Optional[pd.DataFrame] = None, margins: Margins = Margins(),
                    rules: Rules = Rules(), published: Optional[pd.DataFrame] = None,
                    progress: Optional[Callable[[float], bool]] = None) -> CriteriaSeries:
    """Assess every snapshot of ``raw`` (core.indicators.aggregate's table, all dates).

    ``published``: the protected release of every date (see the module doc); without it the
    figures are exact with the primary rules only (as ``assess_criteria`` without it).
    ``progress(fraction)`` returning False cancels.
    """
    rs = get_rule_set(rule_set)
    ids = [str(x) for x in area_ids]
    names = [("" if x is None else str(x)) for x in area_names] if area_names is not None \
        else [""] * len(ids)
    n = len(ids)
    base = raw.copy()
    base["ref_date"] = base["ref_date"].astype(str)
    dates = sorted(base["ref_date"].unique())
    keys = [k for k in KEYS if any(k == c.key for lst in rs.lists for c in rs.reported(lst.code))]
    tables = SnapshotTables(base, n, rules)
    ptables = SnapshotTables(published, n, rules) if published is not None else None
    value = {k: np.full((n, len(dates)), np.nan) for k in keys}
    single = {k: np.full((n, len(dates)), np.nan) for k in keys}
    category = np.full((n, len(dates)), "", dtype=object)
    frames: Dict[str, pd.DataFrame] = {}
    res_raw = np.zeros((n, len(dates)))
    residents = np.full((n, len(dates)), np.nan)
    for j, d in enumerate(dates):
        if progress is not None and not progress(j / max(1, len(dates))):
            raise Cancelled()
        frame = assess_criteria(base, ids, names, rs.code,
                                national_conviction_rate=national_conviction_rate,
                                regional_mean_income=regional_mean_income, assessment_date=d,
                                history=history, margins=margins, rules=rules,
                                published=published)
        frames[d] = frame
        exact, _met, res, _eligible = evaluate(tables, rs, d, None, national_conviction_rate,
                                               regional_mean_income)
        alone = published_measures(ptables, rs, d, None, national_conviction_rate,
                                   regional_mean_income, exact) if ptables is not None \
            else exact
        res_raw[:, j] = res
        for k in keys:
            value[k][:, j] = frame["{}_val".format(k)].to_numpy(dtype=float)
            single[k][:, j] = np.where(alone[k].flag == PUBLISHED, alone[k].val, np.nan)
        residents[:, j] = frame["residents"].to_numpy(dtype=float, na_value=np.nan)
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
