# SPDX-License-Identifier: GPL-2.0-or-later
"""mergesmallareas' protection: the areas' residents the merge decides on (published, as the
indicator layer of the same areas shows them; core.regions.published) and the regions'
populations (a release of the regions' persons, or from a residents field the member counts
taken as published: core.discretion.totals)."""
from dataclasses import replace
from typing import Callable, Tuple

import numpy as np

from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.discretion.carry import carry_release
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.rules import AREA, PRIMARY, PUBLISHED, SECONDARY
from boligsocial_plugin.core.discretion.totals import protect_group_totals
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import aggregate
from boligsocial_plugin.core.pipeline import (
    OVERLAP_REFUSE,
    Joined,
    Publication,
    protect_counted,
    protect_run,
)
from boligsocial_plugin.core.regions.published import merge_residents, shown_residents
from boligsocial_plugin.core.shown_dates import protect_joined
from boligsocial_plugin.core.sqlresult import regroup_counts
from boligsocial_plugin.processing import common


def region_label(r: int, k: int) -> str:
    """Region id text: 'R0001' (wider when there are 10,000 regions or more)."""
    return "R{}".format(str(r + 1).zfill(max(4, len(str(k)))))


def area_release(areas, joined, ext, x, y, db, ref_date: str, pub: Publication, context,
                 feedback):
    """The areas' residents at ``ref_date`` as the indicator layer of the same areas and
    date publishes them (core.pipeline.compute without indicators; a database's compute):
    the same persons get the same noise, the same cells are hidden, the carry rule repeats
    the same values. ``joined``: the file's persons joined at ``ref_date`` (reused)."""
    if db is not None:
        return db.compute(areas, [], ref_date, OVERLAP_REFUSE, pub, context, None)
    return protect_joined(joined, ext.data, x, y, areas.rings, areas.ids, [], pub, ref_date,
                          OVERLAP_REFUSE)


def merge_input(result, n_areas: int, ref_date: str, pub: Publication,
                feedback) -> np.ndarray:
    """The residents the merge decides on (core.regions.published): published minus the
    largest noise, hidden ones 0; the hidden ones are counted in the log."""
    rel = result.release
    values, carried = shown_residents(rel.published, rel.as_of, n_areas, ref_date)
    pop, hidden = merge_residents(values, carried, pub.perturbation.count_margin,
                                  rel.rules.min_count)
    feedback.pushInfo(tr(
        "The merge compares the minimum with the areas' published residents (as the "
        "indicator layer of these areas shows them) minus {m}, the most the perturbation "
        "changes a count ({c} repeated from an earlier snapshot: minus {k}), never with "
        "exact counts.").format(m=pub.perturbation.count_margin, c=int(carried.sum()),
                                k=pub.perturbation.count_margin +
                                max(0, rel.rules.min_count - 1)))
    if hidden:
        feedback.pushInfo(tr("{n} areas' residents are hidden by the protection; they count "
                             "as 0 when merging (always merged with a neighbour).").format(
            n=hidden))
    for w in rel.result.report.get("warnings", []):
        feedback.pushWarning(w)
    return pop


def record_areas(alg, result, record_in, output: str, feedback) -> None:
    """Record the areas' residents in the register (the regions reveal them): later
    releases, and this run's regions, are protected against them."""
    if record_in is None:
        return
    result.release.totals = None  # the run's totals: not shown (the indicator layer's are)
    rid = result.release.record(record_in, alg.name(), output)
    feedback.pushInfo(tr("The areas' residents the merge decided on are recorded in the "
                         "release register {path} as {id}.").format(path=record_in.folder,
                                                                    id=rid))


def publication(alg, parameters, context, min_count: int):
    """(Publication, register to record in or None) of the areas' and the regions' residents
    (counts below ``min_count`` hidden; no area minimum: regions below MINIMUM are withheld)."""
    return common.publication(alg, parameters, context,
                              Rules(min_count=min_count, min_residents=0))


def protect_regions(alg, parameters, context, feedback, areas, pop, joined, res,
                    pub: Publication, record_in, minimum: int = 0
                    ) -> Tuple[np.ndarray, np.ndarray, Callable[[str], None]]:
    """Published region populations, their flags, and a function recording the release.

    From persons: one release of the regions' person sets (register, perturbation); from
    a residents field: the member counts taken as published (core.discretion.totals). A
    region drawn on published residents whose exact residents fall short of ``minimum`` (a
    value carried over several extracts drifted further than the margin) is marked
    infeasible (``res.feasible``) and withheld, with a warning.
    """
    k = len(res.population)
    rules, min_count = pub.rules, pub.rules.min_count
    withhold = ~np.asarray(res.feasible, dtype=bool)
    labels = [region_label(r, k) for r in range(k)]
    if joined is None:
        pert = pub.perturbation
        if pert.enabled:  # no persons: the noise keyed with the register folder's secret
            pert = replace(pert, secret=Register(common.register_folder(
                alg, parameters, context)).secret())
        values, flags, rep = protect_group_totals(
            pop, res.region, k, rules, withhold=withhold, member_ids=areas.ids,
            width=pub.width, perturbation=pert)
        feedback.pushInfo(tr(
            "Region populations: {p} below the smallest published count, {s} hidden "
            "because with the member areas' counts they would give a hidden count, {a} "
            "regions below the minimum; perturbation: {how}.").format(
            p=rep["primary"], s=rep["secondary"], a=rep["withheld"],
            how=rep["perturbation"]))
        return values, flags, lambda dest: None
    region = np.asarray(res.region, dtype=np.int64)
    values = np.full(k, np.nan)
    flags = np.full(k, AREA, dtype=object)
    release, raw = _region_release(joined, region, k, labels, pub, withhold)
    if release is None:
        return values, flags, lambda dest: None
    short = np.zeros(k, dtype=bool)
    short[raw["area_idx"].to_numpy()] = raw["residents"].to_numpy(dtype=float) < minimum
    short &= ~withhold
    if short.any():  # rare: the regions say only that such a region is below the minimum
        res.feasible[short] = False
        withhold |= short
        feedback.pushWarning(tr(
            "{n} regions reach the minimum by their published residents but not by their "
            "exact residents (a figure repeated over several extracts); they are marked "
            "infeasible and their population is not published.").format(n=int(short.sum())))
        release, raw = _region_release(joined, region, k, labels, pub, withhold)
    idx = release.published["area_idx"].to_numpy()
    values[idx] = release.published["residents"].to_numpy(dtype=float)
    hidden = release.result.hidden_types[:, 0]
    exact = raw["residents"].to_numpy(dtype=float)
    small = (exact > 0) & (exact < min_count)
    flags[idx] = np.where(withhold[idx], AREA, np.where(
        small, PRIMARY, np.where(hidden, SECONDARY, PUBLISHED)))

    def record(dest: str) -> None:
        common.report_protection(alg, release, record_in, dest, feedback)

    return values, flags, record


def _region_release(joined, region: np.ndarray, k: int, labels, pub: Publication,
                    withhold: np.ndarray):
    """(the regions' protected release, their exact table), (None, None) without persons."""
    if not isinstance(joined, Joined) and joined.joined is not None:
        joined = joined.joined  # a database's person keys: linked as a file's persons
    if isinstance(joined, Joined):
        group = np.where(joined.area >= 0, region[np.maximum(joined.area, 0)], -1)
        rjoined = Joined(joined.data, group, joined.stats, joined.overlaps)
        raw = aggregate(joined.data, group, k, [])
        if len(raw) == 0:
            return None, None
        release = protect_run(raw, rjoined, [], labels, pub, with_totals=False,
                              withhold=withhold[raw["area_idx"].to_numpy()])
        # the register's cell states: a region of nearly the same persons as one published
        # from another extract repeats its residents (core.discretion.carrystate)
        carry_release(release, joined.data, group, [], labels, pub, raw)
        return release, raw
    # counted in a database: the regions' counts and cell keys from the areas'
    raw = regroup_counts(joined.raw, region, k)
    if len(raw) == 0:
        return None, None
    release = protect_counted(raw, joined.stats, False, [], labels, pub, joined.pairs,
                              withhold=withhold[raw["area_idx"].to_numpy()])
    return release, raw
