# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: P flags plus listed flows pin the in-movers and every flow (default parameters).

FLOWS lists a row only for a pair of areas between which someone moved (README "Flows"),
hidden or not, so each listed hidden flow holds at least 1 person. A ``P`` flag on a count
says it is below MIN_COUNT (0 is hidden ``P`` too), so at most 4.

Design (analysemoves through processing.run, every default: perturbation on, register on):
six areas of 100 residents; between 2024 and 2025 exactly one person moves from each of
A0, A1, A2, A3 into X; nobody else moves.

Published: X ``in_movers`` NULL flag ``P``; FLOWS lists A0→X, A1→X, A2→X, A3→X, persons NULL
flag ``P``. Attacker: in_movers of X ≥ 4 listed flows × 1 and ≤ 4 (P): exactly 4, and so each
of the four flows is exactly 1 -- a primary cell and four flows pinned (interval width 0,
required: the protection width 5). tests/redteam/test_moves_flow_bounds.py gives the
attacker the listed flows but not the meaning of the ``P`` flag.

Fixed: FLOWS lists only published flows (a hidden flow has no row, like a pair nobody moved
between), so the attacker's lower end stays 0 and the interval [0, 4] is the width.
"""
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, hash_ids, write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2024-01-01", "2025-01-01"
MIN_COUNT = 5


@pytest.fixture(scope="module")
def published(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("redteam_flows_pin")
    boxes = [("X", box(0, 0, 1, 1))] + [("A%d" % k, box(k + 1, 0, k + 2, 1)) for k in range(5)]
    df = persons_frame(boxes, [100] * 6, dates=(D1, D2), seed=41)
    xa, ya = box(0, 0, 1, 1)[:2]
    for k in range(4):
        who = df[(df.area_truth == "A%d" % k) & (df.ref_date == D2)].index[0]
        df.loc[who, ["x", "y"]] = [xa + 100 + 50 * k, ya + 100]
    hash_ids(df).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [(a, [b]) for a, b in boxes])
    res = processing.run("boligsocial:analysemoves", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(tmp / "register"),
        "OUTPUT": str(tmp / "moves.gpkg"), "FLOWS": str(tmp / "flows.gpkg")})
    return gpkg_rows(res["OUTPUT"]).set_index("area_id"), gpkg_rows(res["FLOWS"])


def _interval(areas, flows, area, col, key):
    """The attacker's interval of a hidden count from its flag and the listed flows."""
    listed = flows[flows[key] == area]
    lo = sum(1 if pd.isna(p) else max(1, p - 2) for p in listed["persons"])
    hi = MIN_COUNT - 1 if areas.loc[area, col + "_flag"] == "P" else float("inf")
    return lo, hi


def test_p_flag_and_listed_flows_pin_the_in_movers(published):
    areas, flows = published
    assert areas.loc["X", "in_movers_flag"] == "P" and pd.isna(areas.loc["X", "in_movers"])
    narrow = []
    for a in areas.index:
        for col, key in (("in_movers", "to_area"), ("out_movers", "from_area")):
            if areas.loc[a, col + "_flag"] != "P":
                continue
            lo, hi = _interval(areas, flows, a, col, key)
            # P alone leaves [0, 4]; the listed flows raise the lower end
            if hi - lo + 1 < MIN_COUNT and lo >= 2:
                narrow.append((a, col, lo, hi))
    assert not narrow, "primary counts narrowed by the listed flows: {}".format(narrow)
