# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostGIS person table gives the same layers as the same persons from a file, computed in
the database (a real PostgreSQL 15 + PostGIS 3 started for the tests)."""
import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProject, QgsVectorLayer

from tests.helpers import (
    PG_DB,
    gpkg_to_postgis,
    grid_areas,
    layer_frame,
    persons_frame,
    pg_layer,
    pg_load_persons,
    qgis_auth_config,
)

DB = PG_DB


@pytest.fixture
def two_dates(tmp_path, pg_db):
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [120, 80, 60, 30, 7, 0], dates=("2024-01-01", "2025-01-01"))
    df = df.drop(columns=["area_truth"])
    df.to_csv(tmp_path / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_two_dates", df)
    layer = pg_layer(pg_db, DB, "persons_two_dates")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield tmp_path, layer
    QgsProject.instance().removeMapLayer(layer.id())


def _output(path):
    lyr = QgsVectorLayer(path, "out", "ogr")
    assert lyr.isValid()
    return layer_frame(lyr).sort_values(["area_id", "ref_date"]).reset_index(drop=True)


def _same(a: pd.DataFrame, b: pd.DataFrame):
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.mark.parametrize("pert", ["off", "on"])
def test_same_indicator_layer_as_from_the_file(run_alg, two_dates, pert):
    tmp, layer = two_dates
    common = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "MIN_RESIDENTS": 20, "PERTURBATION": pert,
              "REGISTER_MODE": "off"}
    f = run_alg("computeindicators", dict(common, PERSONS=str(tmp / "persons.csv"),
                                          OUTPUT=str(tmp / "file.gpkg")))
    d = run_alg("computeindicators", dict(common, PERSONS=layer.id(),
                                          OUTPUT=str(tmp / "db.gpkg")))
    _same(_output(f["OUTPUT"]), _output(d["OUTPUT"]))
    for k in ("PERSONS_READ", "PERSONS_IN_AREAS", "PERSONS_OUTSIDE", "PERSONS_NO_LOCATION"):
        assert f[k] == d[k], k
    assert np.isfinite(_output(d["OUTPUT"])["residents"].astype(float)).any()


@pytest.fixture(scope="module")
def demo_in_postgis(demo_data, pg_db):
    gpkg_to_postgis(pg_db, str(demo_data / "persons.gpkg"), "demo_persons")
    return demo_data


def test_demo_municipality_every_date_same_as_file(run_alg, demo_in_postgis, pg_db):
    """Five yearly snapshots with moves: links between the dates, perturbation, totals."""
    data = demo_in_postgis
    layer = pg_layer(pg_db, DB, "demo_persons")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        common = {"AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
                  "AREA_NAME_FIELD": "area_name", "REGISTER_MODE": "off"}
        tmp = data / "out_db"
        tmp.mkdir(exist_ok=True)
        f = run_alg("computeindicators", dict(common, PERSONS=str(data / "persons.gpkg"),
                                              OUTPUT=str(tmp / "file.gpkg")))
        d = run_alg("computeindicators", dict(common, PERSONS=layer.id(),
                                              OUTPUT=str(tmp / "db.gpkg")))
        _same(_output(f["OUTPUT"]), _output(d["OUTPUT"]))
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_area_growing_between_dates_links_and_rest_figures(run_alg, tmp_path, pg_db):
    """An area whose first-date persons all stay while as many move in: the later date
    contains the earlier (a 'sum' link); the newcomers' figures come from the database."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"), nx=2, ny=2)
    first = persons_frame(areas, [60, 90, 40, 200], dates=("2024-01-01",), seed=5)
    stay = first.assign(ref_date="2025-01-01")
    new = persons_frame(areas, [70, 0, 0, 0], dates=("2025-01-01",), seed=6)
    new["person_id"] = ["N" + p for p in new["person_id"]]
    df = pd.concat([first, stay, new], ignore_index=True).drop(columns=["area_truth"])
    df.to_csv(tmp_path / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_growing", df)
    layer = pg_layer(pg_db, DB, "persons_growing")
    QgsProject.instance().addMapLayer(layer)
    try:
        common = {"AREAS": str(tmp_path / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
                  "REGISTER_MODE": "off", "MIN_RESIDENTS": 20}
        f = run_alg("computeindicators", dict(common, PERSONS=str(tmp_path / "persons.csv"),
                                              OUTPUT=str(tmp_path / "file.gpkg")))
        d = run_alg("computeindicators", dict(common, PERSONS=layer.id(),
                                              OUTPUT=str(tmp_path / "db.gpkg")))
        _same(_output(f["OUTPUT"]), _output(d["OUTPUT"]))
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_results_load_into_the_shared_model(run_alg, tmp_path, pg_db):
    """Indicators and criteria from a PostGIS extract, exported into a PostGIS schema and a
    GeoPackage: the same published values, keyed by run, area, date and indicator."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [400, 300, 200, 100, 50, 20],
                       dates=("2024-01-01", "2025-01-01")).drop(columns=["area_truth"])
    pg_load_persons(pg_db, DB, "persons_model", df)
    layer = pg_layer(pg_db, DB, "persons_model")
    QgsProject.instance().addMapLayer(layer)
    try:
        common = {"PERSONS": layer.id(), "AREAS": str(tmp_path / "areas.gpkg"),
                  "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name"}
        ind = run_alg("computeindicators", dict(common, OUTPUT=str(tmp_path / "ind.gpkg")))
        crit = run_alg("assesscriteria", dict(common, OUTPUT=str(tmp_path / "crit.gpkg")))
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = QgsDataSourceUri()  # the password lives in QGIS's authentication database
    uri.setConnection(pg_db.host, str(pg_db.port), DB, "", "", QgsDataSourceUri.SslDisable,
                      qgis_auth_config(pg_db.user, pg_db.password))
    conn = md.createConnection(uri.uri(False), {})
    md.saveConnection(conn, "boligsocial test")
    out = run_alg("exportresults", {"INDICATORS": ind["OUTPUT"], "CRITERIA": crit["OUTPUT"],
                                    "MUNICIPALITY": "0999", "DATABASE": "boligsocial test",
                                    "SCHEMA": "geofa"})
    run_alg("exportresults", {"INDICATORS": ind["OUTPUT"], "CRITERIA": crit["OUTPUT"],
                              "MUNICIPALITY": "0999", "GEOPACKAGE": str(tmp_path / "m.gpkg")})
    published = _output(ind["OUTPUT"])
    c = pg_db.connect(DB)
    cur = c.cursor()
    cur.execute("SELECT area_id, ref_date, num, den, val, flag FROM geofa.bs_observation "
                "WHERE run_id = %s AND indicator = 'nonwestern' ORDER BY 1, 2", (out["RUN_ID"],))
    rows = cur.fetchall()
    assert len(rows) == len(published)
    for (aid, d, num, den, val, flag), (_i, p) in zip(rows, published.iterrows()):
        assert (aid, d) == (p["area_id"], p["ref_date"])
        assert flag == (p["nonwestern_flag"] or "")
        for a, b in ((num, p["nonwestern_num"]), (den, p["nonwestern_den"]),
                     (val, p["nonwestern_val"])):
            assert (a is None and (b is None or b != b)) or a == b
    cur.execute("SELECT municipality, algorithm, discretion, plugin_version FROM geofa.bs_run")
    municipality, algorithm, rules, version = cur.fetchone()
    assert municipality == "0999" and "computeindicators" in algorithm and '"min_count"' in rules
    cur.execute("SELECT count(*), min(ST_SRID(geom)) FROM geofa.bs_area WHERE run_id = %s",
                (out["RUN_ID"],))
    assert cur.fetchone() == (6, 25832)
    cur.execute("SELECT count(*) FROM geofa.bs_category WHERE run_id = %s", (out["RUN_ID"],))
    assert cur.fetchone()[0] == 6
    c.close()
    gp = QgsVectorLayer(str(tmp_path / "m.gpkg") + "|layername=bs_observation", "o", "ogr")
    assert gp.isValid() and gp.featureCount() == int(out["OBSERVATIONS"])



def test_monthly_snapshots_same_as_danish_csv(run_alg, tmp_path, pg_db):
    """Ten snapshots (five years, five months): areas that barely change between months are
    linked (equal, nearly equal, nested with the newcomers' figures from the database) and
    hidden for change exactly as from the municipality's CSV."""
    import importlib.util
    import os

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(root, "scripts", "generate_demo.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.generate(str(tmp_path), persons=8000, seed=4, areas=40, monthly=True,
                 formats=("gpkg", "dkcsv"))
    gpkg_to_postgis(pg_db, str(tmp_path / "persons.gpkg"), "monthly_persons")
    layer = pg_layer(pg_db, DB, "monthly_persons")
    QgsProject.instance().addMapLayer(layer)
    try:
        common = {"AREAS": str(tmp_path / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
                  "REGISTER_MODE": "off"}
        f = run_alg("computeindicators", dict(common, PERSONS=str(tmp_path / "persons_dk.csv"),
                                              OUTPUT=str(tmp_path / "file.gpkg")))
        d = run_alg("computeindicators", dict(common, PERSONS=layer.id(),
                                              OUTPUT=str(tmp_path / "db.gpkg")))
        a, b = _output(f["OUTPUT"]), _output(d["OUTPUT"])
        assert a["ref_date"].nunique() == 10
        _same(a, b)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_criteria_and_catalogue_indicators_same_as_file(run_alg, demo_in_postgis, pg_db):
    """assesscriteria (protected with the indicator layer's cells) and computeindicators with
    the shipped catalogue of user-defined indicators (nested, tiling: the type audit) give the
    file's layers."""
    from boligsocial_plugin.core.indicators import catalogue_path

    data = demo_in_postgis
    layer = pg_layer(pg_db, DB, "demo_persons")
    QgsProject.instance().addMapLayer(layer)
    tmp = data / "out_criteria"
    tmp.mkdir(exist_ok=True)
    try:
        common = {"AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
                  "AREA_NAME_FIELD": "area_name", "REGISTER_MODE": "off"}
        crit = dict(common, NATIONAL_CONVICTION_RATE=1.1, REGIONAL_MEAN_INCOME=380000)
        f = run_alg("assesscriteria", dict(crit, PERSONS=str(data / "persons.gpkg"),
                                           OUTPUT=str(tmp / "file.gpkg")))
        d = run_alg("assesscriteria", dict(crit, PERSONS=layer.id(),
                                           OUTPUT=str(tmp / "db.gpkg")))
        a = layer_frame(QgsVectorLayer(f["OUTPUT"], "f", "ogr"))
        b = layer_frame(QgsVectorLayer(d["OUTPUT"], "d", "ogr"))
        pd.testing.assert_frame_equal(a.sort_values("area_id").reset_index(drop=True),
                                      b.sort_values("area_id").reset_index(drop=True))
        cat = dict(common, INDICATOR_DEFINITIONS=catalogue_path(), REF_DATE="2025-01-01")
        f = run_alg("computeindicators", dict(cat, PERSONS=str(data / "persons.gpkg"),
                                              OUTPUT=str(tmp / "cat_file.gpkg")))
        d = run_alg("computeindicators", dict(cat, PERSONS=layer.id(),
                                              OUTPUT=str(tmp / "cat_db.gpkg")))
        _same(_output(f["OUTPUT"]), _output(d["OUTPUT"]))
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
