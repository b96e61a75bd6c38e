# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: a count crossing the threshold, with newborns to dodge the crossing rule.

The README's crossing rule: a published cell of an area is hidden too (``P``) when the area's
population differs by fewer persons than the protection width (5) from a date where the same
indicator is ``P`` and the small count changed by less than the width. It counts the ROW's
persons (all residents), not the persons who can be in the cell. Newborns change the row but
can never be in ``convicted`` (residents 18+).

Design (computeindicators, defaults, one register, two monthly dates): area A00 of 120
residents with exactly 4 convicted adults on 1 January; by 1 February one convicted adult
moves in and ``B`` babies are born (B = 4, 9: the row differs by 5 and 10 persons, in two
areas A00 and A01 of the same design). Nothing else changes. A neighbour who saw the
removal van and the prams knows that one adult arrived.

Attacker: January ``P`` with 120 residents means at most 4 convicted; February published
means at least 5 (README: never below MIN_COUNT when at least MIN_COUNT); one adult more
means at most one more convicted: January is 4 (a primary cell pinned) and the newcomer
is convicted.

Held since the carry rule of multi-date releases (core.discretion.carry): January's ``P``
cell, publishable in February with only one of its persons changed, stays hidden (``S``).
Two single-date layers (``REF_DATE``) are the crossing rule's to protect: it compares the
counts themselves (a published count less than the width away from a P count is hidden),
not the rows' persons.
"""
import pandas as pd
import pytest

from tests.helpers import grid_areas, persons_frame
from tests.redteam.attack_helpers import hash_ids
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2025-02-01"
BABIES = {"A00": 4, "A01": 9}


def _publish(tmp, perturbation):
    import processing

    areas = grid_areas(str(tmp / "areas.gpkg"))
    base = persons_frame(areas, [120, 120, 80, 60, 60, 60], dates=(D1,), seed=17)
    for aid in BABIES:
        sel = base["area_truth"] == aid
        base.loc[sel, "convicted"] = 0
        base.loc[base.index[sel & (base["age"] >= 18)][:4], "convicted"] = 1
    second = base.copy()
    second["ref_date"] = D2
    new = []
    for aid, babies in BABIES.items():
        first = base[base["area_truth"] == aid].head(1)
        adult = first.copy()
        adult["person_id"] = "NEW_" + aid
        adult[["age", "convicted", "student", "ref_date"]] = [35, 1, 0, D2]
        new.append(adult)
        for b in range(babies):
            kid = first.copy()
            kid["person_id"] = "BABY_{}_{}".format(aid, b)
            kid[["age", "convicted", "student", "gross_income", "outside_fte", "ref_date"]] = \
                [0, 0, 0, 0.0, 0.0, D2]
            new.append(kid)
    df = hash_ids(pd.concat([base, second] + new, ignore_index=True)
                  .drop(columns=["area_truth"]))
    df.to_csv(tmp / "persons.csv", index=False)
    res = processing.run("boligsocial:computeindicators", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(tmp / "register"),
        "PERTURBATION": perturbation, "OUTPUT": str(tmp / "ind.gpkg")})
    return gpkg_rows(res["OUTPUT"]).set_index(["area_id", "ref_date"])


@pytest.fixture(scope="module")
def published(tmp_path_factory, provider):
    return _publish(tmp_path_factory.mktemp("redteam_crossing_births"), "on")


def test_newborns_dodge_the_crossing_rule(published):
    pinned = []
    for aid in BABIES:
        before, after = published.loc[(aid, D1)], published.loc[(aid, D2)]
        assert before["convicted_flag"] == "P", (aid, before["convicted_flag"])
        if pd.isna(after["convicted_num"]):
            continue           # hidden at February too: nothing pinned
        lo = max(0, 5 - 1)     # published >= 5, one adult more
        hi = 4                 # P, 120 residents: the count itself is small
        if hi - lo < 1:
            pinned.append((aid, BABIES[aid], lo, after["convicted_num"]))
    assert not pinned, "January's hidden convicted count pinned to 4 (area, babies, value, " \
        "February published): {}".format(pinned)


def test_exact_values_with_newborns_give_no_difference(tmp_path, provider):
    """Held: with PERTURBATION=off the same design publishes only one of the two dates of each
    area (January hidden whole), so February − January does not exist."""
    ind = _publish(tmp_path, "off")
    both = []
    for aid in BABIES:
        for c in ("residents", "convicted_num", "nonwestern_num", "age_18_64_num",
                  "income_num"):
            a, b = ind.loc[(aid, D1), c], ind.loc[(aid, D2), c]
            if not pd.isna(a) and not pd.isna(b):
                both.append((aid, c, b - a))
    assert not both, both
