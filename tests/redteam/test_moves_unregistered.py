# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: analysemoves' figures in the release register.

analysemoves publishes the residents of every area at both dates (``residents_from``,
``residents_to``). Were they not recorded in the release register, a later computeindicators
run on another geography would not be protected against them: the merged area AB minus A's
``residents_to`` gives the small area B, which analysemoves hides. With ``PERTURBATION=off``
it would come back exactly. Both runs use one register, as a municipality publishing both
would.
"""
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box as _box
from tests.redteam.attack_helpers import hash_ids, write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2024-01-01", "2025-01-01"


@pytest.fixture(scope="module")
def moves_then_region(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("redteam_moves")
    boxes = [("A", _box(0, 0, 1, 1)), ("B", _box(1, 0, 2, 1)), ("F", _box(10, 0, 20, 10))]
    df = persons_frame(boxes, [120, 3, 500], dates=(D1, D2), seed=31)
    hash_ids(df).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [("A", [boxes[0][1]]), ("B", [boxes[1][1]])])
    write_areas(str(tmp / "merged.gpkg"), [("AB", [boxes[0][1], boxes[1][1]])])
    common = {"PERSONS": str(tmp / "persons.csv"), "AREA_ID_FIELD": "area_id",
              "PERTURBATION": "off"}
    moves = processing.run("boligsocial:analysemoves", dict(
        common, AREAS=str(tmp / "areas.gpkg"), OUTPUT=str(tmp / "moves.gpkg"),
        RELEASE_REGISTER=str(tmp / "register"),
        FLOWS=str(tmp / "flows.gpkg")))
    region = processing.run("boligsocial:computeindicators", dict(
        common, AREAS=str(tmp / "merged.gpkg"), REF_DATE=D2,
        RELEASE_REGISTER=str(tmp / "register"), OUTPUT=str(tmp / "region.gpkg")))
    return (gpkg_rows(moves["OUTPUT"]).set_index("area_id"),
            gpkg_rows(region["OUTPUT"]).set_index("area_id"))


def test_merged_region_minus_the_moves_residents(moves_then_region):
    moves, region = moves_then_region
    assert pd.isna(moves.loc["B", "residents_to"])  # 3 residents: hidden by analysemoves
    ab, a = region.loc["AB", "residents"], moves.loc["A", "residents_to"]
    b = float("nan") if pd.isna(ab) or pd.isna(a) else float(ab) - float(a)  # hidden: no b
    assert b != 3, "B's hidden residents come back: {}".format(b)
