# SPDX-License-Identifier: GPL-2.0-or-later
"""The shared log gives the run's totals as published and no small group's exact count."""
import re

from boligsocial_plugin.core.logfigures import about, shown
from boligsocial_plugin.core.moves import MoveStats
from boligsocial_plugin.core.pipeline import JoinStats
from boligsocial_plugin.core.problems import Problem, message


def test_about_never_gives_a_small_count():
    assert about(0, 5) == "0"
    assert [about(n, 5) for n in (1, 2, 4)] == ["fewer than 5"] * 3
    assert about(5, 5) == "about 10" and about(1234, 5) == "about 1230"
    assert shown(None) == "not published (protected)" and shown(float("nan")) == shown(None)
    assert shown(198.0) == "198"


def test_join_lines_show_the_published_totals_only():
    st = JoinStats(rows=203, rows_date=203, unique_locations=3, joined=3, outside=200,
                   no_location=0, on_outer_boundary=2, overlap_persons=0, dates=["2025-01-01"])
    text = "\n".join(st.lines({"PERSONS_READ": None, "PERSONS_IN_AREAS": None,
                               "PERSONS_OUTSIDE": 198.0, "PERSONS_NO_LOCATION": None}, 5))
    numbers = {int(x) for x in re.findall(r"\b\d+\b", text.replace("2025-01-01", ""))}
    assert numbers <= {198, 5}, text  # the published 198 and the threshold, nothing exact
    assert "Persons in an area: not published (protected)" in text
    assert "Unique locations joined: fewer than 5" in text
    without = "\n".join(st.lines())  # no release: no totals at all
    assert not {"203", "200", "3"} & set(re.findall(r"\b\d+\b", without))


def test_moves_lines_give_no_per_date_totals():
    st = MoveStats("2025-01-01", "2026-01-01", rows_from=203, rows_to=204, in_area_from=3,
                   in_area_to=4, persons_both=203, only_to=1)
    text = "\n".join(st.lines(5) + st.warnings(5)).replace("2025-01-01", "").replace(
        "2026-01-01", "")
    assert not {"3", "4", "203", "204", "1"} & set(re.findall(r"\b\d+\b", text)), text


def test_problem_counts_in_the_shared_log_are_banded():
    p = Problem("no_location", "x", "warning", 3, message("no_location", n=3))
    assert p.message.startswith("3 rows")  # validateextract's report: exact
    assert p.shared_message(5).startswith("fewer than 5 rows")
    assert Problem("empty", "", "blocking", 0, message("empty")).shared_message(5) == \
        message("empty")
