# SPDX-License-Identifier: GPL-2.0-or-later
"""Cell-key perturbation: bounded, unbiased, consistent for the same persons, zero stays zero."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import discretion as d
from boligsocial_plugin.core.discretion.perturbation import (
    AMOUNT_DF,
    AMOUNT_T_CUT,
    AMOUNT_T_SCALE,
    COUNT_TABLE,
    SECRET_FILE,
    Perturbation,
    cell_keys,
    fold_into,
    perturb_amounts,
    perturb_counts,
    perturb_fte,
    record_keys,
    table_cell_keys,
)
from boligsocial_plugin.core.discretion.totals import protect_group_totals
from boligsocial_plugin.core.errors import BoligsocialError
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


def test_amount_noise_follows_the_public_law_unbiased_and_without_edges():
    """value + scale × t(AMOUNT_DF) cut at ±AMOUNT_T_CUT × AMOUNT_T_SCALE (README): the keyed
    draws have the law's quantiles, mean 0, never beyond the cut, a density nowhere above the
    law's peak (no value pinned by one copy) and no edge inside the cut (as many draws just
    inside as just outside any magnitude)."""
    from scipy import stats

    ck = np.random.default_rng(0).integers(0, 2 ** 32, 200000)
    out = perturb_amounts(np.full(len(ck), 1e8), ck, np.full(len(ck), 5e4), P)
    z = (out - 1e8) / 5e4
    law = stats.t(AMOUNT_DF, scale=AMOUNT_T_SCALE)
    cut = AMOUNT_T_CUT * AMOUNT_T_SCALE
    lo, hi = law.cdf(-cut), law.cdf(cut)
    assert stats.kstest(z, lambda x: np.clip((law.cdf(x) - lo) / (hi - lo), 0, 1)).pvalue \
        > 0.001
    assert np.abs(z).max() <= cut + 1e-9 and np.abs(z).max() > 0.95 * cut
    assert abs(np.mean(z)) < 0.02 and abs(np.mean(z > 0) - 0.5) < 0.005
    hist, edges = np.histogram(z, bins=80, range=(-4, 4), density=True)
    assert hist.max() <= law.pdf(0) / (hi - lo) * 1.1  # bounded density: 0.38 / scale
    for m in (0.5, 1.0, 1.5):  # the old law's edges are gone: both sides as likely
        inside = np.mean((np.abs(z) > m - 0.05) & (np.abs(z) <= m))
        outside = np.mean((np.abs(z) > m) & (np.abs(z) <= m + 0.05))
        assert 0.8 < inside / outside < 1.3, (m, inside, outside)
    assert len(np.unique(out)) > 1000  # continuous: a difference of two cells is not exact
    assert np.isnan(perturb_amounts(np.array([np.nan]), ck[:1], np.array([5e4]), P)[0])


def test_a_sum_is_never_published_below_zero_and_stays_unbiased():
    """A positive sum not much above its largest contribution: the noise is folded into
    [0, 2 × the sum] (never negative), still symmetric around the sum (mean 0)."""
    ck = np.random.default_rng(1).integers(0, 2 ** 32, 200000)
    v = np.full(len(ck), 6e5)
    out = perturb_amounts(v, ck, np.full(len(ck), 5e5), P)
    assert out.min() >= 0 and out.max() <= 2 * 6e5
    assert abs(out.mean() - 6e5) < 3 * out.std() / np.sqrt(len(out))
    assert abs(np.median(out) - 6e5) < 5e3
    assert np.array_equal(fold_into(np.array([-1.0, 5.0]), np.array([0.0, -2.0])),
                          np.array([-1.0, 5.0]))  # only positive sums are folded
    assert perturb_amounts(np.array([0.0]), ck[:1], np.array([0.0]), P)[0] == 0.0


def test_noise_keys_mix_the_value_and_the_row_population():
    """The same persons, value and row: the same noise; another value (an amount changed) or
    another row population (someone moved in): fresh noise, for counts, amounts and FTE."""
    rng = np.random.default_rng(2)
    n = 20000
    ck = rng.integers(0, 2 ** 32, n)
    row = rng.integers(0, 2 ** 32, n)
    row2 = rng.integers(0, 2 ** 32, n)
    v = np.round(rng.uniform(1e5, 1e7, n))
    s = np.full(n, 1e5)
    a = perturb_amounts(v, ck, s, P, row)
    assert np.array_equal(a, perturb_amounts(v, ck, s, P, row))
    # an amount changed by 1 kr.: the difference is not the change
    assert np.mean(np.abs((perturb_amounts(v + 1, ck, s, P, row) - a) - 1) < 1) < 0.001
    assert np.mean(perturb_amounts(v, ck, s, P, row2) == a) < 0.001
    f = rng.uniform(3, 50, n)
    fa = perturb_fte(f, ck, P, row)
    assert np.mean(np.abs(perturb_fte(f + 0.5, ck, P, row) - fa - 0.5) < 1e-9) < 0.001
    assert np.mean(perturb_fte(f, ck, P, row2) == fa) < 0.001
    c = np.round(rng.uniform(10, 500, n))
    ca = perturb_counts(c, ck, 5, P, row)
    assert np.array_equal(ca, perturb_counts(c, ck, 5, P, row))
    # a cell whose persons did not change, in a row that did: repeats only by chance
    same = np.mean(perturb_counts(c, ck, 5, P, row2) == ca)
    assert abs(same - sum(q * q for q in COUNT_TABLE.values())) < 0.02
    # row None: the cell is its own row (the residents cell), as in every output
    assert np.array_equal(perturb_counts(c, ck, 5, P), perturb_counts(c, ck, 5, P, ck))


def _one_difference_share(n_cells: int, seed: int, p: float = 0.10):
    """Synthetic areas at two dates: the same residents (incomes lognormal) and one newcomer
    with ``k`` times the earlier largest income (k log-uniform on 0.2..20). The attacker's
    estimate of the newcomer's income is the published sum after minus before.

    Returns (k, share within p) with the plugin's own cell keys: record keys of random person
    keys, the cell key of the earners, the row key of all residents (a few without income)."""
    rng = np.random.default_rng(seed)
    size = rng.integers(20, 150, n_cells)
    cell = np.repeat(np.arange(n_cells), size)
    income = rng.lognormal(12.3, 0.5, len(cell))
    earner = rng.random(len(cell)) < 0.95
    income[~earner] = 0.0
    rk = record_keys(rng.integers(1, 2 ** 63, len(cell)).astype(np.uint64))
    top1 = np.zeros(n_cells)
    np.maximum.at(top1, cell, income)
    k = np.exp(rng.uniform(np.log(0.2), np.log(20.0), n_cells))
    x = np.round(k * top1)
    new_rk = record_keys(rng.integers(1, 2 ** 63, n_cells).astype(np.uint64))
    sum1 = np.bincount(cell, weights=income, minlength=n_cells)
    ck1 = cell_keys(rk, cell, n_cells, earner)
    row1 = cell_keys(rk, cell, n_cells)
    ck2 = (ck1 + new_rk.astype(np.int64)) % (1 << 32)
    row2 = (row1 + new_rk.astype(np.int64)) % (1 << 32)
    pub1 = perturb_amounts(sum1, ck1, P.amount_share * top1, P, row1)
    pub2 = perturb_amounts(sum1 + x, ck2, P.amount_share * np.maximum(top1, x), P, row2)
    within = np.abs((pub2 - pub1) - x) <= p * x
    return k, within


def test_one_difference_misses_a_newcomers_income_by_more_than_p_percent():
    """The attacker's estimate from one difference of two dates falls within the p % rule's
    10 % of the newcomer's income in at most 10 % of the cases: the amount noise has a density
    of at most 0.38/L (Student's t, 3 degrees of freedom, cut at ±4, scale L: the largest
    contribution of the later cell, L ≥ the newcomer's x), so P(|e2 − e1| ≤ 0.1·x) ≤
    0.2·0.38·x/L ≤ 0.076
    whatever e1 is; a dominant newcomer (more than 4 times the earlier largest income) too.
    (With the earlier ±10 % triangular noise 99.8 % of the dominant newcomers were within
    10 %.) 30,000 cells: the bounds hold with 3 standard errors."""
    k, within = _one_difference_share(30000, seed=11)
    n = len(k)
    bound = 0.076 + 3 * np.sqrt(0.076 * 0.924 / n)
    assert within.mean() <= bound, within.mean()
    for sel in ((k > 0.8) & (k < 1.25), k > 4):  # as large as the earlier largest; dominant
        assert within[sel].mean() <= 0.076 + 3 * np.sqrt(0.076 * 0.924 / sel.sum()), \
            within[sel].mean()
    assert within.mean() > 0.005  # the statistic measures something (not vacuous)


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


def test_table_keys_need_the_secret_and_the_attacker_without_it_does_no_better_than_guessing():
    """applydiscretion's cells (no persons) are keyed with an HMAC of the label and a secret.
    An attacker with the plugin's code and the labels but not the secret tries the label key
    (the key before the secret) and a guessed secret: for each published count he keeps the
    true values the plugin would publish so. With the real secret that pins the exact count in
    ~45 % of cells; without it his candidates hold the truth only when the wrong noise happens
    to agree (≈ 1/3), and a single candidate is right less often than simply taking the
    published value as the truth (≈ 1/2)."""
    from boligsocial_plugin.core.personkeys import keys_from_strings

    rng = np.random.default_rng(4)
    n = 3000
    labels = ["R{}\x1fkids".format(i) for i in range(n)]
    truth = rng.integers(5, 200, n).astype(float)
    secret = bytes(range(32))
    keys = table_cell_keys(labels, secret)
    assert np.array_equal(keys, table_cell_keys(labels, secret))
    other = table_cell_keys(labels, bytes(range(1, 33)))
    assert np.mean(keys == other) < 0.001
    with pytest.raises(BoligsocialError):
        table_cell_keys(labels, b"")
    pub = perturb_counts(truth, keys, 5, P)
    trivial = np.mean(pub == truth)

    def attack(k):
        shifts = np.arange(-2, 3)
        cand = pub[:, None] + shifts[None, :]
        ok = np.stack([perturb_counts(np.maximum(cand[:, j], 0), k, 5, P) == pub
                       for j in range(len(shifts))], axis=1)
        single = ok.sum(axis=1) == 1
        pick = np.take_along_axis(cand, np.argmax(ok, axis=1)[:, None], 1)[:, 0]
        right = single & (pick == truth)
        contains = np.array([t in c[o] for t, c, o in zip(truth, cand, ok)])
        return single.mean(), right.mean(), contains.mean()

    s_true, r_true, c_true = attack(keys)
    assert c_true == 1.0 and r_true > 0.4  # the insider's pin works (the attack is real)
    public = (keys_from_strings(labels) >> np.uint64(32)).astype(np.int64)
    for k in (public, table_cell_keys(labels, b"\0" * 32)):
        single, right, contains = attack(k)
        assert contains < 0.4 and right < 0.25
        assert right / single < trivial  # a pin is worse than the trivial guess


def test_folder_secret_is_created_once_private_and_kept(tmp_path):
    import os
    import stat

    from boligsocial_plugin.core.discretion.register import Register

    folder = tmp_path / "reg"
    first = Register(str(folder)).secret()
    assert len(first) == 32 and Register(str(folder)).secret() == first
    path = folder / SECRET_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Register(str(tmp_path / "other")).secret() != first
    path.write_text("not hex")
    with pytest.raises(BoligsocialError):
        Register(str(folder)).secret()


def test_group_totals_are_keyed_with_the_secret():
    """Regions' populations from a residents field: the same secret, the same values; another
    secret, other noise; none: a clear error, never public keys."""
    rng = np.random.default_rng(8)
    values = rng.integers(20, 400, 300).astype(float)
    group = np.arange(300) // 3
    ids = ["A{:03d}".format(i) for i in range(300)]
    out = []
    for secret in (b"s" * 32, b"s" * 32, b"t" * 32):
        v, _f, _r = protect_group_totals(
            values, group, 100, d.Rules(), member_ids=ids,
            perturbation=Perturbation(secret=secret))
        out.append(v)
    assert np.array_equal(out[0], out[1]) and not np.array_equal(out[0], out[2])
    with pytest.raises(BoligsocialError):
        protect_group_totals(values, group, 100, d.Rules(), member_ids=ids,
                                      perturbation=P)
