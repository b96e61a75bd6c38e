# SPDX-License-Identifier: GPL-2.0-or-later
"""Step 2: the smallest region below the minimum joins a neighbour, until none is below it."""
import heapq
from typing import Dict, List, Optional

import numpy as np

from boligsocial_plugin.core.regions.graph import Graph


def construct(graph: Graph, p: np.ndarray, minimum: float, frozen: np.ndarray,
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
                                          ward(tot, cnt, a, r), -cand[r], rpop[r], r))
        keep, gone = (a, b) if a < b else (b, a)
        _join_neighbours(nb, keep, gone)
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


def _join_neighbours(nb: Dict[int, Dict[int, float]], keep: int, gone: int) -> None:
    """Region ``gone`` joins ``keep``: their shared-boundary weights to others add up."""
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


def ward(tot: Dict[int, List[float]], cnt: Dict[int, int], a: int, b: int) -> float:
    """Increase of the within-region sum of squares when regions ``a`` and ``b`` merge."""
    na, nb = cnt[a], cnt[b]
    d2 = 0.0
    for u, v in zip(tot[a], tot[b]):
        d = v / nb - u / na
        d2 += d * d
    return d2 * na * nb / (na + nb)
