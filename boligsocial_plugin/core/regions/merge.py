# SPDX-License-Identifier: GPL-2.0-or-later
"""The entry point: merge areas into contiguous regions of at least a minimum of residents."""
import time
from typing import Optional, Sequence, Union

import numpy as np

from boligsocial_plugin.core.discretion import components
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.regions.construct import construct
from boligsocial_plugin.core.regions.graph import Graph, argsort_ids, edges_from_neighbours
from boligsocial_plugin.core.regions.measures import standardise_attributes, upper_bound, within_ss
from boligsocial_plugin.core.regions.partition import Partition
from boligsocial_plugin.core.regions.result import Regions


def merge_small_areas(population: Sequence[float],
                      adjacency: Union[np.ndarray, Sequence[Sequence[int]]],
                      minimum: float, parent: Optional[Sequence[object]] = None,
                      area_ids: Optional[Sequence[object]] = None,
                      weights: Optional[Sequence] = None,
                      attributes: Optional[Union[np.ndarray, Sequence]] = None,
                      improve: bool = True) -> Regions:
    """Merge areas into contiguous regions of at least ``minimum`` residents.

    ``adjacency``: an edge array ``(m, 2)`` or ``(m, 3)`` (third column: shared boundary
    length) or a list of neighbour index arrays (``weights``: matching lists of lengths).
    Edges are undirected; duplicates keep the largest weight. ``parent``: regions never cross
    a parent boundary. ``area_ids`` (default: the index) decide every tie, so the result does
    not depend on the input order. ``attributes`` (one value or one row of values per area):
    make regions alike inside. ``improve=False`` stops after the construction (no split pass,
    no local search). Region ids are numbered by their smallest area id.
    """
    t0 = time.perf_counter()
    pop = np.asarray(population, dtype=float)
    n = len(pop)
    if not minimum > 0:
        raise BoligsocialError(tr("The minimum number of residents must be above 0."))
    if np.any(np.isnan(pop)) or np.any(pop < 0):
        raise BoligsocialError(tr("Residents must be known and not negative for every area."))
    e = _edge_array(adjacency, weights, n)
    # work in rank space: area ids decide every tie
    ids = np.arange(n) if area_ids is None else np.asarray(area_ids, dtype=object)
    rank_of = np.empty(n, dtype=np.int64)
    order = argsort_ids(ids)
    rank_of[order] = np.arange(n)
    if len(ids) != len(set(ids.tolist())):
        raise BoligsocialError(tr("Area ids must be unique."))
    x: Optional[np.ndarray] = None
    missing = 0
    if attributes is not None:
        att = np.asarray(attributes, dtype=object)
        if att.ndim >= 1 and len(att) == n:
            att = att[order]               # rank order: sums, hence ties, do not depend on it
        x, missing = standardise_attributes(att, n)
    p = pop[order]
    lo, hi, w = _rank_edges(e, rank_of, order, parent)
    comp = components(n, lo, hi)
    comp_pop = np.bincount(comp, weights=p, minlength=n)
    infeasible_area = comp_pop[comp] < minimum
    graph = Graph(n, lo, hi, w)
    best = Partition(graph, p, minimum, None, infeasible_area,
                     construct(graph, p, minimum, infeasible_area, None))
    constructed = best.feasible_count()
    moves = 0
    if improve:
        best.improve()
        if x is not None:
            # the most regions first, then the least mixing: from the plain result, and from
            # the attribute-guided construction
            tries = [Partition(graph, p, minimum, x, infeasible_area, best.roots()),
                     Partition(graph, p, minimum, x, infeasible_area,
                               construct(graph, p, minimum, infeasible_area, x))]
            made = [t.improve() for t in tries]
            pick = max(range(2), key=lambda t: (tries[t].feasible_count(), -tries[t].ssd()))
            best, moves = tries[pick], made[pick]
    root = best.roots()
    # number regions by smallest member rank; map back to input order
    reg_rank = np.unique(root, return_inverse=True)[1]
    region = np.empty(n, dtype=np.int64)
    region[order] = reg_rank
    k = int(reg_rank.max()) + 1 if n else 0
    rpop = np.bincount(reg_rank, weights=p, minlength=k)
    rn = np.bincount(reg_rank, minlength=k)
    feas = np.ones(k, dtype=bool)
    feas[np.unique(reg_rank[infeasible_area])] = False
    infeasible = []
    for r in np.nonzero(~feas)[0]:
        members = order[reg_rank == r]
        infeasible.append({"region": int(r), "population": float(rpop[r]),
                           "areas": [_plain(ids[m]) for m in members]})
    mix = None
    if x is not None and n:
        mix = within_ss(reg_rank, x) / float(np.sum(x * x))
    bound = upper_bound(p[~infeasible_area], comp[~infeasible_area], minimum)
    return Regions(region, rpop, feas, rn, infeasible, time.perf_counter() - t0, bound,
                   constructed, mix, moves, missing)


def _plain(v):
    return v.item() if hasattr(v, "item") else v


def _edge_array(adjacency: Union[np.ndarray, Sequence[Sequence[int]]],
                weights: Optional[Sequence], n: int) -> np.ndarray:
    """The adjacency as an edge array ``(m, 3)`` (i, j, weight), checked."""
    if isinstance(adjacency, np.ndarray) and adjacency.ndim == 2:
        e = np.asarray(adjacency, dtype=float)
    elif isinstance(adjacency, np.ndarray) and adjacency.size == 0:
        e = np.zeros((0, 3))
    else:
        e = edges_from_neighbours(list(adjacency), weights)
    if e.shape[1] == 2:
        e = np.column_stack([e, np.ones(len(e))])
    if len(e) and (e[:, :2].min() < 0 or e[:, :2].max() >= n):
        raise BoligsocialError(tr("A neighbour pair refers to an area that does not exist."))
    return e


def _rank_edges(e: np.ndarray, rank_of: np.ndarray, order: np.ndarray,
                parent: Optional[Sequence[object]]):
    """Edges in rank space (lo < hi, one per pair, the largest weight), none across parents."""
    i = rank_of[e[:, 0].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    j = rank_of[e[:, 1].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    w = e[:, 2] if len(e) else np.zeros(0)
    if parent is not None:
        par = np.asarray([str(v) for v in np.asarray(parent, dtype=object)], dtype=object)[order]
        keep = par[i] == par[j]
        i, j, w = i[keep], j[keep], w[keep]
    keep = i != j
    i, j, w = i[keep], j[keep], w[keep]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    if lo.size:
        o = np.lexsort((-w, hi, lo))
        lo, hi, w = lo[o], hi[o], w[o]
        first = np.r_[True, (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])]
        lo, hi, w = lo[first], hi[first], w[first]
    return lo, hi, w
