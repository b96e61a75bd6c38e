# SPDX-License-Identifier: GPL-2.0-or-later
"""Step 4: edge areas move to, or swap with, the neighbouring region that makes both more alike."""
from collections import deque
from typing import Deque, Dict, List, Optional, Set, Tuple

from boligsocial_plugin.core.regions.measures import dist2
from boligsocial_plugin.core.regions.state import LOCAL, SWEEPS, PartitionState


class LocalSearch(PartitionState):
    """Moves and swaps of edge areas that lower the within-region sum of squares."""

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
        return (na / (na - 1) * dist2(xa, self.sum[src], na)
                - nb / (nb + 1) * dist2(xa, self.sum[dst], nb))

    def local_search(self, dirty: Optional[Set[int]] = None) -> Tuple[int, Set[int]]:
        """Moves and swaps of edge areas that lower the within-region sum of squares.

        Visits the ``dirty`` areas (default: every edge area) in rank order, then the edge
        areas of the regions each change touched and their neighbours, until nothing
        changes; returns the changes made and the areas still to visit (none when it ran to
        the end).
        """
        total = 0
        tol = self._tol
        lab, nbs = self.label, self.g.nb
        bd: Dict[int, Set[int]] = {r: set() for r in self.members}
        for a in range(self.g.n):
            r = lab[a]
            if r >= 0 and any(lab[b] != r for b in nbs[a]):
                bd[r].add(a)
        self.boundary = bd
        todo = set().union(*bd.values()) if dirty is None else set(dirty)
        partial = False
        for _ in range(SWEEPS):
            if not todo and partial:       # big regions were revisited locally: check them all
                todo, partial = set().union(*bd.values()), False
            if not todo:
                break
            batch = sorted(todo)
            todo = set()
            for a in batch:
                changed = self._visit(a, tol)
                if changed:
                    total += 1
                    partial = self._revisit(a, changed, todo) or partial
        self.boundary = None
        return total, todo

    def _visit(self, a: int, tol: float) -> Tuple[int, ...]:
        """Move ``a`` to the neighbouring region that gains most, or swap it; regions changed."""
        lab, nbs, p = self.label, self.g.nb, self.p
        src = lab[a]
        if src < 0 or self.cnt[src] < 2:
            return ()
        others = sorted({lab[b] for b in nbs[a]} - {src, -1})
        if not others:
            return ()
        can_leave = self.pop[src] - p[a] >= self.minimum
        best, best_gain = None, tol
        wanted = []
        for dst in others:
            gain = self._gain(a, src, dst)
            if gain > tol:
                wanted.append((dst, gain))
            if gain > best_gain and can_leave:
                best, best_gain = dst, gain
        if best is not None:
            if not self._connected_without(a, src):
                return ()                  # ``a`` holds its region together: no move, no swap
            self._move(a, src, best)
            return (src, best)
        if wanted:
            return self._try_swap(a, src, wanted, tol)
        return ()

    def _revisit(self, a: int, changed: Tuple[int, ...], todo: Set[int]) -> bool:
        """Add to ``todo`` what a change at ``a`` may have improved; True if only locally."""
        lab, nbs = self.label, self.g.nb
        bd = self.boundary
        assert bd is not None
        partial = False
        for r in changed:
            if self.cnt[r] > LOCAL:     # its mean barely moved: look around a
                partial = True
                near = {c for b in nbs[a] for c in nbs[b]}
                todo.update(near)
                todo.update(d for c in near for d in nbs[c])
                continue
            for b in bd[r]:
                todo.add(b)
                todo.update(c for c in nbs[b] if lab[c] != r)
        return partial

    def _try_swap(self, a: int, src: int, wanted: List[Tuple[int, float]],
                  tol: float) -> Tuple[int, ...]:
        """Swap ``a`` with an edge area of a region it would join, if that lowers the sum.

        In a region of more than ``LOCAL`` areas only those within two steps of ``a``.
        """
        lab, nbs, p, m = self.label, self.g.nb, self.p, self.minimum
        best = None
        best_gain = tol
        for dst, g1 in wanted:
            room_src = self.pop[src] - p[a] - m      # what src can lose besides a
            room_dst = self.pop[dst] + p[a] - m
            if self.cnt[dst] > LOCAL:
                near = {c for d in nbs[a] if lab[d] == dst for c in (d, *nbs[d])
                        if lab[c] == dst}
            else:
                assert self.boundary is not None
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
        return (n_dst / (n_dst - 1) * dist2(xb, s_dst, n_dst)
                - n_src / (n_src + 1) * dist2(xb, s_src, n_src))
