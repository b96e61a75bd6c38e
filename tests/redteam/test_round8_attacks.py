# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team (round 8): the attacker's complete linear algebra over exact releases.

PERTURBATION=off, one release register per scenario. Six blocks whose persons do not move
(block 0 of 3 persons, then 60, 90, 120, 45 and 150; every attribute random), 3 or 4 releases,
each of a random date (January or February, or January only) with up to three areas, each a
random union of blocks. The attacker has every published figure: the residents and each
indicator's numerator and denominator of every area, and the run's totals. For every cell
and every union of blocks G they ask whether G's vector lies in the span of the published
figures' (the attacker's exact linear algebra; persons who do not move make the dates one);
it is a disclosure when the rules would hide that cell of G were it published itself
(tests.core.test_attacks.hidden_for_group: residents of 1–4 persons, any figure of a group of
fewer than 50 persons, a count below 5; and a count whose group's population is told too and
leaves fewer than 5 persons outside it, the complement rule).

* Before this round (SUCCEEDED): in 200 random scenarios across dates 40 gave a forbidden
  figure (22 of them block 0's residents: the known gap of round 7), and 50 of 200 on one
  date: the relations of core.discretion.links and the atoms of core.discretion.atoms model
  what they must within tolerances, so combinations of partly overlapping areas of three or
  four releases slipped through (seed 53 on one date: T = A2_1 − (A0_1 − (A2_2 − A0_2 −
  A0_0))). Fix: core.discretion.exact_groups, the complete check after the protection: atoms
  are the persons with one signature over every published population of any date, and an
  integer programme finds any 0/1 combination of atoms in the figures' row space whose figure
  the rules forbid; the run's figure every such combination needs is taken back (a total
  withheld, a row kept back with flag A). Now 0 of 200 in both forms, at 3.7 % (across
  dates) and 3.4 % (one date) of the cells those scenarios published before. Seed 6 (across
  dates) gave two blocks' persons without basic education (2) until the check took the
  complement rule too.
"""
import itertools
import tempfile

import numpy as np
import pandas as pd
import pytest

from tests.core.test_attacks import CELLS, INDS, hidden_for_group, persons, publish, scatter, sq

SIZES = [3, 60, 90, 120, 45, 150]
JAN, FEB = "2025-01-01", "2025-02-01"
GROUPS = [g for r in range(1, 7) for g in itertools.combinations(range(6), r)]
ACROSS_DATES = [5, 6, 16, 21, 25, 33]    # gave a forbidden figure before this round
ONE_DATE = [16, 21, 50, 53]


@pytest.fixture(scope="module")
def world():
    from boligsocial_plugin.core.indicators import aggregate

    rng = np.random.default_rng(1)
    pts = [scatter(rng, (2 * b, 0, 2 * b + 1, 1), n) for b, n in enumerate(SIZES)]
    frames = {d: pd.concat([persons(p, d, seed=b, start=1000 * b) for b, p in enumerate(pts)],
                           ignore_index=True) for d in (JAN, FEB)}
    start = np.cumsum([0] + SIZES)
    jan = frames[JAN]
    blocks = [aggregate(jan.iloc[start[b]:start[b + 1]], np.zeros(SIZES[b], np.int64), 1,
                        INDS).iloc[0] for b in range(6)]
    return frames, blocks


def _releases(frames, seed, one_date, reports=None):
    """Per cell, the block vectors of the published figures (and the cells published);
    ``reports``: a list that gets each release's protection report."""
    from boligsocial_plugin.core.discretion.register import Register

    rng = np.random.default_rng(seed)
    reg = Register(tempfile.mkdtemp())
    vecs = {c: [] for c in CELLS}
    shown = 0
    for r in range(3 + seed % 2):
        d = (JAN, FEB)[rng.integers(2) * (0 if one_date else 1)]
        assign = rng.integers(-1, 3, 6)
        areas = [("A%d_%d" % (r, a), [b for b in range(6) if assign[b] == a]) for a in range(3)]
        areas = [(n, bl) for n, bl in areas if bl]
        if not areas:
            continue
        pub, rel, _ = publish(frames[d], [(n, sum((sq(2 * b, 0, 2 * b + 1, 1) for b in bl),
                                                   [])) for n, bl in areas], reg)
        if reports is not None:
            reports.append(rel.result.report)
        for n, bl in areas:
            v = np.zeros(6)
            v[bl] = 1
            for c in CELLS:
                if not pd.isna(pub.loc[(n, d), c]):
                    vecs[c].append(v)
                    shown += 1
        inside = sorted(b for _n, bl in areas for b in bl)
        for name, bl in (("PERSONS_IN_AREAS", inside),
                         ("PERSONS_OUTSIDE", [b for b in range(6) if b not in inside]),
                         ("PERSONS_READ", list(range(6)))):
            if rel.result.totals.get(name) is not None and bl:
                v = np.zeros(6)
                v[bl] = 1
                vecs["residents"].append(v)
    return vecs, shown


def _disclosures(vecs, blocks):
    out = []
    for c, rows in vecs.items():
        if not rows:
            continue
        m = np.array(rows)
        rank = np.linalg.matrix_rank(m)
        for g in GROUPS:
            e = np.zeros(6)
            e[list(g)] = 1
            if np.linalg.matrix_rank(np.vstack([m, e])) != rank:
                continue
            target = {cc: sum(float(blocks[b][cc]) for b in g) for cc in CELLS}
            if hidden_for_group(target, c):
                out.append((c, g))
            den = c[:-4] + "_den"
            if c.endswith("_num") and not c.startswith("income") and vecs.get(den) and \
                    _spans(np.array(vecs[den]), e) and target[den] > 0 and \
                    target[den] - target[c] < 5:
                out.append((c + " (complement)", g))   # N − k small
    return out


def _spans(m, e):
    return np.linalg.matrix_rank(np.vstack([m, e])) == np.linalg.matrix_rank(m)


@pytest.mark.parametrize("seed", ACROSS_DATES)
def test_random_exact_releases_across_dates_tell_nothing(world, seed):
    frames, blocks = world
    vecs, shown = _releases(frames, seed, one_date=False)
    assert _disclosures(vecs, blocks) == []
    assert shown > 0


@pytest.mark.parametrize("seed", ONE_DATE)
def test_random_exact_releases_of_one_date_tell_nothing(world, seed):
    frames, blocks = world
    vecs, shown = _releases(frames, seed, one_date=True)
    assert _disclosures(vecs, blocks) == []
    assert shown > 0


def test_seed_53_keeps_back_what_the_combination_needs(world):
    """The fix is what holds: the report names the rows kept back and the log says why."""
    frames, _ = world
    reports = []
    _releases(frames, 53, one_date=True, reports=reports)
    kept = sum(r.get("exact_groups", {}).get("rows_kept_back", 0) +
               len(r.get("exact_groups", {}).get("totals", [])) for r in reports)
    warned = [w for r in reports for w in r["warnings"] if "PERTURBATION=off" in w]
    assert kept >= 1
    assert warned and "kept back" in warned[0]


# ------------------------------------------------ the demo's district minus its published areas
def _district_after_areas(tmp, qgis_process=False):
    """Areas A (200 persons), B (31) and C (15) published, then their district D (exact values,
    one register): D − A is B ∪ C, 46 persons (below the area minimum of 50, so B and C show no
    figures). The demo had this: D09 minus its 25 published areas gave A063 ∪ A094."""
    import subprocess

    from tests.helpers import persons_frame
    from tests.redteam.attack_helpers import box, write_areas
    from tests.test_leaks import gpkg_rows

    blocks = {"A": box(0, 0, 100, 100), "B": box(100, 0, 200, 100), "C": box(200, 0, 300, 100)}
    sizes = {"A": 200, "B": 31, "C": 15}
    df = persons_frame(list(blocks.items()), list(sizes.values()), seed=88)
    df.drop(columns="area_truth").to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [(a, [b]) for a, b in blocks.items()])
    write_areas(str(tmp / "district.gpkg"), [("D", list(blocks.values()))])
    out = {}
    logs = []
    for name in ("areas", "district"):
        params = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / (name + ".gpkg")),
                  "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
                  "RELEASE_REGISTER": str(tmp / "register"),
                  "OUTPUT": str(tmp / (name + ".out.gpkg"))}
        if qgis_process:
            cmd = ["bash", "scripts/qgis_process.sh", "run", "boligsocial:computeindicators",
                   "--"] + ["{}={}".format(k, v) for k, v in params.items()]
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            assert p.returncode == 0, p.stdout + p.stderr
            logs.append(p.stdout + p.stderr)
        else:
            import processing

            processing.run("boligsocial:computeindicators", params)
        out[name] = gpkg_rows(params["OUTPUT"]).set_index("area_id")
    truth = df[df["area_truth"].isin(["B", "C"])]
    return out, truth, logs


def _bc_recovered(out, truth):
    """The cells where D − A equals B ∪ C's exact figure."""
    d, a = out["district"].loc["D"], out["areas"].loc["A"]
    hits = []
    for code, col in (("basic_edu", "basic_edu"), ("nonwestern", "nonwestern"),
                      ("convicted", "convicted")):
        for part in ("num", "den"):
            c = "{}_{}".format(code, part)
            if c in d and not pd.isna(d[c]) and not pd.isna(a[c]):
                exact = truth[col].sum() if part == "num" else len(truth)
                if code == "basic_edu" and part == "den":
                    continue  # its population is not every resident
                if abs((d[c] - a[c]) - exact) < 1e-9:
                    hits.append(c)
    return hits


def test_district_minus_its_published_areas(tmp_path, provider):
    out, truth, _ = _district_after_areas(tmp_path)
    assert out["areas"].loc["B", "basic_edu_flag"] == "A"   # B shows no figures
    assert _bc_recovered(out, truth) == []
    assert out["district"].loc["D", "basic_edu_flag"] == "A"


def test_district_minus_its_published_areas_through_qgis_process(tmp_path):
    out, truth, logs = _district_after_areas(tmp_path, qgis_process=True)
    assert _bc_recovered(out, truth) == []
    assert "kept back (flag A)" in logs[1] and "Traceback" not in logs[1]
