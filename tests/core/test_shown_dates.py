# SPDX-License-Identifier: GPL-2.0-or-later
"""The snapshots an output protects with the dates it shows (core.shown_dates): every other
snapshot of its extract."""
from boligsocial_plugin.core.shown_dates import context_dates


def test_every_other_date_of_the_extract():
    yearly = ["2023-01-01", "2024-01-01", "2025-01-01"]
    assert context_dates(yearly, ["2024-01-01"]) == ["2023-01-01", "2025-01-01"]
    assert context_dates(yearly, ["2024-01-01", "2025-01-01"]) == ["2023-01-01"]
    assert context_dates(yearly, ["2023-01-01"]) == ["2024-01-01", "2025-01-01"]
    assert context_dates(yearly, yearly) == []
    assert context_dates(yearly, None) == []


def test_monthly_dates_from_a_first_date_add_every_other_month():
    months = ["2023-{:02d}-01".format(m) for m in range(1, 13)] + \
        ["2024-{:02d}-01".format(m) for m in range(1, 13)]
    shown = months[14:17]  # March to May 2024
    assert context_dates(months, shown) == months[:14] + months[17:]
    assert context_dates(months, ["2022-06-01"]) == []  # a date the extract lacks
    assert context_dates(months + ["None", "nan"], months[1:]) == months[:1]


def test_with_exact_values_the_year_before_each_date_shown():
    yearly = ["2023-01-01", "2024-01-01", "2025-01-01"]
    assert context_dates(yearly, ["2024-01-01"], every=False) == ["2023-01-01"]
    assert context_dates(yearly, ["2024-01-01", "2025-01-01"], every=False) == ["2023-01-01"]
    assert context_dates(yearly, ["2023-01-01"], every=False) == []
    months = ["2023-{:02d}-01".format(m) for m in range(1, 13)] + \
        ["2024-{:02d}-01".format(m) for m in range(1, 13)]
    assert context_dates(months, months[14:17], every=False) == months[2:5]
