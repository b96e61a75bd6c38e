# SPDX-License-Identifier: GPL-2.0-or-later
"""Change over time: calendars, trends, the criteria at every snapshot, projections, warnings.

Designed series cross the 2021 thresholds (entering, leaving, stable near a threshold); every
snapshot must give the numbers assess_criteria gives for that date.
"""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.criteria import KEYS, assess_criteria
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.monitoring.calendar import (
    MONTHLY,
    QUARTERLY,
    YEARLY,
    calendar,
    default_project_to,
    to_years,
)
from boligsocial_plugin.core.monitoring.change import track_change
from boligsocial_plugin.core.monitoring.projection import project_criteria
from boligsocial_plugin.core.monitoring.series import criteria_series
from boligsocial_plugin.core.monitoring.tables import (
    monitor_fields,
    monitor_table,
    series_fields,
    series_table,
)
from boligsocial_plugin.core.monitoring.trend import fit
from tests.core.test_criteria import REGIONAL, make_raw

NAT = 1.0


def months(first: str, n: int):
    """n monthly dates from ``first`` (YYYY-MM-01)."""
    return [d.strftime("%Y-%m-%d") for d in pd.date_range(first, periods=n, freq="MS")]


def path(start: float, per_year: float, dates, den: int = 1000):
    """{date: (num, den)} of a share moving linearly from ``start`` % at the first date."""
    t = to_years(dates)
    return {d: (round((start + per_year * (x - t[0])) * den / 100.0, 3), den)
            for d, x in zip(dates, t)}


def income_path(start: float, per_year: float, dates, n: int = 600):
    """{date: (mean, n)}: the mean income in % of REGIONAL moving linearly."""
    t = to_years(dates)
    return {d: ((start + per_year * (x - t[0])) * REGIONAL / 100.0, n) for d, x in zip(dates, t)}


DATES = months("2023-07-01", 24)  # 2023-07-01 .. 2025-06-01
# outside rising 35 -> 41 % over the two years (two-year mean crosses 40 % by 2026), with
# basic education met: enters udsat
ENTERING = {"outside": path(35.0, 3.0, DATES), "basic_edu": (350, 500)}
# income rising 50 -> 54.6 % (still met now), crosses 55 % before 2026 with outside met: leaves
LEAVING = {"outside": (450, 1000), "income": income_path(50.0, 2.4, DATES)}
# outside flat at 38.5 % with basic education met: stays out, near the threshold
STABLE = {"outside": (385, 1000), "basic_edu": (350, 500)}
AREAS = [ENTERING, LEAVING, STABLE, {}]


def run_series(specs=AREAS, dates=DATES, **kw):
    raw = make_raw(specs, dates)
    ids = ["a{}".format(i) for i in range(len(specs))]
    s = criteria_series(raw, ids, ["Area {}".format(i) for i in range(len(specs))], "2021",
                        national_conviction_rate=NAT, regional_mean_income=REGIONAL, **kw)
    return raw, ids, s


# --------------------------------------------------------------------------- calendar

@pytest.mark.parametrize("dates,cadence,missing", [
    (months("2024-01-01", 12), MONTHLY, []),
    ([d for d in months("2024-01-01", 12) if d != "2024-05-01"], MONTHLY, ["2024-05-01"]),
    (["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"], QUARTERLY, []),
    (["2021-01-01", "2022-01-01", "2023-01-01"], YEARLY, []),
])
def test_calendar_cadence_and_missing_snapshots(dates, cadence, missing):
    cal = calendar(dates)
    assert cal.cadence == cadence
    assert cal.missing == missing
    assert any(missing[0] in line for line in cal.lines()) if missing else True


def test_calendar_older_yearly_snapshots_before_a_monthly_series():
    dates = ["2021-01-01", "2022-01-01"] + months("2023-01-01", 18)
    cal = calendar(dates)
    assert cal.cadence == MONTHLY and cal.regular_from == "2023-01-01" and not cal.missing
    assert cal.step() == (27.0, "days")
    assert calendar(["2021-01-01", "2022-01-01"]).step() == (364.0, "days")


def test_calendar_off_cadence_and_irregular():
    dates = months("2024-01-01", 6) + ["2024-06-15"]
    assert calendar(dates).off_cadence == ["2024-06-15"]
    assert calendar(["2024-01-01", "2024-02-11", "2024-06-30", "2024-07-05"]).cadence == \
        "irregular"


def test_default_projection_date_is_the_next_first_of_january():
    assert default_project_to("2025-06-01") == "2026-01-01"
    assert default_project_to("2025-01-01") == "2026-01-01"


# --------------------------------------------------------------------------- trend

def test_trend_is_exact_on_a_line_with_gaps_and_irregular_dates():
    dates = ["2024-01-01", "2024-01-20", "2024-03-03", "2024-08-17", "2024-12-31"]
    t = to_years(dates)
    y = np.vstack([3.0 + 2.5 * (t - 2024), 10 - 1.0 * (t - 2024)])
    y[1, 2] = np.nan  # a hidden value
    tr = fit(t, y, t[0], t[-1], t[-1])
    assert tr.slope == pytest.approx([2.5, -1.0])
    assert tr.at(2025.5) == pytest.approx([3.0 + 2.5 * 1.5, 10 - 1.5])
    assert list(tr.points) == [5, 4]


def test_trend_needs_two_points_a_quarter_of_a_year_apart():
    t = to_years(["2024-01-01", "2024-02-01", "2024-06-01"])
    y = np.array([[1.0, 2.0, np.nan], [1.0, np.nan, np.nan], [1.0, 2.0, 3.0]])
    tr = fit(t, y, t[0], t[-1], t[-1])
    assert np.isnan(tr.slope[0]) and np.isnan(tr.slope[1]) and not np.isnan(tr.slope[2])


# --------------------------------------------------------------------------- series

def test_every_snapshot_gives_the_numbers_of_assess_criteria():
    raw, ids, s = run_series()
    for d in (DATES[0], DATES[11], DATES[-1]):
        ref = assess_criteria(raw, ids, None, "2021", national_conviction_rate=NAT,
                              regional_mean_income=REGIONAL, assessment_date=d)
        j = s.index(d)
        for k in KEYS:
            np.testing.assert_allclose(s.value[k][:, j], ref["{}_val".format(k)], equal_nan=True)
        assert list(s.category[:, j]) == list(ref["category"])


def test_two_year_means_use_the_snapshot_a_year_earlier():
    _raw, _ids, s = run_series()
    j = s.index("2025-06-01")
    jp = s.index("2024-06-01")
    assert s.value["outside"][0, j] == pytest.approx(
        (s.single["outside"][0, j] + s.single["outside"][0, jp]) / 2)
    # the first year has no snapshot a year earlier: the single-year value
    assert s.value["outside"][0, 0] == pytest.approx(s.single["outside"][0, 0])


# --------------------------------------------------------------------------- projection

def test_designed_trends_enter_leave_and_stay():
    _raw, ids, s = run_series()
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    assert p.project_to == "2026-01-01" and p.latest == "2025-06-01"
    assert p.category[:3] == ["ingen", "udsat", "ingen"]
    assert p.projected_category[:4] == ["udsat", "ingen", "ingen", "ingen"]
    assert p.trends["outside"].slope[0] == pytest.approx(3.0, abs=0.01)
    assert p.trends["income"].slope[1] == pytest.approx(2.4, abs=0.01)
    assert abs(p.trends["outside"].slope[2]) < 1e-6
    # two-year: mean of the projected value at 2026-01-01 and the observed 2025-01-01 value
    single_2026 = 35.0 + 3.0 * (2026.0 - to_years([DATES[0]])[0])
    observed_2025 = s.single["outside"][0, s.index("2025-01-01")]
    assert p.projected["outside"][0] == pytest.approx((single_2026 + observed_2025) / 2,
                                                       abs=0.01)
    assert p.projected["outside"][0] > 40.0
    assert p.projected["income"][1] > 55.0
    assert "Will become udsat boligområde at the next computation" in p.warning[0]
    assert "reaches {} %".format("{:.1f}".format(p.projected["outside"][0])) in p.warning[0]
    assert "(threshold 40 %)" in p.warning[0]
    assert p.warning[1].startswith("Will no longer be udsat boligområde")
    assert "threshold 55 %" in p.warning[1]
    assert p.warning[2] == "" and p.warning[3] == ""


def test_an_explicit_projection_date_is_named_in_the_warning():
    _raw, _ids, s = run_series()
    p = project_criteria(s, "2027-01-01", national_conviction_rate=NAT,
                         regional_mean_income=REGIONAL)
    assert "at the computation on 2027-01-01" in p.warning[0]
    with pytest.raises(BoligsocialError):
        project_criteria(s, "2025-03-01")


def test_a_missing_month_is_skipped_and_the_trend_stays():
    dates = [d for d in DATES if d != "2025-03-01"]
    specs = [{"outside": path(35.0, 3.0, dates), "basic_edu": (350, 500)}]
    _raw, _ids, s = run_series(specs, dates)
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    assert p.trends["outside"].slope[0] == pytest.approx(3.0, abs=0.01)
    assert p.projected_category == ["udsat"]
    assert calendar(s.dates).missing == ["2025-03-01"]


def test_irregular_snapshots_give_the_same_trend():
    dates = ["2024-06-11", "2024-08-02", "2024-11-20", "2025-01-01", "2025-02-14", "2025-05-30"]
    specs = [{"outside": path(35.0, 3.0, dates), "basic_edu": (350, 500)}]
    _raw, _ids, s = run_series(specs, dates)
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    assert p.trends["outside"].slope[0] == pytest.approx(3.0, abs=0.01)


def test_areas_appearing_and_vanishing():
    res_new = {d: (0 if d < "2024-07-01" else 1200) for d in DATES}
    res_gone = {d: (1200 if d < "2025-01-01" else 0) for d in DATES}
    specs = [{**STABLE, "residents": res_new}, {**STABLE, "residents": res_gone}]
    _raw, _ids, s = run_series(specs)
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    assert "residents from 2024-07-01" in p.note(0)
    assert p.projected_category[0] == "ingen"
    assert "no residents at the latest snapshot" in p.note(1)
    assert p.projected_category[1] == "" and p.warning[1] == ""
    table, area = series_table(s)
    assert set(table.loc[area == 0, "ref_date"]) == {d for d in DATES if d >= "2024-07-01"}
    assert set(table.loc[area == 1, "ref_date"]) == {d for d in DATES if d < "2025-01-01"}
    out = monitor_table(s, p)
    assert out["projected_category"].tolist() == ["ingen", ""]


def test_output_tables_have_the_published_fields():
    _raw, _ids, s = run_series()
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    out = monitor_table(s, p)
    assert list(out.columns) == [n for n, _ in monitor_fields()]
    for k in KEYS:
        assert {"{}_val".format(k), "{}_trend".format(k), "{}_projected".format(k)} <= \
            set(out.columns)
    ser, _area = series_table(s)
    assert list(ser.columns) == [n for n, _ in series_fields()]
    assert len(ser) == len(AREAS) * len(DATES)


def test_hidden_values_are_not_used_for_trends():
    # a small population: the convicted share rests on a count below the minimum at every
    # date, so it is never published, has no trend and no projection
    specs = [{**ENTERING, "convicted": (2, 1000)}]
    _raw, _ids, s = run_series(specs)
    assert np.isnan(s.value["convicted"]).all() and np.isnan(s.single["convicted"]).all()
    p = project_criteria(s, national_conviction_rate=NAT, regional_mean_income=REGIONAL)
    assert np.isnan(p.trends["convicted"].slope[0]) and np.isnan(p.projected["convicted"][0])


# --------------------------------------------------------------------------- indicator change

def test_track_change_first_last_change_trend_from_published_rows():
    dates = months("2024-01-01", 7)
    rows = []
    for a in range(2):
        for j, d in enumerate(dates):
            hidden_row = a == 1 and j == 0  # hidden for change: not the first snapshot
            rows.append({"area_idx": a, "ref_date": d,
                         "residents": np.nan if hidden_row else 500.0,
                         "x_val": np.nan if hidden_row else 10.0 + 1.2 * j,
                         "x_flag": "S" if hidden_row else ""})
    ch = track_change(pd.DataFrame(rows), ["x"], 2, "2025-01-01")
    assert ch.first_date == ["2024-01-01", "2024-02-01"]
    assert ch.values["x"]["first"] == pytest.approx([10.0, 11.2])
    assert ch.values["x"]["last"] == pytest.approx([17.2, 17.2])
    assert ch.values["x"]["change"] == pytest.approx([7.2, 6.0])
    slope = 1.2 / (to_years(["2024-02-01"])[0] - to_years(["2024-01-01"])[0])
    assert ch.values["x"]["trend"][0] == pytest.approx(slope, rel=0.05)
    with pytest.raises(BoligsocialError):
        track_change(pd.DataFrame(rows), ["x"], 2, None, date_from="2024-07-01")
