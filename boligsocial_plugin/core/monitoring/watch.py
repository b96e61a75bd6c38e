# SPDX-License-Identifier: GPL-2.0-or-later
"""Areas to watch: which areas the report and the panel put first, and how the map shows them.

An area is to watch when the list at the projection date would put it in another category
(entering a list or a more severe category, leaving one or going to a less severe one), or
when it stays on a list while a criterion of that list crosses its threshold (it has a
warning). Entering comes first, then leaving, then the rest; within a class the larger
projected change of category first, then the area id.
"""
from typing import List, Sequence

from boligsocial_plugin.core.criteria import CATEGORIES
from boligsocial_plugin.core.i18n import tr

ENTER, LEAVE, SHIFT, ON_LIST, NONE = "enter", "leave", "shift", "on_list", "none"
ORDER = (ENTER, LEAVE, SHIFT, ON_LIST, NONE)
COLOURS = {ENTER: "#c0392b", LEAVE: "#1e8449", SHIFT: "#d68910", ON_LIST: "#8e9fb3",
           NONE: "#f2f2f2"}


def _sev(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else 0


def watch_class(category: str, projected: str, warning: str) -> str:
    """enter / leave / shift (stays, but a criterion of its list crosses) / on_list / none."""
    now, then = _sev(category or ""), _sev(projected or "")
    if projected and then > now:
        return ENTER
    if projected and then < now:
        return LEAVE
    if warning:
        return SHIFT
    return ON_LIST if now > 0 else NONE


def class_label(cls: str) -> str:
    """Legend text of a watch class."""
    return {ENTER: tr("Enters a list or a more severe category"),
            LEAVE: tr("Leaves a list or goes to a less severe category"),
            SHIFT: tr("Stays, but a criterion crosses its threshold"),
            ON_LIST: tr("On a list, no change projected"),
            NONE: tr("No list, no change projected")}[cls]


def areas_on_lists(ids: Sequence[str], categories: Sequence[str],
                   exclude: Sequence[int] = ()) -> List[int]:
    """Indices of the areas in a category now (most severe first, then by id), without
    ``exclude``: charted after the areas to watch."""
    skip = set(exclude)
    rows = [(-_sev(c or ""), str(aid), i) for i, (aid, c) in enumerate(zip(ids, categories))
            if _sev(c or "") > 0 and i not in skip]
    return [i for *_k, i in sorted(rows)]


def areas_to_watch(ids: Sequence[str], categories: Sequence[str], projected: Sequence[str],
                   warnings: Sequence[str]) -> List[int]:
    """Indices of the areas to watch, in report order (module doc)."""
    rows = []
    for i, (aid, c, p, w) in enumerate(zip(ids, categories, projected, warnings)):
        cls = watch_class(c, p, w)
        if cls in (ENTER, LEAVE, SHIFT):
            rows.append((ORDER.index(cls), -abs(_sev(p or "") - _sev(c or "")), str(aid), i))
    return [i for *_k, i in sorted(rows)]
