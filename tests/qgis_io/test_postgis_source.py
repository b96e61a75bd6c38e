# SPDX-License-Identifier: GPL-2.0-or-later
"""Computing in PostGIS: the join rules on boundaries, checks, safety (injection through names,
a role with SELECT only, passwords from the authentication database) and that only
aggregates leave the server (pg_stat_statements). A real PostgreSQL 15 + PostGIS 3 runs."""
import json

import numpy as np
import pandas as pd
import pytest
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from tests.helpers import (
    grid_areas,
    layer_frame,
    persons_frame,
    pg_layer,
    pg_load_persons,
    qgis_auth_config,
)

DB = "boligsocial_test"
X0, Y0 = 570000.0, 6220000.0


def _triangles(path):
    """Four squares, and a square cut along its diagonal into two triangles."""
    from osgeo import ogr, osr

    grid_areas(path, nx=2, ny=2)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayer(0)
    x, y = X0 + 2000, Y0
    for aid, wkt in (("T1", "POLYGON(({0} {1},{2} {1},{2} {3},{0} {1}))"),
                     ("T2", "POLYGON(({0} {1},{2} {3},{0} {3},{0} {1}))")):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", aid)
        f.SetField("area_name", aid)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt.format(x, y, x + 1000, y + 1000)))
        lyr.CreateFeature(f)
    ds = None
    del osr


SPECIAL = [  # (x, y, what) on boundaries, corners, just outside, near edges
    (X0 + 1000, Y0 + 500, "shared vertical: east"),
    (X0 + 500, Y0 + 1000, "shared horizontal: north"),
    (X0 + 1000, Y0 + 1000, "corner of four: north-east"),
    (X0, Y0 + 500, "outer west"),
    (X0 + 500, Y0, "outer south"),
    (X0 + 500, Y0 + 2000, "outer north"),
    (X0, Y0, "outer corner"),
    (X0 - 1e-7, Y0 + 700, "within tolerance outside"),
    (X0 - 1e-3, Y0 + 700, "just outside"),
    (X0 + 2500, Y0 + 500, "on the diagonal"),
    (X0 + 2250, Y0 + 250, "on the diagonal, quarter"),
    (X0 + 2500 + 1e-9, Y0 + 500, "a nanometre off the diagonal"),
    (X0 + 2000, Y0 + 500, "triangle next to square"),
    (X0 + 3000, Y0 + 400, "outer east of a triangle"),
    (X0 + 1000 + 4e-3, Y0 + 300, "within the margin, inside"),
    (np.nan, np.nan, "no location"),
]


@pytest.fixture
def boundary_data(tmp_path, pg_db):
    _triangles(str(tmp_path / "areas.gpkg"))
    rows = []
    for k, (x, y, _what) in enumerate(SPECIAL):
        for r in range(6):  # six persons per point: every count is published with MIN_COUNT 1
            rows.append({"person_id": "B{:03d}{}".format(k, r), "ref_date": "2025-01-01",
                         "x": x, "y": y, "age": 20 + r * 10, "nonwestern": r % 2,
                         "outside_fte": [0, 0.1, 0.3, 0.7, 1, 0.25][r],
                         "gross_income": 100000.0 + 1000 * k + r,
                         "convicted": int(r == 3), "basic_edu": [1, 0, None, 1, 0, 1][r]})
    df = pd.DataFrame(rows)
    df.to_csv(tmp_path / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_boundary", df)
    return tmp_path, df


def _add(layer):
    assert layer.isValid(), layer.source()
    QgsProject.instance().addMapLayer(layer)
    return layer


def _frame(path):
    lyr = QgsVectorLayer(path, "out", "ogr")
    return layer_frame(lyr).sort_values(["area_id", "ref_date"]).reset_index(drop=True)


def _exact(tmp, layer, run_alg, **extra):
    p = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id", "MIN_COUNT": 1,
         "MIN_RESIDENTS": 0, "PERTURBATION": "off", "REGISTER_MODE": "off"}
    p.update(extra)
    f = run_alg("computeindicators", dict(p, PERSONS=str(tmp / "persons.csv"),
                                          OUTPUT=str(tmp / "file.gpkg")))
    d = run_alg("computeindicators", dict(p, PERSONS=layer.id(), OUTPUT=str(tmp / "db.gpkg")))
    return f, d


def test_points_on_boundaries_go_where_the_file_puts_them(run_alg, boundary_data, pg_db):
    tmp, df = boundary_data
    layer = _add(pg_layer(pg_db, DB, "persons_boundary"))
    try:
        f, d = _exact(tmp, layer, run_alg)
        a, b = _frame(f["OUTPUT"]), _frame(d["OUTPUT"])
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        for k in ("PERSONS_IN_AREAS", "PERSONS_OUTSIDE", "PERSONS_NO_LOCATION"):
            assert f[k] == d[k]
        res = dict(zip(b["area_id"], b["residents"]))
        # shared vertical -> east (A10); horizontal -> north (A01); corner -> north-east (A11)
        assert res["A10"] >= 6 and res["A01"] >= 12 and res["A11"] == 6
        assert d["PERSONS_OUTSIDE"] == 6 and d["PERSONS_NO_LOCATION"] == 6
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_problems_are_the_files_problems(pg_db, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem

    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.qgis_io.postgis import PostgisPersons

    areas = grid_areas(str(tmp_path / "a.gpkg"))
    df = persons_frame(areas, [20, 10, 0, 0, 0, 0]).drop(columns=["area_truth"])
    df.loc[0, "person_id"] = "0101851234"          # CPR-shaped
    df.loc[1, "person_id"] = df.loc[2, "person_id"]  # a person twice on a date
    df.loc[3, "age"] = 130                           # out of range
    df.loc[4, "age"] = np.nan                        # missing (required)
    df.loc[5, "nonwestern"] = 2                      # not 0/1
    df.loc[6, "outside_fte"] = np.nan                # missing (warning)
    df.loc[7, "x"] = np.nan                          # no location
    df.loc[8, "sex"] = "X"                           # unknown code
    pg_load_persons(pg_db, DB, "persons_problems", df)
    layer = pg_layer(pg_db, DB, "persons_problems")
    db = PostgisPersons(layer, {}, ("x", "y"), QgsCoordinateReferenceSystem("EPSG:25832"))
    mine = {(p.code, p.column, p.severity, p.count, p.message) for p in db.check()}
    raw = df.copy()
    file = {(p.code, p.column, p.severity, p.count, p.message)
            for p in prepare(raw, has_geometry=True).problems}
    assert mine == file
    assert any(p[0] == "cpr_shaped" for p in mine) and any(p[0] == "duplicate_person"
                                                           for p in mine)


def test_names_cannot_inject_sql(run_alg, tmp_path, pg_db):
    """Quotes, semicolons and comments in the schema, table and column names stay names: the
    same layer as from a table with plain names, and nothing else happens."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [40, 30, 20, 10, 5, 0]).drop(columns=["area_truth"])
    evil_col = 'alder" OR true) --'  # a field name cannot hold ';' in processing
    conn = pg_db.connect(DB)
    conn.cursor().execute("CREATE TABLE IF NOT EXISTS sentinel (x int)")
    conn.close()
    pg_load_persons(pg_db, DB, "persons_plain", df)
    table = 'persons"; DROP TABLE sentinel; --'
    pg_load_persons(pg_db, DB, table, df.rename(columns={"age": evil_col}),
                    schema='odd "schema"')
    plain = _add(pg_layer(pg_db, DB, "persons_plain"))
    evil = _add(pg_layer(pg_db, DB, table, schema='odd "schema"'))
    p = {"AREAS": str(tmp_path / "areas.gpkg"), "AREA_ID_FIELD": "area_id", "MIN_COUNT": 1,
         "MIN_RESIDENTS": 0, "PERTURBATION": "off", "REGISTER_MODE": "off"}
    try:
        a = run_alg("computeindicators", dict(p, PERSONS=plain.id(),
                                              OUTPUT=str(tmp_path / "a.gpkg")))
        b = run_alg("computeindicators", dict(p, PERSONS=evil.id(), AGE_FIELD=evil_col,
                                              OUTPUT=str(tmp_path / "b.gpkg")))
        pd.testing.assert_frame_equal(_frame(a["OUTPUT"]), _frame(b["OUTPUT"]))
    finally:
        QgsProject.instance().removeMapLayer(plain.id())
        QgsProject.instance().removeMapLayer(evil.id())
    conn = pg_db.connect(DB)
    cur = conn.cursor()
    cur.execute("SELECT to_regclass('public.sentinel') IS NOT NULL")
    assert cur.fetchone()[0]
    conn.close()


@pytest.fixture
def select_only(pg_db, tmp_path):
    """A login role that may only connect and read the person table."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [60, 50, 40, 30, 20, 9], dates=("2024-01-01", "2025-01-01"))
    df = df.drop(columns=["area_truth"])
    df.to_csv(tmp_path / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_ro", df, schema="warehouse")
    conn = pg_db.connect(DB)
    cur = conn.cursor()
    cur.execute("DROP ROLE IF EXISTS reader")
    cur.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-secret-42' NOSUPERUSER NOCREATEDB "
                "NOCREATEROLE")
    cur.execute("REVOKE ALL ON SCHEMA warehouse FROM PUBLIC")
    cur.execute("GRANT USAGE ON SCHEMA warehouse TO reader")
    cur.execute("GRANT SELECT ON warehouse.persons_ro TO reader")
    conn.close()
    return tmp_path



def test_select_only_role_with_password_from_the_authentication_database(
        run_alg, select_only, pg_db, tmp_path, monkeypatch):
    tmp = select_only
    log = tmp_path / "audit" / "audit.jsonl"
    monkeypatch.setenv("BOLIGSOCIAL_AUDIT_LOG", str(log))
    authcfg = qgis_auth_config("reader", "reader-secret-42")
    layer = _add(pg_layer(pg_db, DB, "persons_ro", schema="warehouse", authcfg=authcfg))
    try:
        assert "reader-secret-42" not in layer.source()
        f, d = _exact(tmp, layer, run_alg, MIN_COUNT=5, MIN_RESIDENTS=20,
                      PERTURBATION="on")
        pd.testing.assert_frame_equal(_frame(f["OUTPUT"]), _frame(d["OUTPUT"]))
        # a password in the layer's own source is not logged either
        plain = _add(pg_layer(pg_db, DB, "persons_ro", schema="warehouse", user="reader",
                              password="reader-secret-42"))
        run_alg("computeindicators", {"PERSONS": plain.source() and plain.id(),
                                      "AREAS": str(tmp / "areas.gpkg"),
                                      "AREA_ID_FIELD": "area_id", "REGISTER_MODE": "off",
                                      "OUTPUT": str(tmp / "plain.gpkg")})
        QgsProject.instance().removeMapLayer(plain.id())
        # the password changes after the layer was loaded: a clear error, no password in it
        am = QgsApplication.authManager()
        cfg = QgsAuthMethodConfig()
        am.loadAuthenticationConfig(authcfg, cfg, True)
        cfg.setConfig("password", "wrong-password")
        assert am.updateAuthenticationConfig(cfg)
        with pytest.raises(QgsProcessingException, match="connect") as err:
            run_alg("computeindicators", {"PERSONS": layer.id(),
                                          "AREAS": str(tmp / "areas.gpkg"),
                                          "AREA_ID_FIELD": "area_id",
                                          "OUTPUT": str(tmp / "wrong.gpkg")})
        assert "wrong-password" not in str(err.value)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    text = log.read_text() if log.exists() else ""
    assert text and "reader-secret-42" not in text and "wrong-password" not in text
    assert all(json.loads(line) for line in text.splitlines())


def test_only_aggregates_leave_the_server(run_alg, tmp_path, pg_db):
    """pg_stat_statements: no statement of a run returns more rows than areas x dates (the
    carry rule's: areas x cells x patterns of dates, counts only), but the one that gives the
    release register each person row's area, date and 64-bit key, and the one that gives its
    cell state each person row's area, date, key and one byte per cell at each area's first
    and last date (qgis_io.pgstate) (assesscriteria records its release; computeindicators
    does not: REGISTER_MODE off)."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [400, 300, 200, 100, 50, 20], dates=("2024-01-01", "2025-01-01"))
    df = df.drop(columns=["area_truth"])
    pg_load_persons(pg_db, DB, "persons_stat", df)
    layer = _add(pg_layer(pg_db, DB, "persons_stat"))
    conn = pg_db.connect(DB)
    cur = conn.cursor()
    cur.execute("SELECT pg_stat_statements_reset()")
    try:
        run_alg("computeindicators", {"PERSONS": layer.id(), "AREAS": str(tmp_path / "areas.gpkg"),
                                      "AREA_ID_FIELD": "area_id", "REGISTER_MODE": "off",
                                      "OUTPUT": str(tmp_path / "o.gpkg")})
        run_alg("assesscriteria", {"PERSONS": layer.id(), "AREAS": str(tmp_path / "areas.gpkg"),
                                   "AREA_ID_FIELD": "area_id",
                                   "OUTPUT": str(tmp_path / "c.gpkg")})
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    cur.execute("SELECT query, calls, rows FROM pg_stat_statements WHERE query ILIKE "
                "'%persons_stat%' AND query NOT ILIKE '%pg_stat_statements%'")
    stats = cur.fetchall()
    conn.close()
    assert stats, "the runs' statements were not seen"
    persons = len(df)
    keys = [(q, c, r) for q, c, r in stats if q.startswith(
        "COPY (SELECT l.area::int4, COALESCE(l.d::date - DATE '1970-01-01', ")]
    assert len(keys) == 1 and keys[0][1:] == (1, persons)  # assesscriteria's, once
    assert "::int4, COALESCE(l.k, 0)::int8 FROM (" in keys[0][0]  # area, date, key: no more
    state = [(q, c, r) for q, c, r in stats if q.startswith(
        "COPY (SELECT j.area::int4, (j.d::date - DATE '1970-01-01')::int4, "
        "COALESCE(j.k, 0)::int8, (((1)::int8 << 0) | ")]
    # both dates are each area's first and last: every person row, once (assesscriteria's)
    assert len(state) == 1 and state[0][1:] == (1, persons)
    assert ")::int8 FROM (SELECT x.*" in state[0][0]  # and eight codes to a bigint, no value
    for query, calls, rows in stats:
        if query in (keys[0][0], state[0][0]):
            continue
        per_call = rows / max(1, calls)
        if query.startswith("SELECT area, cell, m0, count(*)"):
            # the carry rule of the series (computeindicators without REF_DATE): persons
            # per area, cell and pattern of the two dates (at most 3 patterns), no keys
            assert per_call <= 6 * 3 * 32, (per_call, query[:200])
        else:
            assert per_call <= (6 + 2) * 2 * 4, (per_call, query[:200])
        assert rows < persons


def test_blocking_problems_refuse_the_run_as_for_a_file(run_alg, tmp_path, pg_db):
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [30, 20, 0, 0, 0, 0]).drop(columns=["area_truth"])
    df.loc[0, "person_id"] = "3112" + "99" + "1234"  # CPR-shaped (built, not written literally)
    df.loc[1, "gross_income"] = 1e20                # out of range (and beyond bigint)
    pg_load_persons(pg_db, DB, "persons_blocking", df)
    layer = _add(pg_layer(pg_db, DB, "persons_blocking"))
    try:
        with pytest.raises(QgsProcessingException) as err:
            run_alg("computeindicators", {"PERSONS": layer.id(),
                                          "AREAS": str(tmp_path / "areas.gpkg"),
                                          "AREA_ID_FIELD": "area_id", "REGISTER_MODE": "off",
                                          "OUTPUT": str(tmp_path / "o.gpkg")})
        text = str(err.value)
        assert "look like CPR numbers" in text and "implausible amounts" in text
        assert "1234" not in text
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
