# SPDX-License-Identifier: GPL-2.0-or-later
"""Plain-language warnings of the monitoring: which list an area will enter or leave at the next
computation if the trend continues, and why (the criteria that cross their thresholds)."""
from typing import Dict, List, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import (
    FOREBYGGELSE,
    INGEN,
    UDSAT,
    RuleSet,
    severity_label,
)
from boligsocial_plugin.core.criteria.text import criterion_label, threshold_text, value_text
from boligsocial_plugin.core.i18n import tr


def _lists_of(rs: RuleSet, sev: int) -> List[str]:
    """The list that defines a category (udsat for udsat and above)."""
    if sev >= UDSAT:
        return ["udsat"]
    if sev == FOREBYGGELSE and any(lst.code == "forebyggelse" for lst in rs.lists):
        return ["forebyggelse"]
    return []


def _met_now(series, i: int, list_code: str, key: str) -> float:
    """1/0/NaN: the criterion met at the latest snapshot (the assessment's own flag)."""
    frame = series.frames[series.dates[-1]]
    col = "{}_met_{}".format(key, list_code)
    if col not in frame.columns:
        return np.nan
    v = frame[col].iloc[i]
    return np.nan if pd.isna(v) else float(v)


def crossings(rs: RuleSet, i: int, lists: List[str], series, projected: Dict[str, np.ndarray],
              met: Dict[str, Dict[str, np.ndarray]]) -> List[Tuple[str, str]]:
    """(list, criterion) pairs whose met state changes between now and the projection."""
    out = []
    for lc in lists:
        for c in rs.reported(lc):
            now, then = _met_now(series, i, lc, c.key), met[lc][c.key][i]
            if not (np.isnan(now) or np.isnan(then)) and now != then:
                out.append((lc, c.key))
    return out


def change_text(rs: RuleSet, pairs: List[Tuple[str, str]], projected: Dict[str, np.ndarray],
                i: int) -> str:
    """'outside labour market … reaches 41.0 % (threshold 40 %); …'."""
    parts = []
    for lc, key in pairs:
        crit = next(c for c in rs.reported(lc) if c.key == key)
        parts.append(tr("{criterion} reaches {value} (threshold {threshold})").format(
            criterion=criterion_label(key), value=value_text(crit, float(projected[key][i])),
            threshold=threshold_text(crit)))
    return "; ".join(parts)


def _when(default: bool, date: str) -> Tuple[str, str, str]:
    """The three sentences with "at the next computation" or "at the computation on date"."""
    if default:
        return (tr("Will become {category} at the next computation if the trend continues: "
                   "{changes}."),
                tr("Will no longer be {category} at the next computation if the trend "
                   "continues: {changes}."),
                tr("Stays {category} at the next computation if the trend continues, but "
                   "{changes}."))
    return (tr("Will become {category} at the computation on {date} if the trend continues: "
               "{changes}."),
            tr("Will no longer be {category} at the computation on {date} if the trend "
               "continues: {changes}."),
            tr("Stays {category} at the computation on {date} if the trend continues, but "
               "{changes}."))


def warning(rs: RuleSet, i: int, now: int, low: int, high: int, series,
            projected: Dict[str, np.ndarray], met: Dict[str, Dict[str, np.ndarray]], date: str,
            default_date: bool) -> str:
    """The warning of area ``i`` ('' when nothing changes); see the module doc."""
    become, leave, stays = _when(default_date, date)
    text = ""
    if low > now:
        pairs = crossings(rs, i, _lists_of(rs, low), series, projected, met)
        text = become.format(category=severity_label(low).lower(), date=date,
                             changes=change_text(rs, pairs, projected, i) or
                             tr("the conditions are met"))
    elif low < now:
        pairs = crossings(rs, i, _lists_of(rs, now), series, projected, met)
        text = leave.format(category=severity_label(now).lower(), date=date,
                            changes=change_text(rs, pairs, projected, i) or
                            tr("the conditions are no longer met"))
        if low > INGEN:
            text += " " + tr("It would be {category}.").format(
                category=severity_label(low).lower())
    elif now > INGEN:
        pairs = crossings(rs, i, _lists_of(rs, now), series, projected, met)
        if pairs:
            text = stays.format(category=severity_label(now).lower(), date=date,
                                changes=change_text(rs, pairs, projected, i))
    if high > low:
        text = (text + " " if text else "") + tr(
            "Could be {category}: not every criterion can be projected.").format(
            category=severity_label(high).lower())
    return text
