# SPDX-License-Identifier: GPL-2.0-or-later
"""Merging small areas: contiguity, minimum, parents, islands, determinism."""
from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.regions import edges_from_neighbours, merge_small_areas


def grid_edges(w, h, rng=None, drop=0.0):
    """4-neighbour grid edges (i, j, shared length); ``drop`` removes a share at random."""
    idx = np.arange(w * h).reshape(h, w)
    e = np.vstack([np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()]),
                   np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel()])])
    rng = rng or np.random.default_rng(0)
    if drop:
        e = e[rng.random(len(e)) >= drop]
    return np.column_stack([e, rng.random(len(e)) + 0.5])


def check_partition(res, pop, edges, minimum, parent=None):
    """Every invariant of a merge result."""
    n = len(pop)
    region = res.region
    k = len(res.population)
    assert region.shape == (n,) and set(region.tolist()) == set(range(k))
    assert np.allclose(np.bincount(region, weights=pop, minlength=k), res.population)
    infeasible_areas = {a for comp in res.infeasible_components for a in comp["areas"]}
    nb = [[] for _ in range(n)]
    for a, b in edges[:, :2].astype(int):
        if parent is None or parent[a] == parent[b]:
            nb[a].append(b)
            nb[b].append(a)
    for r in range(k):
        members = np.nonzero(region == r)[0]
        # contiguous: BFS inside the region reaches every member
        seen = {members[0]}
        q = deque([members[0]])
        while q:
            a = q.popleft()
            for b in nb[a]:
                if region[b] == r and b not in seen:
                    seen.add(b)
                    q.append(b)
        assert seen == set(members.tolist())
        if parent is not None:
            assert len({parent[m] for m in members}) == 1
        if res.feasible[r]:
            assert res.population[r] >= minimum
        else:
            assert set(members.tolist()) <= infeasible_areas
            assert res.population[r] < minimum


@pytest.mark.parametrize("pop,minimum,expected", [
    ([10, 10, 10, 10], 20, [0, 0, 1, 1]),
    ([30, 10, 30], 20, [0, 0, 1]),          # tie: the neighbour with the smaller id
    ([30, 10, 25], 20, [0, 1, 1]),          # the smaller neighbour
    ([25, 25, 25], 20, [0, 1, 2]),          # nothing to merge
    ([5, 5, 5], 20, [0, 0, 0]),             # whole chain below: infeasible
])
def test_chain(pop, minimum, expected):
    edges = np.array([[i, i + 1] for i in range(len(pop) - 1)])
    res = merge_small_areas(pop, edges, minimum)
    assert res.region.tolist() == expected
    check_partition(res, np.array(pop, float), edges, minimum)


def test_longest_shared_boundary_wins():
    edges = np.array([[0, 1, 1.0], [1, 2, 3.0]])
    res = merge_small_areas([30, 10, 30], edges, 20)
    assert res.region.tolist() == [0, 1, 1]


def test_islands_reported():
    pop = [10, 30, 30, 5, 60]
    edges = np.array([[1, 2]])               # 0, 3 and 4 are islands
    res = merge_small_areas(pop, edges, 50, area_ids=["a", "b", "c", "d", "e"])
    rep = res.report()
    assert rep["infeasible_regions"] == 2
    areas = sorted(tuple(c["areas"]) for c in rep["infeasible_components"])
    assert areas == [("a",), ("d",)]
    assert res.region[1] == res.region[2]
    assert res.feasible[res.region[4]]      # an island above the minimum stands alone


def test_parent_boundary_respected_and_parent_group_infeasible():
    pop = [30, 30, 30, 30]
    edges = np.array([[0, 1], [1, 2], [2, 3]])
    parent = ["K", "K", "L", "M"]
    res = merge_small_areas(pop, edges, 50, parent=parent)
    assert res.region[0] == res.region[1]
    assert len(set(res.region.tolist())) == 3
    assert sorted(tuple(c["areas"]) for c in res.infeasible_components) == [(2,), (3,)]
    check_partition(res, np.array(pop, float), edges, 50, parent)


def test_neighbour_lists_equal_edge_array():
    rng = np.random.default_rng(3)
    e = grid_edges(6, 5, rng)
    pop = rng.integers(0, 40, 30)
    nbs = [[] for _ in range(30)]
    wts = [[] for _ in range(30)]
    for a, b, x in e:
        nbs[int(a)].append(int(b))
        wts[int(a)].append(x)
    r1 = merge_small_areas(pop, e, 60)
    r2 = merge_small_areas(pop, nbs, 60, weights=wts)
    assert r1.region.tolist() == r2.region.tolist()
    assert edges_from_neighbours(nbs, wts).shape == (len(e), 3)


def test_bad_input():
    with pytest.raises(BoligsocialError):
        merge_small_areas([1, -1], np.array([[0, 1]]), 5)
    with pytest.raises(BoligsocialError):
        merge_small_areas([1, 1], np.array([[0, 1]]), 5, area_ids=["a", "a"])


@st.composite
def maps(draw):
    w = draw(st.integers(1, 9))
    h = draw(st.integers(1, 9))
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    edges = grid_edges(w, h, rng, drop=draw(st.sampled_from([0.0, 0.2, 0.5])))
    pop = rng.integers(0, draw(st.sampled_from([20, 60, 200])), w * h).astype(float)
    parent = None
    if draw(st.booleans()):
        stripes = draw(st.integers(1, 3))
        parent = [f"p{(i % w) * stripes // w}" for i in range(w * h)]
    minimum = draw(st.sampled_from([1, 50, 100, 250]))
    return pop, edges, parent, minimum, seed


@settings(max_examples=80, deadline=None)
@given(maps())
def test_merge_properties(case):
    pop, edges, parent, minimum, seed = case
    res = merge_small_areas(pop, edges, minimum, parent=parent)
    check_partition(res, pop, edges, minimum, parent)
    # rerun
    again = merge_small_areas(pop, edges, minimum, parent=parent)
    assert again.region.tolist() == res.region.tolist()
    # shuffled input (areas and edges), same ids: same regions per area
    n = len(pop)
    rng = np.random.default_rng(seed + 1)
    perm = rng.permutation(n)              # new position p holds old area perm[p]
    inv = np.empty(n, dtype=int)
    inv[perm] = np.arange(n)
    e2 = edges[rng.permutation(len(edges))].copy()
    flip = rng.random(len(e2)) < 0.5
    e2[flip, 0], e2[flip, 1] = e2[flip, 1].copy(), e2[flip, 0].copy()
    e2[:, 0] = inv[e2[:, 0].astype(int)]
    e2[:, 1] = inv[e2[:, 1].astype(int)]
    par2 = None if parent is None else [parent[p] for p in perm]
    shuffled = merge_small_areas(pop[perm], e2, minimum, parent=par2, area_ids=perm)
    assert shuffled.region.tolist() == res.region[perm].tolist()


def test_large_grid_keeps_many_regions():
    rng = np.random.default_rng(7)
    side = 40
    e = grid_edges(side, side, rng)
    pop = rng.integers(0, 120, side * side).astype(float)
    res = merge_small_areas(pop, e, 250)
    check_partition(res, pop, e, 250)
    # greedy max-p: well over half the upper bound total/minimum
    assert len(res.population) > 0.6 * pop.sum() / 250
