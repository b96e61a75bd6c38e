# SPDX-License-Identifier: GPL-2.0-or-later
"""What the map report (``boligsocial:exportmap``) says and in which order.

Pure Python: the order of the maps on the page, their captions, the subtitle, legend titles,
table headers, the notes and the order of the table's rows. ``maps/report.py`` draws them.
A map here is anything with the attributes of :class:`MapText` (``maps.report.Panel`` is one).
"""
import datetime
import textwrap
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple, TypeVar

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.i18n import tr

CATEGORY_FIELD = "category"
LEGEND_WIDTH = 34  # characters per legend title line


@dataclass
class MapText:
    """The texts of one map: field, unit, label, reference date, source layer and caption."""

    field: str
    unit: str = ""
    label: str = ""
    date: str = ""
    source: str = ""
    caption: str = ""


M = TypeVar("M", bound=Any)


def same_field(maps: Sequence[Any]) -> bool:
    """True when every map shows the same field."""
    return all(m.field == maps[0].field for m in maps)


def arrange(maps: Sequence[M]) -> Tuple[List[M], int]:
    """The maps in page order with captions set, and where the first given map ended up.

    The same field on different reference dates is drawn earliest first (left). Captions: the
    date for one map; for one field on several maps the date (or the layer when the dates are
    equal); for different fields the field's label, with the date when the dates differ. The
    table is sorted by the first given map's values.
    """
    main = maps[0]
    same = same_field(maps)
    dates_differ = len({m.date for m in maps}) > 1
    ordered = sorted(maps, key=lambda m: m.date) if same and dates_differ else list(maps)
    for m in ordered:
        if len(ordered) == 1:
            m.caption = m.date
        elif same:
            m.caption = m.date if dates_differ else m.source
        else:
            m.caption = m.label + (" ({})".format(m.date) if dates_differ and m.date else "")
    return ordered, next(i for i, m in enumerate(ordered) if m is main)


def shares_classes(maps: Sequence[Any]) -> bool:
    """True for two maps of one field in one unit: they share one set of classes and legend."""
    return len(maps) == 2 and maps[0].field == maps[1].field and maps[0].unit == maps[1].unit


def subtitle(maps: Sequence[Any]) -> str:
    """The line under the title: the reference date(s), or the two captions of a double map."""
    if len(maps) == 1 or not same_field(maps):
        dates = [m.date for m in maps if m.date]
        if not dates:
            return ""
        return tr("Reference date {date}").format(date=" / ".join(dict.fromkeys(dates)))
    return " – ".join(m.caption for m in maps)


def legend_title(m: Any) -> str:
    """The legend's title: label and unit, wrapped to the legend's width."""
    title = m.label if not m.unit else "{} ({})".format(m.label, m.unit)
    return "\n".join(textwrap.wrap(title, LEGEND_WIDTH))


def column_header(m: Any, maps: Sequence[Any]) -> str:
    """The table header of a map's value column (short: the table is narrow)."""
    if m.field == CATEGORY_FIELD:
        return tr("Category")
    if len(maps) == 1:
        return tr("Value")
    if same_field(maps):
        return m.date[:4] if m.date else m.caption[:10]
    return choropleth.indicator_code(m.field)[:12]


def table_headers(maps: Sequence[Any]) -> List[str]:
    """Headers of the area table: rank, area, one column per map, residents."""
    return ["#", tr("Area")] + [column_header(m, maps) for m in maps] + [tr("Residents")]


def made_text(source: str, dates: Sequence[str], today: Optional[datetime.date] = None) -> str:
    """The source and date line of the report."""
    when = (today or datetime.date.today()).isoformat()
    date_part = ", ".join(d for d in dates if d)
    return tr("Source: {source}. Reference date: {dates}. Made {today} with the Boligsocial "
              "plugin for QGIS.").format(source=source, dates=date_part or "–", today=when)


def notes(maps: Sequence[Any], source: str, min_count: int, method: str,
          carried_since: str = "") -> str:
    """The report's notes: source and dates, discretion, figures shown as of an earlier date
    (the carry rule: ``carried_since`` the earliest such date, '' none) and (for choropleths)
    the classes."""
    dates = [d for d in dict.fromkeys(m.date for m in maps) if d]
    return "\n".join([
        made_text(source, dates),
        choropleth.discretion_note(min_count),
        tr("Some figures are shown as they were at an earlier date (from {date}; field "
           "figures_as_of): a figure changes only when at least {n} of the persons behind it "
           "have changed.").format(date=carried_since, n=min_count) if carried_since else "",
        tr("Classes: {method}, computed from published values only.").format(
            method=choropleth.method_label(method))
        if any(m.field != CATEGORY_FIELD for m in maps) else "",
    ]).strip()


def table_sort_key(value: Any, name: str, category: bool) -> Tuple[Any, ...]:
    """Row order of the area table: categories most severe first, values highest first,
    suppressed (None) last; ties by name."""
    if category:
        order = choropleth.CATEGORY_ORDER
        return (order.index(value) if value in order else len(order), name)
    return (value is None, -(value or 0.0), name)
