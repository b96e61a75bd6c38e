# SPDX-License-Identifier: GPL-2.0-or-later
"""The snapshots a year before the dates an output shows (core.shown_dates)."""
from boligsocial_plugin.core.shown_dates import context_dates


def test_previous_year_of_each_date_shown_that_is_not_shown_itself():
    yearly = ["2023-01-01", "2024-01-01", "2025-01-01"]
    assert context_dates(yearly, ["2024-01-01"]) == ["2023-01-01"]
    assert context_dates(yearly, ["2024-01-01", "2025-01-01"]) == ["2023-01-01"]
    assert context_dates(yearly, ["2023-01-01"]) == []
    assert context_dates(yearly, None) == []


def test_monthly_dates_from_a_first_date_add_the_months_a_year_before():
    months = ["2023-{:02d}-01".format(m) for m in range(1, 13)] + \
        ["2024-{:02d}-01".format(m) for m in range(1, 13)]
    shown = months[14:17]  # March to May 2024
    assert context_dates(months, shown) == ["2023-03-01", "2023-04-01", "2023-05-01"]
    assert context_dates(months, ["2022-06-01"]) == []  # a date the extract lacks
