# SPDX-License-Identifier: GPL-2.0-or-later
"""Aliases and display decimals of output fields."""
import pytest

from boligsocial_plugin.core.fieldinfo import field_info, layer_field_infos

INDICATOR_FIELDS = ["area_id", "area_name", "ref_date", "residents", "outside_labour_num",
                    "outside_labour_den", "outside_labour_val", "outside_labour_flag",
                    "income_num", "income_val", "income_flag", "age_0_17_val"]


@pytest.mark.parametrize("name, alias, decimals", [
    ("area_id", "Area id", None),
    ("residents", "Residents", 0),
    ("outside_labour_num", "Outside labour market and education, 18-64: numerator", 1),
    ("outside_labour_den", "Outside labour market and education, 18-64: denominator", 0),
    ("outside_labour_val", "Outside labour market and education, 18-64 (%)", 1),
    ("outside_labour_flag", "Outside labour market and education, 18-64: discretion flag",
     None),
    ("income_num", "Mean gross income, taxpayers 15-64 not in education: numerator", 0),
    ("income_val", "Mean gross income, taxpayers 15-64 not in education (kr.)", 0),
    ("age_0_17_val", "Children 0-17 (%)", 1),
])
def test_indicator_layer(name, alias, decimals):
    info = layer_field_infos(INDICATOR_FIELDS)[name]
    assert (info.alias, info.decimals) == (alias, decimals)


def test_criteria_layer():
    names = ["area_id", "rule_set", "category", "outside_val", "convicted_val",
             "convicted_gap_udsat", "convicted_met_udsat", "income_dkk_udsat",
             "outside_persons_forebyggelse", "criteria_met_udsat", "explanation"]
    infos = layer_field_infos(names)
    assert set(infos) == set(names)
    assert infos["convicted_val"].decimals == 2  # times the national rate
    assert infos["outside_val"].alias.endswith("(%)") and infos["outside_val"].decimals == 1
    assert "udsat" in infos["convicted_gap_udsat"].alias
    assert infos["income_dkk_udsat"].decimals == 0
    assert infos["criteria_met_udsat"].alias == "Criteria met, udsat"


def test_user_defined_indicators_and_any_flag():
    infos = layer_field_infos(["my_share_val", "my_share_flag", "count_a", "count_a_flag"],
                              {"my_share": ("My share", "%")})
    assert infos["my_share_val"].alias == "My share (%)"
    assert infos["my_share_flag"].alias == "My share: discretion flag"
    assert "count_a" not in infos  # a user's own column keeps its name
    assert infos["count_a_flag"].alias == "count_a: discretion flag"


def test_unknown_fields_get_nothing():
    assert field_info("whatever") is None
