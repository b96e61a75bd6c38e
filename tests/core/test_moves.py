# SPDX-License-Identifier: GPL-2.0-or-later
"""Moves between areas on designed data with known truth: counts, flows, profiles, protection.

The designed municipality has four square areas. Who lives where on both dates is written
down below, so every count, flow and profile has a known true value. The protection tests
play an attacker who knows every published figure, the list of flows, the indicator layer of
both dates and every relation between them, and solves linear programmes for each hidden
figure (an attacker written here, independently of core.discretion.moves).
"""
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.discretion.moves import protect_moves
from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.indicators import aggregate, builtin_indicators
from boligsocial_plugin.core.moves import analyse, choose_dates, parse_id_list
from boligsocial_plugin.core.personkeys import keys_from_strings

D0, D1 = "2024-01-01", "2025-01-01"
PROFILE = [i for i in builtin_indicators()
           if i.code in ("outside_labour", "nonwestern", "basic_edu", "income")]
SQUARES = {"A": (0, 0), "B": (1, 0), "C": (0, 1), "D": (1, 1)}
IDS = list(SQUARES)


def ring(a):
    x0, y0 = SQUARES[a]
    return [np.array([[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]],
                     float) * 1000.0]


RINGS = [ring(a) for a in IDS]

# (origin at D0, destination at D1, persons): None = not in the extract, "X" = outside every
# area (a location beyond the squares), "-" = in the extract without location
DESIGN = [
    ("A", "A", 60), ("A", "B", 12), ("A", "C", 7), ("A", "D", 3), ("A", None, 6),
    ("B", "B", 80), ("B", "A", 8), ("C", "C", 50), ("D", "D", 55), ("D", "A", 2),
    (None, "A", 10), (None, "B", 9), (None, "C", 3), ("X", "A", 4), ("C", "X", 2),
    ("B", "-", 1),
]


# the same municipality three times as big, with a few small flows left
BIG = [(o, d, n if (o, d) in (("A", "D"), ("D", "A"), ("C", "X"), ("B", "-")) else 3 * n)
       for o, d, n in DESIGN] + [("B", "C", 6), ("C", "B", 9), ("D", "B", 1)]


def place(area, rng, n):
    if area == "X":
        return np.full(n, 5000.0) + rng.uniform(0, 100, n), np.full(n, 5000.0)
    if area == "-":
        return np.full(n, np.nan), np.full(n, np.nan)
    x0, y0 = SQUARES[area]
    return (x0 + rng.uniform(0.05, 0.95, n)) * 1000, (y0 + rng.uniform(0.05, 0.95, n)) * 1000


def designed(seed=0, design=DESIGN):
    """Person rows of both dates; attributes from the person's group (known truth)."""
    rng = np.random.default_rng(seed)
    rows = []
    pid = 0
    for origin, dest, n in design:
        ids = ["P{:05d}".format(pid + k) for k in range(n)]
        pid += n
        age = rng.integers(20, 60, n)
        # movers out of A are better off; arrivals to A worse off (an elevator)
        out_a = origin == "A" and dest != "A"
        into_a = dest == "A" and origin != "A"
        p_out = 0.1 if out_a else (0.7 if into_a else 0.3)
        fte = np.where(rng.random(n) < p_out, 1.0, 0.0)
        nonw = (rng.random(n) < (0.6 if into_a else 0.3)).astype(float)
        basic = (rng.random(n) < 0.4).astype(float)
        income = rng.integers(150000, 500000, n).astype(float)
        for date, area, shift in ((D0, origin, 0), (D1, dest, 1)):
            if area is None:
                continue
            x, y = place(area, rng, n)
            rows.append(pd.DataFrame({
                "pid": ids, "ref_date": date, "age": (age + shift).astype(float),
                "nonwestern": nonw, "outside_fte": fte, "basic_edu": basic,
                "gross_income": income, "student": 0.0, "taxpayer": 1.0, "x": x, "y": y,
                "truth_area": area}))
    df = pd.concat(rows, ignore_index=True)
    df["person_key"] = keys_from_strings(df["pid"].tolist())
    return df


def run(df, **kw):
    return analyse(df, df["x"].to_numpy(), df["y"].to_numpy(), RINGS, IDS, PROFILE, **kw)


def truth_counts(design=DESIGN):
    t = {a: dict.fromkeys(("residents_from", "residents_to", "stayers", "in_movers",
                           "out_movers", "in_from_outside", "out_to_outside"), 0)
         for a in IDS}
    for o, d, n in design:
        if o in IDS:
            t[o]["residents_from"] += n
        if d in IDS:
            t[d]["residents_to"] += n
        if o in IDS and o == d:
            t[o]["stayers"] += n
            continue
        if o in IDS:
            t[o]["out_movers" if d in IDS else "out_to_outside"] += n
        if d in IDS:
            t[d]["in_movers" if o in IDS else "in_from_outside"] += n
    return t


# --------------------------------------------------------------------------- the figures

def test_counts_and_flows_equal_the_design():
    md = run(designed())
    truth = truth_counts()
    c = md.counts.set_index(pd.Index(IDS))
    for a in IDS:
        for k, v in truth[a].items():
            assert c.loc[a, k] == v, (a, k)
        assert c.loc[a, "turnover"] == sum(truth[a][k] for k in (
            "in_movers", "out_movers", "in_from_outside", "out_to_outside"))
    flows = {(IDS[o], IDS[d]): p for o, d, p in md.flows[["origin", "dest", "persons"]]
             .itertuples(index=False)}
    assert flows == {("A", "B"): 12, ("A", "C"): 7, ("A", "D"): 3, ("B", "A"): 8,
                     ("D", "A"): 2}
    s = md.stats
    assert (s.from_date, s.to_date) == (D0, D1)
    assert s.outside_from == 4 and s.outside_to == 2
    assert s.no_location_to == 1 and s.no_location_from == 0
    assert s.only_from == 6 and s.only_to == 22
    # nothing dropped: every row is in an area, outside, or without location
    assert s.in_area_from + s.outside_from + s.no_location_from == s.rows_from
    assert s.in_area_to + s.outside_to + s.no_location_to == s.rows_to


def test_profiles_of_arrivals_leavers_and_stayers_equal_the_groups():
    df = designed()
    md = run(df)
    keys0 = set(df.loc[df.ref_date == D0, "pid"])
    keys1 = set(df.loc[df.ref_date == D1, "pid"])
    where0 = df[df.ref_date == D0].set_index("pid")["truth_area"]
    where1 = df[df.ref_date == D1].set_index("pid")["truth_area"]
    stay = {p for p in keys0 & keys1 if where0[p] == "A" and where1[p] == "A"}
    came = {p for p in keys1 if where1[p] == "A" and (p not in keys0 or where0[p] != "A")}
    left = {p for p in keys0 if where0[p] == "A" and (p not in keys1 or where1[p] != "A")}
    for group, date, table, kind in ((stay, D1, md.groups_to, 1), (came, D1, md.groups_to, 2),
                                     (left, D0, md.groups_from, 2)):
        sub = df[(df.ref_date == date) & df.pid.isin(group)]
        row = table[(table.area_idx == 0) & (table.kind == kind)].iloc[0]
        assert row["residents"] == len(group)
        assert row["outside_labour_num"] == pytest.approx(sub["outside_fte"].sum())
        assert row["nonwestern_num"] == sub["nonwestern"].sum()
        assert row["income_num"] == pytest.approx(sub["gross_income"].sum())


def test_published_exact_values_and_the_elevator():
    md = run(designed())
    rel = protect_moves(md, Rules(min_count=5, min_residents=20), perturbation=OFF)
    t = rel.areas.set_index(pd.Index(IDS))
    truth = truth_counts()
    for a in IDS:
        for k, v in truth[a].items():
            if not np.isnan(t.loc[a, k]):
                assert t.loc[a, k] == v, (a, k)
    assert t.loc["A", "residents_from"] == 88 and t.loc["A", "residents_to"] == 84
    assert t.loc["A", "net"] == -4
    fl = rel.flows.set_index(["origin", "dest"])
    assert np.isnan(fl.loc[(0, 1), "persons"]) or fl.loc[(0, 1), "persons"] == 12  # A -> B
    assert np.isnan(fl.loc[(0, 3), "persons"]) and fl.loc[(0, 3), "flag"] == "P"
    # elevator in A: who came is more often outside the labour market than who left
    if t.loc["A", "outside_labour_in_flag"] == "" and t.loc["A", "outside_labour_out_flag"] == "":
        assert t.loc["A", "outside_labour_in"] > t.loc["A", "outside_labour_out"]


def test_default_dates_are_the_two_latest_and_bad_dates_are_named():
    assert choose_dates(["2021-01-01", "2022-01-01", "2023-01-01"]) == ("2022-01-01",
                                                                        "2023-01-01")
    assert choose_dates(["2021-01-01", "2022-01-01", "2023-01-01"],
                        from_date="2021-01-01") == ("2021-01-01", "2023-01-01")
    with pytest.raises(BoligsocialError, match="2020-01-01"):
        choose_dates(["2021-01-01", "2022-01-01"], from_date="2020-01-01")
    with pytest.raises(BoligsocialError, match="two reference dates"):
        choose_dates(["2021-01-01"])
    with pytest.raises(BoligsocialError, match="before"):
        choose_dates(["2021-01-01", "2022-01-01"], "2022-01-01", "2021-01-01")
    assert parse_id_list(" A1; A2,,A3 ") == ["A1", "A2", "A3"]


def test_a_person_twice_on_a_date_is_refused_with_the_rows():
    df = designed()
    dup = df[df.ref_date == D1].iloc[:2].copy()
    df = pd.concat([df, dup], ignore_index=True)
    with pytest.raises(BoligsocialError, match="2 rows repeat a person key"):
        run(df)
    # on a date not analysed it is reported, not refused
    old = designed().assign(ref_date="2023-01-01").iloc[:5]
    df2 = pd.concat([designed(), old, old.iloc[:1]], ignore_index=True)
    md = run(df2)
    assert md.stats.duplicates_elsewhere == 1


def test_changed_person_keys_are_reported():
    df = designed()
    at1 = df.ref_date == D1
    stayers_a = df.index[at1 & (df.truth_area == "A")][:5]
    # five stayers get a new key at D1 but keep sex, origin, age and address
    df.loc[stayers_a, "pid"] = df.loc[stayers_a, "pid"] + "_new"
    df["person_key"] = keys_from_strings(df["pid"].tolist())
    before = df[(df.ref_date == D0) & df.pid.isin(df.loc[stayers_a, "pid"].str[:-4])]
    df.loc[stayers_a, ["x", "y"]] = before[["x", "y"]].to_numpy()
    md = run(df)
    assert md.stats.key_changes == 5
    assert any("changed person key" in w for w in md.stats.warnings())
    c = md.counts.set_index(pd.Index(IDS))
    assert c.loc["A", "stayers"] == 55  # counted as left and came, not dropped


# --------------------------------------------------------------------------- the attacker

def indicator_layer(df, rules):
    """What computeindicators publishes for both dates (exact values): {(date, area): row}."""
    from boligsocial_plugin.core.pipeline import Publication, join_persons, protect_run

    out = {}
    for date in (D0, D1):
        sub = df[df.ref_date == date].reset_index(drop=True)
        j = join_persons(sub, sub["x"].to_numpy(), sub["y"].to_numpy(), RINGS, IDS)
        raw = aggregate(j.data, j.area, len(IDS), PROFILE)
        pub = protect_run(raw, j, PROFILE, IDS, Publication(rules), with_totals=False).published
        for _, r in pub.iterrows():
            out[(date, int(r["area_idx"]))] = r
    return out


class Attacker:
    """Unknowns, known values and linear relations, solved with one LP per unknown."""

    def __init__(self):
        self.truth = {}
        self.known = {}
        self.eqs = []      # ({name: coef}, rhs)
        self.leq = []      # (a, b): a <= b

    def var(self, name, value, published=None):
        self.truth[name] = float(value)
        if published is not None and not pd.isna(published):
            self.known[name] = float(published)
        return name

    def eq(self, terms):
        self.eqs.append((terms, 0.0))

    def _rows(self, items, pos):
        a, b = [], []
        for e, rhs in items:
            row = np.zeros(len(pos))
            r = rhs
            for v, coef in e.items():
                if v in pos:
                    row[pos[v]] += coef
                else:
                    r -= coef * self.known[v]
            if np.any(row):
                a.append(row)
                b.append(r)
        return a, b

    def intervals(self):
        free = [v for v in self.truth if v not in self.known]
        pos = {v: k for k, v in enumerate(free)}
        a_eq, b_eq = self._rows(self.eqs, pos)
        a_ub, b_ub = self._rows([({a: 1.0, b: -1.0}, 0.0) for a, b in self.leq], pos)
        bounds = [(None if v[0] == "income" and v[1] == "num" else 0, None) for v in free]
        kw = dict(A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=bounds, method="highs")
        if a_ub:
            kw.update(A_ub=np.array(a_ub), b_ub=np.array(b_ub))
        out = {}
        for v in free:
            cvec = np.zeros(len(free))
            cvec[pos[v]] = 1
            lo = linprog(cvec, **kw)
            hi = linprog(-cvec, **kw)
            out[v] = (lo.x[pos[v]] if lo.status == 0 else -np.inf,
                      hi.x[pos[v]] if hi.status == 0 else np.inf, self.truth[v])
        return out


def _attack_counts(att, rel, md):
    """Counts and flows: definitions of each count and the two margins of the flows."""
    c, t = md.counts, rel.areas
    for a in range(len(IDS)):
        for k in ("residents_from", "residents_to", "stayers", "in_movers", "out_movers",
                  "in_from_outside", "out_to_outside", "turnover"):
            att.var((k, a), c.loc[a, k], t.loc[a, k])
        s, i, o, io, oo = (("stayers", a), ("in_movers", a), ("out_movers", a),
                           ("in_from_outside", a), ("out_to_outside", a))
        att.eq({("residents_from", a): 1, s: -1, o: -1, oo: -1})
        att.eq({("residents_to", a): 1, s: -1, i: -1, io: -1})
        att.eq({("turnover", a): 1, i: -1, io: -1, o: -1, oo: -1})
    out_terms = {a: {("out_movers", a): 1} for a in range(len(IDS))}
    in_terms = {a: {("in_movers", a): 1} for a in range(len(IDS))}
    for (o, d, p), pub in zip(md.flows[["origin", "dest", "persons"]].itertuples(index=False),
                              rel.flows["persons"]):
        v = att.var(("flow", o, d), p, pub)
        out_terms[o][v] = -1
        in_terms[d][v] = -1
    for e in list(out_terms.values()) + list(in_terms.values()):
        att.eq(e)


def _attack_profiles(att, rel, md, layer):
    """Profiles: all(TO) = stayers + arrivals, all(FROM) = stayers then + leavers."""
    gt, gf, t = md.groups_to, md.groups_from, rel.areas
    for a in range(len(IDS)):
        rows = {"in": (gt, 2), "stay": (gt, 1), "allT": (gt, 0), "out": (gf, 2),
                "stayF": (gf, 1), "allF": (gf, 0)}
        rows = {g: tb[(tb.area_idx == a) & (tb.kind == k)].iloc[0] for g, (tb, k) in
                rows.items()}
        for ind in PROFILE:
            for part in ("num", "den"):
                for g, r in rows.items():
                    pub = None
                    if g in ("allT", "allF") and layer is not None:
                        pub = layer[(D1 if g == "allT" else D0, a)][f"{ind.code}_{part}"]
                    if g in ("in", "out", "stay") and t.loc[a, f"{ind.code}_{g}_flag"] == "":
                        pub = r[f"{ind.code}_{part}"]  # cautious: the value gives num and den
                    att.var((ind.code, part, g, a), r[f"{ind.code}_{part}"], pub)
                key = (ind.code, part)
                att.eq({key + ("allT", a): 1, key + ("stay", a): -1, key + ("in", a): -1})
                att.eq({key + ("allF", a): 1, key + ("stayF", a): -1, key + ("out", a): -1})
                if att.truth[key + ("stay", a)] == att.truth[key + ("stayF", a)]:
                    att.eq({key + ("stay", a): 1, key + ("stayF", a): -1})
            if ind.kind == "share":
                for g in rows:
                    att.leq.append(((ind.code, "num", g, a), (ind.code, "den", g, a)))
        # a share of all residents: its denominators are the group sizes
        den = ("nonwestern", "den")
        for g, cnt in (("stay", "stayers"), ("stayF", "stayers"), ("allT", "residents_to"),
                       ("allF", "residents_from")):
            att.eq({den + (g, a): 1, (cnt, a): -1})
        att.eq({den + ("in", a): 1, ("in_movers", a): -1, ("in_from_outside", a): -1})
        att.eq({den + ("out", a): 1, ("out_movers", a): -1, ("out_to_outside", a): -1})


def _attack_sums(att, rel, md, focus, groups):
    """From the focus areas into each area, the focus totals, and flows between groups."""
    fl = md.flows
    t = rel.areas
    if focus is not None:
        w = {}
        for (o, d, _p) in fl[["origin", "dest", "persons"]].itertuples(index=False):
            if focus[o]:
                w.setdefault(d, {})[("flow", o, d)] = -1
        for d, terms in w.items():
            v = att.var(("from_focus", d), -sum(att.truth[k] * c for k, c in terms.items()),
                        t.loc[d, "from_focus"])
            att.eq({v: 1, **terms})
        fa = [a for a in range(len(IDS)) if focus[a]]
        for name, terms in (("residents_from", [("residents_from", a) for a in fa]),
                            ("stayers", [("stayers", a) for a in fa]),
                            ("out_movers", [("out_movers", a) for a in fa]),
                            ("out_to_outside", [("out_to_outside", a) for a in fa])):
            v = att.var(("focus", name), sum(att.truth[k] for k in terms), rel.focus[name][0])
            att.eq({v: 1, **{k: -1 for k in terms}})
    if groups is not None:
        blocks = {}
        for (o, d) in zip(fl["origin"], fl["dest"]):
            blocks.setdefault((groups[o], groups[d]), {})[("flow", o, d)] = -1
        pub = rel.groups.set_index(["from_group", "to_group"])["persons"]
        for key, terms in blocks.items():
            v = att.var(("group",) + key, -sum(att.truth[k] * c for k, c in terms.items()),
                        pub[key])
            att.eq({v: 1, **terms})


def attacker_intervals(rel, md, rules, layer=None, focus=None, groups=None):
    """Min and max of every hidden figure given everything published (an LP per figure).

    Unknowns: every count and flow not published, and per area and indicator the numerators
    and denominators of arrivals, leavers, stayers at both dates. Known: published counts and
    flows, the list of flows, every published profile value as its numerator and denominator
    (cautious), and what the indicator layer of both dates publishes (``layer``).
    """
    att = Attacker()
    _attack_counts(att, rel, md)
    _attack_sums(att, rel, md, focus, groups)
    _attack_profiles(att, rel, md, layer)
    return att.intervals()


def _sensitive(name, value, rules):
    """Whether the rules hide this figure for its own sake (small count, or a small group)."""
    return 0 < abs(value) < rules.min_count and name[0] not in ("income",)


FOCUS_A = np.array([True, False, False, False])
GROUPS = ["almen", "privat", "almen", "ejer"]


@pytest.mark.parametrize("seed, base, sums", [
    (0, DESIGN, False), (1, DESIGN, False), (2, DESIGN, True), (3, BIG, False),
    (4, BIG, True), (None, BIG, False), (None, BIG, True)])
def test_no_hidden_figure_comes_back_from_the_published_ones(seed, base, sums):
    rng = np.random.default_rng(seed)
    design = base if seed is None else [(o, d, max(1, int(n * rng.uniform(0.5, 1.5))))
                                        for o, d, n in base]
    df = designed(seed or 0, design)
    md = run(df)
    rules = Rules(min_count=5, min_residents=20)
    focus, groups = (FOCUS_A, GROUPS) if sums else (None, None)
    rel = protect_moves(md, rules, perturbation=OFF, focus=focus, group_of=groups)
    iv = attacker_intervals(rel, md, rules, indicator_layer(df, rules), focus, groups)
    for v, (lo, hi, true) in iv.items():
        if v[0] in ("arrivals", "leavers") or v[2:3] in (("allT",), ("allF",), ("stayF",)):
            continue
        if v[0] in ("in_movers", "out_movers") and true == 0:
            continue  # no flow listed: the list itself shows 0 (a small area hides it anyway)
        if len(v) == 4 and v[1] == "den" and true >= rules.min_count:
            continue  # a population size (e.g. the group's size) is sensitive only when small
        assert hi - lo >= 1 - 1e-6, (v, lo, hi, true)           # nothing pinned
        if _sensitive(v, true, rules) and v[0] != "flow" or (v[0] == "flow" and true < 5):
            assert hi - lo >= rules.min_count - 1e-6, (v, lo, hi, true)
    if seed is None and sums:  # not vacuous: the sums are published where they can be
        assert rel.groups["persons"].notna().sum() + (rel.areas["from_focus_flag"] == "").sum()
    elif seed is None:  # the test is not vacuous: figures of each kind are published
        assert rel.flows["persons"].notna().sum() >= 1
        assert rel.areas["stayers"].notna().sum() >= 1
        assert rel.report["profile_published"] >= 3


def test_no_published_count_is_below_the_threshold_with_perturbation():
    md = run(designed())
    rules = Rules(min_count=5, min_residents=20)
    rel = protect_moves(md, rules, perturbation=Perturbation())
    counts = ["residents_from", "residents_to", "stayers", "in_movers", "out_movers",
              "in_from_outside", "out_to_outside", "turnover"]
    v = rel.areas[counts].to_numpy(dtype=float)
    v = v[~np.isnan(v)]
    assert ((v == 0) | (v >= 5)).all()
    f = rel.flows["persons"].to_numpy(dtype=float)
    f = f[~np.isnan(f)]
    assert (f >= 5).all()
    assert rel.report["perturbation"].startswith("cell-key")


def test_residents_equal_the_indicator_layer_of_the_same_dates():
    """Differencing against computeindicators: the same persons give the same published
    residents (same cell key, same noise), so the two outputs add nothing to each other."""
    from boligsocial_plugin.core.pipeline import Publication, join_persons, protect_run

    df = designed()
    md = run(df)
    rules = Rules(min_count=5, min_residents=20)
    rel = protect_moves(md, rules, perturbation=Perturbation())
    for date, col in ((D0, "residents_from"), (D1, "residents_to")):
        sub = df[df.ref_date == date].reset_index(drop=True)
        j = join_persons(sub, sub["x"].to_numpy(), sub["y"].to_numpy(), RINGS, IDS)
        raw = aggregate(j.data, j.area, len(IDS), PROFILE)
        pub = protect_run(raw, j, PROFILE, IDS, Publication(rules, Perturbation()),
                          with_totals=False).published
        np.testing.assert_array_equal(pub["residents"].to_numpy(),
                                      rel.areas[col].to_numpy())


def test_focus_areas_and_groups():
    md = run(designed(0, BIG))
    rules = Rules(min_count=5, min_residents=20)
    focus = np.array([True, False, False, False])
    rel = protect_moves(md, rules, perturbation=OFF, focus=focus,
                        group_of=["almen", "privat", "almen", "ejer"])
    t = rel.areas.set_index(pd.Index(IDS))
    # from A: 36 to B (of B's 36 + 9 + 1 in-movers), 21 to C, 3 to D
    exact = {"B": (36, 36 + 9 + 1), "C": (21, 21 + 6), "D": (3, 3)}
    for a, (w, inm) in exact.items():
        if t.loc[a, "from_focus_flag"] == "":
            assert t.loc[a, "from_focus"] == w
            if t.loc[a, "in_movers_flag"] == "":
                assert t.loc[a, "from_focus_pct"] == pytest.approx(100.0 * w / inm)
    assert t.loc["D", "from_focus_flag"] == "P"
    assert t["from_focus_flag"].eq("").sum() >= 1
    assert rel.flows.loc[rel.flows.origin == 0, "focus_origin"].all()
    assert not rel.flows.loc[rel.flows.origin != 0, "focus_origin"].any()
    assert rel.focus["residents_from"] == (3 * 88 - 3 * 3 + 3 + 0.0, "")
    # A and C almen, B privat, D ejer: A->B 36 and C->B 9 are almen -> privat, ...
    truth = {("almen", "privat"): 36 + 9, ("almen", "almen"): 21,
             ("privat", "almen"): 24 + 6, ("almen", "ejer"): 3, ("ejer", "almen"): 2,
             ("ejer", "privat"): 1}
    g = rel.groups.set_index(["from_group", "to_group"])
    assert set(g.index) == {("almen", "privat"), ("almen", "almen"), ("privat", "almen"),
                            ("almen", "ejer"), ("ejer", "almen"), ("ejer", "privat")}
    for k, v in g["persons"].items():
        if not np.isnan(v):
            assert v == truth[k], k
    assert g["persons"].notna().sum() >= 1
