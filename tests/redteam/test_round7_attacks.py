# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team (round 7): a run's totals set beside earlier releases of other dates (exact values).

PERTURBATION=off, one release register per scenario, persons who do not move between the two
reference dates (1 January and 1 February 2025; one-snapshot extracts, or one extract of both
months with REF_DATE). Blocks T (3 persons, the target), B (120), C (60), G (100), H (80).
The attacker has only what the plugin writes for publication: each layer's residents and the
totals a run returns (PERSONS_IN_AREAS, PERSONS_OUTSIDE, PERSONS_READ).

* **1. The persons outside every area beside an area of another date** (SUCCEEDED; fixed).
  January: areas B and GH; February: the area BC. February's persons outside every area are
  T ∪ G ∪ H: 183 − GH(January) 180 = T's 3 residents. The check of a run's totals beside earlier
  releases (core.discretion.run_totals) set the total beside the register's populations, but
  a relation between the total and earlier populations only (no row of the run) was dropped,
  so the small rest T, pinned by two published figures, was never seen. Now a rest alone in
  a relation with a total of the run counts as pinned by it (core.discretion.links), and the
  total is withheld. Both orders, both extract forms.
* **2. The same through a sum** (holds with the fix): January G and H as areas, February
  BC: outside = T ∪ G ∪ H, minus G and H.
* **3. The same date** (holds with the fix): an earlier release of the area CG (January),
  then a run over B (January): its persons outside are T ∪ C ∪ G, minus CG.
* **4. Random releases** (core, exact values; the attacker's linear algebra on every
  published residents figure and total): six blocks (T of 3 persons, then 60, 90, 120, 45,
  150) who do not move, 3 or 4 releases through one register, each of a random date
  (January or February) and up to three areas, each a random union of blocks. T's residents
  follow from the published figures (its block vector in their span) in 27 of 200 seeds
  before this round, 22 after: the check of a run's totals now builds atoms across dates
  with the total too (a run's total belongs to no other geography). Keeping every relation
  chained to the run's rows through earlier populations fixed one seed more but took 667 s
  CPU on the demo's districts between its two halves of areas, and failed there (SVD did not
  converge): not kept. Five seeds fixed are guards below; the other 22 were the residual
  risk of exact values across dates, closed by red team round 8 (test_round8_attacks: the
  complete check of core.discretion.exact_groups): 0 of 200. With the perturbation the same
  combinations are noisy estimates (within ±0.5 of 3 in 72 of 166).
"""
import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, write_areas
from tests.test_leaks import gpkg_rows

BLOCKS = {"T": box(0, 0, 1, 1), "B": box(1, 0, 2, 1), "C": box(2, 0, 3, 1),
          "G": box(5, 0, 6, 1), "H": box(7, 0, 8, 1)}
SIZES = {"T": 3, "B": 120, "C": 60, "G": 100, "H": 80}
JAN, FEB = "2025-01-01", "2025-02-01"
TOTALS = ("PERSONS_READ", "PERSONS_IN_AREAS", "PERSONS_OUTSIDE")


def _publish(tmp, layers, one_extract):
    """Run computeindicators for each (name, date, [(area, blocks)]) in order through one
    register; every published residents figure and total, named ``<area>@<name>``."""
    import processing

    tmp.mkdir(parents=True, exist_ok=True)
    base = persons_frame([(b, BLOCKS[b]) for b in SIZES], list(SIZES.values()),
                         dates=("x",), seed=7272).drop(columns="area_truth")
    frames = {d: base.assign(ref_date=d) for d in (JAN, FEB)}
    pd.concat(frames.values()).to_csv(tmp / "both.csv", index=False)
    for d, f in frames.items():
        f.to_csv(tmp / (d + ".csv"), index=False)
    seen = {}
    for name, date, areas in layers:
        write_areas(str(tmp / (name + ".gpkg")),
                    [(a, [BLOCKS[b] for b in bs]) for a, bs in areas])
        params = {"PERSONS": str(tmp / ("both.csv" if one_extract else date + ".csv")),
                  "AREAS": str(tmp / (name + ".gpkg")), "AREA_ID_FIELD": "area_id",
                  "PERTURBATION": "off", "RELEASE_REGISTER": str(tmp / "register"),
                  "OUTPUT": str(tmp / (name + ".out.gpkg"))}
        if one_extract:
            params["REF_DATE"] = date
        res = processing.run("boligsocial:computeindicators", params)
        for a, v in gpkg_rows(res["OUTPUT"]).set_index("area_id")["residents"].items():
            seen["{}@{}".format(a, name)] = None if pd.isna(v) else float(v)
        for t in TOTALS:
            seen["{}@{}".format(t, name)] = res[t]
    return seen


def _minus(seen, whole, *parts):
    """whole − Σ parts, None when one of them is not published."""
    vals = [seen.get(whole)] + [seen.get(p) for p in parts]
    return None if any(v is None for v in vals) else vals[0] - sum(vals[1:])


JAN_BG = ("jan", JAN, [("B", "B"), ("GH", "GH")])
FEB_BC = ("feb", FEB, [("BC", "BC")])


@pytest.mark.parametrize("one_extract", [False, True], ids=["snapshots", "one_extract"])
@pytest.mark.parametrize("first", ["jan", "feb"])
def test_outside_beside_an_area_of_another_date(tmp_path, provider, first, one_extract):
    """Angle 1: February's persons outside (T ∪ G ∪ H) minus January's GH never gives T's
    3 residents."""
    layers = [JAN_BG, FEB_BC] if first == "jan" else [FEB_BC, JAN_BG]
    seen = _publish(tmp_path, layers, one_extract)
    assert _minus(seen, "PERSONS_OUTSIDE@feb", "GH@jan") != SIZES["T"], seen


def test_outside_beside_an_area_control(tmp_path, provider):
    """Not vacuous: February's run with a register of its own publishes its persons outside
    (183 = T ∪ G ∪ H), and January's GH is 180."""
    alone = _publish(tmp_path / "feb", [FEB_BC], False)
    jan = _publish(tmp_path / "jan", [JAN_BG], False)
    assert alone["PERSONS_OUTSIDE@feb"] == 183 and jan["GH@jan"] == 180


@pytest.mark.parametrize("first", ["jan", "feb"])
def test_outside_beside_a_sum_of_areas(tmp_path, provider, first):
    """Angle 2: outside(February) = T ∪ G ∪ H minus January's G and H."""
    jan = ("jan", JAN, [("B", "B"), ("G", "G"), ("H", "H")])
    seen = _publish(tmp_path, [jan, FEB_BC] if first == "jan" else [FEB_BC, jan], False)
    assert _minus(seen, "PERSONS_OUTSIDE@feb", "G@jan", "H@jan") != SIZES["T"], seen


@pytest.mark.parametrize("first", ["cg", "b"])
def test_outside_beside_an_area_of_the_same_date(tmp_path, provider, first):
    """Angle 3: a run over B (outside: T ∪ C ∪ G ∪ H) beside the earlier area CGH."""
    cg = ("cg", JAN, [("CGH", "CGH")])
    b = ("b", JAN, [("B", "B")])
    seen = _publish(tmp_path, [cg, b] if first == "cg" else [b, cg], False)
    assert _minus(seen, "PERSONS_OUTSIDE@b", "CGH@cg") != SIZES["T"], seen


# ------------------------------------------------------------- 4. random releases (core)
RANDOM_SIZES = [3, 60, 90, 120, 45, 150]  # block 0 is T
FIXED_SEEDS = [10, 65, 68, 71, 89]   # leaked before this round
RESIDUAL_SEEDS = [16, 25]             # leaked after it, closed in round 8


@pytest.fixture(scope="module")
def static_frames():
    from tests.core.test_attacks import persons, scatter

    rng = np.random.default_rng(1)
    pts = [scatter(rng, (2 * b, 0, 2 * b + 1, 1), n) for b, n in enumerate(RANDOM_SIZES)]
    return {d: pd.concat([persons(p, d, seed=b, start=1000 * b) for b, p in enumerate(pts)],
                         ignore_index=True) for d in (JAN, FEB)}


def _random_releases(frames, seed):
    """Angle 4: the block vectors of every published residents figure and total."""
    import tempfile

    from boligsocial_plugin.core.discretion.register import Register
    from tests.core.test_attacks import publish, sq

    rng = np.random.default_rng(seed)
    reg = Register(tempfile.mkdtemp())
    nb = len(RANDOM_SIZES)
    vecs = []
    for r in range(3 + seed % 2):
        d = (JAN, FEB)[rng.integers(2)]
        assign = rng.integers(-1, 3, nb)
        areas = [("A%d_%d" % (r, a), [b for b in range(nb) if assign[b] == a])
                 for a in range(3)]
        areas = [(n, bl) for n, bl in areas if bl]
        if not areas:
            continue
        pub, rel, _ = publish(frames[d], [(n, sum((sq(2 * b, 0, 2 * b + 1, 1) for b in bl),
                                                   [])) for n, bl in areas], reg)
        inside = sorted(b for _n, bl in areas for b in bl)
        sets = [bl for n, bl in areas if not pd.isna(pub.loc[(n, d), "residents"])]
        for name, bl in (("PERSONS_IN_AREAS", inside),
                         ("PERSONS_OUTSIDE", [b for b in range(nb) if b not in inside]),
                         ("PERSONS_READ", list(range(nb)))):
            if rel.result.totals.get(name) is not None and bl:
                sets.append(bl)
        for bl in sets:
            v = np.zeros(nb)
            v[bl] = 1
            vecs.append(v)
    return np.array(vecs)


def _determines_t(vecs):
    if not len(vecs):
        return False
    e = np.zeros(vecs.shape[1])
    e[0] = 1
    return np.linalg.matrix_rank(np.vstack([vecs, e])) == np.linalg.matrix_rank(vecs)


@pytest.mark.parametrize("seed", FIXED_SEEDS)
def test_random_releases_fixed(static_frames, seed):
    """Angle 4: the seeds this round fixed never give T's residents."""
    assert not _determines_t(_random_releases(static_frames, seed))


@pytest.mark.parametrize("seed", RESIDUAL_SEEDS)
def test_random_releases_residual(static_frames, seed):
    """Angle 4, the residual of this round (closed by round 8's complete check,
    core.discretion.exact_groups): seed 16 gave T as half the sum of three differences of
    areas and totals of both dates, T ∪ B ∪ H of January among them."""
    assert not _determines_t(_random_releases(static_frames, seed))
