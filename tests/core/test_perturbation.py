# SPDX-License-Identifier: GPL-2.0-or-later
"""Cell-key perturbation: bounded, unbiased, consistent for the same persons, zero stays zero."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import discretion as d
from boligsocial_plugin.core.discretion.perturbation import (
    Perturbation,
    cell_keys,
    perturb_amounts,
    perturb_counts,
    record_keys,
)
from boligsocial_plugin.core.indicators import aggregate, builtin_indicators

P = Perturbation()


def _extract(n_areas=30, n=6000, seed=3):
    rng = np.random.default_rng(seed)
    w = rng.pareto(1.0, n_areas) + 0.05
    area = rng.choice(n_areas, n, p=w / w.sum())
    df = pd.DataFrame({
        "ref_date": "2024-01-01",
        "age": rng.integers(0, 95, n),
        "nonwestern": (rng.random(n) < 0.2).astype(int),
        "outside_fte": np.where(rng.random(n) < 0.2, rng.random(n), 0.0),
        "convicted": (rng.random(n) < 0.03).astype(int),
        "basic_edu": (rng.random(n) < 0.3).astype(float),
        "gross_income": rng.lognormal(12, 0.6, n),
        "student": (rng.random(n) < 0.1).astype(int),
        "taxpayer": 1,
        "single_parent": (rng.random(n) < 0.05).astype(int),
        "person_key": rng.integers(1, 2 ** 63, n).astype(np.uint64),
    })
    return df, area


@pytest.mark.parametrize("v", [5, 6, 7, 8, 30, 1000])
def test_count_table_is_bounded_unbiased_and_keeps_the_threshold(v):
    ck = np.random.default_rng(v).integers(0, 2 ** 32, 100000)
    out = perturb_counts(np.full(len(ck), float(v)), ck, 5, P)
    assert out.min() >= max(5, v - 2) and out.max() <= v + 2
    assert abs(out.mean() - v) < 0.02
    assert np.all(out == np.round(out))


def test_zero_and_nan_unchanged_and_off_is_exact():
    ck = np.arange(4)
    out = perturb_counts(np.array([0.0, np.nan, 10.0, 12.0]), ck, 5, P)
    assert out[0] == 0 and np.isnan(out[1])
    off = perturb_counts(np.array([10.0, 12.0]), ck[:2], 5, Perturbation(enabled=False))
    assert off.tolist() == [10.0, 12.0]


def test_amount_noise_within_share_of_largest():
    ck = np.random.default_rng(0).integers(0, 2 ** 32, 50000)
    out = perturb_amounts(np.full(len(ck), 1e6), ck, np.full(len(ck), 5e4), P)
    assert np.abs(out - 1e6).max() <= 5e4 and abs(out.mean() - 1e6) < 1e3
    assert len(np.unique(out)) > 1000  # continuous: a difference of two cells is not exact


def test_cell_key_is_the_sum_of_record_keys_and_order_free():
    rng = np.random.default_rng(5)
    rk = record_keys(rng.integers(0, 2 ** 63, 500).astype(np.uint64))
    g = rng.integers(0, 7, 500)
    ck = cell_keys(rk, g, 7)
    perm = rng.permutation(500)
    assert np.array_equal(ck, cell_keys(rk[perm], g[perm], 7))
    assert [int(x) for x in ck] == [sum(int(r) for r in rk[g == i]) % 2 ** 32 for i in range(7)]


def test_protected_layer_is_perturbed_consistently_and_keeps_flags():
    inds = builtin_indicators()
    df, area = _extract()
    raw = aggregate(df, area, 30, inds)
    exact, _ = d.protect_indicators_audited(raw, inds, d.Rules())
    noisy, rep = d.protect_indicators_audited(raw, inds, d.Rules(), perturbation=P)
    again, _ = d.protect_indicators_audited(raw, inds, d.Rules(), perturbation=P)
    pd.testing.assert_frame_equal(noisy, again)  # the same persons, the same values
    assert rep["mean_abs_change"] > 0
    for ind in inds:
        f = ind.code + "_flag"
        assert noisy[f].tolist() == exact[f].tolist()
        pub = noisy[f].to_numpy() == ""
        a, b = exact[ind.code + "_den"].to_numpy()[pub], noisy[ind.code + "_den"].to_numpy()[pub]
        assert np.all(np.abs(a - b) <= 2)
        assert np.all(b[a >= 5] >= 5)
        assert np.isnan(noisy[ind.code + "_num"].to_numpy()[~pub]).all()
    r0, r1 = exact["residents"].to_numpy(), noisy["residents"].to_numpy()
    ok = ~np.isnan(r0)
    assert np.all(np.abs(r0[ok] - r1[ok]) <= 2) and np.any(r0[ok] != r1[ok])
