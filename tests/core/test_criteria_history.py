# SPDX-License-Identifier: GPL-2.0-or-later
"""History judged as the lists were made: each past list year by the rule set in force for it,
at the snapshot it was computed from (1 January), and history tables in any vocabulary."""
import pytest

from boligsocial_plugin.core.criteria import list_snapshot, rule_set_in_force
from tests.core.test_criteria import NEUTRAL, UDSAT2, history_for, run

# met as a 2013 ghetto (outside > 40, non-western > 50, basic > 50: 3 of 5) but not as a 2018
# ghetto (basic 55 % is not > 60; only outside of the four): the lists of 2016-2017 vs 2018-
GHETTO_2013_ONLY = {"outside": (450, 1000), "basic_edu": (275, 500), "nonwestern": (720, 1200)}
GHETTO_BOTH = {"outside": (450, 1000), "basic_edu": (350, 500), "nonwestern": (720, 1200)}


@pytest.mark.parametrize("year,code", [(2012, None), (2013, "2013"), (2017, "2013"),
                                       (2018, "2018"), (2020, "2018"), (2021, "2021"),
                                       (2030, "2021")])
def test_rule_set_in_force_by_list_year(year, code):
    assert rule_set_in_force(year) == code


def test_list_snapshot_is_the_january_one_or_the_nearest():
    dates = ["2023-01-01", "2023-06-01", "2024-02-01", "2024-07-01"]
    assert list_snapshot(dates, 2023) == "2023-01-01"
    assert list_snapshot(dates, 2024) == "2024-02-01"
    assert list_snapshot(dates, 2022) is None


def _by_year(first, last, spec_for):
    """Dates 1 January first..last and a spec whose values depend on the year."""
    dates = tuple("{}-01-01".format(y) for y in range(first, last + 1))
    spec = {}
    for key in ("outside", "basic_edu", "nonwestern"):
        spec[key] = {d: spec_for(int(d[:4])).get(key, NEUTRAL[key]) for d in dates}
    return dates, spec


def test_2016_2017_ghetto_lists_by_the_2013_rules_count_toward_the_hard_ghetto_rule():
    # 2016-2017 only a ghetto by the 2013 rules, 2018-2020 by the 2018 rules
    dates, spec = _by_year(2015, 2020, lambda y: GHETTO_2013_ONLY if y <= 2017 else GHETTO_BOTH)
    df = run([spec], "2018", dates)
    assert df.loc[0, "category"] == "omdannelsesomraade"
    assert df.loc[0, "category_certain"] == 1
    assert "2016, 2017 by the 2013 rules" in df.loc[0, "data_note"]
    # judged by the 2018 rules, 2017 would not have been a ghetto; by its own (2013) rules it was
    assert run([spec], "2018", dates[:3]).loc[0, "category"] == "ingen"
    assert run([spec], "2013", dates[:3]).loc[0, "category"] == "udsat"
    # a year that was on no list breaks the run
    dates, spec = _by_year(2015, 2020, lambda y: UDSAT2 if y == 2017 else GHETTO_BOTH)
    assert run([spec], "2018", dates).loc[0, "category"] == "parallelsamfund"


def test_history_table_in_2021_vocabulary_counts_the_2013_list_as_the_ghetto_list():
    dates = ("2019-01-01", "2020-01-01")
    # the 2013 rules' list written as 'udsat' (assesscriteria's 2021 vocabulary) for 2016-2017
    hist = history_for("a0", ["ghetto", "ghetto", "udsat", "udsat"], last_year=2019)
    assert run([GHETTO_BOTH], "2018", dates, history=hist).loc[0, "category"] == \
        "omdannelsesomraade"
    # from 2018 on 'udsat' is the udsat list, not the ghetto list
    hist = history_for("a0", ["udsat", "ghetto", "ghetto", "ghetto"], last_year=2019)
    assert run([GHETTO_BOTH], "2018", dates, history=hist).loc[0, "category"] == \
        "parallelsamfund"


def test_monthly_extract_judges_history_years_at_their_january_snapshots():
    yearly = ["{}-01-01".format(y) for y in range(2021, 2026)]
    months = ["2025-0{}-01".format(m) for m in range(2, 7)]
    spec = {**UDSAT2, "nonwestern": (720, 1200)}
    df = run([spec], "2021", tuple(yearly + months))
    assert df.loc[0, "ref_date"] == "2025-06-01"
    assert df.loc[0, "category"] == "omdannelsesomraade"
    assert df.loc[0, "category_certain"] == 1
