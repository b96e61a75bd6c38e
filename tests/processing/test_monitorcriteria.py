# SPDX-License-Identifier: GPL-2.0-or-later
"""monitorcriteria and trackchange end to end on a generated monthly series with designed
trends; temporal properties of every multi-date output."""
import json

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsVectorLayer

from boligsocial_plugin.core.monitoring.tables import monitor_fields, series_fields
from boligsocial_plugin.maps import temporal
from tests.helpers import layer_frame


def _refs(data):
    with open(data / "reference_values.json", encoding="utf-8") as f:
        return json.load(f)


def _params(data, tmp, **kw):
    refs = _refs(data)
    p = {"PERSONS": str(data / "persons.gpkg"), "AREAS": str(data / "areas.gpkg"),
         "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "RULE_SET": "2021",
         "NATIONAL_CONVICTION_RATE": refs["national_conviction_rate"],
         "REGIONAL_MEAN_INCOME": refs["regional_mean_income"],
         "OUTPUT": str(tmp / "monitor.gpkg"), "SERIES": str(tmp / "series.gpkg")}
    p.update(kw)
    return p


def _open(path):
    lyr = QgsVectorLayer(path, "x", "ogr")
    assert lyr.isValid(), path
    return lyr


@pytest.fixture(scope="module")
def monitored(provider, monthly_data, tmp_path_factory):
    """monitorcriteria on the monthly series, exact values (perturbation off), run once."""
    import processing

    tmp = tmp_path_factory.mktemp("monitor")
    res = processing.run("boligsocial:monitorcriteria", _params(
        monthly_data, tmp, PERTURBATION="off", REGISTER_MODE="off"))
    return res, tmp


def test_designed_trends_give_the_designed_projection(monitored, monthly_data):
    res, _tmp = monitored
    out = layer_frame(_open(res["OUTPUT"]))
    exp = pd.read_csv(monthly_data / "expected_trends.csv")
    m = exp.merge(out, on="area_id", suffixes=("_exp", ""))
    assert len(m) == len(exp) == 6
    wrong = m[(m["category_latest"] != m["category"]) |
              (m["projected_category_exp"] != m["projected_category"])]
    assert wrong.empty, wrong[["area_id", "trend", "category", "projected_category"]]
    for _, r in m.iterrows():
        k = r["criterion"]
        assert r[k + "_projected"] == pytest.approx(r["projected_value"], abs=0.6), r["area_id"]
        if r["trend"] == "stable":
            assert abs(r[k + "_trend"]) < 0.5 and r["warning"] in ("", None)
        else:
            assert r[k + "_trend"] == pytest.approx(r["per_year"], abs=0.5)
            assert r["warning"], r["area_id"]
    entering = m[m["trend"] == "entering"]
    assert entering["warning"].str.startswith("Will become udsat boligområde").all()
    assert res["AREAS_ENTERING"] == 2 and res["AREAS_LEAVING"] == 2


def test_output_and_series_fields_and_rows(monitored, monthly_data):
    res, _tmp = monitored
    out_l, ser_l = _open(res["OUTPUT"]), _open(res["SERIES"])
    assert out_l.fields().names()[1:] == [n for n, _t in monitor_fields()]
    assert ser_l.fields().names()[1:] == [n for n, _t in series_fields()]
    out, ser = layer_frame(out_l), layer_frame(ser_l)
    assert len(out) == 40 and out["project_to"].eq("2026-01-01").all()
    assert out["ref_date"].eq("2025-06-01").all()
    dates = sorted(ser["ref_date"].unique())
    assert len(dates) == 21 and dates[-1] == "2025-06-01"  # 3 yearly + 18 monthly
    assert len(ser) <= 40 * len(dates)
    # the series' latest row of an area is the output's value
    last = ser[ser["ref_date"] == "2025-06-01"].set_index("area_id")
    both = out.set_index("area_id").join(last, rsuffix="_s")
    np.testing.assert_allclose(both["outside_val"], both["outside_val_s"], equal_nan=True)


def test_same_numbers_as_assesscriteria_at_the_latest_date(monitored, run_alg, monthly_data,
                                                           tmp_path):
    res, _tmp = monitored
    refs = _refs(monthly_data)
    crit = run_alg("assesscriteria", {
        "PERSONS": str(monthly_data / "persons.gpkg"), "AREAS": str(monthly_data / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "RULE_SET": "2021",
        "NATIONAL_CONVICTION_RATE": refs["national_conviction_rate"],
        "REGIONAL_MEAN_INCOME": refs["regional_mean_income"], "PERTURBATION": "off",
        "OUTPUT": str(tmp_path / "crit.gpkg")})
    a = layer_frame(_open(crit["OUTPUT"])).set_index("area_id")
    b = layer_frame(_open(res["OUTPUT"])).set_index("area_id").loc[a.index]
    assert (a["category"] == b["category"]).all()
    for k in ("outside", "convicted", "basic_edu", "income", "nonwestern"):
        shown = a[k + "_val"].notna() & b[k + "_val"].notna()
        assert shown.sum() >= 10
        np.testing.assert_allclose(a.loc[shown, k + "_val"], b.loc[shown, k + "_val"])


def test_series_opens_with_temporal_properties(monitored):
    res, _tmp = monitored
    lyr = _open(res["SERIES"])
    # QGIS 3.22 resets a file layer's temporal properties after its default style; the style
    # holds them (Load Default Style) and the plugin restores them when a layer is added
    assert lyr.customProperty(temporal.PROPERTY)
    assert temporal.restore_temporal(lyr)
    tp = lyr.temporalProperties()
    assert tp.isActive() and tp.startField() == "ref_date"
    assert (tp.fixedDuration(), tp.durationUnits()) == (27.0, temporal.UNITS["days"])
    other = _open(res["SERIES"])
    msg, ok = other.loadDefaultStyle()
    assert ok and other.temporalProperties().isActive(), msg
    # the single-date output gets none
    out = _open(res["OUTPUT"])
    assert not out.customProperty(temporal.PROPERTY)


def test_restorer_switches_temporal_on_when_the_layer_is_added(monitored):
    from qgis.core import QgsProject

    res, _tmp = monitored
    project = QgsProject()
    restorer = temporal.TemporalRestorer(project)
    try:
        lyr = _open(res["SERIES"])
        assert not lyr.temporalProperties().isActive()
        project.addMapLayer(lyr)
        assert lyr.temporalProperties().isActive()
    finally:
        restorer.close()
        project.clear()


def test_trackchange_series_is_the_indicator_layer_of_every_date(run_alg, monthly_data,
                                                                 tmp_path):
    base = {"PERSONS": str(monthly_data / "persons.gpkg"), "AREAS": str(monthly_data /
                                                                         "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "FROM_DATE": "2024-06-01"}
    res = run_alg("trackchange", dict(base, OUTPUT=str(tmp_path / "change.gpkg"),
                                      SERIES=str(tmp_path / "ind_series.gpkg")))
    ser_l = _open(res["SERIES"])
    ser = layer_frame(ser_l)
    assert sorted(ser["ref_date"].unique())[0] == "2024-06-01"
    assert ser_l.customProperty(temporal.PROPERTY)
    out = layer_frame(_open(res["OUTPUT"]))
    assert len(out) == 40
    for c in ("outside_labour", "nonwestern", "income"):
        assert {c + "_first", c + "_last", c + "_change", c + "_trend"} <= set(out.columns)
        ok = out[c + "_change"].notna()
        assert ok.sum() >= 10
        np.testing.assert_allclose(out.loc[ok, c + "_change"],
                                   out.loc[ok, c + "_last"] - out.loc[ok, c + "_first"])
    # the first value is the series' value at the area's first date
    s = ser.set_index(["area_id", "ref_date"])
    for _, r in out.dropna(subset=["outside_labour_first"]).head(10).iterrows():
        assert s.loc[(r["area_id"], r["first_date"]), "outside_labour_val"] == pytest.approx(
            r["outside_labour_first"])
    # the designed trend of outside (A-entering) shows as a positive trend
    exp = pd.read_csv(monthly_data / "expected_trends.csv")
    rising = exp[(exp["trend"] == "entering") & (exp["criterion"] == "outside")]["area_id"]
    assert (out.set_index("area_id").loc[rising, "outside_labour_trend"] > 2).all()


def test_computeindicators_with_several_dates_is_temporal(run_alg, monthly_data, tmp_path):
    base = {"PERSONS": str(monthly_data / "persons.gpkg"),
            "AREAS": str(monthly_data / "areas.gpkg"), "AREA_ID_FIELD": "area_id"}
    many = run_alg("computeindicators", dict(base, OUTPUT=str(tmp_path / "all.gpkg")))
    one = run_alg("computeindicators", dict(base, REF_DATE="2025-06-01",
                                            OUTPUT=str(tmp_path / "one.gpkg")))
    lyr = _open(many["OUTPUT"])
    assert temporal.restore_temporal(lyr) and lyr.temporalProperties().isActive()
    assert not _open(one["OUTPUT"]).customProperty(temporal.PROPERTY)


def test_outputs_have_aliases_and_rounding(monitored):
    from tests.processing.test_conventions import _check_presentation

    res, _tmp = monitored
    assert _check_presentation(res["OUTPUT"]).renderer().type() == "categorizedSymbol"
    _check_presentation(res["SERIES"])
