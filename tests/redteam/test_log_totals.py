# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: the exact totals in the log a user shares ("here is what the tool said").

The outputs protect the run's totals: ``PERSONS_IN_AREAS`` and ``PERSONS_READ`` are NULL
when small, ``PERSONS_OUTSIDE`` is perturbed (README: "Totals (PERSONS_IN_AREAS etc.) obey the
same rules as cells"). The log of the same run prints them exactly:

    Person rows read: 203
    Persons in an area: 3
    Persons outside every area (counted, not in any area): 200

Design: a municipality of 203 persons, 200 in area BIG and 3 in TINY (a block of 3
residents, flagged ``A``). A user computes indicators for a layer holding TINY alone (a study
area, or a layer filtered to one feature). The output hides everything (residents NULL,
PERSONS_IN_AREAS NULL, PERSONS_OUTSIDE 198 after the noise); the log says 3 and 200. With a
newcomer the next year analysemoves' log says how many persons were in the area at each date
too. Any polygon (an address, a staircase) gives its exact number of residents this way,
and two runs' logs give any difference of populations exactly.
"""
import re

import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, hash_ids, write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2026-01-01"
TINY = 3


@pytest.fixture(scope="module")
def runs(tmp_path_factory, provider):
    import pandas as pd
    import processing
    from qgis.core import QgsProcessingFeedback

    tmp = tmp_path_factory.mktemp("redteam_log_totals")
    areas = [("BIG", box(0, 0, 1, 1)), ("TINY", box(2, 0, 3, 1))]
    base = persons_frame(areas, [200, TINY], dates=(D1, D2), seed=3)
    new = base[(base["area_truth"] == "TINY") & (base["ref_date"] == D2)].head(1).copy()
    new["person_id"] = "NEWCOMER"
    df = hash_ids(pd.concat([base, new], ignore_index=True).drop(columns=["area_truth"]))
    df.to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "tiny.gpkg"), [("TINY", [box(2, 0, 3, 1)])])

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, t):  # noqa: N802
            self.lines.append(t)

        def pushWarning(self, t):  # noqa: N802
            self.lines.append(t)

        def pushCommandInfo(self, t):  # noqa: N802
            self.lines.append(t)

        def pushDebugInfo(self, t):  # noqa: N802
            self.lines.append(t)

        def pushConsoleInfo(self, t):  # noqa: N802
            self.lines.append(t)

    common = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "tiny.gpkg"),
              "AREA_ID_FIELD": "area_id", "RELEASE_REGISTER": str(tmp / "register")}
    ind_log = Log()
    ind = processing.run("boligsocial:computeindicators",
                         dict(common, REF_DATE=D1, OUTPUT=str(tmp / "ind.gpkg")),
                         feedback=ind_log)
    mv_log = Log()
    mv = processing.run("boligsocial:analysemoves",
                        dict(common, FROM_DATE=D1, TO_DATE=D2, OUTPUT=str(tmp / "moves.gpkg"),
                             FLOWS=str(tmp / "flows.gpkg")), feedback=mv_log)
    return {"ind": ind, "ind_log": "\n".join(ind_log.lines),
            "ind_rows": gpkg_rows(ind["OUTPUT"]), "mv": mv,
            "mv_log": "\n".join(mv_log.lines)}


def _numbers_after(text, label):
    return [int(x) for x in re.findall(re.escape(label) + r"\D{0,60}?(\d+)", text)]


def test_log_gives_the_hidden_total_of_a_small_area(runs):
    """The attacker reads the shared log of computeindicators: the persons in the area
    directly, or rows read − outside − without location."""
    rows = runs["ind_rows"]
    # the outputs protect it (not vacuous)
    assert rows["residents"].isna().all() and runs["ind"]["PERSONS_IN_AREAS"] is None
    log = runs["ind_log"]
    direct = _numbers_after(log, "Persons in an area")
    read = _numbers_after(log, "Person rows read")
    outside = _numbers_after(log, "Persons outside every area")
    nolocation = _numbers_after(log, "Persons without location")
    derived = [r - o - n for r in read for o in outside for n in nolocation]
    got = [v for v in direct + derived if v == TINY]
    assert not got, "the log gives the 3 residents of TINY: {}".format(
        [ln for ln in log.splitlines() if "erson" in ln])


def test_moves_log_gives_both_dates_of_a_small_area(runs):
    log = runs["mv_log"]
    lines = [ln for ln in log.splitlines() if ln.startswith("Persons in an area")]
    got = [ln for ln in lines if re.search(r"\b{}\b.*\b{}\b".format(TINY, TINY + 1), ln)]
    assert not got, "the moves log gives TINY's residents at both dates: {}".format(got)
