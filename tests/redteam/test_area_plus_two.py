# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team (held): a district that equals an area plus two persons.

Design: area A (150 residents) and, in a second geography, district D = A plus a small box
east of A holding two persons (both convicted, non-western, 30 years old, 900,000 kr.).
Published through one register with computeindicators' defaults, in both orders. Attack:
D − A for every count and sum (two noisy cells: at most ±4 on a count, but the two persons'
figures are below MIN_COUNT, so their difference must not be published at all).

Held: the register links D to A (nearly equal populations) and hides the later one whole
(``S``), residents included, so no difference exists. Guards that behaviour.
"""
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, hash_ids, write_areas
from tests.test_leaks import gpkg_rows

CELLS = ["residents", "convicted_num", "nonwestern_num", "age_18_64_num", "income_num",
         "outside_labour_num", "basic_edu_num"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redteam_plus_two")
    a, e = box(0, 0, 1, 1), box(1, 0, 1.1, 0.1)
    df = persons_frame([("A", a), ("E", e)], [150, 2], dates=("2025-01-01",), seed=5)
    df.loc[df.area_truth == "E", ["convicted", "nonwestern", "age", "gross_income"]] = \
        [1, 1, 30, 900000.0]
    hash_ids(df.drop(columns=["area_truth"])).to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "a.gpkg"), [("A", [a])])
    write_areas(str(tmp / "d.gpkg"), [("D", [a, e])])
    return tmp


@pytest.mark.parametrize("order", [("a", "d"), ("d", "a")])
def test_district_minus_area_gives_nothing(data, provider, order):
    import processing

    reg = data / ("register_" + "".join(order))
    out = {}
    for lay in order:
        res = processing.run("boligsocial:computeindicators", {
            "PERSONS": str(data / "persons.csv"), "AREAS": str(data / (lay + ".gpkg")),
            "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(reg),
            "OUTPUT": str(data / "{}_{}.gpkg".format("".join(order), lay))})
        out[lay] = gpkg_rows(res["OUTPUT"]).iloc[0]
    both = [c for c in CELLS if not pd.isna(out["a"][c]) and not pd.isna(out["d"][c])]
    assert not both, "D − A published for {}: {}".format(
        both, {c: out["d"][c] - out["a"][c] for c in both})
