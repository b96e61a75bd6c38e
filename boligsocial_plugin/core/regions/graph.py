# SPDX-License-Identifier: GPL-2.0-or-later
"""The adjacency of areas: edge lists, neighbour lists in rank space, connected pieces."""
from typing import Dict, List, Optional, Sequence, Set

import numpy as np


def edges_from_neighbours(neighbours: Sequence[Sequence[int]],
                          weights: Optional[Sequence[Sequence[float]]] = None) -> np.ndarray:
    """Edge list ``(m, 3)`` (i, j, weight) from per-area neighbour index lists."""
    src, dst, wt = [], [], []
    for i, nbl in enumerate(neighbours):
        nb = np.asarray(nbl, dtype=np.int64)
        src.append(np.full(len(nb), i, dtype=np.int64))
        dst.append(nb)
        wt.append(np.ones(len(nb)) if weights is None else np.asarray(weights[i], float))
    if not src:
        return np.zeros((0, 3))
    return np.column_stack([np.concatenate(src), np.concatenate(dst), np.concatenate(wt)])


def argsort_ids(ids: np.ndarray) -> np.ndarray:
    """Order of the ids (numbers numerically, otherwise as text)."""
    try:
        keys = np.asarray(ids, dtype=float)
        if not np.any(np.isnan(keys)):
            return np.argsort(keys, kind="stable")
    except (TypeError, ValueError):
        pass
    return np.argsort(np.asarray([str(v) for v in ids], dtype=object), kind="stable")


class Graph:
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


def pieces(areas: Set[int], nbs: List[List[int]]) -> List[List[int]]:
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
