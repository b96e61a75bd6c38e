# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team (round 4): derived outputs of yearly extracts through ONE release register.

The attacker sees only published layers. Data: tests.helpers.persons_frame (seed 777, default
rates), a newcomer's block H (120 persons) and K = 8 blocks B_k (60 persons), geographies
G_k = H ∪ B_k (attack_helpers.box). Nobody changes but the newcomer (non-western, convicted,
basic schooling, 45, outside the labour market full time, income 12,345 kr.), who is in H
from YEARS[ARRIVAL] on. Extracts: ``one_t`` (the snapshot of YEARS[t] alone) and ``two_t``
(a rolling window: YEARS[t-1] and YEARS[t]). Default parameters, perturbation on.

* **1. assesscriteria across yearly one-snapshot extracts** (holds): every field of the
  criteria layer (values, gaps, persons to flip, kr. to flip, met flags, near_criteria,
  explanation) of 2025 and 2026 equals 2024's; control: a register per run gives fresh
  figures (differences in the newcomer's fields in most geographies).
* **1'. assesscriteria of rolling two-snapshot extracts** (two-year averages; holds): the run
  of the window holding the arrival hides the single-year cells (flag S in all 8 rows, see
  the report: odd, not a leak); the next window shows the first window's figures exactly.
* **1''. monitorcriteria of rolling windows** (holds): only trend_from differs between the
  windows; control: registers of their own give fresh values and projections.
* **2. trackchange of rolling windows** (holds): first/last/change/trend/projected and the
  SERIES equal across the three windows; control: registers of their own give the window
  after the arrival fresh values.
* **5. The nearest date hid a release's earlier dates** (was a leak; fixed: every recorded row at
  another date is compared, and the walk compares a new value with every earlier one). Per
  geography set (X, Y, Z: H ∪ one of three rows of 8 blocks, other data: seed 4242) a series is
  published (January: S; December: S and 10 temporary residents of H), then a one-snapshot extract
  of a later year under the same ids (S and the newcomer). The later run compares each row only
  with the release's nearest earlier date (December: 11 changes), not with January (1 change):
  fresh values of S + newcomer beside January's of S. 3 sets × 8 geographies = 24 pairs (8
  populations holding him a date: the overlap budget holds). Posterior (the count unknown,
  posterior_from_series): non-western 0.9994, basic schooling 0.9996, 18-64 0.999998 (mean
  differences 1.00, 1.04, 1.42); with two sets 0.996 / 0.93 / 0.98. Control: January alone
  published first: every difference 0. The same with no designed persons: December without 60 of
  H's residents (rehoused during a renovation): 0.9994 / 0.9999 / 0.999998. The convicted counts
  (6-13) of sets Y and Z mostly repeat ONE value (9) of set X's later snapshot instead: a cell of
  another geography with fewer than MIN_COUNT convicted outside H binds (what that tells: the two
  blocks' convicted add up to at most 4).
* **3. analysemoves: stayer profiles of rolling windows** (was a leak; fixed: the profiles
  are carried through the register, core.discretion.moves_carry: all 16 differences 0).
  One-area layers X_k = H ∪ B_k, Y_k = H ∪ C_k (seed 99), 12 other persons in H at each date
  only (movers, so profiles are shown), windows X 2023→24 / 2025→26, Y 2021→22 / 2027→28, the
  newcomer (basic schooling) in H from 2025, one register. basic_edu_stay is a share whose
  numerator and denominator the attacker reads back (a fraction with a denominator 50-250):
  before the fix 16 pairs, differences mean 1.44, posterior 0.9945 (8 pairs, set X alone:
  0.983). Control: a newcomer without basic schooling: posterior < 0.5.
  residents_from/residents_to are fresh (the newcomer's presence, known anyway);
  nonwestern_stay stays hidden (S).
* **6. mergesmallareas for several minimums** (was a leak; fixed). Regions were drawn on
  exact residents: P stood alone up to MINIMUM 247, PD = P + a sliver D up to 250: D's
  residents exactly 3 (interval width 1), though the protection hides PD's population. 32
  runs, one register, one extract (not across extracts: the structure needs no second date).
  Now the merge decides on the areas' published residents minus 2 (a hidden one counts 0):
  the layer run second, P first or PD first, is kept back by the register and never stands
  alone; D's interval is unbounded.
"""
import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import alone_interval, box, sliver_regions, write_areas
from tests.test_leaks import gpkg_rows

K = 8
YEARS = ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]
ARRIVAL = 2
NEWCOMER = dict(person_id="NEWX", age=45, convicted=1, nonwestern=1, basic_edu=1, student=0,
                taxpayer=1, outside_fte=1.0, gross_income=12345.0)
SKIP = ("geometry", "ref_date", "prev_date", "first_date", "last_date", "project_to",
        "fid", "area_name")


def _blocks():
    return [("H", box(0, 0, 1, 1))] + [("B%d" % k, box(2 * k + 2, 0, 2 * k + 3, 1))
                                       for k in range(K)]


@pytest.fixture(scope="module")
def data(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("final_attacks")
    bl = _blocks()
    write_areas(str(tmp / "geos.gpkg"),
                [("G%d" % k, [bl[0][1], bl[k + 1][1]]) for k in range(K)])
    base = persons_frame(bl, [120] + [60] * K, dates=("x",), seed=777)

    def snap(t):
        parts = [base.assign(ref_date=YEARS[t])]
        if t >= ARRIVAL:
            parts.append(base[base.area_truth == "H"].head(1).assign(ref_date=YEARS[t],
                                                                     **NEWCOMER))
        return pd.concat(parts, ignore_index=True)

    for t in range(1, len(YEARS)):
        snap(t).drop(columns=["area_truth"]).to_csv(tmp / ("one_%d.csv" % t), index=False)
        pd.concat([snap(t - 1), snap(t)]).drop(columns=["area_truth"]).to_csv(
            tmp / ("two_%d.csv" % t), index=False)
    return tmp


def _run(tmp, alg, name, extract, register, series=False, **extra):
    import processing

    p = dict({"PERSONS": str(tmp / extract), "AREAS": str(tmp / "geos.gpkg"),
              "AREA_ID_FIELD": "area_id", "OVERLAPS": "allow",
              "RELEASE_REGISTER": str(tmp / register),
              "OUTPUT": str(tmp / (name + ".gpkg"))}, **extra)
    if series:
        p["SERIES"] = str(tmp / (name + "_series.gpkg"))
    res = processing.run("boligsocial:" + alg, p)
    out = gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()
    if series:
        return out, gpkg_rows(res["SERIES"]).sort_values(["area_id", "ref_date"])
    return out


def _monitor(tmp, shared):
    import processing

    out = []
    for t in range(1, len(YEARS)):
        reg = "reg_monitor" + ("" if shared else "_{}".format(t))
        res = processing.run("boligsocial:monitorcriteria", {
            "PERSONS": str(tmp / "two_{}.csv".format(t)), "AREAS": str(tmp / "geos.gpkg"),
            "AREA_ID_FIELD": "area_id", "OVERLAPS": "allow", "RELEASE_REGISTER": str(tmp / reg),
            "REGIONAL_MEAN_INCOME": 300000.0, "NATIONAL_CONVICTION_RATE": 1.0,
            "OUTPUT": str(tmp / "mon_{}_{}.gpkg".format(shared, t)),
            "SERIES": str(tmp / "mon_series_{}_{}.gpkg".format(shared, t))})
        out.append(gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index())
    return out


def test_monitorcriteria_of_rolling_windows_repeats(data):
    """Angle 1'': monitorcriteria (criteria values, projections) of the three windows: only
    trend_from moves; control: registers of their own give the window after the arrival
    fresh values and projections."""
    shared = _monitor(data, True)
    assert shared[0]["residents"].notna().sum() == K
    for later in shared[1:]:
        assert _changed_fields(shared[0], later) == ["trend_from"]
    sep = _monitor(data, False)
    moved = _changed_fields(sep[0], sep[2])
    assert {"residents", "nonwestern_val", "basic_edu_val", "nonwestern_projected"} <= \
        set(moved), moved


def _criteria(tmp, kind, shared):
    return [_run(tmp, "assesscriteria", "crit_{}_{}_{}".format(kind, shared, t),
                 "{}_{}.csv".format(kind, t),
                 "reg_crit_{}".format(kind) + ("" if shared else "_{}".format(t)),
                 ASSESSMENT_DATE=YEARS[t], REGIONAL_MEAN_INCOME=300000.0,
                 NATIONAL_CONVICTION_RATE=1.0) for t in range(1, len(YEARS))]


def _hidden_flag(v):
    """A hidden cell's flag S and P alike: the carry rule flags a cell kept hidden beside a
    recorded hidden cell P (an income sum hidden S for the amount budget is P a year later);
    either hides the same."""
    return "hidden" if v in ("S", "P") else v


def _changed_fields(a, b):
    """The fields (but dates) whose values differ between two layers of the same ids."""
    out = []
    for c in a.columns:
        if c in SKIP:
            continue
        x, y = a[c].tolist(), b[c].tolist()
        norm = _hidden_flag if c.endswith("_flag") else (lambda v: v)
        if [None if pd.isna(v) else norm(v) for v in x] != \
                [None if pd.isna(v) else norm(v) for v in y]:
            out.append(c)
    return out


#: criteria fields the newcomer alone moves (single-year values, gaps, persons/kr. to flip)
NEWCOMER_FIELDS = ("residents", "nonwestern_val", "basic_edu_val", "income_val",
                   "nonwestern_persons_forebyggelse", "income_dkk_forebyggelse",
                   "basic_edu_persons_forebyggelse")


def test_criteria_of_yearly_one_snapshot_extracts_repeat(data):
    """Angle 1: every field of the criteria layer after the arrival repeats 2024's."""
    shared = _criteria(data, "one", True)
    for later in shared[1:]:
        assert list(later.index) == list(shared[0].index)
        assert _changed_fields(shared[0], later) == [], _changed_fields(shared[0], later)
    assert shared[0]["residents"].notna().sum() == K
    # control: a register per run (nothing to carry) gives fresh figures after the arrival
    sep = _criteria(data, "one", False)
    moved = _changed_fields(sep[0], sep[1])
    assert set(NEWCOMER_FIELDS) <= set(moved), moved
    diff = (sep[1]["nonwestern_persons_forebyggelse"].astype(float)
            - sep[0]["nonwestern_persons_forebyggelse"].astype(float))
    assert (diff != 0).sum() >= K // 2, diff.tolist()


def test_criteria_of_rolling_two_snapshot_extracts_repeat(data):
    """Angle 1': the two-year averages of rolling windows; the window after the arrival
    repeats the first window's figures; the window of the arrival shows nothing new."""
    shared = _criteria(data, "two", True)
    first, arrival, after = shared
    assert _changed_fields(first, after) == [], _changed_fields(first, after)
    for c in first.columns:
        if c in SKIP:
            continue
        x, y = first[c], arrival[c]
        shown = y.notna() & (y.astype(str) != "")
        assert (x[shown].astype(str) == y[shown].astype(str)).all() or c in (
            "near_criteria", "explanation") or c.endswith("_flag"), (c, x.tolist(), y.tolist())
    sep = _criteria(data, "two", False)
    moved = _changed_fields(sep[0], sep[2])
    assert {"outside_val", "convicted_val", "nonwestern_val"} <= set(moved) or \
        len(set(NEWCOMER_FIELDS) & set(moved)) >= 4, moved


def test_trackchange_of_rolling_windows_repeats(data):
    """Angle 2: C_first/C_last/C_change/trend/projected and the SERIES of the windows."""
    outs = [_run(data, "trackchange", "track_{}".format(t), "two_{}.csv".format(t),
                 "reg_track", series=True) for t in range(1, len(YEARS))]
    for out, ser in outs[1:]:
        assert _changed_fields(outs[0][0], out) == []
        cols = [c for c in ser.columns if c.endswith(("_num", "_den", "_val"))] + ["residents"]
        np.testing.assert_array_equal(ser[cols].to_numpy(dtype=float),
                                      outs[0][1][cols].to_numpy(dtype=float))
    assert outs[0][0]["nonwestern_last"].notna().sum() == K
    sep = [_run(data, "trackchange", "track_sep_{}".format(t), "two_{}.csv".format(t),
                "reg_track_{}".format(t), series=True) for t in range(1, len(YEARS))]
    moved = _changed_fields(sep[0][0], sep[2][0])
    assert {"nonwestern_last", "convicted_last", "basic_edu_last"} <= set(moved), moved


# --- angle 5: a release's nearest date hides its earlier dates --------------------------------
#
# The register compares a row with, of each release and id, the recorded row at the nearest
# date before the run (core.discretion.carrystate). A release that is a series (January, and
# December with 10 temporary residents in H -- a seasonal let, each non-western, convicted,
# basic schooling, 40) records its January rows, but a later one-snapshot run compares only with
# December: more than MIN_COUNT changes in every cell, so the newcomer's row gets a fresh value,
# while January's value of the same persons minus the newcomer stands published. With a
# different geography set per year (X, Y, Z: H ∪ one of three block rows) the overlap budget
# (8 populations a date) holds, and each set gives 8 independent pairs (v, v + newcomer).

GAP_SETS = ("X", "Y", "Z")
#: per set: the series' January and December, and the later one-snapshot date (newcomer in H)
GAP_DATES = {"X": ("2022-01-01", "2022-12-01", "2025-01-01"),
             "Y": ("2023-01-01", "2023-12-01", "2026-01-01"),
             "Z": ("2024-01-01", "2024-12-01", "2027-01-01")}
#: the newcomer's cells of many persons (the convicted count, 6-13 here, binds to the cell of
#: another geography of H's convicted: see test_gap_small_cells_bind_across_geographies)
GAP_CELLS = ("nonwestern_num", "basic_edu_num", "age_18_64_num")


def _gap_blocks():
    out = [("H", box(0, 0, 1, 1))]
    for j, s in enumerate(GAP_SETS):
        out += [("{}{}".format(s, k), box(2 * k + 2, 2 * j, 2 * k + 3, 2 * j + 1))
                for k in range(K)]
    return out


@pytest.fixture(scope="module")
def gap(tmp_path_factory, provider):
    """``attack``: per set, the series published, then the later snapshot, all through ONE
    register; ``control``: the same, the series replaced by January alone."""
    import processing

    tmp = tmp_path_factory.mktemp("final_gap")
    bl = _gap_blocks()
    for j, s in enumerate(GAP_SETS):
        write_areas(str(tmp / "{}.gpkg".format(s)),
                    [("{}_{}".format(s, k), [bl[0][1], bl[1 + j * K + k][1]])
                     for k in range(K)])
    base = persons_frame(bl, [120] + [60] * (len(GAP_SETS) * K), dates=("x",), seed=4242)
    home = base[base.area_truth == "H"].head(1)
    seasonal = pd.concat([home.assign(person_id="SEASON{}".format(i), age=40, convicted=1,
                                      nonwestern=1, basic_edu=1, outside_fte=1.0)
                          for i in range(10)], ignore_index=True)

    def write(name, frames):
        pd.concat(frames, ignore_index=True).drop(columns=["area_truth"]).to_csv(
            tmp / name, index=False)

    for s, (jan, dec, later) in GAP_DATES.items():
        write("series_{}.csv".format(s), [base.assign(ref_date=jan), base.assign(ref_date=dec),
                                          seasonal.assign(ref_date=dec)])
        write("jan_{}.csv".format(s), [base.assign(ref_date=jan)])
        # renovation: 60 of H's residents (a stairwell, any persons) rehoused in December
        away = base[base.area_truth == "H"].index[:60]
        write("reno_{}.csv".format(s), [base.assign(ref_date=jan),
                                        base.drop(index=away).assign(ref_date=dec)])
        write("later_{}.csv".format(s), [base.assign(ref_date=later),
                                         home.assign(ref_date=later, **NEWCOMER)])

    def run(name, extract, s, register):
        res = processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp / extract), "AREAS": str(tmp / "{}.gpkg".format(s)),
            "AREA_ID_FIELD": "area_id", "OVERLAPS": "allow",
            "RELEASE_REGISTER": str(tmp / register),
            "OUTPUT": str(tmp / "{}.gpkg".format(name))})
        return gpkg_rows(res["OUTPUT"])

    out = {}
    for mode, first in (("attack", "series_{}.csv"), ("control", "jan_{}.csv"),
                        ("renovation", "reno_{}.csv")):
        early = {s: run("{}_early_{}".format(mode, s), first.format(s), s, "reg_" + mode)
                 for s in GAP_SETS}
        late = {s: run("{}_late_{}".format(mode, s), "later_{}.csv".format(s), s,
                       "reg_" + mode) for s in GAP_SETS}
        out[mode] = early, late
    return out


def _gap_pairs(early, late, cell):
    """The attacker's pairs per geography: [(January's value, False), (the later
    snapshot's, True)] (shown both times)."""
    out = []
    for s, (jan, _, later) in GAP_DATES.items():
        a = early[s][early[s]["ref_date"].astype(str) == jan].set_index("area_id")
        b = late[s][late[s]["ref_date"].astype(str) == later].set_index("area_id")
        for g in b.index:
            x, y = a.loc[g, cell], b.loc[g, cell]
            if not (pd.isna(x) or pd.isna(y)):
                out.append([(float(x), False), (float(y), True)])
    return out


def _gap_differences(early, late, cell):
    return np.array([y - x for (x, _), (y, _) in _gap_pairs(early, late, cell)])


def test_gap_renovation_unbinds_the_newcomer(gap):
    from tests.redteam.test_crossrun_attacks import posterior_from_series

    early, late = gap["renovation"]
    post = {c: posterior_from_series(_gap_pairs(early, late, c)) for c in GAP_CELLS}
    assert max(post.values()) < 0.99, post


def test_gap_control_binds_to_january(gap):
    """With January alone recorded the later snapshot repeats it (the attack below is the
    December date, not the data): every difference 0."""
    early, late = gap["control"]
    for c in GAP_CELLS:
        d = _gap_differences(early, late, c)
        assert len(d) >= 2 * K, c
        assert (d == 0).all(), (c, d)


def test_gap_december_unbinds_the_newcomer(gap):
    from tests.redteam.test_crossrun_attacks import posterior_from_series

    early, late = gap["attack"]
    post, means = {}, {}
    for c in GAP_CELLS:
        pairs = _gap_pairs(early, late, c)
        assert len(pairs) >= 2 * K, c
        post[c] = posterior_from_series(pairs)
        means[c] = float(_gap_differences(early, late, c).mean())
    assert max(post.values()) < 0.99, (post, means)



# --- angle 3: analysemoves' stayer profiles of rolling windows ----------------------------------
#
# analysemoves publishes, per area, profiles of the stayers (C_stay: the share among those
# living there at both dates) when there are movers. Its counts are recorded in the register,
# but a window's stayers are new persons for the carry rule: a window after the newcomer
# arrived gives the share of (stayers + newcomer) with fresh noise beside the earlier window's
# share of the stayers. Design: H (200 persons) and two rows of 8 blocks (150), one-area layers
# X_k = H ∪ B_k and Y_k = H ∪ C_k (no overlap within a run); a group of 12 others lives in H
# at each date (movers, so the profiles are shown); windows X: 2023→2024 and 2025→2026, Y:
# 2021→2022 and 2027→2028 (8 populations holding the newcomer a date); the newcomer (basic
# schooling, 45) in H from 2025.

MOVE_WINDOWS = {"X": [("2023-01-01", "2024-01-01"), ("2025-01-01", "2026-01-01")],
                "Y": [("2021-01-01", "2022-01-01"), ("2027-01-01", "2028-01-01")]}
MOVE_ARRIVAL = "2025-01-01"


def _fraction(x, near=None):
    """The attacker's reading of a share in percent: the (numerator, denominator) with a
    denominator 50-250 (the one nearest ``near`` when several fit)."""
    fits = [(round(x * d / 100.0), d) for d in range(50, 250)
            if abs(round(x * d / 100.0) * 100.0 / d - x) < 1e-9]
    assert fits, x
    return min(fits, key=lambda f: abs(f[1] - near)) if near else fits[0]


@pytest.fixture(scope="module")
def moves(tmp_path_factory, provider):
    return _moves(tmp_path_factory.mktemp("final_moves"), 1)


@pytest.fixture(scope="module")
def moves_control(tmp_path_factory, provider):
    """The same with a newcomer without basic schooling."""
    return _moves(tmp_path_factory.mktemp("final_moves_control"), 0)


def _moves(tmp, basic_edu):
    import processing

    bl = [("H", box(0, 0, 1, 1))]
    for j, s in enumerate(MOVE_WINDOWS):
        bl += [("{}{}".format(s, k), box(2 * k + 2, 2 * j, 2 * k + 3, 2 * j + 1))
               for k in range(K)]
    for j, s in enumerate(MOVE_WINDOWS):
        for k in range(K):
            write_areas(str(tmp / "{}{}.gpkg".format(s, k)),
                        [("{}_{}".format(s, k), [bl[0][1], bl[1 + j * K + k][1]])])
    base = persons_frame(bl, [200] + [150] * (2 * K), dates=("x",), seed=99)
    home = base[base.area_truth == "H"].head(1)

    def snap(d):
        group = pd.concat([home.assign(person_id="G{}_{}".format(d, i)) for i in range(12)])
        parts = [base.assign(ref_date=d), group.assign(ref_date=d)]
        if d >= MOVE_ARRIVAL:
            parts.append(home.assign(ref_date=d, **dict(NEWCOMER, basic_edu=basic_edu)))
        return pd.concat(parts, ignore_index=True)

    out = {}
    for s, windows in MOVE_WINDOWS.items():
        for w, (d0, d1) in enumerate(windows):
            name = "{}{}".format(s, w)
            pd.concat([snap(d0), snap(d1)]).drop(columns=["area_truth"]).to_csv(
                tmp / (name + ".csv"), index=False)
            for k in range(K):
                res = processing.run("boligsocial:analysemoves", {
                    "PERSONS": str(tmp / (name + ".csv")),
                    "AREAS": str(tmp / "{}{}.gpkg".format(s, k)), "AREA_ID_FIELD": "area_id",
                    "RELEASE_REGISTER": str(tmp / "register"),
                    "OUTPUT": str(tmp / "{}_{}.gpkg".format(name, k)),
                    "FLOWS": str(tmp / "{}_{}_flows.gpkg".format(name, k))})
                out[(s, w, k)] = gpkg_rows(res["OUTPUT"]).iloc[0]
    return out


def test_stayer_profiles_of_windows_before_and_after(moves):
    from tests.redteam.test_averaging_geographies import posterior_of_one

    diffs = _stayer_differences(moves)
    assert len(diffs) >= K, diffs
    post = posterior_of_one(diffs)
    assert post < 0.99, (post, float(np.mean(diffs)), diffs)
    assert diffs == [0] * len(diffs), diffs  # the later window repeats the earlier figures


def test_stayer_profiles_control(moves_control):
    """Not a bias of the reading: a newcomer without basic schooling gives differences near 0
    and a posterior for basic schooling near 0."""
    from tests.redteam.test_averaging_geographies import posterior_of_one

    diffs = _stayer_differences(moves_control)
    assert len(diffs) >= K, diffs
    assert posterior_of_one(diffs) < 0.5, (posterior_of_one(diffs), diffs)


def _stayer_differences(moves):
    """The attacker's numerators of basic_edu_stay, later window minus earlier, per layer."""
    diffs = []
    for s in MOVE_WINDOWS:
        for k in range(K):
            a, b = moves[(s, 0, k)]["basic_edu_stay"], moves[(s, 1, k)]["basic_edu_stay"]
            if pd.isna(a) or pd.isna(b):
                continue
            n0, d0 = _fraction(float(a))
            n1, _ = _fraction(float(b), near=d0 + 1)
            diffs.append(n1 - n0)
    return diffs


# --- angle 6: mergesmallareas' regions were drawn on exact counts ------------------------------
#
# The merge compared each area's EXACT residents with MINIMUM; the region layer (and REGIONS,
# UPPER_BOUND, the members layer) shows whether an area stood alone. Two layers of one extract
# (seed 31): P (247 persons) and Q (600) adjacent; and PD = P with a sliver D of 3 persons, and
# Q. The protection hides PD's population (PD − P would give D), but regions drawn for several
# minimums (here 240-255; 250 and 50 are both in use, README) put P alone up to 247 and PD
# alone up to 250: D's residents exactly. Now the merge decides on the published residents
# minus the largest noise, a hidden one counting 0: the layer run second (PD after P, or P
# after PD: the register keeps its residents back) never stands alone. Both orders.

MERGE_MINIMUMS = range(240, 256)
MERGE_ORDERS = {"P first": ("P", "PD"), "PD first": ("PD", "P")}


@pytest.fixture(scope="module", params=list(MERGE_ORDERS))
def merged(request, tmp_path_factory, provider):
    return sliver_regions(tmp_path_factory.mktemp("final_merge"), MERGE_ORDERS[request.param],
                          31, MERGE_MINIMUMS)


def _bounds(merged, layer):
    return alone_interval(merged, layer, MERGE_MINIMUMS)


def test_region_populations_hide_the_sliver(merged):
    """The premise: the populations themselves do not give D (the second layer's population
    holding D, or not, is hidden beside the first's)."""
    first, second = merged["order"]
    assert any(merged[(second, m)][1]["population"].isna().any() for m in MERGE_MINIMUMS)
    assert merged[(first, 240)][1]["population"].notna().all()


def test_regions_for_several_minimums_give_a_small_count(merged):
    p_lo, p_hi = _bounds(merged, "P")
    pd_lo, pd_hi = _bounds(merged, "PD")
    lo, hi = max(pd_lo - p_hi, 0), pd_hi - p_lo
    assert hi - lo + 1 >= 5, ("D's residents narrowed to", lo, hi, (p_lo, p_hi),
                              (pd_lo, pd_hi))


def test_the_layer_kept_back_never_stands_alone(merged):
    """Why: the register keeps the second layer's small area's residents back (they differ
    from the first's by D), so it counts as 0 and is merged at every minimum; the first
    stands alone at some (its published residents minus 2 reach them)."""
    first, second = merged["order"]
    assert all(merged[(second, m)][0] == 1 for m in MERGE_MINIMUMS)
    assert any(merged[(first, m)][0] == 2 for m in MERGE_MINIMUMS)
