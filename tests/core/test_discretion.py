# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion: primary rules at their boundaries, the exact audit, secondary suppression."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligsocial_plugin.core import discretion as d
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.indicators import aggregate, builtin_indicators

R = d.Rules()  # min_count 5, min_residents 50, zeros hidden


# --------------------------------------------------------------------------- oracle

def recoverable_oracle(rows, n_cells, hidden, protect):
    """Protected hidden cells whose unit vector lies in the row space (rank test, dense)."""
    a = np.zeros((max(len(rows), 1), n_cells))
    for r, terms in enumerate(rows):
        for c, x in terms:
            a[r, c] += x
    h = np.nonzero(hidden)[0]
    ah = a[:, h]
    base = np.linalg.matrix_rank(ah) if h.size else 0
    out = []
    for pos, j in enumerate(h):
        if not protect[j]:
            continue
        e = np.zeros((1, h.size))
        e[0, pos] = 1.0
        if np.linalg.matrix_rank(np.vstack([ah, e])) == base:
            out.append(int(j))
    return out


# --------------------------------------------------------------------------- primary rules

@pytest.mark.parametrize("count,zeros,expected", [
    (0, False, True), (1, False, True), (4, False, True), (5, False, False),
    (6, False, False), (0, True, False), (4, True, True), (np.nan, False, False),
])
def test_frequency_rule_boundary(count, zeros, expected):
    rules = d.Rules(publish_zeros=zeros)
    assert bool(d.frequency_rule(np.array([count]), rules)[0]) is expected


@pytest.mark.parametrize("count,total,expected", [
    (15, 20, False),   # complement 5: published
    (16, 20, True),    # complement 4: hidden
    (20, 20, True),    # 100 %: group disclosure
    (0, 0, False),     # empty group
    (10, 20, False),
])
def test_complement_rule_boundary(count, total, expected):
    assert bool(d.complement_rule(np.array([count]), np.array([total]), R)[0]) is expected
    off = d.Rules(complement=False)
    assert not d.complement_rule(np.array([count]), np.array([total]), off)[0]


@pytest.mark.parametrize("residents,minimum,expected", [
    (49, 50, True), (50, 50, False), (249, 250, True), (250, 250, False), (0, 50, True),
])
def test_area_rule_boundary(residents, minimum, expected):
    assert bool(d.area_rule([residents], d.Rules(min_residents=minimum))[0]) is expected


@pytest.mark.parametrize("den,min_mean,expected", [
    (4, None, True), (5, None, False), (9, 10, True), (10, 10, False), (0, None, True),
])
def test_min_group_rule_boundary(den, min_mean, expected):
    rules = d.Rules(min_mean_count=min_mean)
    assert bool(d.min_group_rule([den], rules)[0]) is expected


@pytest.mark.parametrize("num,t1,t2,n,k,expected", [
    (100, 50, 10, 1, 50, False),   # exactly k %: not more than
    (100, 51, 10, 1, 50, True),
    (100, 50, 35, 2, 85, False),
    (100, 50, 36, 2, 85, True),
    (100, 90, 5, 1, 0, False),     # k = 0: off
    (-10, 5, 5, 1, 50, True),      # total <= 0 with contributions: cautious
])
def test_dominance_rule_boundary(num, t1, t2, n, k, expected):
    rules = d.Rules(dominance_n=n, dominance_k=k)
    assert bool(d.dominance_rule([num], [t1], [t2], rules)[0]) is expected


@pytest.mark.parametrize("num,t1,t2,p,expected", [
    (100, 50, 45, 10, False),      # rest 5 = 10 % of 50: not below
    (100, 50, 46, 10, True),       # rest 4 < 5
    (100, 50, 46, 0, False),       # off
])
def test_p_percent_rule_boundary(num, t1, t2, p, expected):
    assert bool(d.p_percent_rule([num], [t1], [t2], d.Rules(p_percent=p))[0]) is expected


@pytest.mark.parametrize("num,den,t1,expected", [
    (500.0, 5, 100.0, True),       # all five earn 100
    (-500.0, 5, 100.0, True),      # all five -100
    (499.0, 5, 100.0, False),
    (0.0, 7, 0.0, True),           # seven identical zeros
    (0.0, 2, 100.0, False),        # +100 and -100
])
def test_identical_values_rule(num, den, t1, expected):
    assert bool(d.identical_values_rule([num], [den], [t1], R)[0]) is expected
    assert not d.identical_values_rule([num], [den], [t1], d.Rules(identical_values=False))[0]


def test_rules_validation_and_presets():
    with pytest.raises(BoligsocialError):
        d.Rules(dominance_n=3)
    assert d.preset("DST").min_count == 3
    assert d.preset("frederiksberg").min_residents == 250
    assert d.preset("sok").min_residents == 50
    assert d.preset("aarhus").min_count == 5
    assert set(d.PRESETS) == set(d.preset_labels())
    with pytest.raises(BoligsocialError):
        d.preset("nowhere")


# --------------------------------------------------------------------------- audit engine

def _rel(n, rows):
    rel = d.Relations(n)
    for terms in rows:
        rel.add([c for c, _ in terms], [x for _, x in terms])
    return rel


def test_audit_detects_subtraction_leak():
    rows = [[(0, 1), (1, 1), (2, 1), (3, -1)]]          # a + b + c = total
    rel = _rel(4, rows)
    leak = d.audit(rel, np.array([True, False, False, False]))
    assert not leak.passed and leak.recoverable.tolist() == [0]
    ok = d.audit(rel, np.array([True, True, False, False]))
    assert ok.passed and ok.relations_checked == 1


def test_audit_detects_leak_needing_two_relations():
    # x + y = K1 and x + y + z = K2: every relation has two hidden cells, z still follows
    rows = [[(0, 1), (1, 1), (3, -1)], [(0, 1), (1, 1), (2, 1), (4, -1)]]
    rel = _rel(5, rows)
    hidden = np.array([True, True, True, False, False])
    res = d.audit(rel, hidden)
    assert res.recoverable.tolist() == [2] == recoverable_oracle(rows, 5, hidden, hidden)


def test_audit_two_by_two_table():
    # cells 0..3 interior (a11 a12 a21 a22), 4,5 row totals, 6,7 column totals
    rows = [[(0, 1), (1, 1), (4, -1)], [(2, 1), (3, 1), (5, -1)],
            [(0, 1), (2, 1), (6, -1)], [(1, 1), (3, 1), (7, -1)]]
    rel = _rel(8, rows)
    four = np.array([True] * 4 + [False] * 4)
    assert d.audit(rel, four).passed
    three = np.array([True, True, True, False] + [False] * 4)
    res = d.audit(rel, three)
    assert res.recoverable.tolist() == recoverable_oracle(rows, 8, three, three) == [0, 1, 2]
    # protected subset: only a11 must stay hidden
    prot = np.array([True] + [False] * 7)
    assert d.audit(rel, three, prot).recoverable.tolist() == [0]


def test_secondary_suppression_picks_smallest_category_not_total():
    rows = [[(0, 1), (1, 1), (2, 1), (3, -1)]]
    rel = _rel(4, rows)
    sup = d.secondary_suppression(rel, np.array([True, False, False, False]),
                                  priority=np.array([0, 0, 0, 1]),
                                  weight=np.array([3.0, 40.0, 57.0, 100.0]))
    assert sup.audit.passed
    assert sup.secondary.tolist() == [False, True, False, False]


def test_secondary_suppression_hides_total_when_unavoidable():
    rows = [[(0, 1), (1, -1)]]                        # single category = total
    sup = d.secondary_suppression(_rel(2, rows), np.array([True, False]),
                                  priority=np.array([0, 1]))
    assert sup.secondary.tolist() == [False, True]


def test_secondary_suppression_raises_when_unprotectable():
    # a cell forced by a relation of its own (x = known) cannot be protected
    rows = [[(0, 1)]]
    with pytest.raises(BoligsocialError):
        d.secondary_suppression(_rel(1, rows), np.array([True]))


def test_components_labels():
    lab = d.components(6, np.array([0, 2, 4]), np.array([1, 3, 3]))
    assert lab.tolist() == [0, 0, 2, 2, 2, 5]


# --------------------------------------------------------------------------- protect_table

def test_naive_primary_leaks_and_engine_adds_secondary():
    df = pd.DataFrame({"x": [3, 20], "y": [40, 30], "z": [57, 50], "tot": [100, 100]})
    out, rep = d.protect_table(df, ["x", "y", "z"], "tot")
    assert out["x_flag"].tolist() == ["P", ""]
    assert out["y_flag"].tolist() == ["S", ""]     # the smaller of y and z
    assert out["tot_flag"].tolist() == ["", ""]
    assert np.isnan(out.loc[0, "x"]) and np.isnan(out.loc[0, "y"]) and out.loc[0, "z"] == 57
    assert rep["audit"] == "passed" and rep["primary"] == 1 and rep["secondary"] == 1
    assert rep["rest_column"] is False


def test_non_exhaustive_categories_need_no_secondary():
    # the rest (total - x - y = 30) is unpublished, so x cannot be recovered
    df = pd.DataFrame({"x": [3], "y": [67], "tot": [100]})
    out, rep = d.protect_table(df, ["x", "y"], "tot")
    assert out["x_flag"].tolist() == ["P"] and out["y_flag"].tolist() == [""]
    assert rep["rest_column"] is True and rep["secondary"] == 0


def test_small_rest_is_protected():
    # rest = 2 is itself small: publishing x, y and the total would tell it
    df = pd.DataFrame({"x": [40], "y": [58], "tot": [100]})
    out, rep = d.protect_table(df, ["x", "y"], "tot", categories_exhaustive=False)
    assert out["x_flag"].tolist() == ["S"] and out["y_flag"].tolist() == [""]
    assert rep["audit"] == "passed"


def test_area_minimum_in_table():
    df = pd.DataFrame({"x": [20, 20], "y": [29, 30], "tot": [49, 50]})
    out, _ = d.protect_table(df, ["x", "y"], "tot")
    assert out["x_flag"].tolist() == ["A", ""] and out["tot_flag"].tolist() == ["", ""]
    assert out["tot"].tolist() == [49, 50]


def test_parent_group_sum_protected():
    df = pd.DataFrame({"p": ["K", "K", "K"], "x": [3, 20, 30], "y": [40, 30, 30],
                       "tot": [43, 50, 60]})
    out, rep = d.protect_table(df, ["x", "y"], "tot", parent_field="p",
                               rules=d.Rules(min_residents=0))
    assert out["x_flag"].tolist() == ["P", "S", ""]
    assert rep["audit"] == "passed"


def test_parent_rows_in_table():
    df = pd.DataFrame({"id": ["K", "a", "b"], "p": [None, "K", "K"], "x": [23, 3, 20],
                       "y": [70, 40, 30], "tot": [93, 43, 50]})
    out, rep = d.protect_table(df, ["x", "y"], "tot", parent_field="p", id_field="id",
                               rules=d.Rules(min_residents=0))
    assert out["x_flag"].tolist()[1] == "P"
    assert rep["audit"] == "passed"
    # a parent row present: a single child is allowed (its cells can hide the parent's)
    one = pd.DataFrame({"id": ["K", "a"], "p": [None, "K"], "x": [3, 3], "y": [40, 40],
                        "tot": [43, 43]})
    out1, rep1 = d.protect_table(one, ["x", "y"], "tot", parent_field="p", id_field="id",
                                 rules=d.Rules(min_residents=0))
    assert rep1["audit"] == "passed" and out1["x_flag"].tolist() == ["P", "P"]


def test_lonely_child_without_parent_row_is_an_error():
    df = pd.DataFrame({"p": ["K", "L", "L"], "x": [3, 20, 30], "tot": [50, 50, 60]})
    with pytest.raises(BoligsocialError):
        d.protect_table(df, ["x"], "tot", parent_field="p")


def test_missing_column_and_text_column_errors():
    df = pd.DataFrame({"x": ["a"], "tot": [3]})
    with pytest.raises(BoligsocialError):
        d.protect_table(df, ["nope"], "tot")
    with pytest.raises(BoligsocialError):
        d.protect_table(df, ["x"], "tot")


def _oracle_rows_for_table(df_in, counts, total, parent):
    """Relations of a protected table, built independently of the engine."""
    n, k = len(df_in), len(counts)
    rest = df_in[total].to_numpy(float) - df_in[counts].to_numpy(float).sum(axis=1)
    use_rest = not np.all(rest == 0)
    w = k + 1 + (1 if use_rest else 0)
    rows = []
    for i in range(n):
        rows.append([(i * w + j, 1.0) for j in range(k)] + [(i * w + k, -1.0)]
                    + ([(i * w + k + 1, 1.0)] if use_rest else []))
    if parent is not None:
        for g in pd.unique(df_in[parent]):
            members = np.nonzero(df_in[parent].to_numpy() == g)[0]
            for j in range(w):
                rows.append([(i * w + j, 1.0) for i in members])
    return rows, w, rest, use_rest


@st.composite
def tables(draw):
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, 3))
    counts = draw(st.lists(st.lists(st.integers(0, 25), min_size=k, max_size=k),
                           min_size=n, max_size=n))
    exhaustive = draw(st.booleans())
    extra = [0] * n if exhaustive else draw(st.lists(st.integers(0, 12), min_size=n,
                                                      max_size=n))
    df = pd.DataFrame(counts, columns=[f"c{j}" for j in range(k)])
    df["tot"] = df.sum(axis=1) + np.array(extra)
    with_parent = draw(st.booleans()) and n >= 2
    if with_parent:
        # every parent gets at least two children
        groups = sorted(draw(st.lists(st.integers(0, max(0, n // 2 - 1)), min_size=n,
                                      max_size=n)))
        groups = [g if sum(1 for x in groups if x == g) >= 2 else groups[0] for g in groups]
        if groups.count(groups[0]) < 2:
            groups = [0] * n
        df["par"] = [f"p{g}" for g in groups]
    min_count = draw(st.sampled_from([3, 5]))
    zeros = draw(st.booleans())
    return df, [f"c{j}" for j in range(k)], ("par" if with_parent else None), \
        d.Rules(min_count=min_count, min_residents=draw(st.sampled_from([0, 20])),
                publish_zeros=zeros)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_protect_table_properties(case):
    df, counts, parent, rules = case
    out, rep = d.protect_table(df, counts, "tot", parent_field=parent, rules=rules)
    assert rep["audit"] == "passed"
    tot = df["tot"].to_numpy(float)
    for c in counts:
        v = out[c].to_numpy(float)
        pub = ~np.isnan(v)
        assert (out[f"{c}_flag"].to_numpy() == "") .tolist() == pub.tolist()
        # no published count below the threshold; zeros only if allowed (or empty row)
        assert not np.any(pub & (v > 0) & (v < rules.min_count))
        if not rules.publish_zeros:
            assert not np.any(pub & (v == 0) & (tot > 0))
        # complement
        comp = tot - df[c].to_numpy(float)
        assert not np.any(pub & (tot > 0) & (comp > 0) & (comp < rules.min_count))
    # independent exact audit
    rows, w, rest, use_rest = _oracle_rows_for_table(df, counts, "tot", parent)
    n = len(df)
    hidden = np.zeros(n * w, bool)
    protect = np.zeros(n * w, bool)
    for i in range(n):
        for j, c in enumerate(counts + ["tot"]):
            hidden[i * w + j] = protect[i * w + j] = np.isnan(out[c].iloc[i])
        if use_rest:
            hidden[i * w + w - 1] = True
            protect[i * w + w - 1] = (0 < rest[i] < rules.min_count) or (
                rest[i] == 0 and tot[i] > 0 and not rules.publish_zeros)
    assert recoverable_oracle(rows, n * w, hidden, protect) == []
    # totals: hidden by secondary suppression only where every count of the row is hidden
    if parent is None:
        s_tot = out["tot_flag"].to_numpy() == "S"
        all_hidden = np.all([np.isnan(out[c].to_numpy(float)) for c in counts], axis=0)
        assert not np.any(s_tot & ~all_hidden)
    # rerun: same result
    out2, _ = d.protect_table(df, counts, "tot", parent_field=parent, rules=rules)
    pd.testing.assert_frame_equal(out, out2)


# --------------------------------------------------------------------------- rounding

def test_keyed_round_is_deterministic_and_on_the_grid():
    v = np.arange(0, 60, dtype=float)
    keys = [f"area|col|{x}" for x in v]
    a = d.keyed_round(v, 5, "secret", keys)
    b = d.keyed_round(v, 5, "secret", keys)
    assert np.array_equal(a, b)
    assert np.all(a % 5 == 0) and np.all(np.abs(a - v) < 5)
    assert np.array_equal(a[v % 5 == 0], v[v % 5 == 0])
    other = d.keyed_round(v, 5, "another key", keys)
    assert not np.array_equal(a, other)        # 48 non-multiples: practically certain


def test_keyed_round_respects_min_count_and_nan():
    v = np.array([5.0, 6.0, 7.0, np.nan])
    r = d.keyed_round(v, 3, b"k", ["a", "b", "c", "d"], min_count=5)
    assert r[:3].tolist() == [6.0, 6.0, 9.0] or np.all(r[:3] >= 5)
    assert np.all(r[:3] >= 5) and np.isnan(r[3])
    with pytest.raises(BoligsocialError):
        d.keyed_round(v, 3, "", ["a", "b", "c", "d"])


def test_person_cell_key_ignores_order():
    assert d.person_cell_key(["b", "a", "a"]) == d.person_cell_key(["a", "b"])
    assert d.person_cell_key(["a"]) != d.person_cell_key(["a", "b"])


def test_protect_table_rounding():
    df = pd.DataFrame({"x": [12, 23], "y": [41, 30], "tot": [53, 53]})
    out, rep = d.protect_table(df, ["x", "y"], "tot", round_base=5, round_key="k")
    for c in ("x", "y", "tot"):
        assert np.all(out[c].to_numpy() % 5 == 0)
    out2, _ = d.protect_table(df, ["x", "y"], "tot", round_base=5, round_key="k")
    pd.testing.assert_frame_equal(out, out2)
    assert rep["rounding"]["base"] == 5


# --------------------------------------------------------------------------- indicators

def _extract(n_areas=40, n=6000, seed=1):
    rng = np.random.default_rng(seed)
    w = rng.pareto(1.0, n_areas) + 0.02
    area = rng.choice(n_areas, n, p=w / w.sum())
    df = pd.DataFrame({
        "ref_date": np.where(rng.random(n) < 0.5, "2023-01-01", "2024-01-01"),
        "age": rng.integers(0, 95, n),
        "nonwestern": (rng.random(n) < 0.2).astype(int),
        "outside_fte": np.where(rng.random(n) < 0.2, rng.random(n), 0.0),
        "convicted": (rng.random(n) < 0.03).astype(int),
        "basic_edu": (rng.random(n) < 0.3).astype(float),
        "gross_income": rng.lognormal(12, 0.6, n),
        "student": (rng.random(n) < 0.1).astype(int),
        "taxpayer": 1,
        "single_parent": (rng.random(n) < 0.05).astype(int),
    })
    return df, area


def test_builtin_relation_templates():
    inds = builtin_indicators()
    names = ["residents"] + [f"{i.code}_{x}" for i in inds for x in ("num", "den")]
    got = {" ".join(sorted(f"{c:+g}{names[k]}" for k, c in t))
           for t in d.indicator_relation_templates(inds)}
    expected = {
        "+1nonwestern_den -1residents", "+1age_0_17_den -1residents",
        "+1age_18_64_den -1residents", "+1age_65plus_den -1residents",
        "+1single_parent_den -1residents",
        "+1age_18_64_num -1outside_labour_den",
        "+1age_18_64_num +1age_65plus_num -1convicted_den",
        "+1age_0_17_num +1age_18_64_num +1age_65plus_num -1residents",
    }
    assert got == expected


def test_relation_templates_hold_on_raw_table():
    inds = builtin_indicators()
    df, area = _extract()
    raw = aggregate(df, area, 40, inds)
    cols = ["residents"] + [f"{i.code}_{x}" for i in inds for x in ("num", "den")]
    m = raw[cols].to_numpy(float)
    for t in d.indicator_relation_templates(inds):
        s = sum(c * m[:, k] for k, c in t)
        assert np.allclose(s, 0)


@pytest.mark.parametrize("rules", [d.Rules(), d.Rules(min_count=3, min_residents=0),
                                   d.Rules(min_residents=250, publish_zeros=True)])
def test_protect_indicators_passes_independent_audit(rules):
    inds = builtin_indicators()
    df, area = _extract()
    raw = aggregate(df, area, 40, inds)
    out, rep = d.protect_indicators_audited(raw, inds, rules)
    assert rep["audit"] == "passed"
    templates = d.indicator_relation_templates(inds)
    w = 1 + 2 * len(inds)
    for i in range(len(out)):
        hidden = np.zeros(w, bool)
        protect = np.zeros(w, bool)
        hidden[0] = protect[0] = np.isnan(out["residents"].iloc[i])
        for k, ind in enumerate(inds):
            f = out[f"{ind.code}_flag"].iloc[i]
            hid = f != ""
            assert np.isnan(out[f"{ind.code}_num"].iloc[i]) == hid
            assert np.isnan(out[f"{ind.code}_den"].iloc[i]) == hid
            if hid:
                assert np.isnan(out[f"{ind.code}_val"].iloc[i])
            hidden[1 + 2 * k] = hidden[2 + 2 * k] = hid
            protect[1 + 2 * k] = hid
        assert recoverable_oracle(templates, w, hidden, protect) == []
    # the function keeps its old signature and result
    pd.testing.assert_frame_equal(d.protect_indicators(raw, inds, rules), out)


def test_protect_indicators_secondary_on_age_bands():
    inds = builtin_indicators()
    # one area, 200 residents, 3 children: age_0_17 is P and would follow by subtraction
    age = np.r_[np.full(3, 10), np.full(150, 40), np.full(47, 70)]
    n = len(age)
    df = pd.DataFrame({"ref_date": "2024-01-01", "age": age, "nonwestern": np.r_[np.ones(20),
                       np.zeros(n - 20)], "outside_fte": 0.0, "convicted": 0,
                       "basic_edu": 0.0, "gross_income": 1000.0 + np.arange(n),
                       "student": 0, "taxpayer": 1, "single_parent": 0})
    raw = aggregate(df, np.zeros(n, dtype=int), 1, inds)
    out, rep = d.protect_indicators_audited(raw, inds, d.Rules())
    assert out["age_0_17_flag"].iloc[0] == "P"
    assert rep["secondary"] >= 1 and rep["audit"] == "passed"
    assert out["residents"].iloc[0] == 200          # the total stays published
    a, b, c = (out[f"age_{x}_num"].iloc[0] for x in ("0_17", "18_64", "65plus"))
    assert np.isnan(a) and (np.isnan(b) or np.isnan(c))


def test_primary_flags_share_boundary_and_mean_rules():
    inds = [i for i in builtin_indicators() if i.code in ("convicted", "income")]
    rows = []
    for k, (conv, inc) in enumerate([(5, None), (4, None), (0, None), (5, "same")]):
        for p in range(60):
            rows.append({"area": k, "ref_date": "2024-01-01", "age": 30,
                         "convicted": int(p < conv), "student": 0, "taxpayer": 1,
                         "gross_income": 100.0 if inc == "same" else 100.0 + p})
    df = pd.DataFrame(rows)
    raw = aggregate(df, df["area"].to_numpy(), 4, inds)
    f = d.primary_flags(raw, inds, d.Rules())
    assert f["convicted"].tolist() == ["", "P", "P", ""]
    assert f["income"].tolist() == ["", "", "", "P"]     # identical incomes
    f0 = d.primary_flags(raw, inds, d.Rules(publish_zeros=True))
    assert f0["convicted"].tolist() == ["", "P", "", ""]
    fa = d.primary_flags(raw, inds, d.Rules(min_residents=61))
    assert fa["convicted"].tolist() == ["A"] * 4


def test_proof_shortcut_never_rules_out_a_cell_the_rank_test_accepts():
    """secondary_suppression skips a candidate when the combination that computes j survives
    hiding it (engine._Proof); that must never skip one that _protects would accept, and it
    must settle most candidates (else the shortcut is dead code)."""
    from boligsocial_plugin.core.discretion import engine

    rng = np.random.default_rng(11)
    settled = tried = accepted = 0
    for _ in range(300):
        n = int(rng.integers(6, 16))
        rel = d.Relations(n)
        for _r in range(int(rng.integers(3, 10))):
            k = int(rng.integers(2, 5))
            cells = rng.choice(n, size=k, replace=False)
            rel.add(cells, rng.choice([-1.0, 1.0, 2.0], size=k))
        hidden = rng.random(n) < 0.4
        res = d.audit(rel, hidden)
        if res.passed:
            continue
        indptr, cells, coefs = rel.csr()
        nrel = len(indptr) - 1
        rel_of = np.repeat(np.arange(nrel), np.diff(indptr))
        corder = np.argsort(cells, kind="stable")
        cptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(cells, minlength=n), out=cptr[1:])
        crel = rel_of[corder]
        for j in res.recoverable:
            members = np.nonzero(hidden & (res.labels == res.labels[j]))[0]
            proof = engine._Proof(int(j), members, indptr, cells, coefs, hidden, crel, cptr)
            for c in np.nonzero(~hidden)[0]:
                for new in ([c], [c, (c + 1) % n]):
                    tried += 1
                    ok = engine._protects(int(j), new, members, indptr, cells, coefs, hidden,
                                          crel, cptr)
                    accepted += ok
                    if proof.still_determined(new):
                        settled += 1
                        assert not ok, (j, new)
    assert tried > 1000 and accepted > 50
    assert settled > tried // 3


def test_audit_from_a_previous_audit_solves_only_changed_blocks_and_agrees():
    rng = np.random.default_rng(5)
    reused = 0
    for _ in range(60):
        n = int(rng.integers(20, 60))
        rel = d.Relations(n)
        for _r in range(int(rng.integers(8, 30))):
            k = int(rng.integers(2, 5))
            rel.add(rng.choice(n, size=k, replace=False), rng.choice([-1.0, 1.0], size=k))
        hidden = rng.random(n) < 0.2
        protect = rng.random(n) < 0.8
        prev = d.audit(rel, hidden, protect)
        for _step in range(3):
            more = hidden | (rng.random(n) < 0.05)
            fresh = d.audit(rel, more, protect)
            again = d.audit(rel, more, protect, None, (hidden, prev.recoverable_mask()))
            assert np.array_equal(fresh.recoverable, again.recoverable)
            reused += int((hidden & prev.recoverable_mask() & ~np.isin(
                fresh.labels, fresh.labels[more & ~hidden])).sum())
            hidden, prev = more, fresh
    assert reused > 20  # blocks without a new hidden cell kept their answer
