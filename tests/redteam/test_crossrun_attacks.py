# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: the carry rule across runs (core.discretion.carrystate), attacked from outside.

The attacker sees only the published GeoPackages of ``computeindicators`` runs through ONE
release register, default parameters (perturbation on). Data: tests.helpers.persons_frame
with its default attribute rates (seed 2026), not tuned; geometries of our own: a newcomer's
block H (120 persons) and K = 8 blocks B_k (50 persons), geographies G_k = H ∪ B_k (the
overlap budget's maximum of 8 populations holding the newcomer per date).

Attacks (measured on this data before the fixes; each now guards its fix: the register binds
a cell to recorded cells of any type with nearly the same persons and contributions, every row
of a run is bound, and a cell hidden near a recorded hidden cell is flagged P):

* **A. A new indicator code every year** (fixed). One extract a year (one snapshot each), a
  child born in every B_k every year (the rows change, the newcomer's numerators do not), the
  newcomer (non-western, convicted, basic schooling, 40) arrives in H in the 4th of 6 years.
  Each year's run also publishes user-defined indicators with the *same definitions* as the
  built-in non-western / convicted / basic-schooling shares under a new code (``nw_0``, ...).
  The built-in cells are carried (the register binds them), but the register matches cell
  types by code and definition fingerprint: a new code has nothing recorded, so every year its
  numerator is a fresh noisy copy (the row changed: a birth), 6 years × 8 geographies of
  (count, count + newcomer). The overlap budget (8 populations a date) does not see it: the
  copies are of different dates. Posterior (count unknown, marginalised): basic schooling
  0.9997, non-western 0.999 (convicted: hidden, P, in every geography).
* **A'. The same code, a definition reworded every year** (a condition nobody fails,
  ``age <= 150 + year``; fixed): a new fingerprint, the same persons: the same copies as A.
* **A''. Age-band variants of one indicator under new codes** (fixed): 16 user-defined
  non-western shares over age bands that all hold the newcomer (different persons, hence
  independent noise, though one row), two yearly extracts: 7–12 copies per geography; ONE
  geography reaches 0.993, the 8 together 72 copies (mean difference 1.01, posterior
  1 − 1e-10). The overlap budget counts populations (rows), not cells.
* **C. The flag of a new code** (fixed): the built-in convicted count stays P (kept hidden by
  the register), the same definition under a new code is judged afresh: its flag turns P → S
  in the 2 of 8 geographies where the newcomer lifts the count from 4 to 5: the hidden count
  (exactly 4) and his conviction.
* **B. An earlier year's series published after a later year** (fixed). The extract of 2025
  (one snapshot, a newcomer in each of 4 homes H_j) is published first, then the extract of
  2024 as a series (2024-01, 2024-12) with 10 persons moving into every B_k during 2024. Only
  the run's first date is bound to the register; 2024-01 is more than MIN_COUNT changes from
  2025-01 (new value), 2024-12 is new in the run's own walk (10 changes), and 2024-12 and
  2025-01 differ by the newcomer alone: 8 fresh copies per newcomer (mean difference 0.93; 2 of
  12 newcomer attributes reach 0.99). The same with December's single-date layer
  (``REF_DATE``) of the 2024 extract. Holds: the forward order (2025-01 binds to 2024-12;
  control: an empty register), and 2024-12 from a one-snapshot extract after 2025.
* **Angle 1: heavy churn, redrawn and renamed geographies** (holds): at d2 6 persons left and
  6 arrived in every B_k, the newcomer arrived, and the geographies are redrawn without 4
  persons under new ids: every cell where fewer than MIN_COUNT persons changed (ground truth)
  repeats d1's value (control: a fresh register differs in 8 of 10 such cells).
* **Angle 2: monthly series per year, forward** (holds): 2024's monthly series (a child born
  in every B_k every month), then 2025's (the newcomer from April): the cells only he changes
  show one value over the 24 months (control: 2025 through an empty register gives a new
  value at the year boundary). In reverse order those cells are bound too (2024-01 binds to
  2025-01: no change in them); the leak B needs MIN_COUNT changes within the earlier year.
* **Angle 3 at one date** (holds): the same definition under several codes shows one value.
"""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.perturbation import _distribution
from tests.helpers import persons_frame
from tests.redteam.attack_helpers import write_areas
from tests.redteam.test_averaging_geographies import posterior_of_one
from tests.test_leaks import gpkg_rows

K = 8
SIZE = 800.0
X0, Y0 = 590000.0, 6180000.0
MIN_COUNT = 5
#: the newcomer's 0/1 attributes (built-in numerator columns) and the user code stem of each
ATTRS = {"nonwestern": "nw", "convicted": "cv", "basic_edu": "be"}
YEARS = ["{}-03-01".format(y) for y in range(2021, 2027)]
ARRIVAL = 3  # the newcomer is in H from YEARS[3] on
NEWCOMER = dict(person_id="NEWCOMER", age=40, convicted=1, nonwestern=1, basic_edu=1,
                student=0, taxpayer=1)
#: the built-in definitions of ATTRS as user-defined indicators (README "User-defined
#: indicators"); the code is added per run
DEFINITIONS = {"nonwestern": {"type": "share", "value": "nonwestern"},
               "convicted": {"type": "share", "value": "convicted", "age_min": 18},
               "basic_edu": {"type": "share", "value": "basic_edu", "age_min": 30,
                             "age_max": 59}}


def _block(i, j=0):
    # group j's H at i = 0; its B_k in a row north-east of it, with gaps
    y = Y0 + 6 * j * SIZE
    return (X0 + 1.5 * i * SIZE, y + 0.5 * i * SIZE, X0 + (1.5 * i + 1) * SIZE,
            y + (0.5 * i + 1) * SIZE)


def _geographies(path, groups=1):
    """Per group j the K areas G{j}_{k} = H_j ∪ B_{j,k} (group 0: G{k})."""
    write_areas(path, [(_gid(j, k), [_block(0, j), _block(k + 1, j)])
                       for j in range(groups) for k in range(K)], names=True)


def _gid(j, k):
    return "G{}".format(k) if j == 0 else "G{}_{}".format(j, k)


def _hid(j):
    return "H" if j == 0 else "H{}".format(j)


def _bid(j, k):
    return "B{}".format(k) if j == 0 else "B{}_{}".format(j, k)


def _base(groups=1):
    blocks = []
    for j in range(groups):
        blocks += [(_hid(j), _block(0, j))] + [(_bid(j, k), _block(k + 1, j))
                                               for k in range(K)]
    return persons_frame(blocks, ([120] + [50] * K) * groups, dates=("x",), seed=2026)


def _newcomer(base, date, j=0):
    return base[base["area_truth"] == _hid(j)].head(1).assign(
        ref_date=date, **dict(NEWCOMER, person_id="NEWCOMER{}".format(j)))


def _write(df, path):
    df.drop(columns=["area_truth"]).to_csv(path, index=False)


def _definitions(path, suffix, alter=False):
    """The built-in definitions of ATTRS under codes ``<stem>_<suffix>``; ``alter``: under
    the codes ``<stem>_x``, each with a condition nobody fails (age <= 150 + suffix), so a
    new fingerprint every year for the same persons."""
    import json

    out = []
    for attr, stem in ATTRS.items():
        d = dict(DEFINITIONS[attr], label="copy of " + attr)
        d["code"] = "{}_x".format(stem) if alter else "{}_{}".format(stem, suffix)
        if alter:
            d["where"] = [{"column": "age", "op": "<=", "value": 150 + suffix}]
        out.append(d)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"indicators": out}, f)


def _run(tmp, name, extract, register, **extra):
    import processing

    res = processing.run("boligsocial:computeindicators", dict({
        "PERSONS": str(tmp / extract), "AREAS": str(tmp / "geos.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "OVERLAPS": "allow",
        "RELEASE_REGISTER": str(tmp / register),
        "OUTPUT": str(tmp / "{}.gpkg".format(name))}, **extra))
    return gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()


# --- the attacker's likelihood ------------------------------------------------------------

def _pmf(true):
    """P(published | exact count ``true``) of the public noise table (with its cut at
    MIN_COUNT), as a dict."""
    if true <= 0:
        return {0: 1.0}
    fl = MIN_COUNT if true >= MIN_COUNT else 1
    ch, pr = _distribution(int(true), fl, 2)
    return {int(true + c): float(p) for c, p in zip(ch, pr)}


def posterior_from_series(series):
    """P(the newcomer has the attribute | per geography a list of (value, arrived)):
    each value is an independent noisy copy of v (before) or v + h (after), v unknown
    (flat over the plausible counts), prior 1:1."""
    ll = {0: 0.0, 1: 0.0}
    for obs in series:
        obs = [(float(y), a) for y, a in obs if not pd.isna(y)]
        if not obs:
            continue
        lo = int(min(y for y, _ in obs)) - 4
        hi = int(max(y for y, _ in obs)) + 4
        for h in (0, 1):
            tot = 0.0
            for v in range(max(lo, 0), hi + 1):
                p = 1.0
                for y, a in obs:
                    p *= _pmf(v + (h if a else 0)).get(int(round(y)), 0.0)
                tot += p
            ll[h] += np.log(max(tot, 1e-300))
    return 1.0 / (1.0 + np.exp(ll[0] - ll[1]))


# --- attack A: a new code every year --------------------------------------------------------

@pytest.fixture(scope="module")
def yearly_codes(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("crossrun_codes")
    _geographies(str(tmp / "geos.gpkg"))
    base = _base()
    born = []
    out = {"new_code": [], "altered": []}
    for t, date in enumerate(YEARS):
        parts = [base.assign(ref_date=date)]
        if t >= ARRIVAL:
            parts.append(_newcomer(base, date))
        if t:
            for k in range(K):
                kid = base[base["area_truth"] == "B{}".format(k)].head(1).assign(
                    ref_date=date, person_id="BORN{}_{}".format(k, t), age=0, convicted=0,
                    nonwestern=0, basic_edu=0, student=0, outside_fte=0.0, gross_income=0.0,
                    taxpayer=0)
                born.append((t, kid))
        parts += [b.assign(ref_date=date, age=t - t0) for t0, b in born]
        df = pd.concat(parts, ignore_index=True)
        assert df["ref_date"].nunique() == 1
        _write(df, tmp / "extract_{}.csv".format(t))
        _definitions(tmp / "codes_{}.json".format(t), t)
        _definitions(tmp / "altered_{}.json".format(t), t, alter=True)
        out["new_code"].append(_run(tmp, "codes_{}".format(t), "extract_{}.csv".format(t),
                                    "reg_codes", INDICATOR_DEFINITIONS=str(
                                        tmp / "codes_{}.json".format(t))))
        out["altered"].append(_run(tmp, "altered_{}".format(t), "extract_{}.csv".format(t),
                                   "reg_altered", INDICATOR_DEFINITIONS=str(
                                       tmp / "altered_{}.json".format(t))))
    return out


def _code_series(layers, attr, code_of):
    """Per geography the attacker's list of (published numerator, newcomer arrived)."""
    return [[(layers[t].loc["G{}".format(k), code_of(attr, t) + "_num"], t >= ARRIVAL)
             for t in range(len(YEARS))] for k in range(K)]


def _report(layers, code_of):
    post, changed = {}, {}
    for attr in ATTRS:
        s = _code_series(layers, attr, code_of)
        post[attr] = posterior_from_series(s)
        vals = np.array([[y for y, _ in row] for row in s], dtype=float)
        changed[attr] = int(np.nansum(np.abs(np.diff(vals, axis=1)) > 0))
    return post, changed


def test_builtin_cells_are_carried_across_the_yearly_extracts(yearly_codes):
    """The register does bind the built-in cells: one change (the newcomer, a newborn a
    year) < MIN_COUNT, the newcomer's numerators repeat the first year's value every year."""
    layers = yearly_codes["new_code"]
    compared = 0
    for attr in ATTRS:
        vals = np.array([layers[t][attr + "_num"].to_numpy(dtype=float)
                         for t in range(len(YEARS))])
        shown = ~np.isnan(vals).any(axis=0)
        compared += int(shown.sum())
        assert (vals[:, shown] == vals[0, shown]).all(), (attr, vals)
    # the convicted counts (5 % of the adults) are mostly hidden; the others are shown
    assert compared >= 2 * K
    # a hidden cell stays hidden as it was: its flag tells nothing of the newcomer
    for t in range(ARRIVAL, len(YEARS)):
        assert layers[t]["convicted_flag"].tolist() == \
            layers[ARRIVAL - 1]["convicted_flag"].tolist()


def _exact_convicted(groups=1, arrived=False):
    """The exact convicted counts (18 and over) of G_0..G_{K-1} (group 0)."""
    base = _base(groups)
    adults = base[base["age"] >= 18]
    h = int(adults.loc[adults["area_truth"] == "H", "convicted"].sum()) + int(arrived)
    return [h + int(adults.loc[adults["area_truth"] == _bid(0, k), "convicted"].sum())
            for k in range(K)]


def test_a_new_code_tells_when_a_hidden_count_reaches_min_count(yearly_codes):
    layers = yearly_codes["new_code"]
    before = layers[ARRIVAL - 1]["cv_{}_flag".format(ARRIVAL - 1)]
    after = layers[ARRIVAL]["cv_{}_flag".format(ARRIVAL)]
    # the attacker's reading: P before, not P after, only the newcomer changed among the
    # adults: the count was MIN_COUNT - 1 and the newcomer is convicted
    crossed = [g for g in before.index if before[g] == "P" and after[g] != "P"]
    exact = dict(zip(["G{}".format(k) for k in range(K)], _exact_convicted()))
    assert all(exact[g] == MIN_COUNT - 1 for g in crossed), (crossed, exact)  # it is right
    assert not crossed, ("the attacker learns the exact hidden count {} and the newcomer's "
                         "conviction in".format(MIN_COUNT - 1), crossed,
                         before.tolist(), after.tolist())


def test_codes_of_one_date_are_one_copy(yearly_codes):
    """Angle 3 at ONE date: the same definition under several codes (the year's code, the
    reworded ``_x`` one, the built-in in the first year) shows one value, not independent
    noisy copies (the noise is keyed on the persons and the row, not on the code). Not
    vacuous: the same codes' values do differ between years (the leaks below)."""
    compared = 0
    for t in range(len(YEARS)):
        a, b = yearly_codes["new_code"][t], yearly_codes["altered"][t]
        for attr, stem in ATTRS.items():
            x = a["{}_{}_num".format(stem, t)].astype(float)
            y = b["{}_x_num".format(stem)].astype(float)
            both = x.notna() & y.notna()
            compared += int(both.sum())
            assert (x[both] == y[both]).all(), (t, attr, x.tolist(), y.tolist())
            if t == 0:
                z = a[attr + "_num"].astype(float)
                assert (x[both & z.notna()] == z[both & z.notna()]).all(), (attr, z.tolist())
    assert compared >= 2 * K * len(YEARS)


def test_a_new_code_every_year_gives_fresh_copies(yearly_codes):
    layers = yearly_codes["new_code"]
    post, changed = _report(layers, lambda attr, t: "{}_{}".format(ATTRS[attr], t))
    # the same persons' cells under another code must show the register's values too
    assert max(changed.values()) == 0, (changed, post)
    assert max(post.values()) < 0.99, post


def test_a_reworded_definition_every_year_gives_fresh_copies(yearly_codes):
    layers = yearly_codes["altered"]
    post, changed = _report(layers, lambda attr, t: "{}_x".format(ATTRS[attr]))
    assert max(changed.values()) == 0, (changed, post)
    assert max(post.values()) < 0.99, post


# --- attack A'': age-band variants of one indicator, new codes each year ----------------------

#: populations of the non-western share that all hold the newcomer (40), pairwise different
VARIANTS = [(a, b) for a in (0, 10, 20, 30) for b in (59, 69, 79, 200)]
V1, V2 = "2024-03-01", "2025-03-01"


def _variant_definitions(path, suffix):
    import json

    defs = [{"code": "nwv{}_{}".format(i, suffix), "type": "share", "value": "nonwestern",
             "label": "Ikke-vestlige {}-{}".format(a, b), "age_min": a, "age_max": b}
            for i, (a, b) in enumerate(VARIANTS)]
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"indicators": defs}, f)


@pytest.fixture(scope="module")
def variants(tmp_path_factory, provider):
    """Two yearly one-snapshot extracts (the newcomer arrives in the second), published with
    the VARIANTS under new codes each year (``new``) or under the same codes (``stable``);
    ``control``: new codes, each year through a register of its own (nothing to bind)."""
    tmp = tmp_path_factory.mktemp("crossrun_variants")
    _geographies(str(tmp / "geos.gpkg"))
    base = _base()
    _write(base.assign(ref_date=V1), tmp / "v1.csv")
    _write(pd.concat([base.assign(ref_date=V2), _newcomer(base, V2)], ignore_index=True),
           tmp / "v2.csv")
    for suffix in ("a", "b", "s"):
        _variant_definitions(tmp / "var_{}.json".format(suffix), suffix)
    out = {}
    for name, (s1, s2) in {"new": ("a", "b"), "stable": ("s", "s"),
                           "control": ("a", "b")}.items():
        out[name] = tuple(
            (_run(tmp, "{}_{}".format(name, t), extract,
                  "reg_" + name + ("_{}".format(t) if name == "control" else ""),
                  INDICATOR_DEFINITIONS=str(tmp / "var_{}.json".format(sfx))), sfx)
            for t, (extract, sfx) in enumerate((("v1.csv", s1), ("v2.csv", s2))))
    return out


def _variant_differences(pair, geographies):
    """The attacker's differences d2 − d1 of every variant's numerator (shown both years)."""
    (a, sa), (b, sb) = pair
    out = []
    for g in geographies:
        for i in range(len(VARIANTS)):
            x = a.loc[g, "nwv{}_{}_num".format(i, sa)]
            y = b.loc[g, "nwv{}_{}_num".format(i, sb)]
            if not (pd.isna(x) or pd.isna(y)):
                out.append(float(y) - float(x))
    return np.array(out)


def test_stable_variant_codes_are_carried(variants):
    """The same variants under the same codes both years: every difference 0 (the register
    binds them). Not vacuous: without a shared register the same cells differ (below)."""
    d = _variant_differences(variants["stable"], ["G{}".format(k) for k in range(K)])
    assert len(d) >= 2 * K, d
    assert (d == 0).all(), d
    new = _variant_differences(variants["control"], ["G{}".format(k) for k in range(K)])
    assert (new != 0).sum() >= len(new) // 4, new


def test_variants_under_new_codes_in_one_geography(variants):
    posts = {}
    for k in range(K):
        d = _variant_differences(variants["new"], ["G{}".format(k)])
        posts["G{}".format(k)] = (len(d), round(float(d.mean()), 3) if len(d) else None,
                                  posterior_of_one(d))
    everything = _variant_differences(variants["new"], ["G{}".format(k) for k in range(K)])
    sure = [g for g, (_, _, p) in posts.items() if p >= 0.99]
    assert not sure, ("one geography is enough in", sure, posts, "all 8:", len(everything),
                      float(everything.mean()), posterior_of_one(everything))


# --- attack B: an earlier year's series published after a later year ------------------------

B24 = ("2024-01-01", "2024-12-01")
B25 = "2025-01-01"
MOVERS = 10
#: independent newcomers, each with his own home H_j and geographies G{j}_{k}: how often the
#: attacker reaches 99 % on one of his attributes
GROUPS = 4


@pytest.fixture(scope="module")
def year_order(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("crossrun_order")
    _geographies(str(tmp / "geos.gpkg"), GROUPS)
    base = _base(GROUPS)
    movers = []
    for j in range(GROUPS):
        for k in range(K):
            m = base[base["area_truth"] == _bid(j, k)].head(MOVERS).copy()
            m["person_id"] = ["MOVER{}_{}_{}".format(j, k, i) for i in range(len(m))]
            m[["age", "convicted", "nonwestern", "basic_edu", "student"]] = [38, 1, 1, 1, 0]
            movers.append(m)
    movers = pd.concat(movers, ignore_index=True)
    # 2024: a series of January (base) and December (base and the movers)
    _write(pd.concat([base.assign(ref_date=B24[0]), base.assign(ref_date=B24[1]),
                      movers.assign(ref_date=B24[1])], ignore_index=True), tmp / "ex24.csv")
    # 2025: one snapshot, December's persons and the newcomers
    _write(pd.concat([base.assign(ref_date=B25), movers.assign(ref_date=B25)]
                     + [_newcomer(base, B25, j) for j in range(GROUPS)], ignore_index=True),
           tmp / "ex25.csv")
    # 2024-12 alone (a late one-snapshot delivery)
    _write(pd.concat([base.assign(ref_date=B24[1]), movers.assign(ref_date=B24[1])],
                     ignore_index=True), tmp / "ex24dec.csv")
    out = {}
    out["late25"] = _run(tmp, "late25", "ex25.csv", "reg_late")
    out["late24dec"] = _run(tmp, "late24dec", "ex24dec.csv", "reg_late")
    out["rev25"] = _run(tmp, "rev25", "ex25.csv", "reg_rev")
    out["rev24"] = _run(tmp, "rev24", "ex24.csv", "reg_rev")
    # 2025 first, then only December's layer of the 2024 series extract (REF_DATE)
    out["ref25"] = _run(tmp, "ref25", "ex25.csv", "reg_ref")
    out["ref24dec"] = _run(tmp, "ref24dec", "ex24.csv", "reg_ref", REF_DATE=B24[1])
    out["fwd24"] = _run(tmp, "fwd24", "ex24.csv", "reg_fwd")
    out["fwd25"] = _run(tmp, "fwd25", "ex25.csv", "reg_fwd")
    # the control: 2025 through a register that knows nothing of 2024 (rev25 was the first
    # run of its register)
    out["ctrl25"] = out["rev25"]
    return out


def _dec(layer):
    return layer[layer["ref_date"].astype(str) == B24[1]]


def _boundary(before, after):
    """Per group and attribute the differences after − before (2025-01 − 2024-12) over the
    group's geographies, and the attacker's posterior."""
    diffs, post = {}, {}
    for j in range(GROUPS):
        ids = [_gid(j, k) for k in range(K)]
        for attr in ATTRS:
            c = attr + "_num"
            d = (after.reindex(ids)[c] - before.reindex(ids)[c]).dropna()
            diffs[j, attr] = d.to_numpy(dtype=float)
            post[j, attr] = posterior_of_one(diffs[j, attr])
    return diffs, post


def _shown(diffs):
    return sum(len(d) for d in diffs.values())


def test_forward_order_repeats_december(year_order):
    """2024's series, then 2025's snapshot: 2025-01 repeats 2024-12 (the newcomer alone)."""
    diffs, post = _boundary(_dec(year_order["fwd24"]), year_order["fwd25"])
    assert _shown(diffs) >= GROUPS * K, diffs
    assert all((d == 0).all() for d in diffs.values()), diffs
    assert max(post.values()) < 0.99


def test_a_later_one_snapshot_of_december_repeats_january(year_order):
    """2025 first, then 2024-12 from a one-snapshot extract: its (first) date is bound to
    2025-01, the newcomer alone changed: every difference 0 (the control: the series below,
    whose last date is not bound)."""
    diffs, post = _boundary(year_order["late24dec"], year_order["late25"])
    assert _shown(diffs) >= GROUPS * K, diffs
    assert all((d == 0).all() for d in diffs.values()), diffs


def test_control_forward_order_without_the_register_leaks(year_order):
    """The same 2024-12 values against 2025 from an empty register: fresh copies (the test
    above is not vacuous)."""
    diffs, post = _boundary(_dec(year_order["fwd24"]), year_order["ctrl25"])
    pooled = np.concatenate(list(diffs.values()))
    assert len(pooled) >= GROUPS * K and (pooled != 0).any(), diffs
    # each difference: the newcomer's 1 plus two noises
    assert abs(pooled.mean() - 1.0) < 0.5, (pooled.mean(), post)


def _assert_boundary_repeats(dec, later):
    """December 2024 against January 2025: fewer than MIN_COUNT persons changed in these
    cells, so every difference is 0 and the attacker is sure of nothing."""
    diffs, post = _boundary(dec, later)
    assert _shown(diffs) >= GROUPS * K, diffs
    sure = sorted(k for k, p in post.items() if p >= 0.99)
    assert all((d == 0).all() for d in diffs.values()), (
        "mean difference", float(np.concatenate(list(diffs.values())).mean()),
        "sure of", sure, {k: round(p, 4) for k, p in post.items()})
    assert not sure, post


def test_earlier_series_after_the_later_year(year_order):
    _assert_boundary_repeats(_dec(year_order["rev24"]), year_order["rev25"])


# --- angle 1: heavy churn, redrawn and renamed geographies ----------------------------------

C1, C2 = "2024-05-01", "2025-05-01"
LEAVE = ARRIVE = 6
TRIM = 4


def _geographies_x(path, west):
    """X_k: G_k renamed, its B-part cut at ``west[k]`` (drops the persons west of it)."""
    write_areas(path, [("X{}".format(k), [_block(0), (west[k],) + _block(k + 1)[1:]])
                       for k in range(K)], names=True)


def _cell_members(df, attr, kind):
    """person_ids in the built-in ``attr`` numerator (``kind`` "num") or denominator."""
    d = DEFINITIONS[attr]
    pop = (df["age"] >= d.get("age_min", 0)) & (df["age"] <= d.get("age_max", 200))
    if kind == "num":
        pop &= df[attr] == 1
    return set(df.loc[pop, "person_id"])


@pytest.fixture(scope="module")
def churn(tmp_path_factory, provider):
    """d1: G_k; d2 (another one-snapshot extract): in every B_k LEAVE persons left and
    ARRIVE arrived (random attributes, another seed), the newcomer in H, the geographies
    redrawn as X_k without the TRIM westernmost persons of B_k (another id). Through one
    register and, for the control, through a fresh one."""
    tmp = tmp_path_factory.mktemp("crossrun_churn")
    _geographies(str(tmp / "geos.gpkg"))
    base = _base()
    blocks = [(_bid(0, k), _block(k + 1)) for k in range(K)]
    fresh = persons_frame(blocks, [ARRIVE] * K, dates=("x",), seed=777)
    fresh["person_id"] = ["ARRIVED{}".format(i) for i in range(len(fresh))]
    leave = set()
    for k in range(K):
        leave |= set(base.loc[base["area_truth"] == _bid(0, k), "person_id"].tail(LEAVE))
    d2 = pd.concat([base[~base["person_id"].isin(leave)], fresh, _newcomer(base, C2)],
                   ignore_index=True).assign(ref_date=C2)
    d1 = base.assign(ref_date=C1)
    west = []
    for k in range(K):
        xs = np.sort(d2.loc[d2["area_truth"] == _bid(0, k), "x"].to_numpy())
        west.append(float((xs[TRIM - 1] + xs[TRIM]) / 2))
    _geographies_x(str(tmp / "geos_x.gpkg"), west)
    _write(d1, tmp / "c1.csv")
    _write(d2, tmp / "c2.csv")
    a = _run(tmp, "c1", "c1.csv", "reg")
    b = _run(tmp, "c2", "c2.csv", "reg", AREAS=str(tmp / "geos_x.gpkg"))
    ctrl = _run(tmp, "c2_ctrl", "c2.csv", "reg_ctrl", AREAS=str(tmp / "geos_x.gpkg"))
    # the ground truth: per geography and cell, how many persons entered or left
    changed = {}
    for k in range(K):
        g1 = d1[d1["area_truth"].isin(["H", _bid(0, k)])]
        g2 = d2[(d2["area_truth"] == "H") | ((d2["area_truth"] == _bid(0, k))
                                            & (d2["x"] > west[k]))]
        for attr in ATTRS:
            for kind in ("num", "den"):
                changed[k, attr, kind] = len(_cell_members(g1, attr, kind)
                                             ^ _cell_members(g2, attr, kind))
    return {"a": a, "b": b.rename(index=lambda s: "G" + s[1:]).reindex(a.index),
            "ctrl": ctrl.rename(index=lambda s: "G" + s[1:]).reindex(a.index),
            "changed": changed}


def _churn_cells(out, b):
    """(cells where fewer than MIN_COUNT changed: equal or hidden as before, those shown
    both times that differ)."""
    a, small, differ = out["a"], 0, []
    for (k, attr, kind), n in out["changed"].items():
        if n >= MIN_COUNT:
            continue
        c, g = "{}_{}".format(attr, kind), "G{}".format(k)
        if pd.isna(a.loc[g, c]) or pd.isna(b.loc[g, c]):
            continue
        small += 1
        if a.loc[g, c] != b.loc[g, c]:
            differ.append((g, c, n, a.loc[g, c], b.loc[g, c]))
    return small, differ


def test_churn_and_redrawn_ids_repeat_every_cell_few_persons_changed(churn):
    """Angle 1: the rows changed a lot (residents: 2·LEAVE + TRIM + 1 persons), the per-cell
    rule still repeats d1's value in every cell where fewer than MIN_COUNT of its persons
    changed, though the id is another and the geography redrawn."""
    small, differ = _churn_cells(churn, churn["b"])
    assert small >= K, churn["changed"]
    assert not differ, differ
    # hidden at d1 and few changed: hidden at d2
    for (k, attr, kind), n in churn["changed"].items():
        g, c = "G{}".format(k), "{}_{}".format(attr, kind)
        if n < MIN_COUNT and pd.isna(churn["a"].loc[g, c]):
            assert pd.isna(churn["b"].loc[g, c]), (g, c, n)


def test_control_churn_without_the_register_gives_new_values(churn):
    small, differ = _churn_cells(churn, churn["ctrl"])
    assert small >= K and len(differ) >= small // 4, (small, differ)


def test_earlier_series_december_layer_after_the_later_year(year_order):
    dec = year_order["ref24dec"]
    assert list(dec["ref_date"].astype(str).unique()) == [B24[1]]
    _assert_boundary_repeats(dec, year_order["ref25"])


# --- angle 2: monthly series extracts per year --------------------------------------------

M24 = ["2024-{:02d}-01".format(m) for m in range(1, 13)]
M25 = ["2025-{:02d}-01".format(m) for m in range(1, 13)]
M_ARRIVAL = "2025-04-01"
#: cells only the newcomer changes (the newborns are under 18)
M_CELLS = ("basic_edu_num", "basic_edu_den", "age_18_64_num", "convicted_den")


@pytest.fixture(scope="module")
def monthly(tmp_path_factory, provider):
    """A monthly extract per year, a child (random attributes) born in every B_k every month,
    the newcomer in H from April 2025. 2024's extract published as a series first, then
    2025's (``fwd``); the control: 2025 through an empty register (``ctrl``)."""
    tmp = tmp_path_factory.mktemp("crossrun_monthly")
    _geographies(str(tmp / "geos.gpkg"))
    base = _base()
    months = M24 + M25
    blocks = [(_bid(0, k), _block(k + 1)) for k in range(K)]
    kids = persons_frame(blocks * len(months), [1] * K * len(months), dates=("x",),
                         seed=4242)
    kids["person_id"] = ["KID{}".format(i) for i in range(len(kids))]
    kids[["age", "student", "taxpayer", "gross_income"]] = [0, 0, 0, 0.0]
    frames = {2024: [], 2025: []}
    for t, date in enumerate(months):
        parts = [base.assign(ref_date=date), kids.iloc[:K * (t + 1)].assign(ref_date=date)]
        if date >= M_ARRIVAL:
            parts.append(_newcomer(base, date))
        frames[int(date[:4])] += parts
    for year, parts in frames.items():
        _write(pd.concat(parts, ignore_index=True), tmp / "m{}.csv".format(year))
    return {"fwd24": _run(tmp, "fwd24", "m2024.csv", "reg"),
            "fwd25": _run(tmp, "fwd25", "m2025.csv", "reg"),
            "ctrl25": _run(tmp, "ctrl25", "m2025.csv", "reg_ctrl"),
            "rev25": _run(tmp, "rev25", "m2025.csv", "reg_rev"),
            "rev24": _run(tmp, "rev24", "m2024.csv", "reg_rev")}


def _monthly_values(a, b, cell):
    """(geographies × 24 months) of one cell, 2024's series then 2025's."""
    both = pd.concat([a, b])
    return np.array([[both[(both.index == "G{}".format(k))
                           & (both["ref_date"].astype(str) == d)][cell].iloc[0]
                      for d in M24 + M25] for k in range(K)], dtype=float)


def test_monthly_series_per_year_forward_carry_the_newcomers_cells(monthly):
    """2024's monthly series, then 2025's: the cells only the newcomer changes show one value
    over the 24 months (the year boundary binds 2025-01 to 2024-12, the walk does the rest)."""
    shown = 0
    for cell in M_CELLS:
        v = _monthly_values(monthly["fwd24"], monthly["fwd25"], cell)
        ok = ~np.isnan(v).any(axis=1)
        shown += int(ok.sum())
        assert (v[ok] == v[ok, :1]).all(), (cell, v[ok])
    assert shown >= 2 * K


def test_monthly_series_per_year_reverse_carry_the_newcomers_cells(monthly):
    """2025's monthly series first, then 2024's: 2024-01 binds to 2025-01 (nobody changed in
    these cells), the walk carries the rest: one value over the 24 months."""
    shown = 0
    for cell in M_CELLS:
        v = _monthly_values(monthly["rev24"], monthly["rev25"], cell)
        ok = ~np.isnan(v).any(axis=1)
        shown += int(ok.sum())
        assert (v[ok] == v[ok, 12:13]).all(), (cell, v[ok])
    assert shown >= 2 * K


def test_control_monthly_2025_without_the_register_differs(monthly):
    differ = 0
    for cell in M_CELLS:
        v = _monthly_values(monthly["fwd24"], monthly["ctrl25"], cell)
        ok = ~np.isnan(v[:, 11]) & ~np.isnan(v[:, 12])
        differ += int((v[ok, 11] != v[ok, 12]).sum())
    assert differ >= K // 2, differ


# --- at one date: near-duplicate age bands of one indicator ----------------------------------

def test_near_duplicate_age_bands_at_one_date_give_no_copies(tmp_path, provider):
    """Six pairs of user-defined non-western shares, ages [i, 40] and [i, 39], around a
    newcomer of 40 (the only one of that age) in the 8 geographies of one date: each pair
    differs by him alone. The nested rest (the persons of 40) is protected like a cell: no
    pair is published both ways, so no difference gives a copy of him."""
    import json

    _geographies(str(tmp_path / "geos.gpkg"))
    base = _base()
    base = base[base["age"] != 40]
    d = "2025-03-01"
    _write(pd.concat([base.assign(ref_date=d), _newcomer(base, d)], ignore_index=True),
           tmp_path / "p.csv")
    defs = []
    for i in range(6):
        for code, top in (("a", 40), ("b", 39)):
            defs.append({"code": "{}{}".format(code, i), "type": "share", "value": "nonwestern",
                         "label": "{}{}".format(code, i), "age_min": i, "age_max": top})
    with open(tmp_path / "defs.json", "w", encoding="utf-8") as f:
        json.dump({"indicators": defs}, f)
    out = _run(tmp_path, "bands", "p.csv", "reg", INDICATOR_DEFINITIONS=str(tmp_path / "defs.json"))
    diffs, shown = [], 0
    for i in range(6):
        a, b = out["a{}_num".format(i)], out["b{}_num".format(i)]
        shown += int(a.notna().sum() + b.notna().sum())
        ok = a.notna() & b.notna()
        diffs += list(a[ok].astype(float) - b[ok].astype(float))
    assert shown >= K  # not everything is hidden: the attack has figures to work on
    assert len(diffs) == 0 or posterior_of_one(np.array(diffs)) < 0.99, diffs
