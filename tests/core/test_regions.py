# SPDX-License-Identifier: GPL-2.0-or-later
"""Merging small areas: contiguity, minimum, parents, islands, determinism, split pass,
homogeneity (mixing), upper bound."""
from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.regions import (
    edges_from_neighbours,
    merge_small_areas,
    mixing,
    standardise_attributes,
    upper_bound,
)


def grid_edges(w, h, rng=None, drop=0.0, queen=False):
    """4-neighbour grid edges (i, j, shared length); ``drop`` removes a share at random.

    ``queen`` adds the diagonal (corner) neighbours with weight 0.
    """
    idx = np.arange(w * h).reshape(h, w)
    e = np.vstack([np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()]),
                   np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel()])])
    rng = rng or np.random.default_rng(0)
    wt = rng.random(len(e)) + 0.5
    if queen:
        d = np.vstack([np.column_stack([idx[:-1, :-1].ravel(), idx[1:, 1:].ravel()]),
                       np.column_stack([idx[:-1, 1:].ravel(), idx[1:, :-1].ravel()])])
        e, wt = np.vstack([e, d]), np.r_[wt, np.zeros(len(d))]
    if drop:
        keep = rng.random(len(e)) >= drop
        e, wt = e[keep], wt[keep]
    return np.column_stack([e, wt])


def patterned(w, h, seed):
    """A spatially patterned attribute (two fields) on a w x h grid, like an indicator map."""
    rng = np.random.default_rng(seed)
    yy, xx = np.divmod(np.arange(w * h), w)
    f1 = np.sin(xx / 3.0) + np.cos(yy / 4.0) + 0.3 * rng.standard_normal(w * h)
    f2 = (xx - yy) / max(w, h) + 0.2 * rng.standard_normal(w * h)
    return np.column_stack([f1, f2])


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
    with pytest.raises(BoligsocialError, match="does not exist"):
        merge_small_areas([1, 1], np.array([[0, 2]]), 5)
    with pytest.raises(BoligsocialError, match="above 0"):
        merge_small_areas([1, 1], np.array([[0, 1]]), 0)


@st.composite
def maps(draw):
    w = draw(st.integers(1, 9))
    h = draw(st.integers(1, 9))
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    edges = grid_edges(w, h, rng, drop=draw(st.sampled_from([0.0, 0.2, 0.5])),
                       queen=draw(st.booleans()))
    pop = rng.integers(0, draw(st.sampled_from([20, 60, 200])), w * h).astype(float)
    parent = None
    if draw(st.booleans()):
        stripes = draw(st.integers(1, 3))
        parent = [f"p{(i % w) * stripes // w}" for i in range(w * h)]
    minimum = draw(st.sampled_from([1, 50, 100, 250]))
    attrs = patterned(w, h, seed) if draw(st.booleans()) else None
    return pop, edges, parent, minimum, seed, attrs


@settings(max_examples=80, deadline=None)
@given(maps())
def test_merge_properties(case):
    pop, edges, parent, minimum, seed, attrs = case
    res = merge_small_areas(pop, edges, minimum, parent=parent, attributes=attrs)
    check_partition(res, pop, edges, minimum, parent)
    # never fewer regions than the construction alone (the method before the split pass),
    # never fewer with the attribute than without, never more than the upper bound
    feasible = int(res.feasible.sum())
    assert feasible <= res.upper_bound
    plain = merge_small_areas(pop, edges, minimum, parent=parent)
    built = merge_small_areas(pop, edges, minimum, parent=parent, improve=False)
    check_partition(built, pop, edges, minimum, parent)
    assert feasible >= plain.feasible.sum() >= built.feasible.sum() == res.constructed
    assert plain.upper_bound == built.upper_bound == res.upper_bound
    if attrs is None:
        assert res.mixing is None
    elif res.mixing is not None:             # None: a single area, nothing varies
        assert 0 <= res.mixing <= 1 + 1e-9
        assert res.mixing == pytest.approx(mixing(res.region, attrs), abs=1e-9)
    # rerun
    again = merge_small_areas(pop, edges, minimum, parent=parent, attributes=attrs)
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
    shuffled = merge_small_areas(pop[perm], e2, minimum, parent=par2, area_ids=perm,
                                 attributes=None if attrs is None else attrs[perm])
    assert shuffled.region.tolist() == res.region[perm].tolist()


def test_split_pass_cuts_what_the_construction_glued():
    # the construction joins 40 to an 80, then 60 and the other 80 have only that region left
    pop = [60, 80, 40, 80]
    edges = np.array([[0, 1], [1, 2], [2, 3]])
    built = merge_small_areas(pop, edges, 100, improve=False)
    assert built.region.tolist() == [0, 0, 0, 0]
    res = merge_small_areas(pop, edges, 100)
    assert res.region.tolist() == [0, 0, 1, 1]
    assert res.constructed == 1 and res.upper_bound == 2
    check_partition(res, np.array(pop, float), edges, 100)


def test_split_pass_keeps_a_region_that_cannot_be_cut():
    # a star: every cut leaves a single leaf below the minimum
    pop = [0, 60, 60, 60, 60]
    edges = np.array([[0, 1], [0, 2], [0, 3], [0, 4]])
    res = merge_small_areas(pop, edges, 100)
    check_partition(res, np.array(pop, float), edges, 100)
    # the hub joins one region only; any other region would be a lone leaf below 100
    assert len(res.population) == 1 and res.upper_bound == 2


def test_queen_edges_join_corner_neighbours():
    # 2 x 2 grid, residents on one diagonal only: rook keeps them apart, queen joins them
    pop = [30, 0, 0, 30]
    rook = grid_edges(2, 2)
    queen = grid_edges(2, 2, queen=True)
    res = merge_small_areas(pop, queen[np.isin(queen[:, :2], [1, 2]).sum(axis=1) == 0], 50)
    assert res.region.tolist() == [0, 1, 2, 0] and res.feasible[0]
    res = merge_small_areas(pop, rook[np.isin(rook[:, :2], [1, 2]).sum(axis=1) == 0], 50)
    assert res.feasible.sum() == 0


@pytest.mark.parametrize("pop,comp,minimum,bound", [
    ([100, 100, 100, 100, 100], [0, 0, 0, 0, 0], 250, 2),   # total / minimum
    ([600, 10, 10], [0, 0, 0], 250, 1),                     # one big area, small rest
    ([300, 300, 100, 100, 100], [0, 0, 0, 0, 0], 250, 3),   # 2 big + 300 / 250
    ([100, 100, 300], [0, 0, 1], 250, 1),                   # per component
    ([249.5, 0.5], [0, 0], 250, 1),
    ([], [], 250, 0),
])
def test_upper_bound(pop, comp, minimum, bound):
    assert upper_bound(pop, comp, minimum) == bound


@pytest.mark.parametrize("labels,values,expected", [
    ([0, 0, 1, 1], [0, 0, 10, 10], 0.0),      # every region uniform
    ([0, 1, 0, 1], [0, 0, 10, 10], 1.0),      # each region as mixed as the whole
    ([0, 0, 0, 1], [0, 0, 10, 10], 2 / 3),    # (2 * (10/3)^2 + (20/3)^2) / (4 * 5^2)
    ([0, 0, 1, 1], [5, 5, 5, 5], None),       # constant: undefined
])
def test_mixing(labels, values, expected):
    got = mixing(labels, values)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


def test_mixing_standardises_each_field():
    # the second field in other units weighs the same as the first
    a = mixing([0, 0, 1, 1], np.column_stack([[0, 0, 1, 1], [0, 1000, 0, 1000]]))
    assert a == pytest.approx(0.5)


def test_missing_values_count_as_the_mean():
    x, missing = standardise_attributes([1.0, None, 3.0, float("nan")], 4)
    assert missing == 2
    assert x[:, 0].tolist() == pytest.approx([-np.sqrt(2), 0, np.sqrt(2), 0])


@pytest.mark.parametrize("side,minimum,seed", [(14, 250, 1), (14, 100, 2), (20, 250, 3),
                                               (20, 60, 4)])
def test_attribute_makes_regions_alike_inside(side, minimum, seed):
    rng = np.random.default_rng(seed)
    edges = grid_edges(side, side, rng)
    pop = rng.integers(0, 120, side * side).astype(float)
    attrs = patterned(side, side, seed)
    plain = merge_small_areas(pop, edges, minimum)
    built = merge_small_areas(pop, edges, minimum, improve=False)
    alike = merge_small_areas(pop, edges, minimum, attributes=attrs)
    check_partition(alike, pop, edges, minimum)
    assert alike.feasible.sum() >= plain.feasible.sum() >= built.feasible.sum()
    assert alike.mixing == pytest.approx(mixing(alike.region, attrs))
    assert alike.mixing < 0.85 * mixing(plain.region, attrs)
    assert alike.mixing < 0.85 * mixing(built.region, attrs)
    assert alike.moves > 0


def test_constant_attribute_changes_nothing():
    rng = np.random.default_rng(5)
    edges = grid_edges(8, 8, rng)
    pop = rng.integers(0, 120, 64).astype(float)
    res = merge_small_areas(pop, edges, 200, attributes=np.full(64, 7.0))
    assert res.mixing is None
    assert res.region.tolist() == merge_small_areas(pop, edges, 200).region.tolist()


@pytest.mark.parametrize("attrs", [[1.0, 2.0], [["a"], ["b"], ["c"]]])
def test_bad_attribute(attrs):
    with pytest.raises(BoligsocialError, match="homogeneity attribute"):
        merge_small_areas([10, 10, 10], np.array([[0, 1], [1, 2]]), 5, attributes=attrs)


def test_large_grid_keeps_many_regions():
    rng = np.random.default_rng(7)
    side = 40
    e = grid_edges(side, side, rng)
    pop = rng.integers(0, 120, side * side).astype(float)
    res = merge_small_areas(pop, e, 250)
    check_partition(res, pop, e, 250)
    # well over half the upper bound, and more than the construction alone
    assert res.upper_bound <= pop.sum() // 250
    assert len(res.population) > 0.8 * res.upper_bound
    assert res.feasible.sum() > res.constructed
