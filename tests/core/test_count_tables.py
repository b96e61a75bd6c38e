# SPDX-License-Identifier: GPL-2.0-or-later
"""applydiscretion's rules for count cells, its check before writing and its report (no QGIS)."""
import json

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import count_tables as ct
from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.errors import BoligsocialError


@pytest.mark.parametrize("values, expected", [
    ([3, 4.0, np.int64(7), np.float64(2.0)], [3, 4, 7, 2]),
    (["12", " 1 234 ", "0"], [12, 1234, 0]),
    ([None, "", "..", float("nan")], [np.nan] * 4),  # missing or suppressed by the source
])
def test_counts_are_whole_numbers_or_missing(values, expected):
    np.testing.assert_array_equal(ct.parse_counts(values, "c"), np.array(expected, float))


@pytest.mark.parametrize("value, words", [
    ("abc", "not a number"),
    (-1, "negative"),
    (float("inf"), "infinite"),
    (2.5, "not a whole number"),
    (True, "must hold numbers"),
    (object(), "must hold numbers"),
])
def test_bad_count_cells_name_field_and_row(value, words):
    with pytest.raises(BoligsocialError, match=words) as e:
        ct.parse_counts([1, value], "women")
    assert "'women'" in str(e.value)
    if "row" in str(e.value):
        assert "row 2" in str(e.value)


_D, _S = "".join(["08", "11", "64"]), "3124"  # built at run time: no CPR-shaped literal


@pytest.mark.parametrize("value", [
    _D + "_" + _S, _D + "\u2013" + _S, _D + "-" + _S, "08.11.64-" + _S, "cpr" + _D + _S,
    (_D + _S).translate(str.maketrans("0123456789", "\uff10\uff11\uff12\uff13\uff14"
                                                    "\uff15\uff16\uff17\uff18\uff19")),
    int((_D + _S)[1:]), float(_D + _S),
])
def test_cpr_shaped_count_is_refused_not_read_nor_echoed(value):
    with pytest.raises(BoligsocialError, match="shaped like a CPR number in row 2") as e:
        ct.parse_counts([1, value], "count")
    assert _S not in str(e.value) and "(not shown)" in str(e.value)


def test_digit_grouping_underscores_are_not_numbers():
    with pytest.raises(BoligsocialError, match="not a number"):
        ct.parse_counts(["1_000"], "count")


def test_key_text():
    assert [ct.key_text(v) for v in (None, "", "  ", " D1 ", 7)] == [None, None, None, "D1", "7"]


def test_rounding_needs_a_key_file():
    with pytest.raises(BoligsocialError, match="key file"):
        ct.read_key("")


def _out(values, flags):
    return pd.DataFrame({"c": values, "c_flag": flags})


def test_verify_accepts_a_safe_table():
    frame = pd.DataFrame({"c": [10.0, 2.0, 0.0], "total": [20.0, 5.0, 0.0]})
    out = _out([10.0, np.nan, 0.0], ["", "P", ""])
    ct.verify(out, frame, ["c"], "total", Rules(min_count=5))  # 0 in an empty row is fine


@pytest.mark.parametrize("values, flags", [
    ([10.0, 2.0], ["", ""]),        # a small count published
    ([10.0, 2.0], ["", "P"]),       # a hidden cell that still holds its value
    ([10.0, np.nan], ["", ""]),     # published but NULL
    ([10.0, 0.0], ["", ""]),        # a zero in a non-empty row
])
def test_verify_refuses_what_the_rules_hide(values, flags):
    frame = pd.DataFrame({"c": [10.0, 2.0], "total": [20.0, 5.0]})
    with pytest.raises(BoligsocialError, match="Internal check failed for 'c'"):
        ct.verify(_out(values, flags), frame, ["c"], "total", Rules(min_count=5))


REPORT = {"rules_applied": ["frequency < 5"], "primary": 2, "secondary": 1, "area": 0,
          "published": 7, "audit": "passed", "relations_checked": 3, "relations": 4,
          "rounding": {"base": 5}, "seconds": 0.01, "warnings": ["<careful>"]}


def test_report_lines():
    lines = ct.report_lines(REPORT)
    assert lines[0] == "Rules applied:" and lines[1] == "  frequency < 5"
    assert "2 primary (P), 1 secondary (S), 0 area minimum (A); 7 published." in lines[2]
    assert lines[3].startswith("Audit: passed (3 of 4 relations")
    assert "multiples of 5" in lines[4]
    assert ct.report_lines(dict(REPORT, audit="failed"))[3] == "Audit: FAILED"


def test_report_as_json_and_html(tmp_path):
    lines = ct.report_lines(REPORT)
    ct.write_report(str(tmp_path / "r.json"), REPORT, lines)
    assert json.loads((tmp_path / "r.json").read_text()) == REPORT
    ct.write_report(str(tmp_path / "r.HTML"), REPORT, lines)
    page = (tmp_path / "r.HTML").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<h1>Discretion audit report</h1>" in page
    assert "&lt;careful&gt;" in page and "<careful>" not in page  # escaped


def test_the_runs_mean_absolute_change_is_not_in_log_or_report(tmp_path):
    """Over a few counts it would tell how far each published count is from its exact value
    (0.0: every published count is exact)."""
    rep = dict(REPORT, rounding={"base": 0}, perturbed=True, perturbation="cell key ±2",
               mean_abs_change=0.0)
    lines = ct.report_lines(rep)
    assert "Perturbation: cell key ±2." in lines and not any("mean abs" in x for x in lines)
    ct.write_report(str(tmp_path / "r.json"), rep, lines)
    assert "mean_abs_change" not in (tmp_path / "r.json").read_text()


def test_text_in_a_count_cell_is_masked_in_the_message():
    with pytest.raises(BoligsocialError, match="row 2") as e:
        ct.parse_counts([1, "Jens Hansen"], "count")
    assert "Hansen" not in str(e.value) and "'Jeaa aaaaaa'" in str(e.value)
