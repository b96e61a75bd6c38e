# SPDX-License-Identifier: GPL-2.0-or-later
"""Regions being improved: members, populations, attribute sums and edge areas."""
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import numpy as np

from boligsocial_plugin.core.discretion import components
from boligsocial_plugin.core.regions.graph import Graph
from boligsocial_plugin.core.regions.measures import within_ss

SEEDS = 24            # seed areas tried per region in the split pass
PAIR_SEEDS = 8        # ... and per pair of regions re-cut into three
MIX_SEEDS = 2         # ... and per pair re-cut into two more alike regions
ROUNDS = 8            # split pass / local search alternations at most
SWEEPS = 60           # local-search sweeps per round at most
EPS = 1e-9            # a move must lower the sum of squares by more than this (relative)
LOCAL = 64            # regions above this many areas: a move revisits only its surroundings


class PartitionState:
    """Regions as member sets with populations (and attribute sums): the bookkeeping."""

    def __init__(self, graph: Graph, p: np.ndarray, minimum: float, x: Optional[np.ndarray],
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
        self.sq: List[float] = [] if x is None else np.sum(x * x, axis=1).tolist()
        # a change must lower the sum of squares by more than this
        self._tol = 0.0 if x is None else EPS * max(1.0, float(np.sum(x * x)))
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
            self.fixed_ssd = within_ss(np.unique(comp[fa], return_inverse=True)[1], x[fa])

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
