# SPDX-License-Identifier: GPL-2.0-or-later
"""Omdannelsesområde needs parallelsamfund status in earlier years: from a table of official
lists, otherwise computed from older yearly snapshots.

History is judged as the lists were made: the list of year Y counts as it stood on that year's
list, made by the rule set in force for it (``rules.rule_set_in_force``: 2013 rules for the
lists 2013-2017, whose one list was the ghetto list; 2018 rules for 2018-2020; 2021 rules from
2021), from the snapshot the list is computed from (1 January Y, ``dates.list_snapshot``). So
the 2016-2017 ghetto lists (2013 rules, 3 of 5) count toward the 2018-2020 hard-ghetto rule. A
history table counts the same way in any rule set's vocabulary: for a list year up to 2017 the
2013 list in 2021 vocabulary (``udsat``) counts as the ghetto list it was.
"""
import math
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria.dates import list_snapshot
from boligsocial_plugin.core.criteria.evaluation import SnapshotTables, parallel_status
from boligsocial_plugin.core.criteria.rules import (
    Reference,
    RuleSet,
    get_rule_set,
    rule_set_in_force,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

_PARALLEL_NAMES = {"parallelsamfund", "omdannelsesomraade", "ghetto", "ghettoomraade",
                   "haardt_ghettoomraade", "haardt_ghetto", "hard_ghetto", "haard_ghetto",
                   "hardt_ghettoomraade"}
_UDSAT_NAMES = {"udsat", "udsat_boligomraade"}
_OTHER_NAMES = {"forebyggelse", "forebyggelsesomraade", "ingen", "none", ""}
#: the last list year with one list only (the ghetto list of the 2013 rules)
_ONE_LIST_UNTIL = 2017


def _norm_category(value) -> str:
    s = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    s = s.strip().lower()
    for a, b in (("å", "aa"), ("ø", "oe"), ("æ", "ae"), (" ", "_"), ("-", "_")):
        s = s.replace(a, b)
    return s


def _history_status(history: Optional[pd.DataFrame]) -> Dict[Tuple[str, int], float]:
    """(area_id as text, year) -> 1.0 parallelsamfund (or ghetto) that year, else 0.0."""
    out: Dict[Tuple[str, int], float] = {}
    if history is None or len(history) == 0:
        return out
    cols = {c.lower(): c for c in history.columns}
    missing = [c for c in ("area_id", "year", "category") if c not in cols]
    if missing:
        raise BoligsocialError(tr("The history table needs the columns area_id, year and "
                                  "category; missing: {cols}.").format(cols=", ".join(missing)))
    for aid, year, cat in zip(history[cols["area_id"]], history[cols["year"]],
                              history[cols["category"]]):
        try:
            y = int(str(year).strip()[:4])
        except ValueError:
            raise BoligsocialError(tr("The history table has the year '{y}'; write years as "
                                      "four digits.").format(y=year)) from None
        name = _norm_category(cat)
        if name in _PARALLEL_NAMES:
            status = 1.0
        elif name in _UDSAT_NAMES:  # up to 2017 the one list (ghetto) is 'udsat' in 2021 words
            status = 1.0 if y <= _ONE_LIST_UNTIL else 0.0
        elif name in _OTHER_NAMES:
            status = 0.0
        else:
            raise BoligsocialError(tr("The history table has the unknown category '{cat}'; use "
                                      "omdannelsesomraade, parallelsamfund, udsat, forebyggelse, "
                                      "ingen (or ghetto, haardt_ghettoomraade).").format(cat=cat))
        key = (str(aid).strip(), y)
        out[key] = max(out.get(key, 0.0), status)
    return out


def omdannelse_history(tables: SnapshotTables, rs: RuleSet, ids: List[str], d0: str, year: int,
                        n_years: int, history: Optional[pd.DataFrame], national: Reference,
                        regional: Reference):
    """(1/0/NaN all earlier years parallelsamfund, years found per area, note per area).

    ``d0``/``year``: the assessed date and its list year; the N-1 list years before it are
    looked up in ``history``, else judged at their own snapshot by the rule set in force.
    """
    n_areas = len(ids)
    official = _history_status(history)
    status = np.full((n_areas, n_years - 1), np.nan)
    computed: List[int] = []
    other_rules: Dict[str, List[int]] = {}
    for j in range(n_years - 1):
        y = year - 1 - j
        col = np.array([official.get((aid, y), np.nan) for aid in ids])
        need = np.isnan(col)
        code = rule_set_in_force(y)
        date = list_snapshot(tables.dates, y) if code else None
        if date is not None and date >= d0:
            date = None  # never judge an earlier list by the assessed snapshot or a later one
        if need.any() and date is not None and code is not None:
            calc = parallel_status(tables, get_rule_set(code), date, national, regional)
            if (need & ~np.isnan(calc)).any():
                computed.append(y)
                if code != rs.code:
                    other_rules.setdefault(code, []).append(y)
            col = np.where(need, calc, col)
        status[:, j] = col
    known = ~np.isnan(status)
    any_not = (status == 0).any(axis=1)
    all_yes = (status == 1).all(axis=1)
    res = np.where(any_not, 0.0, np.where(all_yes, 1.0, np.nan))
    found = known.sum(axis=1) + 1
    note = ""
    if computed:
        note = tr("history {years} computed from the extract").format(
            years=", ".join(str(y) for y in sorted(computed)))
        for code, years in sorted(other_rules.items()):
            note += " " + tr("({years} by the {code} rules, as those lists were made)").format(
                years=", ".join(str(y) for y in sorted(years)), code=code)
    return res, found, [note] * n_areas
