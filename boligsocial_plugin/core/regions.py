# SPDX-License-Identifier: GPL-2.0-or-later
"""Merging small areas into contiguous regions that reach a minimum (``mergesmallareas``).

A max-p style regionalisation (DOMAIN.md §5; Frederiksberg merges blocks with comparable
neighbours to reach 250 persons, Statistics Denmark asks for merged sub-areas): every region
is contiguous, stays inside one parent area, and has at least ``minimum`` residents, while
as many regions as reasonably possible are kept. Greedy, deterministic:

1. Connected components of the adjacency (edges across parents dropped). A component whose
   total is below the minimum (an island, or a parent with too few residents) cannot reach
   it: its areas become one region, reported as infeasible (never looped on).
2. Every other area starts as its own region. The smallest region below the minimum (ties:
   smallest area id) merges with a neighbour region, preferring neighbours still below the
   minimum (two small ones together waste less), among them those that bring it to the
   minimum, then the longest shared boundary, then the smallest population, then the smallest
   area id. Repeat until none is below the minimum.
No separate fix-up pass: every merge joins a region below the minimum, so undoing any merge
of the history would leave a region below it again; the preference for small neighbours in
step 2 is what keeps the number of regions high.

Geometry is not handled here: the QGIS layer computes the adjacency (with the shared boundary
length as weight) with a spatial index and dissolves the result.
"""
import heapq
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Union

import numpy as np

from boligsocial_plugin.core.discretion import components
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


@dataclass
class Regions:
    """Result of :func:`merge_small_areas`."""

    region: np.ndarray                 # region id (0..k-1) per input area
    population: np.ndarray             # per region
    feasible: np.ndarray               # per region: reaches the minimum
    n_areas: np.ndarray                # per region
    infeasible_components: List[Dict[str, object]] = field(default_factory=list)
    seconds: float = 0.0

    def report(self) -> Dict[str, object]:
        """Summary for the processing log."""
        return {
            "regions": int(len(self.population)),
            "feasible_regions": int(self.feasible.sum()),
            "infeasible_regions": int((~self.feasible).sum()),
            "infeasible_components": self.infeasible_components,
            "merged_areas": int(np.sum(self.n_areas[self.n_areas > 1])),
            "seconds": round(self.seconds, 4),
        }


def edges_from_neighbours(neighbours: Sequence[Sequence[int]],
                          weights: Optional[Sequence[Sequence[float]]] = None) -> np.ndarray:
    """Edge list ``(m, 3)`` (i, j, weight) from per-area neighbour index lists."""
    src, dst, wt = [], [], []
    for i, nb in enumerate(neighbours):
        nb = np.asarray(nb, dtype=np.int64)
        src.append(np.full(len(nb), i, dtype=np.int64))
        dst.append(nb)
        wt.append(np.ones(len(nb)) if weights is None else np.asarray(weights[i], float))
    if not src:
        return np.zeros((0, 3))
    return np.column_stack([np.concatenate(src), np.concatenate(dst), np.concatenate(wt)])


def merge_small_areas(population: Sequence[float],
                      adjacency: Union[np.ndarray, Sequence[Sequence[int]]],
                      minimum: float, parent: Optional[Sequence[object]] = None,
                      area_ids: Optional[Sequence[object]] = None,
                      weights: Optional[Sequence] = None) -> Regions:
    """Merge areas into contiguous regions of at least ``minimum`` residents.

    ``adjacency``: an edge array ``(m, 2)`` or ``(m, 3)`` (third column: shared boundary
    length) or a list of neighbour index arrays (``weights``: matching lists of lengths).
    Edges are undirected; duplicates keep the largest weight. ``parent``: regions never cross
    a parent boundary. ``area_ids`` (default: the index) decide every tie, so the result does
    not depend on the input order. Region ids are numbered by their smallest area id.
    """
    t0 = time.perf_counter()
    pop = np.asarray(population, dtype=float)
    n = len(pop)
    if np.any(np.isnan(pop)) or np.any(pop < 0):
        raise BoligsocialError(tr("Residents must be known and not negative for every area."))
    if isinstance(adjacency, np.ndarray) and adjacency.ndim == 2:
        e = np.asarray(adjacency, dtype=float)
    elif isinstance(adjacency, np.ndarray) and adjacency.size == 0:
        e = np.zeros((0, 3))
    else:
        e = edges_from_neighbours(adjacency, weights)
    if e.shape[1] == 2:
        e = np.column_stack([e, np.ones(len(e))])
    # work in rank space: area ids decide every tie
    ids = np.arange(n) if area_ids is None else np.asarray(area_ids, dtype=object)
    rank_of = np.empty(n, dtype=np.int64)
    order = _argsort_ids(ids)
    rank_of[order] = np.arange(n)
    if len(ids) != len(set(ids.tolist())):
        raise BoligsocialError(tr("Area ids must be unique."))
    i = rank_of[e[:, 0].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    j = rank_of[e[:, 1].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    w = e[:, 2] if len(e) else np.zeros(0)
    p = pop[order]
    if parent is not None:
        par = np.asarray([str(x) for x in np.asarray(parent, dtype=object)], dtype=object)[order]
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
    comp = components(n, lo, hi)
    comp_pop = np.bincount(comp, weights=p, minlength=n)
    infeasible_area = comp_pop[comp] < minimum
    root = np.arange(n, dtype=np.int64)           # region representative per area (rank)
    root[infeasible_area] = comp[infeasible_area]
    _greedy(n, p, lo, hi, w, minimum, infeasible_area, root)
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
    return Regions(region, rpop, feas, rn, infeasible, time.perf_counter() - t0)


def _plain(x):
    return x.item() if hasattr(x, "item") else x


def _argsort_ids(ids: np.ndarray) -> np.ndarray:
    """Order of the ids (numbers numerically, otherwise as text)."""
    try:
        keys = np.asarray(ids, dtype=float)
        if not np.any(np.isnan(keys)):
            return np.argsort(keys, kind="stable")
    except (TypeError, ValueError):
        pass
    return np.argsort(np.asarray([str(x) for x in ids], dtype=object), kind="stable")


def _greedy(n: int, p: np.ndarray, lo: np.ndarray, hi: np.ndarray, w: np.ndarray,
            minimum: float, frozen: np.ndarray, root: np.ndarray) -> None:
    """Agglomerate regions below the minimum (in place on ``root``, rank space)."""
    nb: Dict[int, Dict[int, float]] = {}
    for a, b, x in zip(lo.tolist(), hi.tolist(), w.tolist()):
        if frozen[a]:
            continue
        nb.setdefault(a, {})[b] = x
        nb.setdefault(b, {})[a] = x
    rpop: Dict[int, float] = {}
    heap = []
    for a in range(n):
        if not frozen[a]:
            rpop[a] = float(p[a])
            if p[a] < minimum:
                heap.append((float(p[a]), a))
    heapq.heapify(heap)
    members: Dict[int, List[int]] = {}
    while heap:
        pa, a = heapq.heappop(heap)
        if a not in rpop or rpop[a] != pa or pa >= minimum:
            continue
        cand = nb.get(a)
        if not cand:
            continue  # cannot happen in a feasible component with > 1 area
        b = min(cand, key=lambda r: (rpop[r] >= minimum, pa + rpop[r] < minimum,
                                      -cand[r], rpop[r], r))
        keep, gone = (a, b) if a < b else (b, a)
        # merge adjacency of `gone` into `keep`
        ng = nb.pop(gone, {})
        nk = nb.setdefault(keep, {})
        for r, x in ng.items():
            if r == keep:
                continue
            nk[r] = nk.get(r, 0.0) + x
            nr = nb[r]
            nr.pop(gone, None)
            nr[keep] = nr.get(keep, 0.0) + x
        nk.pop(gone, None)
        rpop[keep] = rpop[keep] + rpop.pop(gone)
        members.setdefault(keep, [keep]).extend(members.pop(gone, [gone]))
        if rpop[keep] < minimum:
            heapq.heappush(heap, (rpop[keep], keep))
    for r, ms in members.items():
        root[np.asarray(ms, dtype=np.int64)] = r
