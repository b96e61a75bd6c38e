# SPDX-License-Identifier: GPL-2.0-or-later
"""core.regions.published: the residents mergesmallareas decides on."""
import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation
from boligsocial_plugin.core.regions import merge_small_areas
from boligsocial_plugin.core.regions.published import merge_residents, shown_residents


def test_the_margin_is_the_largest_change_of_a_count():
    assert Perturbation().count_margin == Perturbation().max_count == 2
    assert OFF.count_margin == 0


def test_published_minus_the_margin_hidden_as_zero():
    values, hidden = merge_residents(np.array([252.0, np.nan, 1.0, 260.0]),
                                     np.array([False, False, False, True]), 2, 5)
    assert values.tolist() == [250.0, 0.0, 0.0, 254.0] and hidden == 1
    values, hidden = merge_residents(np.array([249.0, 0.0]), np.zeros(2, bool), 0, 5)
    assert values.tolist() == [249.0, 0.0] and hidden == 0


def test_shown_residents_of_one_date_with_the_carried_ones():
    pub = pd.DataFrame({"area_idx": [0, 1, 2, 0, 1, 2],
                        "ref_date": ["2024-01-01"] * 3 + ["2025-01-01"] * 3,
                        "residents": [10.0, 20.0, np.nan, 11.0, 20.0, np.nan]})
    as_of = np.array([["2024-01-01"], ["2024-01-01"], [""],
                      ["2025-01-01"], ["2024-01-01"], [""]], dtype=object)
    values, carried = shown_residents(pub, as_of, 4, "2025-01-01")
    assert np.array_equal(values, [11.0, 20.0, np.nan, np.nan], equal_nan=True)
    assert carried.tolist() == [False, True, False, False]
    values, carried = shown_residents(pub, None, 3, "2024-01-01")
    assert values[:2].tolist() == [10.0, 20.0] and not carried.any()


def test_exact_residents_of_a_region_reach_the_minimum_whatever_the_noise():
    """Any published values within the margin of the exact ones: every feasible region's
    exact residents reach the minimum."""
    rng = np.random.default_rng(5)
    edges = np.array([(i, i + 1, 1.0) for i in range(59)])
    for _ in range(20):
        exact = rng.integers(240, 260, 60).astype(float)
        published = exact + rng.integers(-2, 3, 60)
        published[rng.random(60) < 0.1] = np.nan
        pop, _hidden = merge_residents(published, np.zeros(60, bool), 2, 5)
        res = merge_small_areas(pop, edges, 250)
        got = np.bincount(res.region, weights=exact)
        assert (got[np.asarray(res.feasible, bool)] >= 250).all()
