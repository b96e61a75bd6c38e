# SPDX-License-Identifier: GPL-2.0-or-later
"""State criteria: rule sets as data, boundaries, categories, averaging, history, discretion."""
import math

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.criteria import (
    KEYS,
    RULE_SETS,
    Margins,
    assess_criteria,
    choose_dates,
    get_rule_set,
    output_fields,
    previous_year_date,
)
from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.indicators import aggregate, available_indicators

D0, D1 = "2024-01-01", "2023-01-01"
REGIONAL = 300000.0
CODES = {"outside": "outside_labour", "convicted": "convicted", "basic_edu": "basic_edu",
         "income": "income", "nonwestern": "nonwestern"}
# far from every threshold of every rule set (income: mean, number of persons)
NEUTRAL = {"outside": (100, 1000), "convicted": (5, 1000), "basic_edu": (100, 500),
           "income": (250000.0, 600), "nonwestern": (120, 1200)}


def make_raw(specs, dates=(D1, D0)):
    """Raw aggregate rows; a spec value is (num, den) for all dates or {date: (num, den)}."""
    rows = []
    for idx, spec in enumerate(specs):
        for d in dates:
            res = spec.get("residents", 1200)
            if isinstance(res, dict):
                res = res[d]
            r = {"area_idx": idx, "ref_date": d, "residents": res}
            for key in KEYS:
                v = spec.get(key, NEUTRAL[key])
                if isinstance(v, dict):
                    v = v.get(d, NEUTRAL[key])
                code = CODES[key]
                if key == "income":
                    mean, n = v
                    r.update({f"{code}_num": mean * n, f"{code}_den": float(n),
                              f"{code}_cnt": n, f"{code}_rest": 0,
                              f"{code}_top1": mean * 2, f"{code}_top2": mean * 1.5})
                else:
                    num, den = v
                    r.update({f"{code}_num": float(num), f"{code}_den": float(den),
                              f"{code}_cnt": int(math.ceil(num)),
                              f"{code}_rest": int(den - math.floor(num))})
            rows.append(r)
    return pd.DataFrame(rows)


def run(specs, rule_set="2021", dates=(D1, D0), nat=1.0, reg=REGIONAL, **kw):
    raw = make_raw(specs, dates)
    ids = [f"a{i}" for i in range(len(specs))]
    return assess_criteria(raw, ids, [f"Area {i}" for i in range(len(specs))], rule_set,
                           national_conviction_rate=nat, regional_mean_income=reg, **kw)


def history_for(area_id, categories, last_year=2023):
    """History rows: categories for last_year, last_year-1, ..."""
    return pd.DataFrame({"area_id": [area_id] * len(categories),
                         "year": [last_year - i for i in range(len(categories))],
                         "category": list(categories)})


# --------------------------------------------------------------------------- rule sets as data

RULES_TABLE = [
    # rule set, list, key, op, threshold, two-year
    ("2013", "udsat", "outside", ">", 40.0, True),
    ("2013", "udsat", "nonwestern", ">", 50.0, False),
    ("2013", "udsat", "convicted", ">", 2.70, True),
    ("2013", "udsat", "basic_edu", ">", 50.0, False),
    ("2013", "udsat", "income", "<", 55.0, False),
    ("2018", "udsat", "outside", ">", 40.0, True),
    ("2018", "udsat", "convicted", ">=", 3.0, True),
    ("2018", "udsat", "basic_edu", ">", 60.0, False),
    ("2018", "udsat", "income", "<", 55.0, False),
    ("2018", "udsat", "nonwestern", ">", 50.0, False),
    ("2021", "udsat", "outside", ">", 40.0, True),
    ("2021", "udsat", "convicted", ">=", 3.0, True),
    ("2021", "udsat", "basic_edu", ">", 60.0, False),
    ("2021", "udsat", "income", "<", 55.0, False),
    ("2021", "udsat", "nonwestern", ">", 50.0, False),
    ("2021", "forebyggelse", "outside", ">", 30.0, True),
    ("2021", "forebyggelse", "convicted", ">=", 2.0, True),
    ("2021", "forebyggelse", "basic_edu", ">", 60.0, False),
    ("2021", "forebyggelse", "income", "<", 65.0, False),
    ("2021", "forebyggelse", "nonwestern", ">", 30.0, False),
]


@pytest.mark.parametrize("rs,lst,key,op,thr,two", RULES_TABLE)
def test_rule_set_data_matches_the_law(rs, lst, key, op, thr, two):
    crit = {c.key: c for c in RULE_SETS[rs].reported(lst)}[key]
    assert (crit.op, crit.threshold, crit.two_year) == (op, thr, two)
    assert crit.source


def test_rule_set_structure():
    r13, r18, r21 = RULE_SETS["2013"], RULE_SETS["2018"], RULE_SETS["2021"]
    assert [(lst.code, len(lst.counted), lst.min_met) for lst in r13.lists] == [("udsat", 5, 3)]
    assert [(lst.code, len(lst.counted), lst.min_met) for lst in r18.lists] == [("udsat", 4, 2)]
    assert [(lst.code, len(lst.counted), lst.min_met) for lst in r21.lists] == [
        ("udsat", 4, 2), ("forebyggelse", 4, 2)]
    assert r13.parallel is None and r13.years_for_omdannelse(2015) is None
    assert [r18.years_for_omdannelse(y) for y in (2018, 2020, 2021)] == [5, 5, 4]
    assert r21.years_for_omdannelse(2024) == 5
    assert all(r.min_residents == 1000 for r in (r13, r18, r21))


@pytest.mark.parametrize("code", ["2013", "2018", "2021"])
def test_a_criterion_has_one_unit_per_rule_set(code):
    rs = RULE_SETS[code]
    for lst in rs.lists:
        for c in rs.reported(lst.code):
            assert (c.unit, c.two_year) == (rs.measure(c.key).unit, rs.measure(c.key).two_year)


def test_unknown_rule_set_is_an_error():
    assert get_rule_set(2021) is RULE_SETS["2021"]
    with pytest.raises(BoligsocialError):
        get_rule_set("2019")


# --------------------------------------------------------------------------- boundaries

BOUNDARIES = [
    # rule set, list, key, value (num, den) both years, met, national rate
    ("2021", "udsat", "outside", (400, 1000), 0, 1.0),
    ("2021", "udsat", "outside", (399.99, 1000), 0, 1.0),
    ("2021", "udsat", "outside", (400.1, 1000), 1, 1.0),
    ("2021", "udsat", "convicted", (30, 1000), 1, 1.0),      # exactly 3 x: "udgør mindst"
    ("2021", "udsat", "convicted", (29, 1000), 0, 1.0),
    ("2021", "udsat", "convicted", (27, 1000), 1, 0.9),      # 2.7 / 0.9: inexact in floats
    ("2021", "udsat", "convicted", (21, 1000), 1, 0.7),
    ("2021", "udsat", "basic_edu", (300, 500), 0, 1.0),
    ("2021", "udsat", "basic_edu", (301, 500), 1, 1.0),
    ("2021", "udsat", "income", (165000.0, 600), 0, 1.0),    # exactly 55 %: "mindre end"
    ("2021", "udsat", "income", (164999.0, 600), 1, 1.0),
    ("2021", "udsat", "nonwestern", (600, 1200), 0, 1.0),
    ("2021", "udsat", "nonwestern", (601, 1200), 1, 1.0),
    ("2021", "forebyggelse", "outside", (300, 1000), 0, 1.0),
    ("2021", "forebyggelse", "outside", (301, 1000), 1, 1.0),
    ("2021", "forebyggelse", "convicted", (20, 1000), 1, 1.0),
    ("2021", "forebyggelse", "convicted", (18, 1000), 1, 0.9),
    ("2021", "forebyggelse", "convicted", (19, 1000), 0, 1.0),
    ("2021", "forebyggelse", "basic_edu", (300, 500), 0, 1.0),
    ("2021", "forebyggelse", "basic_edu", (301, 500), 1, 1.0),
    ("2021", "forebyggelse", "income", (195000.0, 600), 0, 1.0),
    ("2021", "forebyggelse", "income", (194999.0, 600), 1, 1.0),
    ("2021", "forebyggelse", "nonwestern", (360, 1200), 0, 1.0),
    ("2021", "forebyggelse", "nonwestern", (361, 1200), 1, 1.0),
    ("2018", "udsat", "outside", (400, 1000), 0, 1.0),
    ("2018", "udsat", "outside", (401, 1000), 1, 1.0),
    ("2018", "udsat", "convicted", (30, 1000), 1, 1.0),
    ("2018", "udsat", "convicted", (29, 1000), 0, 1.0),
    ("2018", "udsat", "basic_edu", (300, 500), 0, 1.0),
    ("2018", "udsat", "basic_edu", (301, 500), 1, 1.0),
    ("2018", "udsat", "income", (165000.0, 600), 0, 1.0),
    ("2018", "udsat", "income", (164999.0, 600), 1, 1.0),
    ("2018", "udsat", "nonwestern", (600, 1200), 0, 1.0),
    ("2018", "udsat", "nonwestern", (601, 1200), 1, 1.0),
    ("2013", "udsat", "outside", (400, 1000), 0, None),
    ("2013", "udsat", "outside", (401, 1000), 1, None),
    ("2013", "udsat", "convicted", (27, 1000), 0, None),     # exactly 2.70 %: "overstiger"
    ("2013", "udsat", "convicted", (28, 1000), 1, None),
    ("2013", "udsat", "basic_edu", (250, 500), 0, None),
    ("2013", "udsat", "basic_edu", (251, 500), 1, None),
    ("2013", "udsat", "income", (165000.0, 600), 0, None),
    ("2013", "udsat", "income", (164999.0, 600), 1, None),
    ("2013", "udsat", "nonwestern", (600, 1200), 0, None),
    ("2013", "udsat", "nonwestern", (601, 1200), 1, None),
]


@pytest.mark.parametrize("rs,lst,key,value,met,nat", BOUNDARIES)
def test_threshold_boundaries(rs, lst, key, value, met, nat):
    df = run([{key: value}], rs, nat=nat)
    assert df.loc[0, f"{key}_met_{lst}"] == met
    gap = df.loc[0, f"{key}_gap_{lst}"]
    on_threshold = abs(gap) < 1e-6
    # positive when met; 0 exactly on the threshold (met only for "udgør mindst")
    assert (gap > 0) == bool(met) or (on_threshold and gap == 0.0)


def test_income_boundary_with_inexact_regional_mean():
    reg = 333333.0
    df = run([{"income": (0.55 * reg, 600)}, {"income": (0.55 * reg - 1, 600)}], reg=reg)
    assert list(df["income_met_udsat"]) == [0, 1]
    assert df.loc[0, "income_gap_udsat"] == 0.0


@pytest.mark.parametrize("rs,nat,expected", [("2021", 1.0, 3.0), ("2018", 0.5, 6.0),
                                             ("2013", None, 3.0)])
def test_conviction_value_unit(rs, nat, expected):
    df = run([{"convicted": (30, 1000)}], rs, nat=nat)
    assert df.loc[0, "convicted_val"] == pytest.approx(expected)


def test_values_as_the_law_measures_them():
    df = run([{"outside": (431, 1000), "basic_edu": (306, 500), "income": (150000.0, 600),
               "nonwestern": (300, 1200)}])
    assert df.loc[0, "outside_val"] == pytest.approx(43.1)
    assert df.loc[0, "basic_edu_val"] == pytest.approx(61.2)
    assert df.loc[0, "income_val"] == pytest.approx(50.0)
    assert df.loc[0, "nonwestern_val"] == pytest.approx(25.0)


# --------------------------------------------------------------------------- categories

UDSAT2 = {"outside": (450, 1000), "basic_edu": (350, 500)}
CATEGORY_CASES = [
    # rule set, spec, history categories (2023, 2022, ...), category, certain, criteria_met_udsat
    ("2021", {}, None, "ingen", 1, 0),
    ("2021", UDSAT2, None, "udsat", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200)}, ["udsat"], "parallelsamfund", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200)}, ["parallelsamfund"] * 4,
     "omdannelsesomraade", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200)}, ["parallelsamfund", "Ghettoområde",
                                                     "hårdt ghettoområde", "ghetto"],
     "omdannelsesomraade", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200)}, ["parallelsamfund"] * 3 + ["udsat"],
     "parallelsamfund", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200)}, ["parallelsamfund"] * 3,
     "parallelsamfund", 0, 2),
    ("2021", {"outside": (350, 1000), "income": (180000.0, 600), "nonwestern": (480, 1200)},
     None, "forebyggelse", 1, 0),
    ("2021", {**UDSAT2, "nonwestern": (480, 1200)}, None, "udsat", 1, 2),
    ("2021", {**UDSAT2, "nonwestern": (720, 1200), "residents": 999}, None, "ingen", 1, 2),
    ("2021", {**UDSAT2, "residents": 1000}, None, "udsat", 1, 2),
    ("2018", UDSAT2, None, "udsat", 1, 2),
    ("2018", {**UDSAT2, "nonwestern": (720, 1200)}, ["udsat"], "parallelsamfund", 1, 2),
    ("2018", {**UDSAT2, "nonwestern": (720, 1200)}, ["ghetto"] * 3, "omdannelsesomraade", 1, 2),
    ("2018", {**UDSAT2, "nonwestern": (720, 1200)}, ["ghetto"] * 2, "parallelsamfund", 0, 2),
    ("2013", {"outside": (450, 1000), "basic_edu": (300, 500)}, None, "ingen", 1, 2),
    ("2013", {"outside": (450, 1000), "basic_edu": (300, 500), "nonwestern": (720, 1200)},
     None, "udsat", 1, 3),
    ("2013", {"convicted": (30, 1000), "income": (150000.0, 600), "nonwestern": (720, 1200)},
     None, "udsat", 1, 3),
]


@pytest.mark.parametrize("rs,spec,hist,category,certain,k", CATEGORY_CASES)
def test_categories(rs, spec, hist, category, certain, k):
    history = history_for("a0", hist) if hist else None
    df = run([spec], rs, history=history)
    assert df.loc[0, "category"] == category
    assert df.loc[0, "category_certain"] == certain
    assert df.loc[0, "criteria_met_udsat"] == k


def test_under_1000_residents_reason():
    df = run([{**UDSAT2, "residents": 999}])
    assert df.loc[0, "category_reason"] == "under 1,000 residents"
    assert df.loc[0, "outside_met_udsat"] == 1  # criteria still shown for any geography
    assert "Under 1,000 residents" in df.loc[0, "explanation"]


def test_hard_ghetto_transition_years_2018_rules():
    spec = {**UDSAT2, "nonwestern": (720, 1200)}
    dates = ("2019-01-01", "2020-01-01")
    hist4 = history_for("a0", ["ghetto"] * 4, last_year=2019)
    hist3 = history_for("a0", ["ghetto"] * 3, last_year=2019)
    assert run([spec], "2018", dates, history=hist4).loc[0, "category"] == "omdannelsesomraade"
    df = run([spec], "2018", dates, history=hist3)
    assert df.loc[0, "category"] == "parallelsamfund"
    assert "needs 5 years of history, 4 found" in df.loc[0, "category_reason"]


def test_missing_history_reason():
    df = run([{**UDSAT2, "nonwestern": (720, 1200)}])
    assert df.loc[0, "category"] == "parallelsamfund"
    assert df.loc[0, "category_certain"] == 0
    # 2023 is computed from the older snapshot; 2022-2020 are unknown
    assert "needs 5 years of history, 2 found" in df.loc[0, "category_reason"]
    assert "history 2023 computed from the extract" in df.loc[0, "data_note"]


@pytest.mark.parametrize("n_dates,category,certain", [(5, "omdannelsesomraade", 1),
                                                      (4, "parallelsamfund", 0)])
def test_history_computed_from_yearly_snapshots(n_dates, category, certain):
    dates = tuple(f"{y}-01-01" for y in range(2025 - n_dates, 2025))
    df = run([{**UDSAT2, "nonwestern": (720, 1200)}, UDSAT2], dates=dates)
    assert df.loc[0, "category"] == category
    assert df.loc[0, "category_certain"] == certain
    assert df.loc[1, "category"] == "udsat"


def test_history_from_snapshots_stops_at_a_year_that_was_not_parallelsamfund():
    dates = tuple(f"{y}-01-01" for y in range(2020, 2025))
    nw = {d: (720, 1200) for d in dates}
    nw["2022-01-01"] = (300, 1200)
    df = run([{**UDSAT2, "nonwestern": nw}], dates=dates)
    assert df.loc[0, "category"] == "parallelsamfund"
    assert df.loc[0, "category_certain"] == 1


def test_official_history_wins_over_snapshots():
    dates = tuple(f"{y}-01-01" for y in range(2020, 2025))
    hist = history_for("a0", ["parallelsamfund", "udsat"])  # 2022 was only udsat
    df = run([{**UDSAT2, "nonwestern": (720, 1200)}], dates=dates, history=hist)
    assert df.loc[0, "category"] == "parallelsamfund"


def test_unknown_history_category_is_an_error():
    with pytest.raises(BoligsocialError):
        run([UDSAT2], history=history_for("a0", ["sort"]))


# --------------------------------------------------------------------------- two-year average

@pytest.mark.parametrize("prev,cur,val,met", [
    ((360, 1000), (450, 1000), 40.5, 1),
    ((350, 1000), (450, 1000), 40.0, 0),
    ((450, 1000), (350, 1000), 40.0, 0),
])
def test_two_year_mean_of_yearly_values(prev, cur, val, met):
    df = run([{"outside": {D1: prev, D0: cur}}])
    assert df.loc[0, "outside_val"] == pytest.approx(val)
    assert df.loc[0, "outside_met_udsat"] == met
    assert df.loc[0, "two_year"] == 1


def test_two_year_uses_mean_of_shares_not_pooled_counts():
    # 2023: 100 of 200 = 50 %; 2024: 300 of 1000 = 30 %; mean 40.0 (pooled would be 33.3)
    df = run([{"outside": {D1: (100, 200), D0: (300, 1000)}}])
    assert df.loc[0, "outside_val"] == pytest.approx(40.0)


def test_convicted_two_year_average():
    df = run([{"convicted": {D1: (20, 1000), D0: (40, 1000)}}])
    assert df.loc[0, "convicted_val"] == pytest.approx(3.0)
    assert df.loc[0, "convicted_met_udsat"] == 1


def test_single_year_criterion_uses_the_assessed_year_only():
    df = run([{"basic_edu": {D1: (400, 500), D0: (250, 500)}}])
    assert df.loc[0, "basic_edu_val"] == pytest.approx(50.0)


def test_missing_previous_year_uses_single_year_and_says_so():
    df = run([{"outside": (450, 1000)}], dates=(D0,))
    assert df.loc[0, "outside_val"] == pytest.approx(45.0)
    assert df.loc[0, "two_year"] == 0
    assert df.loc[0, "prev_date"] == ""
    assert "previous year missing: single-year value used for outside, convicted" \
        in df.loc[0, "data_note"]


def test_previous_year_empty_for_one_area_is_not_zero():
    df = run([{"outside": {D1: (0, 0), D0: (450, 1000)}}, {"outside": (450, 1000)}])
    assert df.loc[0, "outside_val"] == pytest.approx(45.0)  # not (0 + 45) / 2
    assert list(df["two_year"]) == [0, 1]


DATE_CASES = [
    (["2023-01-01", "2024-01-01"], None, ("2024-01-01", "2023-01-01")),
    (["2023-01-01", "2023-07-01", "2024-01-01"], "2023-12-31", ("2023-07-01", None)),
    (["2022-12-15", "2023-01-20", "2024-01-01"], None, ("2024-01-01", "2022-12-15")),
    (["2023-02-05", "2024-01-01"], None, ("2024-01-01", None)),
    (["2023-02-28", "2024-02-29"], None, ("2024-02-29", "2023-02-28")),
    (["2023-05-01", "2023-06-01", "2024-06-01"], None, ("2024-06-01", "2023-06-01")),
    (["2023-01-01", "2024-01-01", "2024-04-01"], "2024-03-01", ("2024-01-01", "2023-01-01")),
]


@pytest.mark.parametrize("dates,when,expected", DATE_CASES)
def test_choose_dates(dates, when, expected):
    assert choose_dates(dates, when) == expected


def test_assessment_date_before_the_data_is_an_error():
    with pytest.raises(BoligsocialError):
        choose_dates(["2023-01-01"], "2022-01-01")
    assert previous_year_date(["2023-01-01"], "2023-01-01") is None


def test_assessment_date_selects_older_snapshot():
    dates = ("2022-01-01", D1, D0)
    df = run([{"outside": {"2022-01-01": (450, 1000), D1: (450, 1000), D0: (100, 1000)}}],
             dates=dates, assessment_date="2023-06-30")
    assert df.loc[0, "ref_date"] == D1 and df.loc[0, "prev_date"] == "2022-01-01"
    assert df.loc[0, "outside_val"] == pytest.approx(45.0)


# --------------------------------------------------------------------------- references

def test_missing_national_conviction_rate():
    df = run([{"basic_edu": (350, 500), "convicted": (40, 1000)}, UDSAT2], nat=None)
    assert np.isnan(df.loc[0, "convicted_val"])
    assert df.loc[0, "convicted_met_udsat"] is pd.NA
    assert df.loc[0, "criteria_met_udsat"] == 1
    assert df.loc[0, "category"] == "ingen" and df.loc[0, "category_certain"] == 0
    assert "national conviction rate missing" in df.loc[0, "category_reason"]
    assert "could be udsat" in df.loc[0, "category_reason"]
    assert "national conviction rate missing" in df.loc[0, "data_note"]
    # two criteria already met: the missing one cannot change the category
    assert df.loc[1, "category"] == "udsat" and df.loc[1, "category_certain"] == 1


def test_missing_regional_income():
    df = run([{"income": (100000.0, 600)}], reg=None)
    assert np.isnan(df.loc[0, "income_val"])
    assert df.loc[0, "income_met_udsat"] is pd.NA
    assert "regional mean income missing" in df.loc[0, "data_note"]


def test_2013_convictions_need_no_national_rate():
    df = run([{"convicted": (30, 1000)}], "2013", nat=None)
    assert df.loc[0, "convicted_met_udsat"] == 1


def test_reference_per_year():
    df = run([{"convicted": (30, 1000)}], nat={2024: 1.0, 2023: 5.0})
    assert df.loc[0, "convicted_val"] == pytest.approx(3.0)


def test_bad_reference_is_an_error():
    with pytest.raises(BoligsocialError):
        run([{}], nat=-1.0)


# --------------------------------------------------------------------------- persons to flip

PERSONS_CASES = [
    # spec, dates, column, expected, national rate
    ({"outside": (395, 1000)}, (D0,), "outside_persons_udsat", 6, 1.0),
    ({"outside": (405, 1000)}, (D0,), "outside_persons_udsat", 5, 1.0),
    ({"outside": (400, 1000)}, (D0,), "outside_persons_udsat", 1, 1.0),
    ({"outside": (400.3, 1000)}, (D0,), "outside_persons_udsat", 1, 1.0),
    ({"outside": {D1: (380, 1000), D0: (395, 1000)}}, (D1, D0), "outside_persons_udsat", 26,
     1.0),
    ({"outside": (900, 1000)}, (D1, D0), "outside_persons_udsat", None, 1.0),
    ({"convicted": {D1: (30, 1000), D0: (25, 1000)}}, (D1, D0), "convicted_persons_udsat", 5,
     1.0),
    ({"convicted": (30, 1000)}, (D1, D0), "convicted_persons_udsat", 1, 1.0),
    ({"convicted": (30, 1000)}, (D1, D0), "convicted_persons_forebyggelse", 21, 1.0),
    ({"basic_edu": (290, 500)}, (D0,), "basic_edu_persons_forebyggelse", 11, 1.0),
    ({"nonwestern": (700, 1200)}, (D0,), "nonwestern_persons_udsat", 100, 1.0),
    ({"income": (200000.0, 600)}, (D0,), "income_dkk_udsat", 35001, 1.0),
    ({"income": (164000.0, 600)}, (D0,), "income_dkk_udsat", 1000, 1.0),
]


@pytest.mark.parametrize("spec,dates,col,expected,nat", PERSONS_CASES)
def test_persons_to_flip(spec, dates, col, expected, nat):
    value = run([spec], dates=dates, nat=nat).loc[0, col]
    if expected is None:
        assert value is pd.NA
    else:
        assert value == expected


# --------------------------------------------------------------------------- discretion

def test_suppression():
    specs = [
        {"residents": 1000, "convicted": (3, 1000)},             # P, eligible: met kept
        {"residents": 800, "convicted": (3, 1000)},              # P, not eligible: met NULL
        {"residents": 30},                                       # A: everything NULL
        {"residents": 3},                                        # residents below min_count
        {"convicted": {D1: (2, 1000), D0: (10, 1000)}},          # P from the previous year
        {"basic_edu": (498, 500)},                               # complement small: P
        {"convicted": (3, 100)},                                 # P and exactly 3 x
    ]
    df = run(specs, rules=Rules(min_count=5, min_residents=50))
    assert list(df["convicted_flag"]) == ["P", "P", "A", "A", "P", "", "P"]
    assert df["convicted_val"].isna().tolist() == [True, True, True, True, True, False, True]
    assert np.isnan(df.loc[0, "convicted_gap_udsat"])
    assert df.loc[0, "convicted_persons_udsat"] is pd.NA
    assert df.loc[0, "convicted_met_udsat"] == 0
    assert df.loc[1, "convicted_met_udsat"] is pd.NA
    assert df.loc[1, "criteria_met_udsat"] is pd.NA
    assert df.loc[2, "outside_met_udsat"] is pd.NA and df.loc[2, "outside_flag"] == "A"
    assert df.loc[2, "residents"] == 30 and df.loc[3, "residents"] is pd.NA
    assert df.loc[4, "outside_flag"] == "" and df.loc[4, "basic_edu_flag"] == ""
    assert df.loc[5, "basic_edu_flag"] == "P" and df.loc[5, "basic_edu_met_udsat"] == 1
    assert "99.6" not in df.loc[5, "explanation"]
    assert "value suppressed" in df.loc[5, "explanation"]
    assert "basic_edu" not in df.loc[5, "near_criteria"]
    # a suppressed value is never reported as near its threshold
    assert df.loc[6, "convicted_met_udsat"] == 1
    assert "convicted" not in df.loc[6, "near_criteria"]


def test_tiny_areas_publish_no_count_or_value():
    df = run([{"residents": 3}, {"residents": 4, "outside": (1, 2)}])
    assert df["residents"].isna().all()
    for k in KEYS:
        assert df[f"{k}_val"].isna().all() and set(df[f"{k}_flag"]) == {"A"}
        assert df[f"{k}_met_udsat"].isna().all()
    assert df["criteria_met_udsat"].isna().all()


# --------------------------------------------------------------------------- margins, text

def test_at_risk_and_near_criteria():
    specs = [{"outside": (390, 1000), "basic_edu": (350, 500)},     # outside near: could be udsat
             {},                                                     # far from everything
             {"convicted": (28, 1000), "basic_edu": (350, 500)},    # 2.8 x, near 3 x
             {"outside": (450, 1000), "basic_edu": (350, 500), "income": (100000.0, 600),
              "nonwestern": (120, 1200)}]                            # 3 of 4: safe
    df = run(specs)
    assert list(df["at_risk"]) == [1, 0, 1, 0]
    assert "outside_udsat" in df.loc[0, "near_criteria"]
    assert df.loc[1, "near_criteria"] == ""
    narrow = run(specs, margins=Margins(points=0.5, relative=0.05))
    assert list(narrow["at_risk"]) == [0, 0, 0, 0]


def test_explanation_mentions_the_numbers():
    df = run([{"outside": (431, 1000), "basic_edu": (306, 500)},
              {"outside": (431, 1000), "basic_edu": (325, 500)},
              {"outside": (395, 1000), "basic_edu": (350, 500)}])
    text = df.loc[0, "explanation"]
    assert text.startswith("Udsat boligområde: 2 of 4 criteria met")
    assert "43.1 % > 40 %" in text and "61.2 % > 60 %" in text
    assert "Would no longer be udsat boligområde if 6 fewer residents aged 30-59 had only " \
           "basic schooling" in text
    assert "62 fewer full-time persons were outside the labour market this year" \
        in df.loc[1, "explanation"]
    assert "Would become udsat boligområde if 11 more full-time persons" \
        in df.loc[2, "explanation"]


def test_explanation_shows_more_decimals_near_the_threshold():
    df = run([{"outside": (400.1, 1000)}])
    assert "40.01 % > 40 %" in df.loc[0, "explanation"]


# --------------------------------------------------------------------------- columns

@pytest.mark.parametrize("code", ["2013", "2018", "2021"])
def test_output_columns(code):
    df = run([UDSAT2, {}], code, nat=1.0 if code != "2013" else None)
    names = [n for n, _ in output_fields(code)]
    assert list(df.columns) == names
    for field in ("area_id", "area_name", "residents", "rule_set", "category"):
        assert field in names
    for k in KEYS:
        assert f"{k}_val" in names and f"{k}_met_udsat" in names and f"{k}_gap_udsat" in names
    assert ("criteria_met_forebyggelse" in names) == (code == "2021")
    assert set(df["category"]) <= {"omdannelsesomraade", "parallelsamfund", "udsat",
                                   "forebyggelse", "ingen"}
    assert list(df["rule_set"]) == [code, code]


# --------------------------------------------------------------------------- end to end

def _persons(n_outside_fte, date):
    n = 1000
    return pd.DataFrame({
        "person_id": [f"p{i}" for i in range(n)], "ref_date": date, "age": 40,
        "outside_fte": n_outside_fte, "nonwestern": 0, "convicted": 0, "basic_edu": 0,
        "gross_income": [250000.0 + 100000.0 * (i % 2) for i in range(n)], "student": 0,
        "taxpayer": 1})


@pytest.mark.parametrize("fte,met", [(0.4, 0), (0.401, 1)])
def test_from_aggregate_with_float_sums(fte, met):
    df = pd.concat([_persons(fte, D1), _persons(fte, D0)], ignore_index=True)
    inds, _ = available_indicators(df.columns)
    raw = aggregate(df, np.zeros(len(df), dtype=np.int64), 1, inds)
    out = assess_criteria(raw, ["x"], None, "2021", national_conviction_rate=1.0,
                          regional_mean_income=REGIONAL)
    assert out.loc[0, "outside_met_udsat"] == met
    assert out.loc[0, "income_val"] == pytest.approx(100.0)
    assert out.loc[0, "category"] == "ingen"
