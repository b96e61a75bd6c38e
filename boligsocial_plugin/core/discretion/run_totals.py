# SPDX-License-Identifier: GPL-2.0-or-later
"""A run's totals (persons in an area, outside every area, without location) beside earlier
releases.

The totals are counts of groups of persons like any row: the persons outside every area of a
run over some areas are the residents of everything else. Beside earlier releases of other
geographies they can give a small group by subtraction: Y = B∪C published, then a run over
W = C publishes W's residents and, as the persons outside every area, T∪B (T a block of 3
persons): outside − (Y − W) = 3. Two checks:

* :func:`check_near_totals`: a total whose persons differ from an earlier release's total
  (same label, same date) by fewer than ``MIN_COUNT`` persons is withheld (the difference
  would be that small group's count);
* :func:`audit_totals` (exact values): each total the run would publish is treated as if an
  earlier release had published it, and the run is protected again; if that hides more of the
  run's cells, or leaves more hidden figures pinned by what is known, the total would give
  something away, and it is withheld (the log says so). The relations, atoms and interval
  audit are those of core.discretion.release, so any combination of earlier releases, the run's
  rows and the total is covered. A total that overlaps earlier releases in more pieces than
  the exact audit takes (core.discretion.atoms.MAX_ATOMS) is withheld, the run goes on. With
  the perturbation each total carries its own noise
  (keyed on its persons), so differences are inexact and this check is not needed.
"""
from typing import Callable, Dict, List, Optional, cast

import numpy as np

from boligsocial_plugin.core.discretion.linkage import (
    WHAT_IF_ROW,
    Link,
    Populations,
    concat,
    subset,
)
from boligsocial_plugin.core.discretion.release import ReleaseResult
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

#: how the run's totals are named in the release register (one reference date only)
TOTAL_LABELS = {"PERSONS_IN_AREAS": "(persons in an area)",
                "PERSONS_OUTSIDE": "(persons outside every area)",
                "PERSONS_NO_LOCATION": "(persons without location)"}
#: the release id of a total in the audit's what-if (never recorded)
WHAT_IF_RELEASE = "(this run's totals)"


def _withhold(res: ReleaseResult, name: str, message: str) -> None:
    res.totals[name] = None
    res.totals["PERSONS_READ"] = None  # read = in an area + outside + without location
    cast(list, res.report.setdefault("warnings", [])).append(message)


def check_near_totals(res: ReleaseResult, mine: Populations, pops: Populations,
                      min_count: int) -> None:
    """Withhold a total whose persons differ from a published total of an earlier release by
    fewer persons than may be published (two geographies: the persons outside differ by the
    persons of a small area)."""
    for k, (name, label) in enumerate(TOTAL_LABELS.items()):
        if res.totals.get(name) is None:
            continue
        for p in range(len(pops)):
            if pops.row[p] >= 0 or pops.labels[p] != label or pops.dates[p] != mine.dates[k] \
                    or "residents" not in pops.published[p]:
                continue
            diff = len(np.setxor1d(mine.members(k), pops.members(p), assume_unique=True))
            if 0 < diff < min_count:
                _withhold(res, name, tr(
                    "{name} is not published: it differs from the one published by {release} "
                    "by fewer than {m} persons, too few to publish.").format(
                    name=name, release=pops.release[p], m=min_count))  # not the difference
                break


def _what_if(mine: Populations, k: int) -> Populations:
    """Total ``k`` of the run as a population an earlier release published (residents)."""
    one = subset(mine, [k])
    return Populations(one.dates, one.labels, [WHAT_IF_RELEASE],
                       np.array([WHAT_IF_ROW], np.int64),
                       one.ptr, one.keys, [frozenset()], [frozenset({"residents"})])


def _pinned(res: ReleaseResult) -> int:
    return int(cast(Dict[str, int], res.report).get("pinned_by_earlier", 0))


def audit_totals(res: ReleaseResult, mine: Populations, pops: Populations,
                 relink: Callable[[Populations], List[Link]],
                 protect: Callable[[Populations, List[Link]], ReleaseResult],
                 in_areas_is_sum: bool = False) -> Optional[int]:
    """Withhold each total that would give away a figure (module doc). ``relink``: the links
    of a set of populations (as the run found them); ``protect``: the run's protection with
    other populations and links. ``in_areas_is_sum``: the areas do not overlap, so the persons
    in an area, when published (every area's residents are), are the sum of the published
    residents and tell nothing more (not checked). Returns how many totals were withheld
    (None: not checked, the populations hold no person keys)."""
    if len(pops.keys) != int(pops.ptr[-1]) or len(mine.keys) != int(mine.ptr[-1]):
        return None
    base_hidden = res.published.isna().to_numpy()
    base_pinned = _pinned(res)
    withheld = 0
    for k, name in enumerate(TOTAL_LABELS):
        if res.totals.get(name) is None or mine.size()[k] == 0 or \
                (in_areas_is_sum and name == "PERSONS_IN_AREAS"):
            continue
        more = concat(pops, _what_if(mine, k))
        try:
            alt = protect(more, relink(more))
        except BoligsocialError:  # too many overlapping pieces to check: not published
            withheld += 1
            _withhold(res, name, tr(
                "{name} is not published: it overlaps earlier releases in too many pieces "
                "to be checked with exact values (PERTURBATION=on publishes it).").format(
                name=name))
            continue
        if (alt.published.isna().to_numpy() & ~base_hidden).any() or \
                _pinned(alt) > base_pinned:
            withheld += 1
            _withhold(res, name, tr(
                "{name} is not published: with this run's figures and those published before "
                "it would give a count that may not be published.").format(name=name))
    return withheld
