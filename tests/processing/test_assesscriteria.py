# SPDX-License-Identifier: GPL-2.0-or-later
"""assesscriteria end to end on the generated demo municipality."""
import json
import os
import subprocess

import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from boligsocial_plugin.core.criteria import output_fields
from tests.helpers import layer_frame

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _frame(path):
    lyr = QgsVectorLayer(path, "c", "ogr")
    assert lyr.isValid()
    return layer_frame(lyr), lyr


def _refs(demo):
    with open(demo / "reference_values.json", encoding="utf-8") as f:
        return json.load(f)


def test_categories_are_those_the_generator_built(run_alg, demo_data, tmp_path):
    refs = _refs(demo_data)
    res = run_alg("assesscriteria", {
        "PERSONS": str(demo_data / "persons_dk.csv"), "AREAS": str(demo_data / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "RULE_SET": "2021",
        "NATIONAL_CONVICTION_RATE": refs["national_conviction_rate"],
        "REGIONAL_MEAN_INCOME": refs["regional_mean_income"],
        "OUTPUT": str(tmp_path / "crit.gpkg")})
    got, lyr = _frame(res["OUTPUT"])
    exp = pd.read_csv(demo_data / "expected_categories.csv")
    m = exp.merge(got[["area_id", "category", "explanation"]], on="area_id")
    assert len(m) == len(exp) == lyr.featureCount()
    wrong = m[m["expected_category_2021"] != m["category"]]
    assert wrong.empty, wrong[["area_id", "designed", "expected_category_2021", "category"]]
    assert set(m["category"]) >= {"udsat", "forebyggelse"}
    assert res["AREAS_IN_CATEGORY"] == int((m["category"] != "ingen").sum())
    assert [f.name() for f in lyr.fields()][1:] == [n for n, _t in output_fields("2021")]
    udsat = m[m["category"] == "udsat"].iloc[0]
    assert "Udsat" in udsat["explanation"] and "%" in udsat["explanation"]


def test_missing_reference_values_make_relative_criteria_not_assessable(run_alg, demo_data,
                                                                        tmp_path):
    res = run_alg("assesscriteria", {
        "PERSONS": str(demo_data / "persons.csv"), "AREAS": str(demo_data / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "OUTPUT": str(tmp_path / "c.gpkg")})
    got, _ = _frame(res["OUTPUT"])
    assert got["convicted_val"].isna().all() and got["income_val"].isna().all()
    assert got["outside_val"].notna().any()


def test_criteria_layer_publishes_no_small_counts(run_alg, demo_data, tmp_path):
    refs = _refs(demo_data)
    res = run_alg("assesscriteria", {
        "PERSONS": str(demo_data / "persons.csv"), "AREAS": str(demo_data / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "MIN_COUNT": 5,
        "NATIONAL_CONVICTION_RATE": refs["national_conviction_rate"],
        "REGIONAL_MEAN_INCOME": refs["regional_mean_income"],
        "OUTPUT": str(tmp_path / "c.gpkg")})
    got, _ = _frame(res["OUTPUT"])
    r = pd.to_numeric(got["residents"], errors="coerce").dropna()
    assert ((r == 0) | (r >= 5)).all()
    small = got[pd.to_numeric(got["residents"], errors="coerce").fillna(0) < 50]
    for k in ("outside", "convicted", "basic_edu", "income", "nonwestern"):
        assert small[k + "_val"].isna().all()
        assert (small[k + "_flag"] == "A").all()


def test_one_snapshot_only_is_reported_not_zero(run_alg, demo_data, tmp_path):
    df = pd.read_csv(demo_data / "persons.csv", dtype={"person_id": str})
    one = tmp_path / "one.csv"
    df[df["ref_date"] == df["ref_date"].max()].to_csv(one, index=False)
    res = run_alg("assesscriteria", {
        "PERSONS": str(one), "AREAS": str(demo_data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
        "NATIONAL_CONVICTION_RATE": 1.1, "REGIONAL_MEAN_INCOME": 380000,
        "OUTPUT": str(tmp_path / "c.gpkg")})
    got, _ = _frame(res["OUTPUT"])
    assert (got["two_year"] == 0).all()
    assert got["data_note"].str.len().gt(0).all()


def test_unknown_rule_set_is_refused(run_alg, demo_data):
    with pytest.raises(QgsProcessingException):
        run_alg("assesscriteria", {"PERSONS": str(demo_data / "persons.csv"),
                                   "AREAS": str(demo_data / "areas.gpkg"),
                                   "AREA_ID_FIELD": "area_id", "RULE_SET": "1999",
                                   "OUTPUT": "memory:"})


@pytest.mark.slow
def test_qgis_process_runs_assesscriteria(demo_data, tmp_path):
    refs = _refs(demo_data)
    out = tmp_path / "crit.gpkg"
    env = dict(os.environ, BOLIGSOCIAL_QGIS_CONFIG=str(tmp_path / "cfg"))
    r = subprocess.run([os.path.join(ROOT, "scripts", "qgis_process.sh"), "run",
                        "boligsocial:assesscriteria", "--json", "--",
                        "PERSONS={}".format(demo_data / "persons.gpkg"),
                        "AREAS={}".format(demo_data / "areas.gpkg"), "AREA_ID_FIELD=area_id",
                        "AREA_NAME_FIELD=area_name", "RULE_SET=2021",
                        "NATIONAL_CONVICTION_RATE={}".format(refs["national_conviction_rate"]),
                        "REGIONAL_MEAN_INCOME={}".format(refs["regional_mean_income"]),
                        "OUTPUT={}".format(out)], capture_output=True, text=True, env=env,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    js = json.loads(r.stdout)
    got, lyr = _frame(str(out))
    exp = pd.read_csv(demo_data / "expected_categories.csv")
    m = exp.merge(got[["area_id", "category"]], on="area_id")
    assert (m["expected_category_2021"] == m["category"]).all()
    assert js["results"]["AREAS_IN_CATEGORY"] == int((m["category"] != "ingen").sum())
    # the style travels inside the GeoPackage (qgis_process never runs post-processors)
    assert lyr.renderer().type() in ("categorizedSymbol", "RuleRenderer")


def test_history_table_decides_omdannelsesomraade(run_alg, demo_data, tmp_path):
    refs = _refs(demo_data)
    exp = pd.read_csv(demo_data / "expected_categories.csv")
    omd = exp[exp["expected_category_2021"] == "omdannelsesomraade"]["area_id"].tolist()
    assert omd, "the demo builds areas that have been parallelsamfund for five years"
    df = pd.read_csv(demo_data / "persons.csv", dtype={"person_id": str})
    two = tmp_path / "two_years.csv"
    df[df["ref_date"].isin(["2024-01-01", "2025-01-01"])].to_csv(two, index=False)
    params = {"PERSONS": str(two), "AREAS": str(demo_data / "areas.gpkg"),
              "AREA_ID_FIELD": "area_id", "RULE_SET": "2021",
              "NATIONAL_CONVICTION_RATE": refs["national_conviction_rate"],
              "REGIONAL_MEAN_INCOME": refs["regional_mean_income"]}
    # without history: parallelsamfund, and the reason says omdannelse could not be determined
    res = run_alg("assesscriteria", dict(params, OUTPUT=str(tmp_path / "a.gpkg")))
    got, _ = _frame(res["OUTPUT"])
    rows = got[got["area_id"].isin(omd)]
    assert (rows["category"] == "parallelsamfund").all()
    assert rows["category_reason"].str.contains("history").all()
    # an official-list history (as a CSV table, years 2021-2023) makes them omdannelsesområder
    hist = pd.DataFrame([{"area_id": a, "year": y, "category": "parallelsamfund"}
                         for a in omd for y in (2021, 2022, 2023)])
    hist.to_csv(tmp_path / "history.csv", index=False)
    res = run_alg("assesscriteria", dict(params, HISTORY=str(tmp_path / "history.csv"),
                                         OUTPUT=str(tmp_path / "b.gpkg")))
    got, _ = _frame(res["OUTPUT"])
    assert (got[got["area_id"].isin(omd)]["category"] == "omdannelsesomraade").all()
