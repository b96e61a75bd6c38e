# SPDX-License-Identifier: GPL-2.0-or-later
"""Counts of persons in the shared log.

The log of a run is what a user shares ("here is what the tool said"), so it shows only what
the outputs publish: a total as the release published it (perturbed, or "not published" when
it is hidden), and a count no output publishes (persons on a boundary, rows repeating a key)
never exactly when it is small (:func:`about`). Exact internal values decide categories and
suppression; they are written nowhere (README "Text and logs").
"""
from typing import Optional

from boligsocial_plugin.core.i18n import tr


def shown(value: Optional[float]) -> str:
    """A published total for the log: the value, or 'not published' when it is hidden."""
    if value is None or value != value:
        return tr("not published (protected)")
    return str(int(round(value)))


def about(n: int, min_count: int) -> str:
    """A count of persons no output publishes, for the shared log: 0, 'fewer than m', or
    rounded to tens ('about 1230'): never the exact value of a small group."""
    if n <= 0:
        return "0"
    if n < min_count:
        return tr("fewer than {m}").format(m=min_count)
    return tr("about {n}").format(n=max(10, int(round(n, -1))))
