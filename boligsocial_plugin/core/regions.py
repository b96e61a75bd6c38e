# SPDX-License-Identifier: GPL-2.0-or-later
"""Merging small areas into contiguous regions that reach a minimum (``mergesmallareas``).

A max-p style regionalisation: every region is contiguous, stays inside one parent area and
has at least ``minimum`` residents, while as many regions as possible are kept; given a
homogeneity attribute, regions are also made alike inside (Frederiksberg merges blocks "with
comparable neighbours" to reach 250 persons; Statistics Denmark asks for merged sub-areas).
Deterministic (area ids decide every tie) and fast (10,000 areas in seconds):

1. **Components.** Connected components of the adjacency (edges across parents dropped). A
   component whose total is below the minimum (an island, or a parent with too few
   residents) cannot reach it: its areas become one region, reported as infeasible.
2. **Construction.** Every other area starts as its own region. The smallest region below the
   minimum (ties: smallest area id) merges with a neighbour region, preferring neighbours
   still below the minimum (two small ones together waste less), among them those that bring
   it to the minimum, then the longest shared boundary (with an attribute: the most similar
   neighbour, the least increase of the within-region sum of squares), then the smallest
   population, then the smallest area id. Repeated until none is below the minimum.
3. **Split pass.** A region that can be cut into two connected parts that both reach the
   minimum is cut (recursively): a part is grown from each of up to 24 seed areas, along the
   longest shared boundary (with an attribute: the most similar area) first, until it reaches
   the minimum; the rest must then hold a connected piece that reaches it too (the other
   pieces join the part). The cut leaving the biggest rest wins, as that rest may be cut
   again. Two neighbouring regions that together hold three times the minimum are also
   re-cut when that gives three regions.
4. **Local search** (with an attribute only). An area on a region's edge moves to the
   neighbouring region that lowers the within-region sum of squares most, or swaps with an
   edge area of that region (within two steps of it in regions of more than 64 areas), as
   long as no region loses its last area, falls below the minimum or falls apart; then two
   neighbouring regions are re-cut into two more alike ones (grown from the first and the
   last of their areas, as in step 3) where that lowers the sum. The number of regions never
   drops. Steps 3 and 4 alternate until neither finds anything (at most 8 rounds).

With an attribute, steps 3-4 start both from the plain result of steps 2-3 and from the
attribute-guided construction; the result with more regions reaching the minimum is kept,
ties going to the less mixed one. So the number of regions is never below the plain result,
nor below what the construction alone (the method before the split pass) gives.

**Mixing** is the share of the variation of the attribute between areas that lies within
regions: within-region sum of squares / total sum of squares, every area counting once
(0: every region uniform; 1: as mixed as one region holding everything). With several fields
each is standardised first (mean 0, standard deviation 1), so each weighs the same; a missing
value counts as the field's mean. **Upper bound**: per component, no more regions than
floor(total / minimum), nor more than the areas that reach the minimum on their own plus
floor(rest / minimum).

Geometry is not handled here: the QGIS layer computes the adjacency (with the shared boundary
length as weight) with a spatial index and dissolves the result.
"""
import heapq
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

import numpy as np

from boligsocial_plugin.core.discretion import components
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

_SEEDS = 24            # seed areas tried per region in the split pass
_PAIR_SEEDS = 8        # ... and per pair of regions re-cut into three
_MIX_SEEDS = 2         # ... and per pair re-cut into two more alike regions
_ROUNDS = 8            # split pass / local search alternations at most
_SWEEPS = 60           # local-search sweeps per round at most
_EPS = 1e-9            # a move must lower the sum of squares by more than this (relative)
_LOCAL = 64            # regions above this many areas: a move revisits only its surroundings


@dataclass
class Regions:
    """Result of :func:`merge_small_areas`."""

    region: np.ndarray                 # region id (0..k-1) per input area
    population: np.ndarray             # per region
    feasible: np.ndarray               # per region: reaches the minimum
    n_areas: np.ndarray                # per region
    infeasible_components: List[Dict[str, object]] = field(default_factory=list)
    seconds: float = 0.0
    upper_bound: int = 0               # most regions reaching the minimum that can exist
    constructed: int = 0               # regions reaching it after the plain construction
    mixing: Optional[float] = None     # within / total sum of squares of the attribute
    moves: int = 0                     # local-search moves and swaps made
    missing_values: int = 0            # attribute values missing (counted as the mean)

    def report(self) -> Dict[str, object]:
        """Summary for the processing log."""
        return {
            "regions": int(len(self.population)),
            "feasible_regions": int(self.feasible.sum()),
            "infeasible_regions": int((~self.feasible).sum()),
            "upper_bound": int(self.upper_bound),
            "constructed": int(self.constructed),
            "mixing": None if self.mixing is None else round(float(self.mixing), 6),
            "moves": int(self.moves),
            "missing_values": int(self.missing_values),
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


def standardise_attributes(attributes: Union[np.ndarray, Sequence], n: int
                           ) -> Tuple[Optional[np.ndarray], int]:
    """Attribute columns standardised (mean 0, sd 1; missing = mean); constant ones dropped.

    Returns ``(x, missing)``: ``x`` is ``(n, d)`` or None when no column varies; ``missing``
    counts the values that were missing (NaN or None).
    """
    x = np.asarray(attributes, dtype=object)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[0] != n:
        raise BoligsocialError(tr("The homogeneity attribute needs one value per area."))
    try:
        x = np.asarray([[np.nan if v is None else float(v) for v in row] for row in x],
                       dtype=float).reshape(n, -1)
    except (TypeError, ValueError):
        raise BoligsocialError(tr("The homogeneity attribute must be numeric.")) from None
    missing = np.isnan(x)
    cols = []
    for c in range(x.shape[1]):
        col = x[:, c]
        ok = ~missing[:, c]
        if not ok.any():
            continue
        mean = float(col[ok].mean())
        col = np.where(ok, col, mean) - mean
        sd = float(np.sqrt(np.mean(col * col)))
        if sd > 1e-12 * max(1.0, abs(mean)):
            cols.append(col / sd)
    if not cols:
        return None, int(missing.sum())
    return np.column_stack(cols), int(missing.sum())


def mixing(region: Sequence[int], attributes: Union[np.ndarray, Sequence]) -> Optional[float]:
    """Within-region / total sum of squares of the (standardised) attribute; None if constant."""
    lab = np.asarray(region, dtype=np.int64)
    x, _ = standardise_attributes(attributes, len(lab))
    if x is None or len(lab) == 0:
        return None
    return _within_ss(lab, x) / float(np.sum(x * x))


def _within_ss(lab: np.ndarray, x: np.ndarray) -> float:
    """Within-region sum of squares of ``x`` (rows) for the labels ``lab`` (0..k-1)."""
    k = int(lab.max()) + 1
    cnt = np.bincount(lab, minlength=k).astype(float)
    s = np.zeros((k, x.shape[1]))
    np.add.at(s, lab, x)
    dev = x - (s / np.maximum(cnt, 1)[:, None])[lab]
    return float(np.sum(dev * dev))


def upper_bound(population: Sequence[float], component: Sequence[int], minimum: float) -> int:
    """The most regions reaching ``minimum`` a partition of the components can hold."""
    p = np.asarray(population, dtype=float)
    comp = np.asarray(component, dtype=np.int64)
    if p.size == 0:
        return 0
    k = int(comp.max()) + 1
    total = np.bincount(comp, weights=p, minlength=k)
    big = np.bincount(comp, weights=(p >= minimum).astype(float), minlength=k)
    small = np.bincount(comp, weights=np.where(p >= minimum, 0.0, p), minlength=k)
    eps = 1e-9
    bound = np.minimum(np.floor(total / minimum + eps), big + np.floor(small / minimum + eps))
    return int(bound.sum())


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
    if isinstance(adjacency, np.ndarray) and adjacency.ndim == 2:
        e = np.asarray(adjacency, dtype=float)
    elif isinstance(adjacency, np.ndarray) and adjacency.size == 0:
        e = np.zeros((0, 3))
    else:
        e = edges_from_neighbours(adjacency, weights)
    if e.shape[1] == 2:
        e = np.column_stack([e, np.ones(len(e))])
    if len(e) and (e[:, :2].min() < 0 or e[:, :2].max() >= n):
        raise BoligsocialError(tr("A neighbour pair refers to an area that does not exist."))
    # work in rank space: area ids decide every tie
    ids = np.arange(n) if area_ids is None else np.asarray(area_ids, dtype=object)
    rank_of = np.empty(n, dtype=np.int64)
    order = _argsort_ids(ids)
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
    i = rank_of[e[:, 0].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    j = rank_of[e[:, 1].astype(np.int64)] if len(e) else np.zeros(0, np.int64)
    w = e[:, 2] if len(e) else np.zeros(0)
    p = pop[order]
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
    comp = components(n, lo, hi)
    comp_pop = np.bincount(comp, weights=p, minlength=n)
    infeasible_area = comp_pop[comp] < minimum
    graph = _Graph(n, lo, hi, w)
    best = _Partition(graph, p, minimum, None, infeasible_area,
                      _construct(graph, p, minimum, infeasible_area, None))
    constructed = best.feasible_count()
    moves = 0
    if improve:
        best.improve()
        if x is not None:
            # the most regions first, then the least mixing: from the plain result, and from
            # the attribute-guided construction
            tries = [_Partition(graph, p, minimum, x, infeasible_area, best.roots()),
                     _Partition(graph, p, minimum, x, infeasible_area,
                                _construct(graph, p, minimum, infeasible_area, x))]
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
        mix = _within_ss(reg_rank, x) / float(np.sum(x * x))
    bound = upper_bound(p[~infeasible_area], comp[~infeasible_area], minimum)
    return Regions(region, rpop, feas, rn, infeasible, time.perf_counter() - t0, bound,
                   constructed, mix, moves, missing)


def _plain(v):
    return v.item() if hasattr(v, "item") else v


def _argsort_ids(ids: np.ndarray) -> np.ndarray:
    """Order of the ids (numbers numerically, otherwise as text)."""
    try:
        keys = np.asarray(ids, dtype=float)
        if not np.any(np.isnan(keys)):
            return np.argsort(keys, kind="stable")
    except (TypeError, ValueError):
        pass
    return np.argsort(np.asarray([str(v) for v in ids], dtype=object), kind="stable")


class _Graph:
    """Undirected weighted adjacency in rank space: per area, neighbours in rank order."""

    def __init__(self, n: int, lo: np.ndarray, hi: np.ndarray, w: np.ndarray) -> None:
        self.n = n
        self.nb: List[List[int]] = [[] for _ in range(n)]
        self.wt: List[Dict[int, float]] = [{} for _ in range(n)]
        for a, b, v in zip(lo.tolist(), hi.tolist(), w.tolist()):
            self.wt[a][b] = v
            self.wt[b][a] = v
        for a in range(n):
            self.nb[a] = sorted(self.wt[a])


def _construct(graph: _Graph, p: np.ndarray, minimum: float, frozen: np.ndarray,
               x: Optional[np.ndarray]) -> np.ndarray:
    """Agglomerate regions below the minimum; region root (smallest rank) per area."""
    n = graph.n
    root = np.arange(n, dtype=np.int64)
    nb: Dict[int, Dict[int, float]] = {}
    for a in range(n):
        if not frozen[a] and graph.wt[a]:
            nb[a] = dict(graph.wt[a])
    rpop: Dict[int, float] = {}
    heap = []
    for a in range(n):
        if not frozen[a]:
            rpop[a] = float(p[a])
            if p[a] < minimum:
                heap.append((float(p[a]), a))
    heapq.heapify(heap)
    cnt: Dict[int, int] = {}
    tot: Dict[int, List[float]] = {}
    if x is not None:
        xl = x.tolist()
        cnt = {a: 1 for a in rpop}
        tot = {a: xl[a] for a in rpop}
    members: Dict[int, List[int]] = {}
    while heap:
        pa, a = heapq.heappop(heap)
        if a not in rpop or rpop[a] != pa or pa >= minimum:
            continue
        cand = nb.get(a)
        if not cand:
            continue  # cannot happen in a feasible component with > 1 area
        if x is None:
            b = min(cand, key=lambda r: (rpop[r] >= minimum, pa + rpop[r] < minimum,
                                          -cand[r], rpop[r], r))
        else:
            b = min(cand, key=lambda r: (rpop[r] >= minimum, pa + rpop[r] < minimum,
                                          _ward(tot, cnt, a, r), -cand[r], rpop[r], r))
        keep, gone = (a, b) if a < b else (b, a)
        ng = nb.pop(gone, {})
        nk = nb.setdefault(keep, {})
        for r, v in ng.items():
            if r == keep:
                continue
            nk[r] = nk.get(r, 0.0) + v
            nr = nb[r]
            nr.pop(gone, None)
            nr[keep] = nr.get(keep, 0.0) + v
        nk.pop(gone, None)
        rpop[keep] = rpop[keep] + rpop.pop(gone)
        if x is not None:
            cnt[keep] += cnt.pop(gone)
            tot[keep] = [u + v for u, v in zip(tot[keep], tot.pop(gone))]
        members.setdefault(keep, [keep]).extend(members.pop(gone, [gone]))
        if rpop[keep] < minimum:
            heapq.heappush(heap, (rpop[keep], keep))
    for r, ms in members.items():
        root[np.asarray(ms, dtype=np.int64)] = r
    return root


def _ward(tot: Dict[int, List[float]], cnt: Dict[int, int], a: int, b: int) -> float:
    """Increase of the within-region sum of squares when regions ``a`` and ``b`` merge."""
    na, nb = cnt[a], cnt[b]
    d2 = 0.0
    for u, v in zip(tot[a], tot[b]):
        d = v / nb - u / na
        d2 += d * d
    return d2 * na * nb / (na + nb)


class _Partition:
    """Regions as member sets with populations (and attribute sums), improved in place."""

    def __init__(self, graph: _Graph, p: np.ndarray, minimum: float, x: Optional[np.ndarray],
                 frozen: np.ndarray, root: np.ndarray) -> None:
        self.g = graph
        self.p = p.tolist()
        self.minimum = float(minimum)
        self.x = x
        self.xl: List[List[float]] = [] if x is None else x.tolist()
        self.frozen = frozen
        self.label: List[int] = [-1] * graph.n
        self.members: Dict[int, Set[int]] = {}
        self.pop: Dict[int, float] = {}
        self.cnt: Dict[int, int] = {}
        self.sum: Dict[int, List[float]] = {}
        self.sq = None if x is None else np.sum(x * x, axis=1).tolist()
        # a change must lower the sum of squares by more than this
        self._tol = 0.0 if x is None else _EPS * max(1.0, float(np.sum(x * x)))
        self._next = 0
        self._pairs_tried: Set[frozenset] = set()
        self._mix_tried: Set[frozenset] = set()
        self.boundary: Optional[Dict[int, Set[int]]] = None   # edge areas per region
        groups: Dict[int, List[int]] = {}
        for a, r in enumerate(root.tolist()):
            if not frozen[a]:
                groups.setdefault(r, []).append(a)
        for r in sorted(groups):
            self._add_region(groups[r])
        self.fixed_ssd = 0.0
        if x is not None and frozen.any():
            comp = components(graph.n, *self._edge_arrays())
            fa = np.nonzero(frozen)[0]
            self.fixed_ssd = _within_ss(np.unique(comp[fa], return_inverse=True)[1], x[fa])

    def _edge_arrays(self) -> Tuple[np.ndarray, np.ndarray]:
        u = [a for a in range(self.g.n) for b in self.g.nb[a] if b > a]
        v = [b for a in range(self.g.n) for b in self.g.nb[a] if b > a]
        return np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)

    # ------------------------------------------------------------------ bookkeeping

    def _add_region(self, areas: Iterable[int]) -> int:
        r = self._next
        self._next += 1
        ms = set(areas)
        self.members[r] = ms
        self.pop[r] = sum(self.p[a] for a in ms)
        self.cnt[r] = len(ms)
        for a in ms:
            self.label[a] = r
        if self.x is not None:
            self.sum[r] = self.x[sorted(ms)].sum(axis=0).tolist()
        return r

    def _drop_region(self, r: int) -> None:
        del self.members[r], self.pop[r], self.cnt[r]
        self.sum.pop(r, None)

    def feasible_count(self) -> int:
        """Regions reaching the minimum (infeasible components are not held here)."""
        return len(self.members)

    def _region_ssd(self, r: int) -> float:
        s = self.sum[r]
        return sum(self.sq[a] for a in self.members[r]) - sum(v * v for v in s) / self.cnt[r]

    def ssd(self) -> float:
        """Total within-region sum of squares (0 without an attribute)."""
        if self.x is None:
            return 0.0
        return self.fixed_ssd + sum(self._region_ssd(r) for r in self.members)

    def roots(self) -> np.ndarray:
        """Smallest member rank per area (infeasible components: their smallest rank)."""
        root = np.empty(self.g.n, dtype=np.int64)
        for ms in self.members.values():
            root[list(ms)] = min(ms)
        fa = np.nonzero(self.frozen)[0]
        if len(fa):
            comp = components(self.g.n, *self._edge_arrays())
            root[fa] = comp[fa]
        return root

    # ------------------------------------------------------------------ improvement

    def improve(self) -> int:
        """Split pass and local search alternately; local-search moves made."""
        moves = 0
        dirty: Optional[Set[int]] = None
        for _ in range(_ROUNDS):
            before = set(self.members)
            gained = self.split_pass()
            if self.x is None:
                if not gained:
                    break
                continue
            if dirty is not None:          # after the first round: only where regions changed
                for r in set(self.members) - before:
                    dirty |= self._around(r)
            made, dirty = self.local_search(dirty)
            recut = self.recut_pairs_for_mixing()
            if recut:
                around = set(dirty)
                for r in recut:
                    if r in self.members:
                        around |= self._around(r)
                more, dirty = self.local_search(around)
                made += len(recut) + more
            moves += made
            if not gained and not made:
                break
        return moves

    def split_pass(self) -> int:
        """Cut every region that splits into two parts reaching the minimum; regions gained."""
        before = len(self.members)
        todo = [r for r in sorted(self.members) if self.pop[r] >= 2 * self.minimum]
        while todo:
            r = todo.pop()
            cut = self._best_cut(sorted(self.members[r]), _SEEDS)
            if cut is None:
                continue
            part, rest = cut
            self._drop_region(r)
            for piece in (part, rest):
                q = self._add_region(piece)
                if self.pop[q] >= 2 * self.minimum:
                    todo.append(q)
        self._recut_pairs()
        return len(self.members) - before

    def _recut_pairs(self) -> None:
        """Two neighbouring regions holding three minimums are re-cut into three if possible."""
        todo = sorted(self.members)
        while todo:
            again: List[int] = []
            for r in todo:
                if r not in self.members:
                    continue
                for q in sorted(self._neighbour_regions(r)):
                    if q not in self.members or self.pop[r] + self.pop[q] < 3 * self.minimum:
                        continue
                    both = frozenset(self.members[r] | self.members[q])
                    if both in self._pairs_tried:
                        continue
                    self._pairs_tried.add(both)
                    pieces = self._split_all(sorted(both), _PAIR_SEEDS)
                    if len(pieces) < 3:
                        continue
                    self._drop_region(r)
                    self._drop_region(q)
                    again.extend(self._add_region(piece) for piece in pieces)
                    break
            todo = sorted(again)

    def _split_all(self, areas: List[int], seeds: int) -> List[List[int]]:
        """Recursive cuts of a connected set of areas into pieces reaching the minimum."""
        out = []
        todo = [areas]
        while todo:
            ms = todo.pop()
            cut = None
            if sum(self.p[a] for a in ms) >= 2 * self.minimum:
                cut = self._best_cut(ms, seeds)
            if cut is None:
                out.append(ms)
            else:
                todo.extend(cut)
        return out

    def _neighbour_regions(self, r: int) -> Set[int]:
        lab = self.label
        return {lab[b] for a in self.members[r] for b in self.g.nb[a] if lab[b] != r}

    def _around(self, r: int) -> Set[int]:
        """Members of region ``r`` and their neighbours."""
        nbs = self.g.nb
        out = set(self.members[r])
        for a in self.members[r]:
            out.update(nbs[a])
        return out

    def _set_ssd(self, areas: Sequence[int]) -> float:
        """Within sum of squares of a set of areas."""
        xl = self.xl
        s = list(xl[areas[0]])
        for a in areas[1:]:
            s = [u + v for u, v in zip(s, xl[a])]
        return sum(self.sq[a] for a in areas) - sum(v * v for v in s) / len(areas)

    def recut_pairs_for_mixing(self) -> List[int]:
        """Two neighbouring regions re-cut into two that are more alike; the new regions."""
        done: List[int] = []
        for r in sorted(self.members):
            for q in sorted(self._neighbour_regions(r)) if r in self.members else ():
                if q <= r or q not in self.members or r not in self.members:
                    continue
                both = frozenset(self.members[r] | self.members[q])
                if both in self._mix_tried:
                    continue
                self._mix_tried.add(both)
                cut = self._best_cut(sorted(both), _MIX_SEEDS, alike=True)
                if cut is None:
                    continue
                before = (self._set_ssd(sorted(self.members[r]))
                          + self._set_ssd(sorted(self.members[q])))
                if self._set_ssd(cut[0]) + self._set_ssd(cut[1]) < before - self._tol:
                    self._drop_region(r)
                    self._drop_region(q)
                    for piece in cut:
                        self._mix_tried.add(frozenset(piece))
                        done.append(self._add_region(piece))
        return done

    def _best_cut(self, ms: List[int], seeds: int, alike: bool = False
                  ) -> Optional[Tuple[List[int], List[int]]]:
        """Best cut of the sorted connected areas ``ms`` into two parts reaching the minimum.

        Best: the biggest second part (it may be cut again), then the first seed; with
        ``alike``: the least sum of squares of the two parts. ``seeds`` areas are tried,
        spread over ``ms`` (the first and the last when 2).
        """
        mset = set(ms)
        p = self.p
        total = sum(p[a] for a in ms)
        if total < 2 * self.minimum or len(ms) < 2:
            return None
        if len(ms) > seeds:
            picks = sorted({ms[round(k * (len(ms) - 1) / (seeds - 1))] for k in range(seeds)})
        else:
            picks = ms
        best = None
        best_key = None
        for s in picks:
            part = self._grow(s, mset)
            if part is None:
                continue
            ppop = sum(p[a] for a in part)
            if total - ppop < self.minimum:
                continue
            rest = mset.difference(part)
            pieces = _pieces(rest, self.g.nb)
            big = max(pieces, key=lambda c: (sum(p[a] for a in c), -min(c)))
            bpop = sum(p[a] for a in big)
            if bpop < self.minimum:
                continue
            cut = (sorted(mset.difference(big)), sorted(big))
            key = (self._set_ssd(cut[0]) + self._set_ssd(cut[1]), s) if alike else (-bpop, s)
            if best_key is None or key < best_key:
                best, best_key = cut, key
        return best

    def _grow(self, seed: int, mset: Set[int]) -> Optional[Set[int]]:
        """A connected part of ``mset`` grown from ``seed`` until it reaches the minimum."""
        p, g, xl = self.p, self.g, self.xl
        part = {seed}
        ppop = p[seed]
        touch: Dict[int, float] = {}
        heap: List[Tuple] = []
        psum = list(xl[seed]) if xl else []

        def push(b: int) -> None:
            if not xl:
                heapq.heappush(heap, (-touch[b], b))
            else:
                heapq.heappush(heap, (_dist2(xl[b], psum, len(part)), -touch[b], b))

        for b in g.nb[seed]:
            if b in mset:
                touch[b] = g.wt[seed][b]
                push(b)
        while ppop < self.minimum:
            b = None
            while heap:
                item = heapq.heappop(heap)
                c = item[-1]
                if c not in part and -item[-2] == touch[c]:
                    b = c
                    break
            if b is None:
                return None
            part.add(b)
            ppop += p[b]
            if xl:
                psum = [u + v for u, v in zip(psum, xl[b])]
            for c in g.nb[b]:
                if c in mset and c not in part:
                    touch[c] = touch.get(c, 0.0) + g.wt[b][c]
                    push(c)
        return part

    # ------------------------------------------------------------------ local search

    def _connected_without(self, a: int, r: int) -> bool:
        """Whether region ``r`` stays connected when area ``a`` leaves it.

        It does iff the neighbours of ``a`` in ``r`` stay connected: one search from each,
        taking turns; searches that meet are joined, and the first to run out of areas
        (a part cut off) answers no. The cost is that of the smallest part, not the region.
        """
        lab, nbs = self.label, self.g.nb
        own = [b for b in nbs[a] if lab[b] == r]
        if len(own) <= 1:
            return True
        owner: Dict[int, int] = {a: -1}
        up = list(range(len(own)))

        def find(i: int) -> int:
            while up[i] != i:
                up[i] = up[up[i]]
                i = up[i]
            return i

        queues: Dict[int, Deque[int]] = {}
        for i, b in enumerate(own):
            owner[b] = i
            queues[i] = deque([b])
        while True:
            for root in sorted(queues):
                if root not in queues:
                    continue
                q = queues[root]
                if not q:
                    return False           # this part is closed off from the others
                c = q.popleft()         # breadth first: searches meet close to ``a``
                for d in nbs[c]:
                    if lab[d] != r:
                        continue
                    o = owner.get(d)
                    if o is None:
                        owner[d] = root
                        q.append(d)
                        continue
                    if o < 0:
                        continue
                    other = find(o)
                    if other == root:
                        continue
                    keep, gone = min(root, other), max(root, other)
                    up[gone] = keep
                    queues[keep].extend(queues.pop(gone))
                    if len(queues) == 1:
                        return True
                    root = keep
                    q = queues[root]

    def _move(self, a: int, src: int, dst: int) -> None:
        xa = self.xl[a]
        self.members[src].discard(a)
        self.members[dst].add(a)
        self.label[a] = dst
        self.pop[src] -= self.p[a]
        self.pop[dst] += self.p[a]
        self.cnt[src] -= 1
        self.cnt[dst] += 1
        self.sum[src] = [u - v for u, v in zip(self.sum[src], xa)]
        self.sum[dst] = [u + v for u, v in zip(self.sum[dst], xa)]
        bd = self.boundary
        if bd is not None:
            lab, nbs = self.label, self.g.nb
            bd[src].discard(a)
            for v in (a, *nbs[a]):
                rv = lab[v]
                if any(lab[u] != rv for u in nbs[v]):
                    bd[rv].add(v)
                else:
                    bd[rv].discard(v)

    def _gain(self, a: int, src: int, dst: int) -> float:
        """Decrease of the sum of squares when ``a`` moves from ``src`` to ``dst``."""
        xa = self.xl[a]
        na, nb = self.cnt[src], self.cnt[dst]
        return (na / (na - 1) * _dist2(xa, self.sum[src], na)
                - nb / (nb + 1) * _dist2(xa, self.sum[dst], nb))

    def local_search(self, dirty: Optional[Set[int]] = None) -> Tuple[int, Set[int]]:
        """Moves and swaps of edge areas that lower the within-region sum of squares.

        Visits the ``dirty`` areas (default: every edge area) in rank order, then the edge
        areas of the regions each change touched and their neighbours, until nothing
        changes; returns the changes made and the areas still to visit (none when it ran to
        the end).
        """
        total = 0
        tol = self._tol
        lab, nbs, p, m = self.label, self.g.nb, self.p, self.minimum
        bd: Dict[int, Set[int]] = {r: set() for r in self.members}
        for a in range(self.g.n):
            r = lab[a]
            if r >= 0 and any(lab[b] != r for b in nbs[a]):
                bd[r].add(a)
        self.boundary = bd
        todo = set().union(*bd.values()) if dirty is None else set(dirty)
        partial = False
        for _ in range(_SWEEPS):
            if not todo and partial:       # big regions were revisited locally: check them all
                todo, partial = set().union(*bd.values()), False
            if not todo:
                break
            batch = sorted(todo)
            todo = set()
            for a in batch:
                src = lab[a]
                if src < 0 or self.cnt[src] < 2:
                    continue
                others = sorted({lab[b] for b in nbs[a]} - {src, -1})
                if not others:
                    continue
                can_leave = self.pop[src] - p[a] >= m
                best, best_gain = None, tol
                wanted = []
                for dst in others:
                    gain = self._gain(a, src, dst)
                    if gain > tol:
                        wanted.append((dst, gain))
                    if gain > best_gain and can_leave:
                        best, best_gain = dst, gain
                changed: Tuple[int, ...] = ()
                if best is not None:
                    if not self._connected_without(a, src):
                        continue           # ``a`` holds its region together: no move, no swap
                    self._move(a, src, best)
                    changed = (src, best)
                elif wanted:
                    changed = self._try_swap(a, src, wanted, tol)
                if changed:
                    total += 1
                    for r in changed:
                        if self.cnt[r] > _LOCAL:     # its mean barely moved: look around a
                            partial = True
                            near = {c for b in nbs[a] for c in nbs[b]}
                            todo.update(near)
                            todo.update(d for c in near for d in nbs[c])
                            continue
                        for b in bd[r]:
                            todo.add(b)
                            todo.update(c for c in nbs[b] if lab[c] != r)
        self.boundary = None
        return total, todo

    def _try_swap(self, a: int, src: int, wanted: List[Tuple[int, float]],
                  tol: float) -> Tuple[int, ...]:
        """Swap ``a`` with an edge area of a region it would join, if that lowers the sum.

        In a region of more than ``_LOCAL`` areas only those within two steps of ``a``.
        """
        lab, nbs, p, m = self.label, self.g.nb, self.p, self.minimum
        best = None
        best_gain = tol
        for dst, g1 in wanted:
            room_src = self.pop[src] - p[a] - m      # what src can lose besides a
            room_dst = self.pop[dst] + p[a] - m
            if self.cnt[dst] > _LOCAL:
                near = {c for d in nbs[a] if lab[d] == dst for c in (d, *nbs[d])
                        if lab[c] == dst}
            else:
                near = self.boundary[dst]
            for b in sorted(near):
                if p[b] < -room_src or p[b] > room_dst:
                    continue
                if not any(lab[c] == src and c != a for c in nbs[b]):
                    continue
                gain = g1 + self._swap_second(a, b, src, dst)
                if gain > best_gain:
                    best, best_gain = (dst, b), gain
        if best is None:
            return ()
        dst, b = best
        if not self._connected_without(a, src):
            return ()
        self._move(a, src, dst)
        if not self._connected_without(b, dst) or not any(lab[c] == src for c in nbs[b]):
            self._move(a, dst, src)
            return ()
        self._move(b, dst, src)
        return (src, dst)

    def _swap_second(self, a: int, b: int, src: int, dst: int) -> float:
        """Decrease when ``b`` moves from ``dst`` to ``src`` after ``a`` went the other way."""
        xa, xb = self.xl[a], self.xl[b]
        s_dst = [u + v for u, v in zip(self.sum[dst], xa)]
        s_src = [u - v for u, v in zip(self.sum[src], xa)]
        n_dst = self.cnt[dst] + 1
        n_src = self.cnt[src] - 1
        return (n_dst / (n_dst - 1) * _dist2(xb, s_dst, n_dst)
                - n_src / (n_src + 1) * _dist2(xb, s_src, n_src))


def _dist2(xa: List[float], s: List[float], n: int) -> float:
    """Squared distance from ``xa`` to the mean ``s / n``."""
    t = 0.0
    for u, v in zip(xa, s):
        d = u - v / n
        t += d * d
    return t


def _pieces(areas: Set[int], nbs: List[List[int]]) -> List[List[int]]:
    """Connected pieces of a set of areas."""
    left = set(areas)
    out = []
    for s in sorted(areas):
        if s not in left:
            continue
        left.discard(s)
        piece = [s]
        stack = [s]
        while stack:
            c = stack.pop()
            for d in nbs[c]:
                if d in left:
                    left.discard(d)
                    piece.append(d)
                    stack.append(d)
        out.append(piece)
    return out

