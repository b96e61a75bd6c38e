# SPDX-License-Identifier: GPL-2.0-or-later
"""Step 3: cut regions into parts that each reach the minimum (and re-cut pairs)."""
import heapq
from typing import Dict, List, Optional, Set, Tuple

from boligsocial_plugin.core.regions.graph import pieces
from boligsocial_plugin.core.regions.measures import dist2
from boligsocial_plugin.core.regions.state import MIX_SEEDS, PAIR_SEEDS, SEEDS, PartitionState


class SplitPass(PartitionState):
    """Cuts of regions into connected parts reaching the minimum."""

    def split_pass(self) -> int:
        """Cut every region that splits into two parts reaching the minimum; regions gained."""
        before = len(self.members)
        todo = [r for r in sorted(self.members) if self.pop[r] >= 2 * self.minimum]
        while todo:
            r = todo.pop()
            cut = self._best_cut(sorted(self.members[r]), SEEDS)
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
                    pieces = self._split_all(sorted(both), PAIR_SEEDS)
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
                cut = self._best_cut(sorted(both), MIX_SEEDS, alike=True)
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
            parts = pieces(rest, self.g.nb)
            big = max(parts, key=lambda c: (sum(p[a] for a in c), -min(c)))
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
                heapq.heappush(heap, (dist2(xl[b], psum, len(part)), -touch[b], b))

        for nb in g.nb[seed]:
            if nb in mset:
                touch[nb] = g.wt[seed][nb]
                push(nb)
        while ppop < self.minimum:
            b = self._next_closest(heap, part, touch)
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

    @staticmethod
    def _next_closest(heap: List[Tuple], part: Set[int], touch: Dict[int, float]
                      ) -> Optional[int]:
        """The best area on the heap not yet in ``part`` (stale entries skipped)."""
        while heap:
            item = heapq.heappop(heap)
            c = item[-1]
            if c not in part and -item[-2] == touch[c]:
                return c
        return None
