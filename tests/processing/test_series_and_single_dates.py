# SPDX-License-Identifier: GPL-2.0-or-later
"""A monthly series (monitorcriteria) and single-date layers of dates inside it
(computeindicators, assesscriteria), published through one release register in any order, are
protected as one release: no run warns that a figure published before pins what it hides, and
an attacker holding every output recovers nothing.

A00 has 9 non-western residents in January and February 2024; five leave in March, and 4 are
left every month (hidden, P) until one non-western newcomer arrives on 1 January 2025 (5:
publishable alone). The crossing rule then hides January 2025 as well (else "P" the month
before and "5" a person apart pin the small count to 4). An extract of 1 January only shows 9
and 5: nothing to hide, and not the small months between. A11 has three residents aged 65+.

The attacks, on every output of a run order:
* exact value: a cell hidden in one output and published in another (same area and date);
* crossing: a cell hidden at one date whose true count is below the threshold (``P`` in a
  flagged layer, or NULL in the series while the row's residents are published) and the same
  count published at another date of the area, fewer persons than the protection width apart;
* bounds (LP): within each indicator row the age groups add up to the residents; no hidden age
  count is pinned and no primary one narrower than the width.
"""
import hashlib

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.criteria.rules import INDICATOR_CODES, KEYS, get_rule_set
from tests.core.test_attacks import attacker_intervals
from tests.feedback import LogLines
from tests.helpers import grid_areas, persons_frame
from tests.test_leaks import gpkg_rows

MONTHS = [str(d.date()) for d in pd.date_range("2024-01-01", "2025-03-01", freq="MS")]
REF, OTHER = "2025-01-01", "2024-06-01"
WIDTH = 5
AGES = ["age_0_17_num", "age_18_64_num", "age_65plus_num"]
PROTECTION_WARNINGS = ("follow from what was published before",
                       "were published for the same persons by an earlier release",
                       "are kept back (A)")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("series_single")
    areas = grid_areas(str(tmp / "areas.gpkg"))
    base = persons_frame(areas, [120, 300, 200, 160, 250, 400], dates=("x",), seed=5)
    a00 = base["area_truth"] == "A00"
    base.loc[a00, "nonwestern"] = 0
    base.loc[base.index[a00][:4], "nonwestern"] = 1
    a11 = base.index[base["area_truth"] == "A11"]
    base.loc[a11, "age"] = np.where(base.loc[a11, "age"] >= 65, 40, base.loc[a11, "age"])
    base.loc[a11[:3], "age"] = 70  # three residents aged 65+ (P): the bounds attack's target
    leavers = base[a00].head(5).copy()
    leavers["person_id"] = ["L{:07d}".format(i) for i in range(5)]
    leavers["nonwestern"] = 1
    newcomer = base[a00].head(1).copy()
    newcomer["person_id"] = "N0000001"
    newcomer[["age", "nonwestern"]] = [40, 1]
    frames = []
    for d in MONTHS:
        frames.append(base.assign(ref_date=d))
        if d < "2024-03-01":
            frames.append(leavers.assign(ref_date=d))
        if d >= REF:
            frames.append(newcomer.assign(ref_date=d))
    df = pd.concat(frames, ignore_index=True)
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    df.drop(columns=["area_truth"]).to_csv(tmp / "months.csv", index=False)
    jan = df["ref_date"].isin(["2024-01-01", REF])
    df.loc[jan].drop(columns=["area_truth"]).to_csv(tmp / "january.csv", index=False)
    return tmp, df


def _run(data, steps, name):
    """Run the steps through one register: (output kind, table, warnings) per step."""
    import processing

    tmp, _df = data
    common = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "RELEASE_REGISTER": str(tmp / ("reg_" + name))}
    crit = {"RULE_SET": "2021", "NATIONAL_CONVICTION_RATE": 1.5,
            "REGIONAL_MEAN_INCOME": 300000.0}
    out = []
    for k, (alg, extract, date) in enumerate(steps):
        fb = LogLines(info=False)
        dest = str(tmp / "{}_{}_{}.gpkg".format(name, k, alg))
        p = dict(common, PERSONS=str(tmp / (extract + ".csv")), OUTPUT=dest)
        if alg == "computeindicators":
            p["REF_DATE"] = date
        elif alg == "assesscriteria":
            p.update(crit, ASSESSMENT_DATE=date)
        else:
            p.update(crit, SERIES=str(tmp / "{}_{}_series.gpkg".format(name, k)))
        res = processing.run("boligsocial:" + alg, p, feedback=fb)
        kind = {"computeindicators": "ind", "assesscriteria": "crit"}.get(alg, "crit")
        out.append((kind, gpkg_rows(res["OUTPUT"]), fb.lines))
        if alg == "monitorcriteria":
            out.append(("series", gpkg_rows(res["SERIES"]), []))
    return out


ORDERS = {
    # the careful analyst: every layer computed from the extract that holds the months
    "single_first": [("computeindicators", "months", REF), ("assesscriteria", "months", REF),
                     ("monitorcriteria", "months", None)],
    "series_first": [("monitorcriteria", "months", None), ("computeindicators", "months", REF),
                     ("assesscriteria", "months", REF)],
    "single_series_single": [("computeindicators", "months", REF),
                             ("monitorcriteria", "months", None),
                             ("computeindicators", "months", OTHER)],
    # single dates from an extract of 1 January only
    "series_first_january": [("monitorcriteria", "months", None),
                             ("computeindicators", "january", REF),
                             ("assesscriteria", "january", REF)],
    "january_first": [("computeindicators", "january", REF),
                      ("assesscriteria", "january", REF), ("monitorcriteria", "months", None)],
}


@pytest.fixture(scope="module")
def runs(provider, data):
    return {name: _run(data, steps, name) for name, steps in ORDERS.items()}


def _cells(outputs):
    """(area, date, indicator code) -> list of (published value or None, flag or None,
    residents published) over every output."""
    one_year = [k for k in KEYS if not get_rule_set("2021").measure(k).two_year]
    cells = {}
    for kind, t, _w in outputs:
        dates = t["ref_date"].astype(str).str[:10]
        for i in range(len(t)):
            area, date = t["area_id"].iloc[i], dates.iloc[i]
            res_pub = not pd.isna(t["residents"].iloc[i])
            if kind == "ind":
                codes = [c[:-5] for c in t.columns if c.endswith("_flag")]
                items = [(c, t[c + "_num"].iloc[i], t[c + "_flag"].iloc[i]) for c in codes]
            else:
                items = [(INDICATOR_CODES[k], t[k + "_val"].iloc[i],
                          t[k + "_flag"].iloc[i] if k + "_flag" in t else None)
                         for k in one_year]
            for code, v, f in items:
                cells.setdefault((area, date, code), []).append(
                    (None if pd.isna(v) else float(v), f, res_pub))
    return cells


def _members(df):
    return {key: set(g["person_id"]) for key, g in df.groupby(["area_truth", "ref_date"])}


def _true_nonwestern(df):
    return df.groupby(["area_truth", "ref_date"])["nonwestern"].sum().to_dict()


def test_the_situation_is_the_one_the_rule_is_about(runs):
    """January 2025 of A00 is hidden in the indicator layer computed from the months."""
    ind = [t for kind, t, _w in runs["single_first"] if kind == "ind"][0].set_index("area_id")
    assert pd.isna(ind.loc["A00", "nonwestern_num"])
    assert ind.loc["A00", "nonwestern_flag"] == "P"


@pytest.mark.parametrize("order", [o for o in ORDERS if o != "january_first"])
def test_no_protection_warning(runs, order):
    for kind, _t, lines in runs[order]:
        bad = [w for w in lines if any(s in w for s in PROTECTION_WARNINGS)]
        assert not bad, (order, kind, bad)


def test_an_earlier_release_that_could_not_know_is_named(runs, data):
    """Indicators from an extract of 1 January only published January 2025 (5): the series
    keeps back the months whose small count it would pin, without a P flag, and names the
    release (algorithm, register id); nothing else is reported as unprotected."""
    import json

    lines = [w for _k, _t, ws in runs["january_first"] for w in ws]
    kept = [w for w in lines if "are kept back (A)" in w]
    assert kept, lines
    earlier = [json.loads(f.read_text()) for f in (data[0] / "reg_january_first").glob("*.json")]
    assert any(m["id"] in kept[0] and m["algorithm"] in kept[0] for m in earlier
               if m["algorithm"] != "monitorcriteria"), kept
    assert not [w for w in lines if any(s in w for s in PROTECTION_WARNINGS[:2])], lines
    series = [t for kind, t, _w in runs["january_first"] if kind == "series"][0]
    dec = series[(series["area_id"] == "A00")
                 & (series["ref_date"].astype(str).str[:10] == "2024-12-01")]
    assert len(dec) == 1 and pd.isna(dec["residents"].iloc[0])


@pytest.mark.parametrize("order", list(ORDERS))
def test_no_exact_value_across_outputs(runs, order):
    """A cell hidden in one output is hidden in every other (same area, date, indicator)."""
    for key, seen in _cells(runs[order]).items():
        shown = [v for v, _f, _r in seen if v is not None]
        assert not (shown and len(shown) < len(seen)), (order, key, seen)


@pytest.mark.parametrize("order", list(ORDERS))
def test_crossing_attack(runs, data, order):
    """No small count hidden at one date (P, or NULL beside published residents) is a few
    persons away from the same count published at another date of the area."""
    _tmp, df = data
    members, truth = _members(df), _true_nonwestern(df)
    cells = _cells(runs[order])
    for (area, d1, code), seen in cells.items():
        suspect = any(f == "P" for _v, f, _r in seen) or (
            code == "nonwestern" and truth.get((area, d1), 99) < WIDTH
            and any(v is None and r for v, _f, r in seen))
        if not suspect or any(v is not None for v, _f, _r in seen):
            continue
        for (a2, d2, c2), seen2 in cells.items():
            if a2 != area or c2 != code or d2 == d1:
                continue
            if any(v is not None for v, _f, _r in seen2):
                differ = len(members[(area, d1)] ^ members[(area, d2)])
                assert differ >= WIDTH, (order, area, code, d1, d2, differ)


@pytest.mark.parametrize("order", list(ORDERS))
def test_bounds_attack_on_the_indicator_layers(runs, order):
    """The age groups add up to the residents: no hidden age count pinned, no primary one
    narrower than the protection width (the attacker's LP)."""
    checked = 0
    for kind, t, _w in runs[order]:
        if kind != "ind":
            continue
        iv = attacker_intervals(t, AGES, "residents")
        for (i, c), (lo, hi) in iv.items():
            checked += 1
            assert hi - lo >= 1 - 1e-9, (order, t["area_id"].iloc[i], c, lo, hi)
            if t[c[:-4] + "_flag"].iloc[i] == "P":
                assert hi - lo >= WIDTH - 1e-9, (order, t["area_id"].iloc[i], c, lo, hi)
    assert checked, "no hidden age count to attack"


def test_exact_values_series_keeps_the_date_published_before(provider, data):
    """With exact values (PERTURBATION=off) a series hides a date too close to the next one
    (time suppression: the latest kept). When a single-date layer published the earlier date
    before, the exact difference of the two would give the small group that changed (A00's
    newcomer of 1 January 2025): the series keeps the date published before and hides the
    other one, and warns of nothing."""
    import processing

    tmp, _df = data
    common = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "RELEASE_REGISTER": str(tmp / "reg_exact"),
              "PERTURBATION": "off", "PERSONS": str(tmp / "months.csv")}
    fb = LogLines(info=False)
    single = processing.run("boligsocial:computeindicators",
                            dict(common, REF_DATE="2024-12-01",
                                 OUTPUT=str(tmp / "exact_single.gpkg")), feedback=fb)
    one = gpkg_rows(single["OUTPUT"]).set_index("area_id")
    assert not pd.isna(one.loc["A00", "residents"])  # December published exactly
    fb = LogLines(info=False)
    res = processing.run("boligsocial:trackchange",
                         dict(common, OUTPUT=str(tmp / "exact_change.gpkg"),
                              SERIES=str(tmp / "exact_series.gpkg")), feedback=fb)
    assert not [w for w in fb.lines if any(x in w for x in PROTECTION_WARNINGS)], fb.lines
    series = gpkg_rows(res["SERIES"])
    series = series.assign(ref_date=series["ref_date"].astype(str)).set_index(
        ["area_id", "ref_date"])
    dec, jan = series.loc[("A00", "2024-12-01")], series.loc[("A00", REF)]
    # one of the two dates a person apart is hidden, and not the one published before
    assert not pd.isna(dec["residents"]) and dec["residents"] == one.loc["A00", "residents"]
    assert pd.isna(jan["residents"]), jan
