# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule of series outputs (core.discretion.carry)."""
import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.carry import LOST, contribution_keys, walk
from boligsocial_plugin.core.discretion.perturbation import Perturbation
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.personkeys import keys_from_strings
from boligsocial_plugin.core.pipeline import Publication, compute
from tests.core.test_attacks import INDS, RULES, persons, scatter, sq

MONTHS = ["{}-{:02d}-01".format(2024 + k // 12, k % 12 + 1) for k in range(14)]


def _cell(members_by_date, values_by_date=None, n_dates=None):
    """One area's cell: person ids per date (and their values)."""
    area, date, keys = [], [], []
    for t, ids in enumerate(members_by_date):
        vals = None if values_by_date is None else values_by_date[t]
        k = contribution_keys(keys_from_strings(list(ids)),
                              None if vals is None else np.asarray(vals, float), 0)
        keys.append(k)
        area += [0] * len(ids)
        date += [t] * len(ids)
    return (np.array(area, dtype=np.int64), np.array(date, dtype=np.int64),
            np.concatenate(keys) if keys else np.zeros(0, np.uint64))


def test_a_cell_moves_only_after_min_count_persons_changed():
    base = ["p{}".format(i) for i in range(40)]
    members = [base + ["n{}".format(i) for i in range(t)] for t in range(12)]  # one in a month
    a, d, k = _cell(members)
    w = walk(a, d, k, 1, 12, np.zeros((1, 12), bool), 5)
    # new values at 0, 5, 10: each after exactly 5 newcomers; carried in between
    assert w.source[0].tolist() == [0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10]
    assert not w.kept_hidden.any()


def test_changed_contributions_count_and_persons_leaving_count():
    ids = ["p{}".format(i) for i in range(30)]
    vals = [np.full(30, 100.0) for _ in range(6)]
    for t in range(1, 6):  # one more person's amount changes every month
        vals[t] = vals[t - 1].copy()
        vals[t][t - 1] = 200.0
    a, d, k = _cell([ids] * 6, vals)
    w = walk(a, d, k, 1, 6, np.zeros((1, 6), bool), 3,
             persons=np.tile(keys_from_strings(ids), 6))
    assert w.source[0].tolist() == [0, 0, 0, 3, 3, 3]
    # a person leaving and another one entering: 2 changes
    a, d, k = _cell([ids, ids[1:] + ["new"], ids[2:] + ["new", "new2"]])
    w = walk(a, d, k, 1, 3, np.zeros((1, 3), bool), 3)
    assert w.source[0].tolist() == [0, 0, 2]


def test_hidden_is_never_replaced_and_stays_hidden_until_enough_changed():
    base = ["p{}".format(i) for i in range(20)]
    members = [base + ["n{}".format(i) for i in range(t)] for t in range(10)]
    a, d, k = _cell(members)
    hidden = np.zeros((1, 10), bool)
    hidden[0, 2] = True  # the protection hides date 2
    w = walk(a, d, k, 1, 10, hidden, 3)
    src = w.source[0].tolist()
    assert src[2] == -1                     # hidden at its date, no older value instead
    assert src[:2] == [0, 0]
    # hidden at 2 and publishable at 3, 4 with fewer than 3 changed since 2: hidden (S)
    assert src[3] == -1 and src[4] == -1 and w.kept_hidden[0, 3] and w.kept_hidden[0, 4]
    assert src[5] == 5                      # 3 changed since 2 (and 5 since 0)
    assert src[6:] == [5, 5, 8, 8]


def test_a_new_value_needs_min_count_changes_since_the_last_shown_one():
    """Persons who leave while the cell is hidden and come back do not make a new value."""
    base = ["p{}".format(i) for i in range(20)]
    away = base[3:]
    members = [base, away, base, base]
    a, d, k = _cell(members)
    hidden = np.zeros((1, 4), bool)
    hidden[0, 1] = True
    w = walk(a, d, k, 1, 4, hidden, 3)
    # 3 changed since the hidden date 1, none since date 0: the value of 0 again
    assert w.source[0].tolist() == [0, -1, 0, 0]


def test_lost_anchor_hides_until_twice_the_changes():
    base = ["p{}".format(i) for i in range(20)]
    members = [base + ["n{}".format(i) for i in range(t)] for t in range(8)]
    a, d, k = _cell(members)
    anchor = np.full((1, 8), -1, dtype=np.int64)
    anchor[0, 0] = LOST
    w = walk(a, d, k, 1, 8, np.zeros((1, 8), bool), 3, anchor)
    assert w.source[0].tolist() == [-1, -1, -1, -1, -1, 5, 5, 5]
    # the same when the protection hides the first date: the debt stays
    hidden = np.zeros((1, 8), bool)
    hidden[0, 0] = True
    w = walk(a, d, k, 1, 8, hidden, 3, anchor)
    assert w.source[0].tolist() == [-1, -1, -1, -1, -1, 5, 5, 5]
    assert not w.kept_hidden[0, 0] and w.kept_hidden[0, 1:5].all()


def test_walk_is_vectorised_over_areas_and_deterministic():
    rng = np.random.default_rng(3)
    n_a, n_d, n = 6, 10, 4000
    area = rng.integers(0, n_a, n)
    date = rng.integers(0, n_d, n)
    keys = rng.integers(0, 300, n).astype(np.uint64) * np.uint64(7919)
    hidden = rng.random((n_a, n_d)) < 0.1
    w1 = walk(area, date, keys, n_a, n_d, hidden, 5)
    w2 = walk(area, date, keys, n_a, n_d, hidden, 5)
    assert np.array_equal(w1.source, w2.source)
    for a in range(n_a):  # the same as each area alone
        m = area == a
        one = walk(np.zeros(int(m.sum()), np.int64), date[m], keys[m], 1, n_d, hidden[a:a + 1],
                   5)
        assert np.array_equal(one.source[0], w1.source[a])
    assert not (w1.source[hidden] >= 0).any()


# ---------------------------------------------------------------- through the pipeline
AREAS = [("A", sq(0, 0, 1, 1)), ("B", sq(1, 0, 2, 1))]


def _monthly(months, seed=5):
    """Two areas of 150 residents; a child born in each every month; one newcomer with a
    large income at month 6; one person's income changes every third month."""
    rng = np.random.default_rng(seed)
    frames = []
    base_a = persons(scatter(rng, (0, 0, 1, 1), 150), seed=seed, start=0)
    base_b = persons(scatter(rng, (1, 0, 2, 1), 150), seed=seed + 1, start=1000)
    base = pd.concat([base_a, base_b], ignore_index=True)
    for k, m in enumerate(months):
        f = base.copy()
        change = (np.arange(len(f)) % 50) < (k // 3)  # more incomes changed over time
        f.loc[change, "gross_income"] = f.loc[change, "gross_income"] + 1000.0
        kids = persons([(0.5, 0.5)] * (k + 1) + [(1.5, 0.5)] * (k + 1), seed=99, start=5000)
        kids["pid"] = ["kidA{}".format(i) for i in range(k + 1)] + \
            ["kidB{}".format(i) for i in range(k + 1)]
        kids["person_key"] = keys_from_strings(list(kids["pid"]))
        kids[["age", "gross_income", "nonwestern", "convicted", "outside_fte"]] = [0, 0, 0, 0, 0]
        extra = [kids]
        if k >= 6:
            rich = persons([(0.4, 0.4)], seed=7, start=9000)
            rich["person_key"] = keys_from_strings(["rich"])
            rich[["age", "gross_income"]] = [45, 3.0e6]
            extra.append(rich)
        f = pd.concat([f] + extra, ignore_index=True)
        f["ref_date"] = m
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def _series(df, register=None):
    pub = Publication(RULES, Perturbation(), register=register)
    res = compute(df, df["x"].to_numpy(), df["y"].to_numpy(), [r for _, r in AREAS],
                  [a for a, _ in AREAS], INDS, RULES, None, publication=pub)
    out = res.published.assign(area_id=[AREAS[i][0] for i in res.published["area_idx"]])
    return out.set_index(["area_id", "ref_date"]).sort_index(), res


def test_series_carries_unchanged_cells_across_a_newcomer():
    df = _monthly(MONTHS[:12])
    ser, res = _series(df)
    income = ser.loc["A", "income_num"].to_numpy(dtype=float)
    # the income cell changes by the newcomer (1 person) and a few amounts: few new values,
    # none at the newcomer's month alone
    assert income[6] == income[5]
    assert len(set(income[~np.isnan(income)])) <= 4
    rep = res.release.result.report["carry"]
    assert rep["carried"] > 0 and rep["cells"] > rep["carried"]
    acc = rep["accuracy"]
    assert set(acc) == {"counts", "shares_pp", "means_pct"}
    assert 0 < acc["counts"][0] < 2 and 0 < acc["counts"][1] < 4
    # residents: a birth a month -> a new value every 5th month at most
    resid = ser.loc["A", "residents"].to_numpy(dtype=float)
    changes = np.nonzero(np.diff(resid))[0]
    assert len(changes) <= 3
    # shares and means from the shown numerator and denominator
    row = ser.loc[("A", MONTHS[7])]
    assert np.isclose(row["income_val"], row["income_num"] / row["income_den"])
    assert ser["figures_as_of"].le(ser.index.get_level_values("ref_date")).all()
    # deterministic
    again, _ = _series(df)
    pd.testing.assert_frame_equal(ser, again)


def test_rolling_window_repeats_what_earlier_releases_showed(tmp_path):
    df = _monthly(MONTHS)
    reg = Register(str(tmp_path / "reg"))
    first = df[df["ref_date"].isin(MONTHS[:12])]
    s1, r1 = _series(first, reg)
    r1.release.record(reg, "test", "s1")
    # the next month: the window grows by one month (the earlier snapshots are in the run)
    grown = df[df["ref_date"].isin(MONTHS[:13])]
    s2, r2 = _series(grown, reg)
    cols = ["residents", "income_num", "income_den", "nonwestern_num", "convicted_num"]
    common = s1.index
    pd.testing.assert_frame_equal(s1.loc[common, cols], s2.loc[common, cols])
    assert r2.release.result.report["carry"]["from_register"] > 0
    r2.release.record(reg, "test", "s2")
    # the window shifted by a month: the first month is gone from the extract, but its cell
    # state is in the register: figures carried from it repeat (bound to its recorded cells,
    # core.discretion.carrystate), never a fresh copy of an unchanged cell
    shifted = df[df["ref_date"].isin(MONTHS[1:14])]
    s3, r3 = _series(shifted, reg)
    rep = r3.release.result.report
    assert rep["carry"]["restarted"] == 0
    both_idx = s3.index.intersection(s2.index)
    from_first = s2.loc[both_idx, "figures_as_of"].astype(str) == MONTHS[0]
    assert from_first.sum() > 0
    for c in cols:
        old, new = s2.loc[both_idx, c], s3.loc[both_idx, c]
        both = old.notna() & new.notna()
        assert (old[both] == new[both]).all(), c
    # what the first month's values showed is shown again, not hidden
    shown_before = s2.loc[both_idx, "residents"].notna() & from_first
    assert s3.loc[both_idx, "residents"][shown_before].notna().mean() > 0.9


def _reference_walk(sets, hidden, min_count):
    """The rule for one area in plain Python: ``sets[t]`` = {person: value}."""
    def changed(u, t):
        a, b = sets[u], sets[t]
        return len(a.keys() ^ b.keys()) + sum(1 for p in a.keys() & b.keys() if a[p] != b[p])

    src, ref, last = [], None, None
    for t in range(len(sets)):
        if hidden[t]:
            src.append(-1)
            ref = t
            continue
        new = (ref is None or changed(ref, t) >= min_count) and \
            (last is None or changed(last, t) >= min_count)
        if new:
            src.append(t)
            ref = last = t
        elif last is not None and (ref == last or changed(ref, t) >= min_count):
            src.append(last)
        else:
            src.append(-1)
    return src


def test_walk_equals_the_rule_in_plain_python_also_past_64_dates():
    rng = np.random.default_rng(8)
    for case in range(6):
        n_d = 70 if case % 2 else 12
        people = ["q{}".format(i) for i in range(30)]
        sets, hidden = [], rng.random(n_d) < 0.15
        cur = {p: float(rng.integers(0, 3)) for p in people[:20]}
        for _t in range(n_d):
            for p in rng.choice(people, 2):
                if p in cur and rng.random() < 0.5:
                    del cur[p]
                else:
                    cur[p] = float(rng.integers(0, 3))
            sets.append(dict(cur))
        area, date, keys, pers = [], [], [], []
        for t, st in enumerate(sets):
            ids = sorted(st)
            pk = keys_from_strings(ids)
            keys.append(contribution_keys(pk, np.array([st[i] for i in ids]), 1))
            pers.append(pk)
            area += [0] * len(ids)
            date += [t] * len(ids)
        w = walk(np.array(area), np.array(date), np.concatenate(keys), 1, n_d, hidden[None, :],
                 3, persons=np.concatenate(pers))
        assert w.source[0].tolist() == _reference_walk(sets, hidden, 3), case


def test_a_single_date_published_before_anchors_the_series(tmp_path):
    df = _monthly(MONTHS[:10])
    reg = Register(str(tmp_path / "reg"))
    pub = Publication(RULES, Perturbation(), register=reg)
    one = compute(df, df["x"].to_numpy(), df["y"].to_numpy(), [r for _, r in AREAS],
                  [a for a, _ in AREAS], INDS, RULES, MONTHS[7], publication=pub)
    one.release.record(reg, "test", "single")
    single = one.published.assign(area_id=[AREAS[i][0] for i in one.published["area_idx"]])
    ser, res = _series(df, reg)
    cols = ["residents", "income_num", "income_den", "nonwestern_num", "convicted_num"]
    for _, row in single.iterrows():
        got = ser.loc[(row["area_id"], MONTHS[7])]
        for c in cols:
            if not pd.isna(row[c]) and not pd.isna(got[c]):
                assert row[c] == got[c], c
    assert res.release.result.report["carry"]["from_register"] > 0
