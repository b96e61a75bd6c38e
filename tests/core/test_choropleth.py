# SPDX-License-Identifier: GPL-2.0-or-later
"""Choropleth decisions: Danish number labels, the law's classes, units and colours."""
import pytest

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.errors import BoligsocialError


@pytest.mark.parametrize("value,decimals,text", [
    (0, 0, "0"), (12.345, 1, "12,3"), (1234.5, 1, "1.234,5"), (1234567.891, 0, "1.234.568"),
    (-2500.25, 2, "-2.500,25"), (0.05, 2, "0,05"),
])
def test_danish_number_format(value, decimals, text):
    assert choropleth.format_number(value, decimals) == text


@pytest.mark.parametrize("value,unit,text", [
    (12.5, "%", "12,5 %"), (215000.4, "kr.", "215.000 kr."), (2.1, "×", "2,10×"),
    (None, "%", "–"), (float("nan"), "kr.", "–"),
])
def test_value_with_unit(value, unit, text):
    assert choropleth.format_value(value, unit) == text


@pytest.mark.parametrize("field,criteria,unit", [
    ("outside_labour_val", False, "%"), ("income_val", False, "kr."),
    ("convicted_val", False, "%"), ("age_65plus_val", False, "%"),
    ("convicted_val", True, "×"), ("income_val", True, "%"), ("outside_val", True, "%"),
    ("my_own_val", False, ""),
])
def test_units(field, criteria, unit):
    assert choropleth.field_unit(field, criteria) == unit


# (field, criteria layer?, value, expected class index): the law's comparisons at the edges
LAW_CASES = [
    ("outside_labour_val", False, 29.9, 0), ("outside_labour_val", False, 30.0, 0),
    ("outside_labour_val", False, 30.01, 1), ("outside_labour_val", False, 40.0, 1),
    ("outside_labour_val", False, 40.01, 2), ("outside_labour_val", False, 0.0, 0),
    ("outside_labour_val", False, 100.0, 2),
    ("basic_edu_val", False, 60.0, 0), ("basic_edu_val", False, 60.5, 1),
    ("nonwestern_val", False, 30.0, 0), ("nonwestern_val", False, 50.0, 1),
    ("nonwestern_val", False, 50.1, 2),
    ("outside_val", True, 30.0, 0), ("outside_val", True, 41.0, 2),
    # convicted: 'udgør mindst' (>=) 2 and 3 times the national rate
    ("convicted_val", True, 1.99, 0), ("convicted_val", True, 2.0, 1),
    ("convicted_val", True, 2.99, 1), ("convicted_val", True, 3.0, 2),
    # income: 'mindre end' (<) 55 and 65 % of the regional mean
    ("income_val", True, 54.9, 0), ("income_val", True, 55.0, 1), ("income_val", True, 64.9, 1),
    ("income_val", True, 65.0, 2),
]


@pytest.mark.parametrize("field,criteria,value,index", LAW_CASES)
def test_law_classes_follow_the_laws_comparison(field, criteria, value, index):
    ranges = choropleth.law_ranges(field, criteria)
    hits = [i for i, r in enumerate(ranges) if r.contains(value)]
    assert hits == [index]


@pytest.mark.parametrize("field,thresholds", [
    ("outside_labour_val", (30.0, 40.0)), ("basic_edu_val", (60.0,)),
    ("nonwestern_val", (30.0, 50.0)),
])
def test_law_thresholds_2021(field, thresholds):
    assert choropleth.law_thresholds(field)[0] == thresholds
    assert len(choropleth.law_ranges(field)) == len(thresholds) + 1


def test_law_labels_name_thresholds_and_units():
    labels = [r.label for r in choropleth.law_ranges("outside_labour_val")]
    assert labels == ["≤ 30 %", "> 30 – 40 %", "> 40 %"]
    labels = [r.label for r in choropleth.law_ranges("convicted_val", criteria=True)]
    assert labels == ["< 2×", "2 – < 3×", "≥ 3×"]


@pytest.mark.parametrize("field", ["income_val", "convicted_val", "age_0_17_val", "residents"])
def test_law_refused_where_the_law_has_no_absolute_threshold(field):
    with pytest.raises(BoligsocialError, match="no threshold"):
        choropleth.law_ranges(field, criteria=False)


def test_data_classes_match_qgis_range_semantics():
    # QGIS: first class [lo, hi], the others (lo, hi]; the outer classes are open
    ranges = choropleth.ranges_from_bounds([(1.0, 10.0), (10.0, 20.0), (20.0, 30.0)], "%")
    assert [i for i, r in enumerate(ranges) if r.contains(10.0)] == [0]
    assert [i for i, r in enumerate(ranges) if r.contains(10.5)] == [1]
    assert [i for i, r in enumerate(ranges) if r.contains(-5.0)] == [0]
    assert [i for i, r in enumerate(ranges) if r.contains(99.0)] == [2]
    assert not any(r.contains(None) for r in ranges)
    assert [r.label for r in ranges] == ["1,0 – 10,0 %", "10,0 – 20,0 %", "20,0 – 30,0 %"]


def test_labels_get_more_decimals_when_breaks_would_print_alike():
    ranges = choropleth.ranges_from_bounds([(1.01, 1.02), (1.02, 1.04)], "%")
    assert ranges[0].label != ranges[1].label
    assert "1,02" in ranges[0].label


def test_expression_uses_the_same_bounds():
    r = choropleth.ClassRange(10.0, 20.0, "x", lower_inclusive=False, upper_inclusive=True)
    assert r.expression('"v"') == '"v" > 10.0 AND "v" <= 20.0'
    r = choropleth.ClassRange(10.0, 20.0, "x", open_below=True, open_above=True)
    assert r.expression('"v"') == '"v" IS NOT NULL'


def _luminance(hex_colour):
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("ramp", sorted(choropleth.RAMPS))
@pytest.mark.parametrize("n", range(choropleth.MIN_CLASSES, choropleth.MAX_CLASSES + 1))
def test_ramps_keep_their_order_in_greyscale(ramp, n):
    colours = choropleth.ramp_colours(ramp, n)
    assert len(colours) == n == len(set(colours))
    lum = [_luminance(c) for c in colours]
    assert all(a > b for a, b in zip(lum, lum[1:])), (ramp, colours)
    # the suppressed grey must not be mistaken for a class colour
    grey = choropleth.SUPPRESSED_FILL
    assert all(c.lower() != grey for c in colours)


def test_category_colours_darken_with_severity():
    lum = [_luminance(choropleth.CATEGORY_COLOURS[c]) for c in choropleth.CATEGORY_ORDER]
    assert all(a < b for a, b in zip(lum, lum[1:]))
    assert choropleth.category_label("udsat") == "Udsat boligområde"


@pytest.mark.parametrize("method,n", [("kmeans", 5), ("jenks", 1), ("law", 10)])
def test_bad_method_or_class_count_refused(method, n):
    with pytest.raises(BoligsocialError):
        choropleth.check_method(method, n)


def test_discretion_note_names_the_threshold():
    assert "fewer than 7 persons" in choropleth.discretion_note(7)
