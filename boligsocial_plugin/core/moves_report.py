# SPDX-License-Identifier: GPL-2.0-or-later
"""What the flow map and the moves report show: flow classes, texts and tables (no QGIS).

Everything here works on the *published* tables only (hidden values are NaN), so nothing a
report shows can be more than the outputs publish.
"""
import math
from dataclasses import dataclass
from typing import List, Optional, Sequence

import pandas as pd

from boligsocial_plugin.core.choropleth import ClassRange, format_number, format_value
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator

#: line widths (mm) of the flow classes, thinnest first
FLOW_WIDTHS = (0.5, 1.1, 1.9, 3.0, 4.4)
FOCUS_COLOUR = "#d95f02"   # flows from the focus areas (ColorBrewer Dark2: orange)
FLOW_COLOUR = "#1b4f72"    # other flows (dark blue; apart from orange for colour-blind readers)


@dataclass
class FlowClass:
    """One width class of the flow map: persons from ``lower`` up to ``upper`` (inclusive)."""

    lower: float
    upper: Optional[float]   # None: open above
    width: float
    label: str

    def expression(self, field: str = '"persons"') -> str:
        """A QGIS expression matching the class (published flows only)."""
        if self.upper is None:
            return "{f} >= {lo}".format(f=field, lo=repr(float(self.lower)))
        return "{f} >= {lo} AND {f} <= {hi}".format(f=field, lo=repr(float(self.lower)),
                                                    hi=repr(float(self.upper)))


def flow_classes(values: Sequence[float], min_count: int) -> List[FlowClass]:
    """Width classes for the published flows: round breaks from the smallest published count.

    Breaks are taken from 1-2-5 steps (5, 10, 20, 50, 100, …) at or above ``min_count`` so the
    legend reads in round numbers; at most five classes, the last open above.
    """
    vals = sorted(float(v) for v in values if v is not None and not math.isnan(float(v)))
    lo = max(1.0, float(min_count))
    top = vals[-1] if vals else lo
    steps = []
    k = 1.0
    while k <= max(top, lo) * 10:
        for m in (1, 2, 5):
            steps.append(m * k)
        k *= 10
    breaks = [lo] + [s for s in steps if lo < s <= top]
    if len(breaks) > len(FLOW_WIDTHS):
        # keep the first, the last and evenly spread ones in between
        idx = [round(i * (len(breaks) - 1) / (len(FLOW_WIDTHS) - 1))
               for i in range(len(FLOW_WIDTHS))]
        breaks = [breaks[i] for i in sorted(set(idx))]
    out = []
    for i, b in enumerate(breaks):
        nxt = breaks[i + 1] - 1 if i + 1 < len(breaks) else None
        if nxt is None:
            label = tr("{n} or more persons").format(n=format_number(b, 0))
        elif nxt <= b:
            label = tr("{n} persons").format(n=format_number(b, 0))
        else:
            label = tr("{a}–{b} persons").format(a=format_number(b, 0), b=format_number(nxt, 0))
        out.append(FlowClass(b, nxt, FLOW_WIDTHS[i], label))
    return out


def count_ranges(values: Sequence[float], min_count: int) -> List[ClassRange]:
    """Choropleth classes of a count of persons: 0 on its own, then the flow classes' round
    breaks (published counts are 0 or at least ``min_count``)."""
    out = [ClassRange(0.0, 0.0, "0", lower_inclusive=True, upper_inclusive=True)]
    positive = [v for v in values if v is not None and not math.isnan(float(v)) and v > 0]
    for c in flow_classes(positive, min_count) if positive else []:
        label = c.label.replace(tr("persons"), "").strip()
        if c.upper is None:
            out.append(ClassRange(c.lower, c.lower, label, lower_inclusive=True,
                                  open_above=True))
        else:
            out.append(ClassRange(c.lower, c.upper, label, lower_inclusive=True))
    if len(out) > 1:  # counts between 0 and the first break (perturbed) join the first class
        first = out[1]
        out[1] = ClassRange(0.0, first.upper, first.label, lower_inclusive=False,
                            open_above=first.open_above)
    return out


def _cell(value, unit: str = "", decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return tr("suppressed")
    return format_value(float(value), unit, decimals)


def waterbed_rows(areas: pd.DataFrame, names: Sequence[str], limit: int = 8) -> List[List[str]]:
    """Destinations of the focus areas' movers, most persons first: area, persons, share.

    ``areas``: the published moves table (with ``from_focus``, ``from_focus_pct``,
    ``in_movers``); rows with a published 0 are left out, suppressed ones listed last.
    """
    if "from_focus" not in areas:
        return []
    t = areas.assign(_name=list(names))
    t = t[~(t["from_focus"] == 0)]
    t = t.assign(_hidden=t["from_focus"].isna()).sort_values(
        ["_hidden", "from_focus", "_name"], ascending=[True, False, True])
    rows = []
    for _, r in t.head(limit).iterrows():
        rows.append([str(r["_name"]), _cell(r["from_focus"]),
                     _cell(r["from_focus_pct"], "%", 0)])
    return rows


def short_label(ind: Indicator) -> str:
    """A short name of a profile indicator for narrow table columns."""
    return {"outside_labour": tr("Outside labour market"),
            "nonwestern": tr("Non-western origin"),
            "basic_edu": tr("Only basic schooling"),
            "income": tr("Mean gross income"),
            "convicted": tr("Convicted")}.get(ind.code, ind.label)


def elevator_rows(areas: pd.DataFrame, names: Sequence[str], focus: Sequence[int],
                  indicators: Sequence[Indicator], limit: int = 3) -> List[List[str]]:
    """The elevator view of (at most ``limit``) focus areas: indicator, came, stayed, left."""
    rows = []
    for i in list(focus)[:limit]:
        r = areas.iloc[int(i)]
        for k, ind in enumerate(indicators):
            dec = 0 if ind.unit == "kr." else 1
            rows.append([names[int(i)] if k == 0 else "", short_label(ind),
                         _cell(r.get(f"{ind.code}_in"), ind.unit, dec),
                         _cell(r.get(f"{ind.code}_stay"), ind.unit, dec),
                         _cell(r.get(f"{ind.code}_out"), ind.unit, dec)])
    return rows


def focus_summary(focus: dict, names: Sequence[str]) -> str:
    """One sentence on the focus areas: residents, stayed, moved to other areas, left."""
    def val(key: str) -> str:
        v = focus.get(key, (None, ""))[0]
        return tr("suppressed") if v is None else format_number(v, 0)

    return tr("Focus areas ({areas}): {res} residents at the first date; {stay} stayed, "
              "{moved} moved to other areas and {left} left the areas (moved away, died or "
              "without location).").format(
        areas=", ".join(names), res=val("residents_from"), stay=val("stayers"),
        moved=val("out_movers"), left=val("out_to_outside"))


def report_notes(from_date: str, to_date: str, min_count: int, perturbation: str,
                 source: str) -> str:
    """The notes under the flow map."""
    return "\n".join([
        tr("Source: {source}. Moves from {a} to {b}: a person's area on each date, followed "
           "by the pseudonymised person key.").format(source=source, a=from_date, b=to_date),
        tr("Flows with fewer than {n} persons, and flows hidden to protect them, are not "
           "drawn; counts below {n} are never shown.").format(n=min_count),
        tr("Published counts: {how}.").format(how=perturbation),
    ])
