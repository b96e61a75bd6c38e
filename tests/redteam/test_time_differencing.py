# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: two monthly snapshots published with the default protection (perturbation on,
release register on), attacked by differencing the dates.

The attacker's knowledge is the issue's own scenario: a neighbour knows that one person moved
into an area between two monthly snapshots (or that one resident's situation changed) and that
the other residents stayed as they were. With perturbation on, the protection drops every link
between dates and relies on the cell-key noise alone ("a person moving in cannot be read off
it"). The noise is a function of the persons behind a cell (and, for counts, of the value), so:

* a sum of amounts (income, full-time persons outside the labour market) keeps the same noise
  when the same persons are behind it: the difference of two dates is the exact change of the
  one person whose amount changed (``test_amount_change_of_one_stayer``);
* a count that crosses the threshold by one newcomer pins the hidden count of the other date:
  hidden (primary, so at most 4) before, published (so at least 5) after, one person apart
  (``test_threshold_crossing_pins_the_hidden_count``);
* a cell whose persons did not change is published with exactly the same value, so every cell
  that changes contains the newcomer: its attributes are read off with certainty
  (``test_cells_without_the_newcomer_repeat_exactly``).

Each test runs the algorithms as a user would (``processing.run``, default parameters, a
throw-away register folder) and attacks only the published GeoPackage layers.
"""
import hashlib

import pandas as pd
import pytest

from tests.helpers import grid_areas, persons_frame
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2025-02-01"
INCOME_CHANGE = 67777.0
NEWCOMER = {"age": 40, "nonwestern": 1, "outside_fte": 1.0, "convicted": 1, "basic_edu": 1,
            "student": 0, "gross_income": 250000.0}
#: newcomers of the other areas: retired, none of the attributes
RETIRED = {"age": 70, "nonwestern": 0, "outside_fte": 0.0, "convicted": 0, "basic_edu": 0,
           "student": 0, "gross_income": 200000.0}
#: count cells of the indicator layer and the newcomer's contribution to each, per kind
CONTRIBUTES = {
    "newcomer": {"residents": 1, "nonwestern_num": 1, "nonwestern_den": 1, "convicted_num": 1,
                 "convicted_den": 1, "basic_edu_num": 1, "basic_edu_den": 1,
                 "outside_labour_den": 1, "income_den": 1, "age_0_17_num": 0,
                 "age_18_64_num": 1, "age_65plus_num": 0},
    "retired": {"residents": 1, "nonwestern_num": 0, "nonwestern_den": 1, "convicted_num": 0,
                "convicted_den": 1, "basic_edu_num": 0, "basic_edu_den": 0,
                "outside_labour_num": 0, "outside_labour_den": 0, "income_num": 0,
                "income_den": 0, "age_0_17_num": 0, "age_18_64_num": 0,
                "age_65plus_num": 1},
}
NEWCOMER_AREAS = {"A00": "newcomer", "A11": "retired", "A20": "retired", "A21": "retired"}
#: the issue's newcomer with a high income, into A01 (300 residents)
RICH_INCOME = 1234567.0
RICH = {"age": 45, "nonwestern": 0, "outside_fte": 0.0, "convicted": 0, "basic_edu": 0,
        "student": 0, "gross_income": RICH_INCOME}
REGIONAL_MEAN = 300000.0


def _data(tmp):
    """Six areas at two monthly dates. A00 (120 residents, exactly 4 convicted) gets one
    newcomer (convicted, non-western, only basic schooling, outside the labour market); A11,
    A20 and A21 get one retired newcomer each; A01 gets one newcomer with an income of
    1,234,567 kr.; in A10 one resident's income rises by 67,777 kr. and her share of the year
    outside the labour market from 0.5 to 1.0; nothing else changes."""
    areas = grid_areas(str(tmp / "areas.gpkg"))
    base = persons_frame(areas, [120, 300, 80, 60, 60, 60], dates=(D1,), seed=9)
    a00 = base["area_truth"] == "A00"
    base.loc[a00, "convicted"] = 0
    base.loc[base.index[a00 & (base["age"] >= 18)][:4], "convicted"] = 1
    second = base.copy()
    second["ref_date"] = D2
    stayer = second.index[(second["area_truth"] == "A10") & second["age"].between(25, 60)
                          & (second["student"] == 0)][0]
    base.loc[stayer, "outside_fte"] = 0.5
    second.loc[stayer, "outside_fte"] = 1.0
    second.loc[stayer, "gross_income"] = base.loc[stayer, "gross_income"] + INCOME_CHANGE
    new = []
    for k, (area, kind) in enumerate(NEWCOMER_AREAS.items()):
        one = base[base["area_truth"] == area].head(1).copy()
        one["person_id"] = "N{:07d}".format(k)
        one["ref_date"] = D2
        for col, v in (NEWCOMER if kind == "newcomer" else RETIRED).items():
            one[col] = v
        new.append(one)
    rich = base[base["area_truth"] == "A01"].head(1).copy()
    rich["person_id"] = "R0000001"
    rich["ref_date"] = D2
    for col, v in RICH.items():
        rich[col] = v
    new.append(rich)
    df = pd.concat([base, second] + new, ignore_index=True).drop(columns=["area_truth"])
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    df.to_csv(tmp / "persons.csv", index=False)


@pytest.fixture(scope="module")
def published(tmp_path_factory, provider):
    """computeindicators, trackchange and monitorcriteria with every default (perturbation
    on, register on)."""
    import processing

    tmp = tmp_path_factory.mktemp("redteam_time")
    _data(tmp)
    common = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
              "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
              "RELEASE_REGISTER": str(tmp / "register")}
    ind = processing.run("boligsocial:computeindicators",
                         dict(common, OUTPUT=str(tmp / "indicators.gpkg")))
    track = processing.run("boligsocial:trackchange",
                           dict(common, OUTPUT=str(tmp / "change.gpkg"),
                                SERIES=str(tmp / "series.gpkg")))
    monitor = processing.run("boligsocial:monitorcriteria",
                             dict(common, OUTPUT=str(tmp / "monitor.gpkg"),
                                  SERIES=str(tmp / "monitor_series.gpkg"),
                                  NATIONAL_CONVICTION_RATE=1.5,
                                  REGIONAL_MEAN_INCOME=REGIONAL_MEAN))
    return {"indicators": gpkg_rows(ind["OUTPUT"]).set_index(["area_id", "ref_date"]),
            "change": gpkg_rows(track["OUTPUT"]).set_index("area_id"),
            "series": gpkg_rows(track["SERIES"]).set_index(["area_id", "ref_date"]),
            "criteria": gpkg_rows(monitor["SERIES"]).set_index(["area_id", "ref_date"])}


def _both(table, area, col):
    return table.loc[(area, D1), col], table.loc[(area, D2), col]


def test_amount_change_of_one_stayer(published):
    """Nobody moved in or out of A10; one resident's income and time outside the labour market
    changed. The attacker subtracts the published sums of the two dates."""
    ind = published["indicators"]
    a, b = _both(ind, "A10", "income_num")
    got_income = b - a
    a, b = _both(ind, "A10", "outside_labour_num")
    got_fte = b - a
    # trackchange's own change of the mean, times the (unchanged, published) denominator
    den = ind.loc[("A10", D2), "income_den"]
    from_change = published["change"].loc["A10", "income_change"] * den
    # monitorcriteria's SERIES: the income criterion in percent of the regional mean
    crit = published["criteria"]
    a, b = _both(crit, "A10", "income_val")
    from_criteria = (b - a) / 100.0 * REGIONAL_MEAN * den
    recovered = [abs(got_income - INCOME_CHANGE) < 0.5, abs(got_fte - 0.5) < 1e-6,
                 abs(from_change - INCOME_CHANGE) < 0.5,
                 abs(from_criteria - INCOME_CHANGE) < 0.5]
    assert not any(recovered), ("one person's exact change comes back",
                                got_income, got_fte, from_change, from_criteria)


def test_rich_newcomer_income_within_p_percent(published):
    """One newcomer with the issue's income (1,234,567 kr.) moves into A01 (300 residents):
    each cell passes the dominance and p % rules, their difference does not."""
    ind = published["indicators"]
    a, b = _both(ind, "A01", "income_num")
    estimate = b - a
    assert abs(estimate - RICH_INCOME) > 0.10 * RICH_INCOME, (
        "the newcomer's income is estimated within 10 %: {:.0f}".format(estimate))


@pytest.mark.xfail(strict=True, reason="leak: with perturbation on no date is hidden for a "
                   "small change, so a count crossing the threshold by one person is pinned "
                   "on both dates (release.py: links between dates dropped, _time_suppression "
                   "only without perturbation)")
def test_threshold_crossing_pins_the_hidden_count(published):
    """A00 had 4 convicted residents (hidden, P); one convicted newcomer makes 5 (published).
    A published count is at least MIN_COUNT (README: never published below it), a P-hidden
    count with a large population is at most MIN_COUNT - 1, and one person moved in."""
    ind = published["indicators"]
    before, after = _both(ind, "A00", "convicted_num")
    flag_before = ind.loc[("A00", D1), "convicted_flag"]
    den_after = ind.loc[("A00", D2), "convicted_den"]
    if pd.isna(after) or flag_before != "P" or not den_after > 50:
        return  # not published after, or hidden for another reason: nothing to pin
    # P with a large population: the count itself is below MIN_COUNT (not its complement)
    newcomers = 1
    lo = max(0, 5 - newcomers)           # after >= 5 and at most one more than before
    hi = 4                               # hidden by the frequency rule
    assert hi - lo >= 1, "the hidden count of {} is pinned to {}".format(D1, lo)


def test_cells_without_the_newcomer_repeat_exactly(published):
    """In the four areas with one newcomer, a cell the newcomer is not in must not be told
    apart from one he is in: some cell without him must change too, else 'changed' proves
    'contains the newcomer'."""
    ind = published["indicators"]
    changed_without, proved = [], []
    for area, kind in NEWCOMER_AREAS.items():
        for col, inside in CONTRIBUTES[kind].items():
            a, b = _both(ind, area, col)
            if pd.isna(a) or pd.isna(b):
                continue
            if a != b and not inside:
                changed_without.append((area, col))
            if a != b and inside:
                proved.append((area, col))
    assert changed_without or not proved, (
        "every changed cell holds the newcomer: the attacker reads {}".format(proved))


def test_series_and_indicator_layer_publish_the_same_values(published):
    """Held: trackchange's SERIES and computeindicators publish the same perturbed value for
    the same persons (no second noisy copy of a cell to average), and with perturbation on
    both dates of the attacked areas are published (the attacks above are not vacuous)."""
    ind, series = published["indicators"], published["series"]
    for area in ("A00", "A10", "A11", "A20", "A21"):
        for date in (D1, D2):
            assert not pd.isna(ind.loc[(area, date), "residents"])
            for col in ("residents", "income_num", "nonwestern_num", "age_65plus_num"):
                a, b = ind.loc[(area, date), col], series.loc[(area, date), col]
                assert (pd.isna(a) and pd.isna(b)) or a == b, (area, date, col, a, b)
