# SPDX-License-Identifier: GPL-2.0-or-later
"""Indicator values against hand-computed expectations on small tables."""
import json

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import indicators as ind
from boligsocial_plugin.core.errors import BoligsocialError


def _one_area(rows):
    df = pd.DataFrame(rows)
    df["ref_date"] = "2025-01-01"
    inds, _ = ind.available_indicators(df.columns)
    raw = ind.aggregate(df, np.zeros(len(df), dtype=np.int64), 1, inds)
    return raw.iloc[0], {i.code: i for i in inds}


@pytest.mark.parametrize("ages,code,num,den", [
    ([17, 18, 64, 65], "outside_labour", 2.0, 2),   # 18 and 64 are in the band, 17/65 not
    ([29, 30, 59, 60], "basic_edu", 2.0, 2),
    ([17, 18, 90], "convicted", 2.0, 2),
    ([0, 17, 18], "age_0_17", 2.0, 3),
    ([64, 65, 100], "age_65plus", 2.0, 3),
    ([17, 18, 64, 65], "age_18_64", 2.0, 4),
])
def test_age_band_boundaries(ages, code, num, den):
    rows = [{"age": a, "outside_fte": 1.0, "basic_edu": 1, "convicted": 1, "nonwestern": 0}
            for a in ages]
    r, _ = _one_area(rows)
    assert r[code + "_num"] == num
    assert r[code + "_den"] == den


def test_outside_labour_uses_full_time_fractions():
    rows = [{"age": 30, "outside_fte": f} for f in (0.25, 0.5, 1.0, 0.0)]
    r, inds = _one_area(rows)
    assert r["outside_labour_num"] == pytest.approx(1.75)
    assert r["outside_labour_den"] == 4
    assert r["outside_labour_cnt"] == 3 and r["outside_labour_rest"] == 3
    assert ind.values(pd.DataFrame([r]), inds["outside_labour"])[0] == pytest.approx(43.75)


def test_income_mean_over_taxpayers_15_64_not_in_education():
    rows = [
        {"age": 14, "gross_income": 1e6, "student": 0, "taxpayer": 1},   # too young
        {"age": 30, "gross_income": 300000, "student": 0, "taxpayer": 1},
        {"age": 40, "gross_income": 100000, "student": 0, "taxpayer": 1},
        {"age": 22, "gross_income": 50000, "student": 1, "taxpayer": 1},  # student
        {"age": 50, "gross_income": 900000, "student": 0, "taxpayer": 0},  # not taxpayer
        {"age": 65, "gross_income": 700000, "student": 0, "taxpayer": 1},  # too old
        {"age": 35, "gross_income": np.nan, "student": 0, "taxpayer": 1},  # unknown
    ]
    r, inds = _one_area(rows)
    assert r["income_den"] == 2 and r["income_num"] == 400000
    assert ind.values(pd.DataFrame([r]), inds["income"])[0] == 200000
    assert r["income_top1"] == 300000 and r["income_top2"] == 100000


def test_unknown_education_counts_as_basic():
    r, _ = _one_area([{"age": 40, "basic_edu": np.nan}, {"age": 40, "basic_edu": 0}])
    assert r["basic_edu_num"] == 1 and r["basic_edu_den"] == 2


def test_empty_area_and_one_person_area():
    df = pd.DataFrame({"age": [30], "nonwestern": [1], "ref_date": ["2025-01-01"]})
    inds, _ = ind.available_indicators(df.columns)
    raw = ind.aggregate(df, np.array([1]), 2, inds)
    assert list(raw["residents"]) == [0, 1]
    v = ind.values(raw, {i.code: i for i in inds}["nonwestern"])
    assert np.isnan(v[0]) and v[1] == 100.0


def test_rows_outside_are_not_aggregated_and_dates_split():
    df = pd.DataFrame({"age": [30, 30, 30], "ref_date": ["2024-01-01", "2025-01-01", "2025-01-01"]})
    inds, _ = ind.available_indicators(df.columns)
    raw = ind.aggregate(df, np.array([0, 0, -1]), 1, inds)
    assert list(raw["ref_date"]) == ["2024-01-01", "2025-01-01"]
    assert list(raw["residents"]) == [1, 1]


def test_catalogue_parses_and_user_indicator_is_computed():
    with open(ind.catalogue_path(), encoding="utf-8") as f:
        cat = ind.parse_user_indicators(f.read(), ["age", "single_parent"])
    assert len(cat) >= 8
    spec = [{"code": "women_65", "type": "share", "label": "x",
             "condition": {"column": "sex", "op": "==", "value": "K"}, "age_min": 65}]
    extra = ind.parse_user_indicators(json.dumps(spec), ["age", "sex"])
    df = pd.DataFrame({"age": [70, 70, 70, 20], "sex": ["K", "M", "K", "K"],
                       "ref_date": "2025-01-01"})
    inds, _ = ind.available_indicators(df.columns, extra)
    raw = ind.aggregate(df, np.zeros(4, dtype=np.int64), 1, inds)
    assert raw.loc[0, "women_65_num"] == 2 and raw.loc[0, "women_65_den"] == 3


@pytest.mark.parametrize("spec,needle", [
    ("not json", "not valid JSON"),
    ('[{"code": "Bad Code", "type": "share", "value": "age"}]', "must start with a letter"),
    ('[{"code": "x", "type": "median", "value": "age"}]', "median"),
    ('[{"code": "x", "type": "share"}]', "either 'value'"),
    ('[{"code": "x", "type": "share", "condition": {"column": "age", "op": "eval", '
     '"value": 1}}]', "not allowed"),
    ('[{"code": "x", "type": "share", "value": "agee"}]', "spelling"),
    ('[{"code": "income", "type": "share", "value": "age"}]', "built-in"),
    ('[{"code": "x", "type": "share", "value": "age", "age_min": "ten"}]', "whole numbers"),
    ('[{"code": "x", "value": "age"}, {"code": "x", "value": "age"}]', "used twice"),
    ('[{"code": "x", "condition": {"column": "age", "op": "=="}}]', "one number or text"),
    ('[{"code": "x", "condition": {"column": "age", "op": "!=", "value": [1]}}]',
     "one number or text"),
    ('[{"code": "x", "condition": {"column": "age", "op": "in", "value": 1}}]', "list of values"),
    ('[{"code": "x", "condition": {"column": "age", "op": ">", "value": "old"}}]',
     "needs a number"),
])
def test_bad_user_definitions_give_clear_messages(spec, needle):
    with pytest.raises(BoligsocialError, match=needle):
        ind.parse_user_indicators(spec, ["age"])


def test_user_population_excludes_by_text_and_by_number():
    """``!=`` in ``where``: a text value compares text, a number keeps missing values in."""
    spec = [{"code": "not_women", "type": "share", "label": "x",
             "condition": {"column": "age", "op": ">=", "value": 65},
             "where": [{"column": "sex", "op": "!=", "value": "K"}]},
            {"code": "not_students", "type": "share", "label": "x",
             "condition": {"column": "age", "op": ">=", "value": 65},
             "where": [{"column": "student", "op": "!=", "value": 1}]}]
    extra = ind.parse_user_indicators(json.dumps(spec), ["age", "sex", "student"])
    df = pd.DataFrame({"age": [70, 70, 20, 20, 80], "sex": ["K", "M", "M", None, "M"],
                       "student": [0.0, 1.0, np.nan, 0.0, np.nan], "ref_date": "2025-01-01"})
    raw = ind.aggregate(df, np.zeros(5, dtype=np.int64), 1, extra)
    # sex != K: M, M, M (a missing sex satisfies no comparison of text)
    assert (raw.loc[0, "not_women_num"], raw.loc[0, "not_women_den"]) == (2, 3)
    # student != 1: every row but the second; a missing value is not a 1
    assert (raw.loc[0, "not_students_num"], raw.loc[0, "not_students_den"]) == (2, 4)
