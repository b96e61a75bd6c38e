# SPDX-License-Identifier: GPL-2.0-or-later
"""What the map report says and in which order (no QGIS)."""
import datetime

import pytest

from boligsocial_plugin.core import map_report as mr
from boligsocial_plugin.core.map_report import MapText


def test_one_map_is_captioned_with_its_date():
    maps, sort_by = mr.arrange([MapText("nonwestern_val", "%", "Non-western", "2025-01-01")])
    assert sort_by == 0 and maps[0].caption == "2025-01-01"
    assert mr.subtitle(maps) == "Reference date 2025-01-01"
    assert mr.table_headers(maps) == ["#", "Area", "Value", "Residents"]


def test_same_field_two_years_earlier_year_left_table_sorted_by_the_first_given():
    later = MapText("x_val", "%", "X", "2025-01-01", "layer")
    earlier = MapText("x_val", "%", "X", "2024-01-01", "layer")
    maps, sort_by = mr.arrange([later, earlier])
    assert [m.date for m in maps] == ["2024-01-01", "2025-01-01"]
    assert maps[sort_by] is later
    assert [m.caption for m in maps] == ["2024-01-01", "2025-01-01"]
    assert mr.subtitle(maps) == "2024-01-01 – 2025-01-01"
    assert mr.shares_classes(maps)
    assert mr.table_headers(maps)[2:4] == ["2024", "2025"]


def test_same_field_same_date_two_layers_captioned_by_layer():
    maps, _ = mr.arrange([MapText("x_val", "%", "X", "2025-01-01", "this year"),
                          MapText("x_val", "%", "X", "2025-01-01", "other")])
    assert [m.caption for m in maps] == ["this year", "other"]


def test_two_fields_captioned_by_label_and_date_when_dates_differ():
    maps, sort_by = mr.arrange([MapText("a_val", "%", "A", "2025-01-01"),
                                MapText("income_val", "kr.", "Income", "2024-01-01")])
    assert sort_by == 0  # different fields keep their order
    assert [m.caption for m in maps] == ["A (2025-01-01)", "Income (2024-01-01)"]
    assert not mr.shares_classes(maps)
    assert mr.subtitle(maps) == "Reference date 2025-01-01 / 2024-01-01"
    assert mr.table_headers(maps)[2:4] == ["a", "income"]


def test_category_header_and_legend_title():
    assert mr.column_header(MapText("category"), [MapText("category")]) == "Category"
    title = mr.legend_title(MapText("x", "%", "Share of residents outside the labour "
                                              "market and education"))
    assert all(len(line) <= mr.LEGEND_WIDTH for line in title.split("\n"))
    assert title.replace("\n", " ").endswith("(%)")


def test_notes_name_source_dates_discretion_and_classes():
    maps = [MapText("x_val", date="2025-01-01"), MapText("x_val", date="2025-01-01")]
    text = mr.notes(maps, "Demo", 5, "jenks")
    assert "Source: Demo. Reference date: 2025-01-01." in text
    assert "fewer than 5 persons" in text
    assert "natural breaks (Jenks)" in text
    assert "Classes" not in mr.notes([MapText("category")], "Demo", 5, "jenks")
    assert "Made 2024-02-29" in mr.made_text("s", [], datetime.date(2024, 2, 29))
    assert "earlier date" not in text
    carried = mr.notes(maps, "Demo", 5, "jenks", carried_since="2024-03-01")
    assert "from 2024-03-01" in carried and "at least 5 of the persons" in carried


@pytest.mark.parametrize("category, rows, expected", [
    (False, [(None, "a"), (10.0, "b"), (30.0, "c"), (10.0, "a")], ["c", "a", "b", "a"]),
    (True, [("ingen", "a"), (None, "b"), ("udsat", "c"), ("omdannelsesomraade", "d")],
     ["d", "c", "a", "b"]),
])
def test_table_order(category, rows, expected):
    ordered = sorted(rows, key=lambda r: mr.table_sort_key(r[0], r[1], category))
    assert [name for _v, name in ordered] == expected
