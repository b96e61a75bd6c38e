# SPDX-License-Identifier: GPL-2.0-or-later
"""Trend charts of the state criteria per area (matplotlib, no QGIS): the value as the list
computes it at every snapshot, the thresholds of the rule set's lists, and the projection to
the next computation.

matplotlib is used through its object interface (``Figure`` + the Agg canvas), never
``pyplot``: no global state, no GUI backend inside QGIS.
"""
import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from boligsocial_plugin.core.choropleth import CATEGORY_COLOURS
from boligsocial_plugin.core.criteria import (
    TIMES_NATIONAL,
    category_label,
    get_rule_set,
)
from boligsocial_plugin.core.criteria.text import criterion_label, threshold_text
from boligsocial_plugin.core.i18n import number, tr

LIST_COLOURS = {"udsat": "#c0392b", "forebyggelse": "#d68910"}
LINE, SINGLE, PROJECTION = "#1f4e79", "#9aa7b4", "#1f4e79"
FONT = "DejaVu Sans"
#: title colours: the category's map colour where it reads on white
CATEGORY_TEXT = {k: v for k, v in CATEGORY_COLOURS.items() if k not in ("ingen", "forebyggelse")}
CATEGORY_TEXT["forebyggelse"] = "#b8570c"


@dataclass
class AreaTrend:
    """What a chart of one area shows (published values only)."""

    area_id: str
    name: str = ""
    dates: List[str] = field(default_factory=list)
    values: Dict[str, List[float]] = field(default_factory=dict)  # K_val per date (NaN hidden)
    projected: Dict[str, float] = field(default_factory=dict)
    trend: Dict[str, float] = field(default_factory=dict)
    project_to: str = ""
    category: str = ""
    projected_category: str = ""
    warning: str = ""

    def title(self) -> str:
        """'A209 Navn: no category → udsat boligområde'."""
        head = "{} {}".format(self.area_id, self.name).strip()
        if self.projected_category and self.projected_category != self.category:
            return "{}: {} → {}".format(head, category_label(self.category or "ingen"),
                                        category_label(self.projected_category))
        if self.category:
            return "{}: {}".format(head, category_label(self.category))
        return head


def _figure(width_in: float, height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _unit(crit) -> str:
    return "×" if crit.unit == TIMES_NATIONAL else "%"


def _fmt(v: float, crit) -> str:
    return number(v, 2 if crit.unit == TIMES_NATIONAL else 1) + (
        "×" if crit.unit == TIMES_NATIONAL else " %")


def chart_keys(rule_set: str) -> List[str]:
    """The criteria a rule set uses, in the order of the charts."""
    rs = get_rule_set(rule_set)
    keys: List[str] = []
    for lst in rs.lists:
        for c in rs.reported(lst.code):
            if c.key not in keys:
                keys.append(c.key)
    order = ("outside", "convicted", "basic_edu", "income", "nonwestern")
    return sorted(keys, key=order.index)


def draw_panel(ax, area: AreaTrend, key: str, rule_set: str, small: bool = False) -> None:
    """One criterion of one area: values, thresholds per list, projection."""
    import matplotlib.dates as mdates

    rs = get_rule_set(rule_set)
    crit = rs.measure(key)
    size = 7 if small else 8
    x = np.array([np.datetime64(d) for d in area.dates]) if area.dates else np.array([])
    y = np.array(area.values.get(key, [np.nan] * len(area.dates)), dtype=float)
    shown = ~np.isnan(y)  # published snapshots, joined by the line across hidden ones
    ax.plot(x[shown], y[shown], color=LINE, lw=1.6, marker="o",
            ms=2.2 if len(x) > 18 else 3.5, zorder=3)
    seen = y[~np.isnan(y)]
    lo, hi = (float(seen.min()), float(seen.max())) if len(seen) else (0.0, 1.0)
    p = area.projected.get(key, math.nan)
    if area.project_to:
        xp = np.datetime64(area.project_to)
        ax.axvline(xp, color="#7f7f7f", lw=0.8, ls=":", zorder=1)
        last = np.flatnonzero(~np.isnan(y))
        if not math.isnan(p) and len(last):
            j = int(last[-1])
            ax.plot([x[j], xp], [y[j], p], color=PROJECTION, lw=1.4, ls="--", zorder=3)
            ax.plot([xp], [p], marker="o", ms=5, mfc="white", mec=PROJECTION, mew=1.4, zorder=4)
            ax.annotate(_fmt(p, crit), (xp, p), xytext=(-4, 6), textcoords="offset points",
                        ha="right", fontsize=size, color=PROJECTION, family=FONT)
            lo, hi = min(lo, p), max(hi, p)
    lines: Dict[float, list] = {}
    for lst in rs.lists:
        for c in rs.reported(lst.code):
            if c.key == key:
                lines.setdefault(c.threshold, []).append((lst.code, c))
    for threshold, items in sorted(lines.items()):
        colour = LIST_COLOURS.get(items[0][0], "#555555")  # udsat first: the most severe
        ax.axhline(threshold, color=colour, lw=1.0, ls="-", alpha=0.85, zorder=2)
        label = ", ".join(_list_short(code) for code, _c in items)
        c = items[0][1]
        ax.annotate("{} {} {}".format(label, c.op.replace(">=", "≥"), threshold_text(c)),
                    (0.01, threshold), xycoords=("axes fraction", "data"), xytext=(0, 2),
                    textcoords="offset points", fontsize=size - 1, color=colour, family=FONT)
        lo, hi = min(lo, threshold), max(hi, threshold)
    pad = max((hi - lo) * 0.15, 0.5 if crit.unit != TIMES_NATIONAL else 0.05)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_title(_short_label(key), fontsize=size + 1, family=FONT, loc="left")
    ax.set_ylabel(_unit(crit), fontsize=size, family=FONT)
    ax.tick_params(labelsize=size - 1)
    ax.grid(True, color="#e5e5e5", lw=0.6)
    first = x[0] if len(x) else np.datetime64(area.project_to or "2000-01-01")
    end = np.datetime64(area.project_to) if area.project_to else (x[-1] if len(x) else first)
    years = (end - first) / np.timedelta64(365, "D")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=4))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y" if years > 2.5 else "%Y-%m"))
    pad = (end - first) * 0.04 if end > first else np.timedelta64(15, "D")
    ax.set_xlim(first - pad, end + pad)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def _list_short(code: str) -> str:
    return {"udsat": tr("udsat"), "forebyggelse": tr("forebyggelse")}.get(code, code)


def _short_label(key: str) -> str:
    return {"outside": tr("Outside labour market"),
            "convicted": tr("Convicted (× national rate)"),
            "basic_edu": tr("Basic schooling only"),
            "income": tr("Income (% of region)"),
            "nonwestern": tr("Non-western origin")}.get(key, criterion_label(key))


def area_chart(area: AreaTrend, rule_set: str, path: str, width_in: float = 11.0,
               height_in: float = 2.6, dpi: int = 150, keys: Optional[Sequence[str]] = None,
               with_title: bool = True) -> str:
    """Small multiples (one panel per criterion) of one area, saved as PNG, SVG or PDF."""
    keys = list(keys or chart_keys(rule_set))
    fig = _figure(width_in, height_in)
    axes = fig.subplots(1, len(keys))
    axes = np.atleast_1d(axes)
    for ax, key in zip(axes, keys):
        draw_panel(ax, area, key, rule_set, small=True)
    if with_title:
        fig.suptitle(area.title(), x=0.01, ha="left", fontsize=10, family=FONT,
                     fontweight="bold", color=CATEGORY_TEXT.get(area.projected_category, "black"))
    fig.tight_layout(rect=(0, 0, 1, 0.88 if with_title else 1), w_pad=1.2)
    fig.savefig(path, dpi=dpi)
    return path


def sheet(areas: Sequence[AreaTrend], rule_set: str, path: str, width_in: float = 11.0,
          row_in: float = 2.4, dpi: int = 130) -> str:
    """Small multiples of several areas, one row per area with its title (a PNG sheet)."""
    keys = chart_keys(rule_set)
    fig = _figure(width_in, row_in * len(areas))
    subs = np.atleast_1d(fig.subfigures(len(areas), 1))
    for sub, area in zip(subs, areas):
        axes = np.atleast_1d(sub.subplots(1, len(keys)))
        for ax, key in zip(axes, keys):
            draw_panel(ax, area, key, rule_set, small=True)
        sub.suptitle(area.title(), x=0.01, ha="left", fontsize=9.5, family=FONT,
                     fontweight="bold",
                     color=CATEGORY_TEXT.get(area.projected_category, "black"))
        sub.subplots_adjust(left=0.05, right=0.99, bottom=0.16, top=0.72, wspace=0.32)
    fig.savefig(path, dpi=dpi)
    return path


def profile_chart(area: AreaTrend, rule_set: str, path: str, width_in: float = 4.2,
                  dpi: int = 110) -> str:
    """The dock panel's profile chart: the criteria of one area stacked in a narrow column."""
    keys = chart_keys(rule_set)
    fig = _figure(width_in, 1.55 * len(keys) + 0.3)
    axes = np.atleast_1d(fig.subplots(len(keys), 1, sharex=True))
    for ax, key in zip(axes, keys):
        draw_panel(ax, area, key, rule_set, small=True)
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    return path


def indicator_chart(area_id: str, name: str, series: Dict[str, List[float]],
                    labels: Dict[str, str], dates: Sequence[str], path: str,
                    width_in: float = 4.2, dpi: int = 110) -> str:
    """Indicator values of one area over the dates (one line per indicator)."""
    fig = _figure(width_in, 2.8)
    ax = fig.subplots()
    x = np.array([np.datetime64(d) for d in dates])
    for code, ys in series.items():
        ax.plot(x, np.array(ys, dtype=float), marker="o", ms=3, lw=1.4,
                label=labels.get(code, code))
    ax.set_title("{} {}".format(area_id, name).strip(), fontsize=9, family=FONT, loc="left")
    ax.tick_params(labelsize=7)
    ax.grid(True, color="#e5e5e5", lw=0.6)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    return path
