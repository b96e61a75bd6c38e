# SPDX-License-Identifier: GPL-2.0-or-later
"""Point-in-polygon join of persons to areas with numpy (no per-point Python loop).

Join policy (documented in the algorithm help):

* A point is in an area when it is strictly inside, by the crossing-number rule with
  half-open edges. On a boundary *shared by two areas* the point is counted once: in the area
  lying to its east (for a north-south boundary) or north (for an east-west boundary).
* A point on the *outer* boundary of an area that no other area shares (so the first rule
  finds no area) is given to that area, so every point on any boundary is counted exactly once.
* A point inside two overlapping areas is reported; the caller decides (refuse or count in
  each). Points outside every area get area -1 and are counted and reported by the caller.
"""
import math
import struct
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np

Ring = np.ndarray  # (n, 2) float64, closed or not


@dataclass
class PolygonSet:
    """All rings of all areas as flat edge arrays, plus each area's bounding box."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    edge_area: np.ndarray
    bbox: np.ndarray  # (n_areas, 4): xmin, ymin, xmax, ymax (NaN for empty areas)
    area_edges: List[np.ndarray]  # edge indices per area

    @property
    def n_areas(self) -> int:
        """Number of areas (including empty ones)."""
        return len(self.area_edges)


def polygon_set(areas: Sequence[Sequence[Ring]]) -> PolygonSet:
    """Build a PolygonSet from, per area, a list of rings (exterior and holes, any parts)."""
    xs0, ys0, xs1, ys1, owner = [], [], [], [], []
    bbox = np.full((len(areas), 4), np.nan)
    for i, rings in enumerate(areas):
        for ring in rings:
            r = np.asarray(ring, dtype=float)[:, :2]
            if len(r) < 3:
                continue
            if not np.array_equal(r[0], r[-1]):
                r = np.vstack([r, r[:1]])
            xs0.append(r[:-1, 0])
            ys0.append(r[:-1, 1])
            xs1.append(r[1:, 0])
            ys1.append(r[1:, 1])
            owner.append(np.full(len(r) - 1, i, dtype=np.int64))
            lo, hi = r.min(axis=0), r.max(axis=0)
            b = bbox[i]
            bbox[i] = [np.fmin(b[0], lo[0]), np.fmin(b[1], lo[1]),
                       np.fmax(b[2], hi[0]), np.fmax(b[3], hi[1])]
    cat = (lambda parts, dt=float: np.concatenate(parts) if parts else np.zeros(0, dt))
    edge_area = cat(owner, np.int64)
    order = np.argsort(edge_area, kind="stable")
    starts = np.searchsorted(edge_area[order], np.arange(len(areas) + 1))
    area_edges = [order[starts[i]:starts[i + 1]] for i in range(len(areas))]
    return PolygonSet(cat(xs0), cat(ys0), cat(xs1), cat(ys1), edge_area, bbox, area_edges)


def _inside(px: np.ndarray, py: np.ndarray, x0, y0, x1, y1) -> np.ndarray:
    """Crossing-number test of points against a set of edges (even-odd rule)."""
    out = np.zeros(len(px), dtype=bool)
    if len(px) == 0 or len(x0) == 0:
        return out
    # split into horizontal bands so each point meets only the edges that span its y
    n_bands = int(min(512, max(1, len(x0) // 24)))
    ylo, yhi = np.minimum(y0, y1), np.maximum(y0, y1)
    if n_bands > 1:
        edges_y = np.linspace(py.min(), py.max(), n_bands + 1)
        band = np.clip(np.searchsorted(edges_y, py, side="right") - 1, 0, n_bands - 1)
        order = np.argsort(band, kind="stable")
        bstart = np.searchsorted(band[order], np.arange(n_bands + 1))
        groups = [(order[bstart[b]:bstart[b + 1]], edges_y[b], edges_y[b + 1])
                  for b in range(n_bands) if bstart[b + 1] > bstart[b]]
    else:
        groups = [(np.arange(len(px)), -np.inf, np.inf)]
    for idx, lo, hi in groups:
        sel = np.nonzero((yhi >= lo) & (ylo <= hi))[0]
        if len(sel) == 0:
            continue
        ex0, ey0, ex1, ey1 = x0[sel], y0[sel], x1[sel], y1[sel]
        step = max(1, 4_000_000 // len(sel))
        for s in range(0, len(idx), step):
            ii = idx[s:s + step]
            qx, qy = px[ii][None, :], py[ii][None, :]
            a = ey0[:, None] > qy
            b = ey1[:, None] > qy
            straddle = a != b
            with np.errstate(divide="ignore", invalid="ignore"):
                xint = ex0[:, None] + (qy - ey0[:, None]) * (ex1 - ex0)[:, None] / \
                    (ey1 - ey0)[:, None]
            cross = straddle & (qx < xint)
            out[ii] = (np.count_nonzero(cross, axis=0) & 1).astype(bool)
    return out


def _on_boundary(px, py, x0, y0, x1, y1, tol: float) -> np.ndarray:
    """Points within tol of any of the edges."""
    out = np.zeros(len(px), dtype=bool)
    step = max(1, 4_000_000 // max(1, len(x0)))
    dx, dy = (x1 - x0)[:, None], (y1 - y0)[:, None]
    ll = dx * dx + dy * dy
    for s in range(0, len(px), step):
        qx, qy = px[None, s:s + step], py[None, s:s + step]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(((qx - x0[:, None]) * dx + (qy - y0[:, None]) * dy) / ll, 0, 1)
        t = np.where(ll > 0, t, 0)
        cx, cy = x0[:, None] + t * dx, y0[:, None] + t * dy
        d2 = (qx - cx) ** 2 + (qy - cy) ** 2
        out[s:s + step] = (d2 <= tol * tol).any(axis=0)
    return out


@dataclass
class JoinResult:
    """Area of every point (-1 outside), plus the overlap pairs (point, extra area)."""

    area: np.ndarray
    overlap_points: np.ndarray
    overlap_areas: np.ndarray
    on_outer_boundary: np.ndarray  # bool per point: placed by the outer-boundary rule


def join_points(px: np.ndarray, py: np.ndarray, polys: PolygonSet,
                progress: Optional[Callable[[float], bool]] = None) -> JoinResult:
    """Assign points to areas (see the module doc for the policy).

    ``progress(fraction)`` is called per area; returning False cancels (raises KeyboardInterrupt
    is avoided: the partial result is returned with ``area`` set to -2 for unprocessed points).
    Each area tests only the points in the cells of a uniform grid that its bounding box
    touches, so the work grows with the points and the areas, not with their product.
    """
    n = len(px)
    area = np.full(n, -1, dtype=np.int64)
    extra_p: List[np.ndarray] = []
    extra_a: List[np.ndarray] = []
    grid = _Grid(px, py, polys)
    for i in range(polys.n_areas):
        if progress is not None and i % 16 == 0 and progress(i / max(1, polys.n_areas)) is False:
            area[:] = -2
            break
        b = polys.bbox[i]
        e = polys.area_edges[i]
        if np.isnan(b[0]) or len(e) == 0:
            continue
        cand = grid.inside_box(b, 0.0)
        if len(cand) == 0:
            continue
        ins = _inside(px[cand], py[cand], polys.x0[e], polys.y0[e], polys.x1[e], polys.y1[e])
        hit = cand[ins]
        free = area[hit] == -1
        area[hit[free]] = i
        if (~free).any():
            extra_p.append(grid.in_x_order(hit[~free]))
            extra_a.append(np.full(int((~free).sum()), i, dtype=np.int64))
    # second pass: points on an outer boundary only
    outer = np.zeros(n, dtype=bool)
    pending = area == -1
    if pending.any() and len(polys.x0):
        scale = float(np.nanmax(np.abs(polys.bbox))) if polys.n_areas else 1.0
        tol = max(scale, 1.0) * 1e-12
        for i in range(polys.n_areas):
            b = polys.bbox[i]
            e = polys.area_edges[i]
            if np.isnan(b[0]) or len(e) == 0:
                continue
            cand = grid.inside_box(b, tol)
            cand = cand[pending[cand]]
            if len(cand) == 0:
                continue
            onb = _on_boundary(px[cand], py[cand], polys.x0[e], polys.y0[e], polys.x1[e],
                               polys.y1[e], tol)
            if onb.any():
                area[cand[onb]] = i
                outer[cand[onb]] = True
                pending[cand[onb]] = False
    cat = (lambda parts: np.concatenate(parts) if parts else np.zeros(0, np.int64))
    return JoinResult(area, cat(extra_p), cat(extra_a), outer)


class _Grid:
    """A uniform grid over the points: the points of a box in a few slices of one array."""

    def __init__(self, px: np.ndarray, py: np.ndarray, polys: PolygonSet):
        n = len(px)
        self.px, self.py = px, py
        ok = ~np.isnan(polys.bbox[:, 0])
        if n == 0 or not ok.any():
            self.x0 = self.y0 = 0.0
            self.cell, self.nx, self.ny = 1.0, 1, 1
        else:
            self.x0, self.y0 = float(np.nanmin(px)), float(np.nanmin(py))
            w, h = float(np.nanmax(px)) - self.x0, float(np.nanmax(py)) - self.y0
            # cells about a quarter of a typical area's box, at least 1/2048 of the extent
            sides = np.r_[polys.bbox[ok, 2] - polys.bbox[ok, 0],
                          polys.bbox[ok, 3] - polys.bbox[ok, 1]]
            typical = float(np.median(sides[sides > 0])) if (sides > 0).any() else max(w, h)
            self.cell = max(typical / 4, max(w, h) / 2048, 1e-9)
            self.nx = int(w / self.cell) + 1
            self.ny = int(h / self.cell) + 1
        cid = self._cells_y(py) * self.nx + self._cells_x(px)
        self.order = np.argsort(cid, kind="stable")  # the points sorted by cell
        self.start = np.zeros(self.nx * self.ny + 1, dtype=np.int64)
        np.cumsum(np.bincount(cid, minlength=self.nx * self.ny), out=self.start[1:])
        self._rank: Optional[np.ndarray] = None

    def _cells_x(self, x: np.ndarray) -> np.ndarray:
        c = np.nan_to_num(np.floor((x - self.x0) / self.cell))
        return np.clip(c, 0, self.nx - 1).astype(np.int64)

    def _cells_y(self, y: np.ndarray) -> np.ndarray:
        c = np.nan_to_num(np.floor((y - self.y0) / self.cell))
        return np.clip(c, 0, self.ny - 1).astype(np.int64)

    def _cell(self, v: float, v0: float, n: int) -> int:
        """The cell column (or row) of one coordinate, computed as for the points."""
        c = math.floor((v - v0) / self.cell)
        return min(max(c, 0), n - 1)

    def inside_box(self, b: np.ndarray, tol: float) -> np.ndarray:
        """The points with ``b[0]-tol <= x <= b[2]+tol`` and the same for y (in no order)."""
        lo_x, lo_y, hi_x, hi_y = b[0] - tol, b[1] - tol, b[2] + tol, b[3] + tol
        cx0, cx1 = self._cell(lo_x, self.x0, self.nx), self._cell(hi_x, self.x0, self.nx)
        cy0, cy1 = self._cell(lo_y, self.y0, self.ny), self._cell(hi_y, self.y0, self.ny)
        parts = [self.order[self.start[r * self.nx + cx0]:self.start[r * self.nx + cx1 + 1]]
                 for r in range(cy0, cy1 + 1)]
        cand = np.concatenate(parts) if len(parts) > 1 else parts[0]
        x, y = self.px[cand], self.py[cand]
        return cand[(x >= lo_x) & (x <= hi_x) & (y >= lo_y) & (y <= hi_y)]

    def in_x_order(self, idx: np.ndarray) -> np.ndarray:
        """These points in order of x (ties: point order), as a sweep along x meets them."""
        if self._rank is None:
            self._rank = np.empty(len(self.px), dtype=np.int64)
            self._rank[np.argsort(self.px, kind="stable")] = np.arange(len(self.px))
        return idx[np.argsort(self._rank[idx])]


# --------------------------------------------------------------------------- WKB

_TYPE_POLYGON, _TYPE_MULTIPOLYGON, _TYPE_POINT = 3, 6, 1


def _dims(gtype: int) -> Tuple[int, int]:
    """Base type and coordinate dimension from an ISO or EWKB-style WKB type code."""
    has_z = bool(gtype & 0x80000000)
    has_m = bool(gtype & 0x40000000)
    gtype &= 0x0FFFFFFF
    if gtype >= 3000:
        return gtype - 3000, 4
    if gtype >= 2000:
        return gtype - 2000, 3
    if gtype >= 1000:
        return gtype - 1000, 3
    return gtype, 2 + has_z + has_m


def rings_from_wkb(wkb: bytes) -> List[Ring]:
    """All rings (exterior and interior) of a Polygon or MultiPolygon WKB."""
    rings: List[Ring] = []
    _parse(memoryview(wkb), 0, rings)
    return rings


def _parse(buf: memoryview, off: int, rings: List[Ring]) -> int:
    bo = "<" if buf[off] == 1 else ">"
    gtype, = struct.unpack_from(bo + "I", buf, off + 1)
    base, dim = _dims(gtype)
    off += 5
    if base == _TYPE_POLYGON:
        nr, = struct.unpack_from(bo + "I", buf, off)
        off += 4
        for _ in range(nr):
            npts, = struct.unpack_from(bo + "I", buf, off)
            off += 4
            arr = np.frombuffer(buf, dtype=np.dtype(bo + "f8"), count=npts * dim, offset=off)
            rings.append(arr.reshape(npts, dim)[:, :2].astype(float))
            off += 8 * npts * dim
        return off
    if base in (_TYPE_MULTIPOLYGON, 7):  # multipolygon or geometry collection
        n, = struct.unpack_from(bo + "I", buf, off)
        off += 4
        for _ in range(n):
            off = _parse(buf, off, rings)
        return off
    raise ValueError("not a polygon geometry (WKB type {})".format(gtype))
