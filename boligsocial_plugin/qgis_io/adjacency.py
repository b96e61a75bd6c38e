# SPDX-License-Identifier: GPL-2.0-or-later
"""Polygon contiguity (rook or queen adjacency) with QGIS geometry, for ``mergesmallareas``.

Rook (the default): two areas are neighbours when their boundaries share a line of positive
length; the weight of the pair is that length (in layer units). Areas that touch at a single
point (a corner) are **not** neighbours: a region joined only at a corner is not contiguous
on the ground. Queen (``queen=True``): a shared corner is enough (weight 0), as in street
blocks that meet at a crossing. Overlapping areas are neighbours too (weight: the part of one
boundary inside the other). With a ``tolerance`` > 0 (layer units), small gaps between areas
digitised apart are bridged: the weight is the longer of the two boundary lengths within
``tolerance`` of the other area (symmetric), and a pair is a neighbour when that length
exceeds ``2 * tolerance`` (so that corners stay apart; with queen any contact within the
tolerance counts).

Candidates come from a bulk-loaded :class:`QgsSpatialIndex` and are tested with a prepared
GEOS engine, so 10,000 areas take seconds. The result does not depend on the input order.
"""
from typing import Callable, List, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsSpatialIndex,
    QgsVectorLayer,
)


def bulk_index(geometries: Sequence[Optional[QgsGeometry]]) -> "tuple[QgsSpatialIndex, dict]":
    """A bulk-loaded spatial index of the geometries and a map index-feature id -> position."""
    feats: List[QgsFeature] = []
    pos: List[int] = []
    for k, g in enumerate(geometries):
        if g is None or g.isNull() or g.isEmpty():
            continue
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromRect(g.boundingBox()))
        feats.append(f)
        pos.append(k)
    layer = QgsVectorLayer("Polygon", "bbox", "memory")
    ok, added = layer.dataProvider().addFeatures(feats)
    if not ok:  # pragma: no cover - memory provider
        raise RuntimeError("could not build the spatial index")
    fid_pos = {f.id(): k for f, k in zip(added, pos)}
    # the iterator constructor bulk-loads the R-tree (faster and better packed than inserts)
    index = QgsSpatialIndex(layer.getFeatures(QgsFeatureRequest().setNoAttributes()))
    return index, fid_pos


def polygon_adjacency(geometries: Sequence[Optional[QgsGeometry]], tolerance: float = 0.0,
                      progress: Optional[Callable[[float], bool]] = None,
                      queen: bool = False) -> np.ndarray:
    """Edge array ``(m, 3)``: ``i < j`` neighbour positions and the shared boundary length.

    ``progress(fraction)`` is called now and then; returning False cancels (empty result).
    Empty geometries have no neighbours.
    """
    contacts = _Contacts(geometries, max(0.0, float(tolerance or 0.0)), queen)
    pairs = contacts.candidate_pairs(progress)
    if pairs is None:
        return np.zeros((0, 3))
    pi, pj = pairs
    src: List[int] = []
    dst: List[int] = []
    wts: List[float] = []
    m = len(pi)
    for k in range(m):
        if progress is not None and k % 2000 == 0 and not progress(0.2 + 0.8 * k / max(1, m)):
            return np.zeros((0, 3))
        w = contacts.weight(pi[k], pj[k])
        if w is not None:
            src.append(pi[k])
            dst.append(pj[k])
            wts.append(w)
    if progress is not None:
        progress(1.0)
    if not src:
        return np.zeros((0, 3))
    return np.column_stack([np.asarray(src, float), np.asarray(dst, float),
                            np.asarray(wts, float)])


class _Contacts:
    """The areas' boundaries (and tolerance zones) and the test of one candidate pair."""

    def __init__(self, geometries: Sequence[Optional[QgsGeometry]], tol: float, queen: bool):
        self.geometries = geometries
        self.tol, self.queen = tol, queen
        n = len(geometries)
        self.boundaries: List[Optional[QgsGeometry]] = []
        for g in geometries:
            if g is None or g.isNull() or g.isEmpty():
                self.boundaries.append(None)
            else:
                self.boundaries.append(QgsGeometry(g.constGet().boundary()))
        self.zones: List[Optional[QgsGeometry]] = [None] * n
        if tol > 0:
            self.zones = [None if b is None else g.buffer(tol, 4)
                          for g, b in zip(geometries, self.boundaries)]
        self.box = np.full((n, 4), np.nan)
        for k, g in enumerate(geometries):
            if self.boundaries[k] is not None:
                r = g.boundingBox()
                self.box[k] = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        self._engine_of = -1
        self._engine = None

    def candidate_pairs(self, progress: Optional[Callable[[float], bool]]):
        """Pairs ``i < j`` whose boxes meet (sorted), or None when cancelled."""
        geometries, tol = self.geometries, self.tol
        index, fid_pos = bulk_index(geometries)
        ci: List[int] = []
        cj: List[int] = []
        n = len(geometries)
        for i in range(n):
            if self.boundaries[i] is None:
                continue
            if progress is not None and i % 1000 == 0 and not progress(0.2 * i / max(1, n)):
                return None
            bbox = geometries[i].boundingBox()
            if tol > 0:
                bbox = bbox.buffered(tol)
            for f in index.intersects(bbox):
                j = fid_pos[f]
                if j > i:
                    ci.append(i)
                    cj.append(j)
        pi = np.asarray(ci, dtype=np.int64)
        pj = np.asarray(cj, dtype=np.int64)
        if tol == 0 and len(pi) and not self.queen:
            # boxes meeting in a single point: the areas can share a point at most
            box = self.box
            w_box = np.minimum(box[pi, 2], box[pj, 2]) - np.maximum(box[pi, 0], box[pj, 0])
            h_box = np.minimum(box[pi, 3], box[pj, 3]) - np.maximum(box[pi, 1], box[pj, 1])
            keep = (w_box > 0) | (h_box > 0)
            pi, pj = pi[keep], pj[keep]
        order = np.lexsort((pj, pi))
        return pi[order].tolist(), pj[order].tolist()

    def weight(self, i: int, j: int) -> Optional[float]:
        """The pair's weight, or None when the areas are not neighbours."""
        b, z = self.boundaries, self.zones
        if self.tol > 0:
            w = max(b[j].intersection(z[i]).length(), b[i].intersection(z[j]).length())
            if w <= 2 * self.tol and not (self.queen and b[j].intersects(z[i])):
                return None
            return float(w)
        w = b[i].intersection(b[j]).length()
        if w > 0:
            return float(w)
        return self._point_contact(i, j)

    def _point_contact(self, i: int, j: int) -> Optional[float]:
        """Areas whose boundaries share no line: disjoint, a corner, or overlapping."""
        gi, gj = self.geometries[i], self.geometries[j]
        if self._engine_of != i:   # pairs come sorted by i: one prepared engine per area
            self._engine = QgsGeometry.createGeometryEngine(gi.constGet())
            self._engine.prepareGeometry()
            self._engine_of = i
        engine = self._engine
        if not engine.intersects(gj.constGet()):
            return None
        if engine.touches(gj.constGet()):
            return 0.0 if self.queen else None   # a shared corner
        # overlapping areas: the part of either boundary inside the other
        w = max(self.boundaries[i].intersection(gj).length(),
                self.boundaries[j].intersection(gi).length())
        return float(w) if w > 0 else None


def islands(n: int, edges: np.ndarray) -> np.ndarray:
    """Positions of the ``n`` areas that have no neighbour in ``edges``."""
    has = np.zeros(n, dtype=bool)
    if len(edges):
        has[edges[:, 0].astype(np.int64)] = True
        has[edges[:, 1].astype(np.int64)] = True
    return np.nonzero(~has)[0]
