# SPDX-License-Identifier: GPL-2.0-or-later
"""Point-in-polygon join: the documented boundary policy, holes, overlaps, WKB parsing."""
import struct

import numpy as np
import pytest

from boligsocial_plugin.core.spatial import join_points, polygon_set, rings_from_wkb


def sq(x0, y0, x1, y1):
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], float)


@pytest.mark.parametrize("pt,expected", [
    ((0.5, 0.5), 0), ((1.5, 0.5), 1),
    ((1.0, 0.5), 1),    # shared north-south edge: the eastern area
    ((0.5, 1.0), 2),    # shared east-west edge between A (south) and C (north): the northern
    ((0.0, 0.5), 0),    # outer boundary: that area
    ((2.0, 0.5), 1), ((0.5, 2.0), 2),
    ((5.0, 5.0), -1),   # outside
])
def test_boundary_points_are_counted_exactly_once(pt, expected):
    polys = polygon_set([[sq(0, 0, 1, 1)], [sq(1, 0, 2, 1)], [sq(0, 1, 1, 2)]])
    r = join_points(np.array([pt[0]]), np.array([pt[1]]), polys)
    assert r.area[0] == expected
    assert len(r.overlap_points) == 0


def test_holes_and_multipart_areas():
    donut = [sq(0, 0, 10, 10), sq(4, 4, 6, 6)[::-1]]
    islands = [sq(4.5, 4.5, 5.5, 5.5), sq(20, 20, 21, 21)]
    polys = polygon_set([donut, islands])
    px = np.array([1.0, 5.0, 4.2, 20.5, 15.0])
    py = np.array([1.0, 5.0, 4.2, 20.5, 15.0])
    assert list(join_points(px, py, polys).area) == [0, 1, -1, 1, -1]


def test_overlapping_areas_are_reported():
    polys = polygon_set([[sq(0, 0, 2, 2)], [sq(1, 1, 3, 3)]])
    r = join_points(np.array([1.5, 0.5]), np.array([1.5, 0.5]), polys)
    assert list(r.area) == [0, 0]
    assert list(r.overlap_points) == [0] and list(r.overlap_areas) == [1]


def test_random_points_match_grid_arithmetic():
    rng = np.random.default_rng(3)
    areas = [[sq(i, j, i + 1, j + 1)] for i in range(10) for j in range(10)]
    px, py = rng.uniform(-1, 11, 20000), rng.uniform(-1, 11, 20000)
    r = join_points(px, py, polygon_set(areas))
    inside = (px > 0) & (px < 10) & (py > 0) & (py < 10)
    exp = np.where(inside, np.floor(px).astype(int) * 10 + np.floor(py).astype(int), -1)
    assert np.array_equal(r.area, exp)


def test_wkb_polygon_and_multipolygon():
    def poly(ring):
        return struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + \
            ring.astype("<f8").tobytes()
    p = poly(sq(0, 0, 1, 1))
    mp = struct.pack("<BII", 1, 6, 2) + p + poly(sq(5, 5, 6, 6))
    assert len(rings_from_wkb(p)) == 1
    rings = rings_from_wkb(mp)
    assert len(rings) == 2 and rings[1][0].tolist() == [5.0, 5.0]
    with pytest.raises(ValueError):
        rings_from_wkb(struct.pack("<BIdd", 1, 1, 0.0, 0.0))


def test_unique_locations_are_exact_even_when_hashes_collide():
    from boligsocial_plugin.core.pipeline import unique_locations

    x = np.array([5.0, 1.0, 5.0, 2.0, -0.0, 0.0])
    y = np.array([6.0, 1.0, 6.0, 3.0, 7.0, 7.0])
    codes, ux, uy = unique_locations(x, y)
    assert codes.tolist() == [0, 1, 0, 2, 3, 3]   # first appearance order; -0.0 is 0.0
    assert ux.tolist() == [5.0, 1.0, 2.0, 0.0] and uy.tolist() == [6.0, 1.0, 3.0, 7.0]
    # a second location built to get the same 64-bit hash as (1, 1): still its own location
    c = np.uint64(0x9E3779B97F4A7C15)
    bits = (np.array([1.0]).view(np.uint64) * c ^ np.array([1.0]).view(np.uint64) ^
            np.array([3.0]).view(np.uint64) * c)
    y2 = bits.view(np.float64)[0]
    assert np.isfinite(y2)
    codes, ux, uy = unique_locations(np.array([1.0, 3.0, 1.0]), np.array([1.0, y2, 1.0]))
    assert codes.tolist() == [0, 1, 0] and ux.tolist() == [1.0, 3.0]


@pytest.mark.parametrize("cell", [1e-3, 0.3, 1e6])
def test_the_grid_index_never_changes_the_result(monkeypatch, cell):
    """Points on edges and vertices, outside, in holes and in overlaps: the same areas,
    overlaps (in the same order) and outer-boundary points with any grid cell size."""
    from boligsocial_plugin.core import spatial

    rng = np.random.default_rng(7)
    areas = [[sq(i, j, i + 1, j + 1)] for i in range(6) for j in range(6)]
    areas[0] = [sq(0, 0, 1, 1), sq(0.25, 0.25, 0.75, 0.75)[::-1]]  # a hole
    areas += [[sq(0.5, 0.5, 1.5, 1.5)], []]                         # an overlap, an empty area
    px = np.r_[rng.integers(-4, 30, 4000) / 4.0, rng.uniform(-2, 8, 4000)]
    py = np.r_[rng.integers(-4, 30, 4000) / 4.0, rng.uniform(-2, 8, 4000)]
    polys = polygon_set(areas)
    ref = join_points(px, py, polys)
    real_init = spatial._Grid.__init__

    def fixed_cell(self, x, y, p):
        real_init(self, x, y, p)
        self.cell = cell
        self.nx = int((np.nanmax(x) - self.x0) / cell) + 1
        self.ny = int((np.nanmax(y) - self.y0) / cell) + 1
        cid = self._cells_y(y) * self.nx + self._cells_x(x)
        self.order = np.argsort(cid, kind="stable")
        self.start = np.zeros(self.nx * self.ny + 1, dtype=np.int64)
        np.cumsum(np.bincount(cid, minlength=self.nx * self.ny), out=self.start[1:])

    monkeypatch.setattr(spatial._Grid, "__init__", fixed_cell)
    got = join_points(px, py, polys)
    assert (ref.area >= 0).sum() > 3000 and ref.on_outer_boundary.any() and len(ref.overlap_points)
    for a, b in ((ref.area, got.area), (ref.overlap_points, got.overlap_points),
                 (ref.overlap_areas, got.overlap_areas),
                 (ref.on_outer_boundary, got.on_outer_boundary)):
        assert np.array_equal(a, b)
