# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: populations the release register does not link, with exact values.

The register links a new row to earlier ones only when one population is (nearly) inside
another or equal to it, at the same date, or under the same area id at another date
(core/discretion/linkage.py). An attacker is not bound by that:

* four overlapping geographies, none nearly inside another, give a small area by
  inclusion-exclusion: ``X − Y − Z + W`` with X = H∪B∪C, Y = B∪D, Z = C∪E, W = D∪E is H
  (``test_four_overlapping_geographies_give_a_small_area``);
* the same persons under another id at another date (areas A and B in January, the merged
  region AB in February) give the one newcomer of February: ``AB − A − B``
  (``test_merged_region_of_a_later_date_minus_the_areas``).

With ``PERTURBATION=off`` (the README: "exact values for checks; every suppression rule still
applies") both came back exactly. The first is guarded now: overlapping populations are
modelled as sums of their atoms (core/discretion/atoms.py), so the audit hides what the
inclusion-exclusion would reveal. Every run is a user's run of computeindicators through one
release register in a throw-away folder.
"""
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box as _box
from tests.redteam.attack_helpers import hash_ids as _hash_ids
from tests.redteam.attack_helpers import write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2025-02-01"
CELLS = ["residents", "nonwestern_num", "convicted_num", "basic_edu_num", "age_0_17_num",
         "age_18_64_num", "age_65plus_num", "outside_labour_num", "income_num"]


def _run(tmp, persons, areas, out, pert="off"):
    import processing

    res = processing.run("boligsocial:computeindicators", {
        "PERSONS": str(persons), "AREAS": str(areas), "AREA_ID_FIELD": "area_id",
        "PERTURBATION": pert, "RELEASE_REGISTER": str(tmp / "register"),
        "OUTPUT": str(tmp / out)})
    return gpkg_rows(res["OUTPUT"]).set_index(["area_id", "ref_date"])


def _truth(df, mask):
    sub = df[mask]
    age = sub["age"]
    fig = {"residents": len(sub), "nonwestern_num": sub["nonwestern"].sum(),
           "convicted_num": sub.loc[age >= 18, "convicted"].sum(),
           "basic_edu_num": sub.loc[age.between(30, 59), "basic_edu"].sum(),
           "age_0_17_num": (age <= 17).sum(), "age_18_64_num": age.between(18, 64).sum(),
           "age_65plus_num": (age >= 65).sum(),
           "outside_labour_num": sub.loc[age.between(18, 64), "outside_fte"].sum()}
    return {k: float(v) for k, v in fig.items()}


def _exact(estimate, truth):
    """Cells the attacker's estimate gives exactly, among those the rules would hide."""
    return sorted(c for c, v in estimate.items() if c in truth and not pd.isna(v)
                  and abs(v - truth[c]) < 1e-6 and 0 < truth["residents"] < 50)


# the blocks: top row C, H, B; bottom row E, D; F far away (the rest of the municipality)
BLOCKS = {"C": _box(0, 1, 1, 2), "H": _box(1, 1, 2, 2), "B": _box(2, 1, 3, 2),
          "E": _box(0, 0, 1.5, 1), "D": _box(1.5, 0, 3, 1), "F": _box(10, 0, 20, 10)}
SIZES = {"C": 60, "H": 3, "B": 60, "E": 60, "D": 60, "F": 500}


@pytest.fixture(scope="module")
def four_geographies(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("redteam_overlap")
    df = persons_frame(list(BLOCKS.items()), list(SIZES.values()), dates=(D1,), seed=21)
    _hash_ids(df).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    geos = {"X": ["C", "H", "B"], "Y": ["B", "D"], "Z": ["C", "E"], "W": ["D", "E"]}
    out = {}
    for name, blocks in geos.items():  # four publications, e.g. four kinds of district
        write_areas(str(tmp / "areas_{}.gpkg".format(name)),
                    [(name, [BLOCKS[b] for b in blocks])])
        out[name] = _run(tmp, tmp / "persons.csv", tmp / "areas_{}.gpkg".format(name),
                         "ind_{}.gpkg".format(name)).loc[(name, D1)]
    return df, out


def test_four_overlapping_geographies_give_a_small_area(four_geographies):
    df, out = four_geographies
    num = {k: pd.to_numeric(v[CELLS]) for k, v in out.items()}
    est = dict(num["X"] - num["Y"] - num["Z"] + num["W"])
    truth = _truth(df, df["area_truth"] == "H")
    assert truth["residents"] == 3
    hits = _exact(est, truth)
    assert not hits, "the 3 persons of H come back exactly: {}".format(
        {c: est[c] for c in hits})


@pytest.fixture(scope="module")
def later_merged_region(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("redteam_later_region")
    boxes = [("A", _box(0, 0, 1, 1)), ("B", _box(1, 0, 2, 1)), ("F", _box(10, 0, 20, 10))]
    base = persons_frame(boxes, [120, 80, 500], dates=(D1,), seed=22)
    second = base.copy()
    second["ref_date"] = D2
    one = base[base["area_truth"] == "A"].head(1).copy()
    one["person_id"] = "N0000001"
    one["ref_date"] = D2
    one[["age", "nonwestern", "outside_fte", "convicted", "basic_edu", "student"]] = \
        [40, 1, 1.0, 1, 1, 0]
    _hash_ids(base).drop(columns=["area_truth"]).to_csv(tmp / "jan.csv", index=False)
    _hash_ids(pd.concat([second, one], ignore_index=True)).drop(
        columns=["area_truth"]).to_csv(tmp / "feb.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [("A", [boxes[0][1]]), ("B", [boxes[1][1]])])
    write_areas(str(tmp / "merged.gpkg"), [("AB", [boxes[0][1], boxes[1][1]])])
    jan = _run(tmp, tmp / "jan.csv", tmp / "areas.gpkg", "jan.gpkg")
    feb = _run(tmp, tmp / "feb.csv", tmp / "merged.gpkg", "feb.gpkg")
    return one, jan, feb


def test_merged_region_of_a_later_date_minus_the_areas(later_merged_region):
    one, jan, feb = later_merged_region
    num = {k: pd.to_numeric(t.loc[key, CELLS]) for k, t, key in
           (("AB", feb, ("AB", D2)), ("A", jan, ("A", D1)), ("B", jan, ("B", D1)))}
    est = dict(num["AB"] - num["A"] - num["B"])
    truth = _truth(one, pd.Series(True, index=one.index))
    hits = _exact(est, truth)
    assert not hits, "the newcomer's record comes back: {}".format({c: est[c] for c in hits})
