# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: a count crossing the threshold between two dates, where the persons behind the
cell differ by fewer than the protection width but the rows do not look close.

The crossing rule hides a published cell a few persons away from a ``P`` cell of another date:
a published count is at least ``MIN_COUNT`` (and at least its published value minus the
noise's ±2), a ``P`` count at most ``MIN_COUNT − 1``, so an attacker who knows the ``d``
persons whose membership in the cell changed pins the hidden count to
``[max(MIN_COUNT, v − 2) − d, MIN_COUNT − 1]``. What he needs to know is ``d``, the persons
who entered or left the *cell*, not the persons who moved in or out of the *area*:

* eight newcomers, none of them convicted, and one resident convicted meanwhile: the area's
  populations differ by eight persons, its convicted by one
  (``test_many_movers_one_change_in_the_cell``);
* the same district under another id at the next date (a new area layer, a renamed or
  re-cut district) with one convicted newcomer (``test_another_label_one_newcomer``);
* a small area merged into its neighbour at the next date (a region of mergesmallareas, a
  district): the region differs from the neighbour of the earlier date by the three persons
  of the small area and one newcomer (``test_a_merged_region_one_newcomer``).

Every run is a user's run of computeindicators with default parameters (perturbation on,
release register on, a throw-away register folder); only the published layers are read.
"""
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, hash_ids, write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2025-02-01"
MIN_COUNT = WIDTH = 5
NOISE = 2
BOXES = {"A": box(0, 0, 1, 1), "C": box(1, 0, 2, 1), "D": box(2, 0, 3, 1),
         "E": box(3, 0, 3.2, 1), "F": box(10, 0, 20, 10)}
SIZES = {"A": 120, "C": 80, "D": 60, "E": 3, "F": 500}


def _run(tmp, persons, areas, out):
    import processing

    res = processing.run("boligsocial:computeindicators", {
        "PERSONS": str(persons), "AREAS": str(areas), "AREA_ID_FIELD": "area_id",
        "RELEASE_REGISTER": str(tmp / "register"), "OUTPUT": str(tmp / out)})
    return gpkg_rows(res["OUTPUT"]).set_index(["area_id", "ref_date"])


def _newcomer(base, area, k, convicted):
    one = base[base["area_truth"] == area].head(1).copy()
    one["person_id"] = "N{}{:06d}".format(area, k)
    one["ref_date"] = D2
    one[["age", "convicted", "student"]] = [40, convicted, 0]
    return one


@pytest.fixture(scope="module")
def published(tmp_path_factory, provider):
    """January: areas A, C, D and the small E (3 residents); February: A, C under the id
    C2, and the region DE."""
    tmp = tmp_path_factory.mktemp("redteam_crossing_cells")
    base = persons_frame(list(BOXES.items()), list(SIZES.values()), dates=(D1,), seed=31)
    base["convicted"] = 0
    for area in ("A", "C", "D"):  # exactly four convicted adults: P in January
        adults = base.index[(base["area_truth"] == area) & (base["age"] >= 18)]
        base.loc[adults[:4], "convicted"] = 1
    second = base.copy()
    second["ref_date"] = D2
    a_adults = second.index[(second["area_truth"] == "A") & (second["age"] >= 18)
                            & (second["convicted"] == 0)]
    second.loc[a_adults[0], "convicted"] = 1  # a resident of A convicted meanwhile
    new = [_newcomer(base, "A", k, 0) for k in range(8)]
    new += [_newcomer(base, "C", 0, 1), _newcomer(base, "D", 0, 1)]
    hash_ids(base).drop(columns=["area_truth"]).to_csv(tmp / "jan.csv", index=False)
    hash_ids(pd.concat([second] + new, ignore_index=True)).drop(
        columns=["area_truth"]).to_csv(tmp / "feb.csv", index=False)
    write_areas(str(tmp / "jan_areas.gpkg"), [(a, [BOXES[a]]) for a in "ACDE"])
    write_areas(str(tmp / "feb_areas.gpkg"), [("A", [BOXES["A"]]), ("C2", [BOXES["C"]]),
                                              ("DE", [BOXES["D"], BOXES["E"]])])
    jan = _run(tmp, tmp / "jan.csv", tmp / "jan_areas.gpkg", "jan.gpkg")
    feb = _run(tmp, tmp / "feb.csv", tmp / "feb_areas.gpkg", "feb.gpkg")
    return jan, feb


def _interval(jan, feb, before, after, changed):
    """The attacker's interval of the January convicted count of ``before`` from the February
    count of ``after`` when ``changed`` persons entered or left the convicted; None when
    January is not P or February not published (nothing to pin)."""
    if jan.loc[(before, D1), "convicted_flag"] != "P":
        return None
    v = feb.loc[(after, D2), "convicted_num"]
    if pd.isna(v):
        return None
    lo = max(0, max(MIN_COUNT, v - NOISE) - changed)
    return lo, MIN_COUNT - 1


def _assert_wide(iv, what):
    if iv is not None:
        assert iv[1] - iv[0] + 1 >= WIDTH, "{}: January's hidden count pinned to [{}, {}]"\
            .format(what, *iv)


def test_many_movers_one_change_in_the_cell(published):
    jan, feb = published
    assert jan.loc[("A", D1), "convicted_flag"] == "P"
    _assert_wide(_interval(jan, feb, "A", "A", 1), "A, eight newcomers, one convicted")


def test_another_label_one_newcomer(published):
    jan, feb = published
    assert jan.loc[("C", D1), "convicted_flag"] == "P"
    _assert_wide(_interval(jan, feb, "C", "C2", 1), "C published as C2")


def test_a_merged_region_one_newcomer(published):
    jan, feb = published
    assert jan.loc[("D", D1), "convicted_flag"] == "P"
    # E's three residents are not convicted: the attacker needs to know four persons
    _assert_wide(_interval(jan, feb, "D", "DE", 1), "D inside the region DE")


def test_the_attacks_are_not_vacuous(published):
    """Held: the other cells of the February rows are published (the rows exist and carry
    figures), so a hidden convicted count is the protection, not an empty row."""
    _jan, feb = published
    for area in ("A", "C2", "DE"):
        assert feb.loc[(area, D2), "residents"] >= 60
        assert not pd.isna(feb.loc[(area, D2), "age_18_64_num"])
