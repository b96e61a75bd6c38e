# SPDX-License-Identifier: GPL-2.0-or-later
"""The shared log of a run never gives an exact small difference between two populations."""
import re

from tests.feedback import LogLines
from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, hash_ids, write_areas


def test_a_total_withheld_for_a_small_difference_does_not_say_the_difference(tmp_path,
                                                                             provider):
    """Two runs through one register; the second also has the small area C, so the persons
    outside every area differ by C's 2 residents. The second run withholds that total, and its
    log must not say by how many it differs."""
    import processing

    areas = [("A", box(0, 0, 1, 1)), ("B", box(1, 0, 2, 1)), ("C", box(2, 0, 3, 1))]
    df = persons_frame(areas, [120, 60, 2], seed=7)
    hash_ids(df).drop(columns=["area_truth"]).to_csv(tmp_path / "p.csv", index=False)
    write_areas(str(tmp_path / "a1.gpkg"), [("A", [box(0, 0, 1, 1)])])
    write_areas(str(tmp_path / "a2.gpkg"), [("A", [box(0, 0, 1, 1)]), ("C", [box(2, 0, 3, 1)])])


    logs = []
    for k in (1, 2):
        log = LogLines()
        processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp_path / "p.csv"), "AREAS": str(tmp_path / "a{}.gpkg".format(k)),
            "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(tmp_path / "register"),
            "OUTPUT": str(tmp_path / "i{}.gpkg".format(k))}, feedback=log)
        logs.append("\n".join(log.lines))
    withheld = [ln for ln in logs[1].splitlines() if "too few to publish" in ln]
    assert withheld, logs[1]  # the attack is real: the second total is withheld
    assert all("fewer than 5 persons" in ln for ln in withheld), withheld
    assert not re.search(r"\bby 2 persons?\b", logs[1]), withheld
