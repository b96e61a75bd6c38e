# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team (round 6): the three fixes of round 5 attacked on new data (seeds 6060, 7171).

Default parameters unless the angle says otherwise; one release register per scenario. The
attacker has only what the plugin writes for publication.

* **1. analysemoves' profiles of overlapping windows** (holds). H (200) ∪ B_k (150), six
  one-area geographies, 70 movers in H at each date, a newcomer (basic schooling) in H from
  2024; windows 2023→2025 (he is an arrival) and 2024→2025 (a stayer) of one extract, one
  register. The attacker differences the numerators of basic_edu_stay (narrow − wide) and
  basic_edu_in (wide − narrow). Both orders: the window published first shows every profile
  in all 6 geographies; the second window's profiles are all hidden (and its residents_from,
  S): no pair to difference, posterior 0.5. The same with PERTURBATION=off (an exact
  difference of 1 would give him away): the second window hidden, both orders. Control (a
  register per run): 12 differences [10, 3, -1, 3, 1, 3, 1, 3, 2, 3, 1, 3], posterior
  0.99997 that he has basic schooling.
* **1''. analysemoves beside the indicator layer (cross-type), exact values** (holds). T (3
  stayers), B (150 stayers), 70 movers in B at each date; the indicator layer of 2025 for B and
  analysemoves 2024→2025 for X = T∪B, PERTURBATION=off, one register: T = stay_X − (B − in_X).
  Indicators first: X's moves row is hidden except the zero flows (S); moves first: B's row
  is hidden except convicted (S). The output published first shows all it needs.
* **2. mergesmallareas with exact values and a sliver** (holds). Round 4's P / PD = P + D
  (3 persons) beside Q on new data, PERTURBATION=off, minimums 240-255, both orders, one
  register: the first layer's small area stands alone exactly up to its residents (247 or
  250: no margin with exact values), the second never does (its residents kept back by the
  register count 0), its populations are NULL, INFEASIBLE 0 and UPPER_BOUND 1 at every
  minimum: D's interval is unbounded. (The same with the perturbation, not kept as a test:
  P alone up to 245, PD up to 247, the second layer never alone.)
* **3. Exact values: inclusion–exclusion across two dates** (SUCCEEDED; fixed, now a guard
  in all 24 orders). Blocks T (3 persons), B (120), E (60, January only), C (60, February
  only), F; attributes unchanged between 1 January and 1 February 2025; PERTURBATION=off, one
  register, one-snapshot extracts. X = T∪B∪E and V = E in January, Y = B∪C and W = C in
  February: X − V − Y + W = T. X and Y overlap partially across dates, and atoms were built
  per date only, so no run related them. In 8 of the 24 publication orders (those where Y
  comes before V and W, e.g. Y, X, W, V) all four were published and gave T's residents 3,
  ages 0-17 / 18-64 / 65+ 1 / 1 / 1 and non-western 0 exactly; the same from one extract
  holding both months (each layer with its REF_DATE). Fixed (core.discretion.atoms): two
  populations of different dates and geographies that overlap partially make atoms across
  the dates (the persons of X(Jan) in Y(Feb) are an atom at each date), and the two atoms of
  the same persons are equal in every figure that is equal at both dates. Controls (hold):
  the same four populations at one date, and X, V, Y in January with W = C (there at both
  dates) in February. Also run, not kept (needs the PostGIS server): the one-date chain with
  the person table in PostGIS (all from the database, or mixed with the file): holds.
* **3'. Exact values, one date: a population nearly inside another** (SUCCEEDED for the
  residents; fixed, now a guard). T (3 persons), B (120), C (60), seed 7171; X = T∪B,
  Y = B∪C, W = C. X has 3 persons outside Y (fewer than the tolerance, MIN_COUNT): no partial
  overlap, so no atoms; the links give Y = W + rest B and Y = W + X − foreign T. Of the 6
  orders, Y, W, X published all three residents (180, 60, 123): T's residents 3 exactly (4
  with T of 4 persons), and already the run of W gave them: its persons outside every area
  are T∪B (123), and 123 − (180 − 60) = 3. Fixed (core.discretion.run_totals.audit_totals):
  with exact values each total a run would publish is protected as if published before, and
  withheld when that hides more or pins a hidden figure; all six orders now hold. Control
  (holds): Z = T∪B∪C beside Y (T an exact rest) hides T's figures, residents too.
* **3''. Exact values, four geographies cutting a 4×4 block grid, an LP attacker** (holds).
  Blocks of 2-120 persons (seeds 7171, 6060), quadrants and three shifted cuts (25 areas;
  with every area's exact figures all 16 blocks follow: the control), one register, one date
  or the last two geographies a month later. Published equations of 25: 11/4 (one date,
  7171/6060), 12/11 (two dates); the narrowest interval of a block below MIN_COUNT persons:
  residents 42/68 at one date but 9/43 across two dates, non-western 11/16 at one date and
  5/16 across two (6 values: one above the protection width). The cross-date gap of angle 3
  narrows the intervals here without breaching the width.
"""
import itertools

import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import alone_interval, box, sliver_regions, write_areas
from tests.test_leaks import gpkg_rows

# --- angle 1: analysemoves' profiles of overlapping windows ----------------------------------
#
# H (200 persons) and K blocks B_k (150), one-area layers G_k = H ∪ B_k (seed 6060; the
# persons keep their attributes at every date); 70 others live in H at each date only (movers,
# seeds 9023-9025, so profiles are shown); a newcomer (basic schooling, 45) lives in H from
# 2024. Windows of one extract (2023, 2024, 2025): wide 2023→2025 (he is among the arrivals,
# not the stayers) and narrow 2024→2025 (among the stayers, not the arrivals). The attacker
# reads the numerators of basic_edu_stay and basic_edu_in (a share with its denominator) and
# differences them: stayers narrow − wide, arrivals wide − narrow, both +1 for him.

K_MOVES = 6
MOVE_DATES = ["2023-01-01", "2024-01-01", "2025-01-01"]
WINDOWS = {"wide": (MOVE_DATES[0], MOVE_DATES[2]), "narrow": (MOVE_DATES[1], MOVE_DATES[2])}
NEWCOMER = dict(person_id="NEWX", age=45, convicted=1, nonwestern=1, basic_edu=1, student=0,
                taxpayer=1, outside_fte=1.0, gross_income=12345.0)
MOVE_ORDERS = {"wide first": ("wide", "narrow"), "narrow first": ("narrow", "wide"),
               "exact, wide first": ("wide", "narrow"), "exact, narrow first": ("narrow", "wide"),
               "control": ("wide", "narrow")}


def _fraction(x, lo, hi, near=None):
    """The attacker's reading of a share in percent: (numerator, denominator) with a
    denominator in [lo, hi) (the one nearest ``near`` when several fit)."""
    fits = [(round(x * d / 100.0), d) for d in range(lo, hi)
            if abs(round(x * d / 100.0) * 100.0 / d - x) < 1e-9]
    assert fits, x
    return min(fits, key=lambda f: abs(f[1] - near)) if near else fits[0]


@pytest.fixture(scope="module", params=list(MOVE_ORDERS))
def windows(request, tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("round6_moves")
    bl = [("H", box(0, 0, 1, 1))] + [("B%d" % k, box(2 * k + 2, 0, 2 * k + 3, 1))
                                     for k in range(K_MOVES)]
    for k in range(K_MOVES):
        write_areas(str(tmp / "G{}.gpkg".format(k)), [("G_{}".format(k), [bl[0][1], bl[1 + k][1]])])
    base = persons_frame(bl, [200] + [150] * K_MOVES, dates=("x",), seed=6060)
    home = base[base.area_truth == "H"].head(1)
    frames = []
    for d in MOVE_DATES:
        movers = persons_frame([bl[0]], [70], dates=("x",), seed=7000 + int(d[:4]))
        movers["person_id"] = "M" + d[:4] + movers["person_id"]
        frames += [base.assign(ref_date=d), movers.assign(ref_date=d)]
        if d >= MOVE_DATES[1]:
            frames.append(home.assign(ref_date=d, **NEWCOMER))
    pd.concat(frames).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    out = {"case": request.param}
    for k in range(K_MOVES):
        for w in MOVE_ORDERS[request.param]:
            reg = "register" if request.param != "control" else "reg_{}_{}".format(k, w)
            res = processing.run("boligsocial:analysemoves", {
                "PERSONS": str(tmp / "persons.csv"), "FROM_DATE": WINDOWS[w][0],
                "TO_DATE": WINDOWS[w][1], "AREAS": str(tmp / "G{}.gpkg".format(k)),
                "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(tmp / reg),
                "PERTURBATION": "off" if request.param.startswith("exact") else "on",
                "OUTPUT": str(tmp / "m_{}_{}.gpkg".format(k, w)),
                "FLOWS": str(tmp / "f_{}_{}.gpkg".format(k, w))})
            out[(k, w)] = gpkg_rows(res["OUTPUT"]).iloc[0]
    return out


def _window_differences(out):
    """Per geography: stayers' basic-schooling numerator narrow − wide, and the arrivals'
    wide − narrow (each +1 for the newcomer, plus noise), where both windows show it."""
    diffs = []
    for k in range(K_MOVES):
        for field, (first, second), (lo, hi) in (("basic_edu_stay", ("wide", "narrow"), (60, 300)),
                                                 ("basic_edu_in", ("narrow", "wide"), (10, 70))):
            a, b = out[(k, first)][field], out[(k, second)][field]
            if pd.isna(a) or pd.isna(b):
                continue
            n0, d0 = _fraction(float(a), lo, hi)
            n1, _ = _fraction(float(b), lo, hi, near=d0 + 1)
            diffs.append(n1 - n0)
    return diffs


def test_overlapping_windows_do_not_give_the_newcomer(windows):
    from tests.redteam.test_averaging_geographies import posterior_of_one

    diffs = _window_differences(windows)
    post = posterior_of_one(diffs)
    print(windows["case"], diffs, post)
    if windows["case"] == "control":
        assert len(diffs) >= K_MOVES, diffs
        assert post > 0.99, (post, diffs)
    else:  # nothing to difference, or the second window repeats the first's figures
        assert post < 0.99, (post, diffs)
        assert all(d == 0 for d in diffs), diffs


def test_overlapping_windows_have_material(windows):
    """Not vacuous: the window published first shows the stayers' and arrivals' profiles."""
    first = MOVE_ORDERS[windows["case"]][0]
    for field in ("basic_edu_stay", "basic_edu_in"):
        shown = [k for k in range(K_MOVES) if not pd.isna(windows[(k, first)][field])]
        assert len(shown) == K_MOVES, (windows["case"], field, shown)


# --- angle 2: mergesmallareas with exact values, two geographies differing by a sliver --------
#
# Round 4's structure (P alone, and PD = P with a sliver D of 3 persons; Q beside) on new data
# (seed 6060), with PERTURBATION=off: the published residents are exact, so the margin is 0 and
# the first layer's small area stands alone exactly up to its residents. 32 runs (minimums
# 240-255 each), one register, both orders.

MERGE_MINIMUMS = range(240, 256)
MERGE_ORDERS = {"P first": ("P", "PD"), "PD first": ("PD", "P")}


@pytest.fixture(scope="module", params=list(MERGE_ORDERS))
def merged_exact(request, tmp_path_factory, provider):
    return sliver_regions(tmp_path_factory.mktemp("round6_merge"), MERGE_ORDERS[request.param],
                          6060, MERGE_MINIMUMS, PERTURBATION="off")


def _alone(merged, layer):
    """The attacker's interval from the number of regions (UPPER_BOUND says the same)."""
    return alone_interval(merged, layer, MERGE_MINIMUMS)


def test_exact_regions_for_several_minimums_hide_the_sliver(merged_exact):
    p_lo, p_hi = _alone(merged_exact, "P")
    pd_lo, pd_hi = _alone(merged_exact, "PD")
    lo, hi = max(pd_lo - p_hi, 0), pd_hi - p_lo
    assert hi - lo + 1 >= 5, ("D's residents narrowed to", lo, hi, (p_lo, p_hi), (pd_lo, pd_hi))
    second = merged_exact["order"][1]
    for m in MERGE_MINIMUMS:  # nor the populations, INFEASIBLE or UPPER_BOUND of the second
        regions, layer, infeasible, bound = merged_exact[(second, m)]
        assert regions == 1 and bound == 1 and infeasible == 0, (second, m, bound)
        assert layer["population"].isna().all(), (second, m, list(layer["population"]))


def test_exact_regions_control(merged_exact):
    """Not vacuous: the first layer's small area stands alone exactly up to its residents
    (247 or 250: exact values, no margin), so a second layer deciding the same way would give
    D's 3 residents."""
    first = merged_exact["order"][0]
    lo, hi = _alone(merged_exact, first)
    assert (lo, hi) == ((247, 247) if first == "P" else (250, 250)), (lo, hi)


# --- angle 3: exact values, inclusion–exclusion across two dates ---------------------------
#
# Blocks T (3 persons, the target group: all convicted, basic schooling), B (120), E (60, there
# in January only), C (60, there in February only), F (100, far away); the persons keep their
# attributes (and ages) from January to February, as a month later nearly all do.
# PERTURBATION=off, one register, one-snapshot extracts of 1 January and 1 February 2025:
#   X = T∪B∪E in January, V = E in January, Y = B∪C in February, W = C in February
# (each layer with F). X − V − Y + W = T's figures. Within one date the atoms would model it;
# X and Y are of different dates and overlap partially (T∪E outside Y, C outside X).

EXACT_DATES = ("2025-01-01", "2025-02-01")
EXACT_CELLS = ["residents", "age_0_17_num", "age_18_64_num", "age_65plus_num",
               "nonwestern_num", "convicted_num", "basic_edu_num"]
EXACT_LAYERS = {"X": (0, ["T", "B", "E"]), "V": (0, ["E"]), "Y": (1, ["B", "C"]),
                "W": (1, ["C"])}


def _exact_chain(tmp, order, one_date=False, dates=None, keep_c=False, one_extract=False):
    import processing

    blocks = {"T": box(0, 0, 1, 1), "B": box(1, 0, 2, 1), "E": box(0, 1, 1, 2),
              "C": box(2, 0, 3, 1), "F": box(5, 5, 6, 6)}
    sizes = {"T": 3, "B": 120, "E": 60, "C": 60, "F": 100}
    base = persons_frame([(b, blocks[b]) for b in sizes], list(sizes.values()), seed=6060)
    base.loc[base.area_truth == "T", ["convicted", "basic_edu"]] = 1
    for i, d in enumerate(EXACT_DATES):
        gone = "" if one_date else ("C" if i == 0 and not keep_c else "E")
        base[base.area_truth != gone].assign(ref_date=d).drop(columns=["area_truth"]).to_csv(
            tmp / "p{}.csv".format(i), index=False)
    if one_extract:  # both months in one file, each layer with its REF_DATE
        pd.concat([pd.read_csv(tmp / "p{}.csv".format(i)) for i in range(2)]).to_csv(
            tmp / "both.csv", index=False)
    out = {}
    for name in order:
        i, parts = EXACT_LAYERS[name]
        write_areas(str(tmp / (name + ".gpkg")),
                    [(name, [blocks[b] for b in parts]), ("F", [blocks["F"]])])
        if dates is not None:
            i = dates[name]
        extract = {"PERSONS": str(tmp / "p{}.csv".format(0 if one_date else i))}
        if one_extract:
            extract = {"PERSONS": str(tmp / "both.csv"), "REF_DATE": EXACT_DATES[i]}
        res = processing.run("boligsocial:computeindicators", {
            **extract,
            "AREAS": str(tmp / (name + ".gpkg")), "AREA_ID_FIELD": "area_id",
            "PERTURBATION": "off", "RELEASE_REGISTER": str(tmp / "register"),
            "OUTPUT": str(tmp / (name + ".gpkg.out.gpkg"))})
        out[name] = gpkg_rows(res["OUTPUT"]).set_index("area_id").loc[name, EXACT_CELLS]
    t = base[base.area_truth == "T"]
    truth = {"residents": len(t), "age_0_17_num": int((t.age <= 17).sum()),
             "age_18_64_num": int(t.age.between(18, 64).sum()),
             "age_65plus_num": int((t.age >= 65).sum()),
             "nonwestern_num": int(t.nonwestern.sum()), "convicted_num": int(t.convicted.sum()),
             "basic_edu_num": int(t.basic_edu.sum())}
    got = {}
    for c in EXACT_CELLS:
        v = [out[n][c] for n in "XVYW"]
        got[c] = None if any(pd.isna(x) for x in v) else \
            float(v[0]) - float(v[1]) - float(v[2]) + float(v[3])
    return got, truth


EXACT_ORDER = ("Y", "X", "W", "V")


@pytest.mark.parametrize("order", list(itertools.permutations("XVYW")),
                         ids=lambda o: "".join(o))
@pytest.mark.parametrize("one_extract", [False, True],
                         ids=["one-snapshot extracts", "one extract of both months"])
def test_exact_chain_across_two_dates(tmp_path, provider, one_extract, order):
    """Holds in all 24 orders, from one-snapshot extracts and from one extract of both
    months: X(Jan) − V(Jan) − Y(Feb) + W(Feb) never gives a figure of T exactly."""
    got, truth = _exact_chain(tmp_path, order, one_extract=one_extract)
    exact = {c: got[c] for c in EXACT_CELLS if got[c] is not None and got[c] == truth[c]}
    assert not exact, ("T's figures recovered exactly", exact, truth)


def test_exact_chain_within_one_date(tmp_path, provider):
    """The control: the same four populations at one date (E and C both there) in the same
    order: the atoms model them and nothing of T is recovered."""
    got, truth = _exact_chain(tmp_path, EXACT_ORDER, one_date=True)
    exact = {c: got[c] for c in EXACT_CELLS if got[c] is not None and got[c] == truth[c]}
    assert not exact, ("T's figures recovered exactly", exact, truth)


def test_exact_chain_with_the_small_piece_a_month_later(tmp_path, provider):
    """Holds: X, V and Y in January (one date: the atoms), then W = C alone in February (C
    there at both dates, E gone): the February run does not publish what the January atoms
    kept unknown."""
    got, truth = _exact_chain(tmp_path, ("X", "V", "Y", "W"),
                              dates={"X": 0, "V": 0, "Y": 0, "W": 1}, keep_c=True)
    exact = {c: got[c] for c in EXACT_CELLS if got[c] is not None and got[c] == truth[c]}
    assert not exact, ("T's figures recovered exactly", exact, truth)


# --- angle 3': exact values, one date, a population nearly inside another ---------------------
#
# Blocks T (3 persons), B (120), C (60), F (100), seed 7171, one date, PERTURBATION=off, one
# register: Y = B∪C, W = C, then X = T∪B (each layer with F). X has 3 persons outside Y (fewer
# than the tolerance MIN_COUNT: "nearly inside", no partial overlap, so no atoms), W is inside
# Y: X − Y + W = T. Control: Z = T∪B∪C and Y: exactly nested, Z − Y = T, and T's residents
# are protected as a rest.

NEAR_LAYERS = {"X": ["T", "B"], "Y": ["B", "C"], "W": ["C"], "Z": ["T", "B", "C"]}


def _near_chain(tmp, order):
    """(each layer's row of its own area, T's persons, each run's totals)."""
    import processing

    tmp.mkdir(parents=True, exist_ok=True)
    blocks = {"T": box(0, 0, 1, 1), "B": box(1, 0, 2, 1), "C": box(2, 0, 3, 1),
              "F": box(5, 5, 6, 6)}
    sizes = {"T": 3, "B": 120, "C": 60, "F": 100}
    base = persons_frame([(b, blocks[b]) for b in sizes], list(sizes.values()),
                         dates=("2025-01-01",), seed=7171)
    base.loc[base.area_truth == "T", ["convicted", "basic_edu"]] = 1
    base.drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    out, totals = {}, {}
    for name in order:
        write_areas(str(tmp / (name + ".gpkg")),
                    [(name, [blocks[b] for b in NEAR_LAYERS[name]]), ("F", [blocks["F"]])])
        res = processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / (name + ".gpkg")),
            "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
            "RELEASE_REGISTER": str(tmp / "register"),
            "OUTPUT": str(tmp / (name + ".out.gpkg"))})
        out[name] = gpkg_rows(res["OUTPUT"]).set_index("area_id").loc[
            name, EXACT_CELLS].astype(float)
        totals[name] = {k: res[k] for k in ("PERSONS_READ", "PERSONS_IN_AREAS",
                                            "PERSONS_OUTSIDE", "PERSONS_NO_LOCATION")}
    return out, base[base.area_truth == "T"], totals


@pytest.mark.parametrize("order", list(itertools.permutations("XYW")),
                         ids=lambda o: "".join(o))
def test_exact_near_inside_and_nested(tmp_path, provider, order):
    """Holds in every order: X − Y + W never gives T's figures (Y, W, X gave its residents)."""
    out, t, _tot = _near_chain(tmp_path, order)
    got = out["X"] - out["Y"] + out["W"]
    exact = {c: got[c] for c in EXACT_CELLS if not pd.isna(got[c])}
    assert not exact, ("T's figures", exact, "T has", len(t), "persons")


def test_exact_run_totals_beside_earlier(tmp_path, provider):
    """Y = B∪C, then W = C: the W run's persons outside every area (T∪B) minus Y − W would
    be T's 3 residents; the total is withheld, the log says why. Control: the same run with a
    register of its own publishes it (123), and the persons in an area (W and F) too."""
    out, _t, tot = _near_chain(tmp_path, ("Y", "W"))
    assert out["Y"]["residents"] == 180 and out["W"]["residents"] == 60
    assert tot["W"]["PERSONS_OUTSIDE"] is None and tot["W"]["PERSONS_READ"] is None
    assert tot["W"]["PERSONS_IN_AREAS"] == 160
    _o, _t, alone = _near_chain(tmp_path / "alone", ("W",))
    assert alone["W"]["PERSONS_OUTSIDE"] == 123


def _districts_and_part(tmp, n_blocks=130, district_blocks=65, inside=33):
    """``n_blocks`` blocks of 60 persons in a row (seed 4242), districts of
    ``district_blocks`` blocks each, and the first ``inside`` blocks of each district as
    areas: a run over ``layer`` (districts, part) with exact values through the register
    ``reg``."""
    import processing

    blocks = [("K%03d" % b, box(b, 0, b + 1, 1)) for b in range(n_blocks)]
    persons_frame(blocks, [60] * n_blocks, dates=("2025-01-01",), seed=4242).drop(
        columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "districts.gpkg"),
                [("D%d" % (d + 1), [box(d * district_blocks, 0, (d + 1) * district_blocks, 1)])
                 for d in range(n_blocks // district_blocks)])
    part = [b for b in blocks if int(b[0][1:]) % district_blocks < inside]
    write_areas(str(tmp / "part.gpkg"), [(name, [poly]) for name, poly in part])

    def run(layer, reg):
        return processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / (layer + ".gpkg")),
            "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
            "RELEASE_REGISTER": str(tmp / reg),
            "OUTPUT": str(tmp / "{}_{}.gpkg".format(layer, reg))})
    return run


def test_exact_run_totals_withheld_when_not_checked(tmp_path, provider):
    """A total that overlaps earlier releases in more pieces than the exact audit takes is
    withheld, and the run goes on (refusing it would refuse an ordinary check): 70 districts
    of two blocks, then one block of each as areas, whose persons outside every area cut every
    district (140 pieces). Control: the same run with a register of its own publishes both
    totals."""
    run = _districts_and_part(tmp_path, 140, 2, 1)
    run("districts", "register")
    res = run("part", "register")
    rows = gpkg_rows(res["OUTPUT"])
    assert len(rows) == 70 and (rows["residents"] == 60).all()
    assert res["PERSONS_OUTSIDE"] is None and res["PERSONS_READ"] is None
    alone = run("part", "alone")
    assert alone["PERSONS_OUTSIDE"] == 70 * 60 and alone["PERSONS_IN_AREAS"] == 70 * 60


def test_exact_part_of_the_areas_after_districts(tmp_path, provider):
    """Two districts of 65 blocks, then 66 of the blocks as areas: the persons outside every
    area cut both districts in 4 pieces, the areas nested in them are linked, so the total is
    checked and published (its what-if had 68 pieces, one per area, and was withheld)."""
    run = _districts_and_part(tmp_path)
    run("districts", "register")
    res = run("part", "register")
    assert res["PERSONS_OUTSIDE"] == 64 * 60


def test_exact_districts_after_part_of_the_areas(tmp_path, provider):
    """The other order: 66 blocks as areas, then the districts. The first run's totals cut
    both districts; the areas nested in the pieces are related to them by links, not made
    pieces of their own (that gave 68 pieces and refused the run). Both districts are
    published, and D1 − its published areas is the rest of 32 blocks, never a block."""
    run = _districts_and_part(tmp_path)
    part = gpkg_rows(run("part", "register")["OUTPUT"])
    districts = gpkg_rows(run("districts", "register")["OUTPUT"]).set_index("area_id")
    assert (districts["residents"] == 65 * 60).all()
    inside = part[part["area_id"].str[1:].astype(int) < 65]["residents"].sum()
    assert districts.loc["D1", "residents"] - inside == 32 * 60


@pytest.mark.parametrize("order", [("X", "Y", "L"), ("L", "X", "Y"), ("Y", "L", "X")],
                         ids=lambda o: "".join(o))
def test_exact_areas_nested_in_a_piece(tmp_path, provider, order):
    """Areas nested in an atom are linked to it, and the atom's rest is protected: X = H∪C∪T∪B
    and Y = B∪D overlap partially (pieces H∪C∪T, B, D); a layer L of D, H and C (T: 3
    persons) would give T = X − (Y − D) − H − C. Never all five residents in any order."""
    import processing

    bl = {"H": box(0, 0, 1, 1), "C": box(1, 0, 2, 1), "T": box(2, 0, 3, 1),
          "B": box(3, 0, 4, 1), "D": box(4, 0, 5, 1), "F": box(8, 8, 9, 9)}
    sizes = {"H": 60, "C": 60, "T": 3, "B": 120, "D": 60, "F": 100}
    persons_frame([(k, bl[k]) for k in sizes], list(sizes.values()), dates=("2025-01-01",),
                  seed=5151).drop(columns=["area_truth"]).to_csv(tmp_path / "persons.csv",
                                                                 index=False)
    layers = {"X": [("X", [bl["H"], bl["C"], bl["T"], bl["B"]])],
              "Y": [("Y", [bl["B"], bl["D"]])],
              "L": [("D", [bl["D"]]), ("H", [bl["H"]]), ("C", [bl["C"]])]}
    got = {}
    for name in order:
        write_areas(str(tmp_path / (name + ".gpkg")), layers[name] + [("F", [bl["F"]])])
        res = processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp_path / "persons.csv"), "AREAS": str(tmp_path / (name + ".gpkg")),
            "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
            "RELEASE_REGISTER": str(tmp_path / "register"),
            "OUTPUT": str(tmp_path / (name + ".out.gpkg"))})
        got.update(gpkg_rows(res["OUTPUT"]).set_index("area_id")["residents"].to_dict())
    t = got["X"] - (got["Y"] - got["D"]) - got["H"] - got["C"]
    assert pd.isna(t), ("T's residents", t, got)


def test_exact_nested_rest_control(tmp_path, provider):
    """Holds: Z = T∪B∪C and Y = B∪C (T the rest of an exact nesting) give nothing of T."""
    out, t, _tot = _near_chain(tmp_path, ("Z", "Y"))
    got = out["Z"] - out["Y"]
    assert len(t) == 3
    assert got.isna().all(), ("T's figures", dict(got.dropna()))


# --- angle 1'': cross-type, the indicator layer of B beside the moves of X = T∪B --------------
#
# T (3 stayers, non-western, basic schooling), B (150 stayers), 70 movers in B at each date
# only, F far away (seed 6060), extract 2024 and 2025, PERTURBATION=off, one register: the
# indicator layer of 1 January 2025 for B, and analysemoves 2024→2025 for X = T∪B. X's stayers
# are T and B's stayers, its arrivals B's arrivals, so T = stay_X − (B − in_X) for every
# profile indicator (the shares read as fractions: B's numerator and denominator are
# published, in_X's denominator is the in-movers count).


@pytest.fixture(scope="module", params=[("ind", "moves"), ("moves", "ind")],
                ids=["indicators first", "moves first"])
def cross_type(request, tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("round6_cross_type")
    t, b, f = box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)
    base = persons_frame([("T", t), ("B", b), ("F", f)], [3, 150, 100], dates=("x",),
                         seed=6060)
    base.loc[base.area_truth == "T", ["nonwestern", "basic_edu", "age"]] = [1, 1, 40]
    frames = []
    for d in ("2024-01-01", "2025-01-01"):
        m = persons_frame([("B", b)], [70], dates=("x",), seed=7000 + int(d[:4]))
        m["person_id"] = "M" + d[:4] + m["person_id"]
        frames += [base.assign(ref_date=d), m.assign(ref_date=d)]
    pd.concat(frames).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "B.gpkg"), [("B", [b]), ("F", [f])])
    write_areas(str(tmp / "X.gpkg"), [("X", [t, b]), ("F", [f])])
    common = {"PERSONS": str(tmp / "persons.csv"), "AREA_ID_FIELD": "area_id",
              "PERTURBATION": "off", "RELEASE_REGISTER": str(tmp / "register")}
    out = {"order": request.param}
    for what in request.param:
        if what == "ind":
            res = processing.run("boligsocial:computeindicators", dict(
                common, REF_DATE="2025-01-01", AREAS=str(tmp / "B.gpkg"),
                OUTPUT=str(tmp / "ind.gpkg")))
            out["ind"] = gpkg_rows(res["OUTPUT"]).set_index("area_id").loc["B"]
        else:
            res = processing.run("boligsocial:analysemoves", dict(
                common, FROM_DATE="2024-01-01", TO_DATE="2025-01-01",
                AREAS=str(tmp / "X.gpkg"), OUTPUT=str(tmp / "moves.gpkg"),
                FLOWS=str(tmp / "flows.gpkg")))
            out["moves"] = gpkg_rows(res["OUTPUT"]).set_index("area_id").loc["X"]
    return out


PROFILE_CODES = ("nonwestern", "basic_edu", "outside_labour")


def _cross_type_material(out, what):
    """The figures the attack needs from one output, per profile indicator: whether shown."""
    if what == "ind":
        return {c: not pd.isna(out["ind"][c + "_num"]) and not pd.isna(out["ind"][c + "_den"])
                for c in PROFILE_CODES}
    return {c: not pd.isna(out["moves"][c + "_stay"]) and not pd.isna(out["moves"][c + "_in"])
            for c in PROFILE_CODES}


def test_cross_type_indicator_layer_and_moves(cross_type):
    ind, moves = _cross_type_material(cross_type, "ind"), _cross_type_material(cross_type,
                                                                                "moves")
    both = [c for c in PROFILE_CODES if ind[c] and moves[c]]
    assert not both, ("T's figures follow for", both)


def test_cross_type_control(cross_type):
    """Not vacuous: the output published first shows every figure the attack needs."""
    first = cross_type["order"][0]
    assert all(_cross_type_material(cross_type, first).values()), cross_type["order"]


# --- angle 3'': exact values, four geographies over a 4×4 block grid, an LP attacker --------
#
# 16 one-km blocks with 2-120 persons each (a random size from 2, 3, 4, 40, 60, 90, 120; seeds
# 7171 and 6060), four geographies cutting the grid: quadrants (4 areas), at x 1|3 and y 2 (6),
# at x 2 and y 1|3 (6), at x 1|3 and y 1|3 (9, the corners single blocks); with every area's
# exact figures each block follows (the control). PERTURBATION=off, one register, in that
# order, all of one date or the last two a month later (the same persons). The attacker takes
# every published residents / non-western / age 0-17 / age 65+ figure as an equation over the
# blocks (counts ≥ 0) and bounds each block below MIN_COUNT persons by linear programming.

GRID_N = 4
GRID_CELLS = ["residents", "nonwestern_num", "age_0_17_num", "age_65plus_num"]


def _grid_geographies():
    """Partitions of the grid by cuts: quadrants, cut at x 1|3, at y 1|3, and at both."""
    def cut(xs, ys):
        xr = [range(a, b) for a, b in zip([0] + xs, xs + [GRID_N])]
        yr = [range(a, b) for a, b in zip([0] + ys, ys + [GRID_N])]
        return {"{}{}".format(i, j): [(x, y) for x in xx for y in yy]
                for i, xx in enumerate(xr) for j, yy in enumerate(yr)}

    return {"quad": cut([2], [2]), "shift": cut([1, 3], [2]), "shift2": cut([2], [1, 3]),
            "s11": cut([1, 3], [1, 3])}


def _grid_intervals(equations, truth, cell):
    """(block, true value, lowest, highest) of each block below MIN_COUNT persons."""
    from scipy.optimize import linprog

    ids = list(truth.index)
    a = [[1.0 if i in blocks else 0.0 for i in ids] for blocks, _ in equations]
    b = [v for _, v in equations]
    out = []
    for j, i in enumerate(ids):
        if truth.loc[i, "residents"] >= 5:
            continue
        obj = np.zeros(len(ids))
        obj[j] = 1.0
        lo = linprog(obj, A_eq=a, b_eq=b, bounds=[(0, None)] * len(ids))
        hi = linprog(-obj, A_eq=a, b_eq=b, bounds=[(0, None)] * len(ids))
        out.append((i, int(truth.loc[i, cell]), lo.fun if lo.status == 0 else -np.inf,
                    -hi.fun if hi.status == 0 else np.inf))
    return out


@pytest.fixture(scope="module", params=[(7171, False), (7171, True), (6060, False),
                                        (6060, True)],
                ids=["7171 one date", "7171 two dates", "6060 one date", "6060 two dates"])
def grid_lp(request, tmp_path_factory, provider):
    import processing

    seed, two_dates = request.param
    tmp = tmp_path_factory.mktemp("round6_grid")
    rng = np.random.default_rng(seed)
    sizes = {(x, y): int(rng.choice([2, 3, 4, 40, 60, 90, 120]))
             for x in range(GRID_N) for y in range(GRID_N)}
    blocks = [("{}_{}".format(*b), box(b[0], b[1], b[0] + 1, b[1] + 1)) for b in sizes]
    base = persons_frame(blocks, list(sizes.values()), dates=("2025-01-01",), seed=seed)
    base.drop(columns=["area_truth"]).to_csv(tmp / "jan.csv", index=False)
    base.drop(columns=["area_truth"]).assign(ref_date="2025-02-01").to_csv(
        tmp / "feb.csv", index=False)
    truth = base.assign(kid=base.age <= 17, old=base.age >= 65).groupby("area_truth").agg(
        residents=("person_id", "size"), nonwestern_num=("nonwestern", "sum"),
        age_0_17_num=("kid", "sum"), age_65plus_num=("old", "sum"))
    published, everything = [], []
    for name, areas in _grid_geographies().items():
        write_areas(str(tmp / (name + ".gpkg")),
                    [(a, [box(x, y, x + 1, y + 1) for x, y in bl]) for a, bl in areas.items()])
        extract = "feb.csv" if two_dates and name in ("shift2", "s11") else "jan.csv"
        res = processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp / extract), "AREAS": str(tmp / (name + ".gpkg")),
            "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
            "RELEASE_REGISTER": str(tmp / "register"),
            "OUTPUT": str(tmp / (name + "_out.gpkg"))})
        out = gpkg_rows(res["OUTPUT"]).set_index("area_id")
        for a, bl in areas.items():
            ids = ["{}_{}".format(*b) for b in bl if "{}_{}".format(*b) in truth.index]
            published.append((ids, out.loc[a, GRID_CELLS]))
            everything.append((ids, truth.loc[ids, GRID_CELLS].sum()))
    return published, everything, truth


def test_grid_lp_attacker_narrows_no_small_block(grid_lp):
    published, _, truth = grid_lp
    narrow = []
    for c in GRID_CELLS:
        eqs = [(ids, float(row[c])) for ids, row in published if not pd.isna(row[c])]
        if eqs:
            narrow += [(c,) + iv for iv in _grid_intervals(eqs, truth, c)
                       if iv[3] - iv[2] + 1 < 5]
    assert not narrow, narrow


def test_grid_lp_control(grid_lp):
    """Not vacuous: with every area's exact figures the same attacker pins small blocks."""
    _, everything, truth = grid_lp
    eqs = [(ids, float(row["residents"])) for ids, row in everything]
    pinned = [iv for iv in _grid_intervals(eqs, truth, "residents") if iv[3] - iv[2] < 1e-6]
    assert pinned, _grid_intervals(eqs, truth, "residents")
