# SPDX-License-Identifier: GPL-2.0-or-later
"""analysemoves, monitorcriteria, trackchange, validateextract and mergesmallareas on a PostGIS
person table: computed in the database, the same layers as from the same persons in a file
(a real PostgreSQL 15 + PostGIS 3 started for the tests)."""
import hashlib

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProject, QgsVectorLayer

from tests.core.test_moves import BIG, D0, D1, designed
from tests.helpers import PG_DB, gpkg_to_postgis, grid_areas, layer_frame, pg_layer, pg_load_persons

DB = PG_DB


def _frame(path, keys):
    lyr = QgsVectorLayer(path, "out", "ogr")
    assert lyr.isValid(), path
    return layer_frame(lyr).sort_values(keys).reset_index(drop=True)


def _same(a: pd.DataFrame, b: pd.DataFrame):
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.fixture(scope="module")
def moves_db(tmp_path_factory, pg_db):
    """The designed moves (tests/core/test_moves.py, three times as big) with five changed
    keys, a person repeated on a date not analysed, persons outside and without location."""
    tmp = tmp_path_factory.mktemp("moves_db")
    grid_areas(str(tmp / "areas.gpkg"), nx=2, ny=2, size=1000.0, x0=0.0, y0=0.0)
    df = designed(0, BIG)
    at1 = df.ref_date == D1
    changed = df.index[at1 & (df.truth_area == "A")][:5]
    before = df[(df.ref_date == D0) & df.pid.isin(df.loc[changed, "pid"])]
    df.loc[changed, "pid"] = df.loc[changed, "pid"] + "_new"
    df.loc[changed, ["x", "y"]] = before[["x", "y"]].to_numpy()
    old = df[df.ref_date == D0].iloc[:40].assign(ref_date="2023-01-01")
    df = pd.concat([df, old, old.iloc[:2]], ignore_index=True)
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["pid"]]
    df["sex"] = np.where(np.arange(len(df)) % 3 == 0, "K", "M")
    out = df[["person_id", "ref_date", "x", "y", "age", "sex", "nonwestern", "outside_fte",
              "basic_edu", "gross_income", "student", "taxpayer"]]
    out.to_csv(tmp / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "moves_persons", out)
    layer = pg_layer(pg_db, DB, "moves_persons")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield tmp, layer
    QgsProject.instance().removeMapLayer(layer.id())


def test_move_data_equal_to_the_file_path(moves_db):
    """Every figure core.moves.analyse counts from the file's rows, the database counts: the
    counts with their cell keys, the flows, the elevator groups' tables and the statistics."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.core.indicators import builtin_indicators
    from boligsocial_plugin.core.moves import analyse
    from boligsocial_plugin.qgis_io.layers import read_areas
    from boligsocial_plugin.qgis_io.postgis import PostgisPersons

    tmp, layer = moves_db
    ctx = QgsProcessingContext()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    src = QgsVectorLayer(str(tmp / "areas.gpkg"), "a", "ogr")
    areas = read_areas(src, "area_id", "area_name", crs, ctx, QgsProcessingFeedback())
    inds = [i for i in builtin_indicators()
            if i.code in ("outside_labour", "nonwestern", "basic_edu", "income", "age_0_17")]
    ext = prepare(pd.read_csv(tmp / "persons.csv"))
    data = ext.data
    f = analyse(data, data["x"].to_numpy(), data["y"].to_numpy(), areas.rings, areas.ids,
                inds)
    db = PostgisPersons(layer, {}, ("x", "y"), crs)
    db.start_checks(ignore=("duplicate_person",))
    d = db.moves(areas, inds, None, None, ctx)
    assert (d.from_date, d.to_date) == (f.from_date, f.to_date) == (D0, D1)
    assert d.stats == f.stats
    assert f.stats.key_changes == 5 and f.stats.duplicates_elsewhere == 2
    _same(d.counts, f.counts)
    _same(d.flows, f.flows)
    for a, b in ((d.groups_to, f.groups_to), (d.groups_from, f.groups_from)):
        assert sorted(a.columns) == sorted(b.columns)
        pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(a.columns)],
                                      check_exact=True, check_dtype=False)
        assert a.attrs.get("nestings") == b.attrs.get("nestings")
    assert d.years == f.years


@pytest.mark.parametrize("pert,groups", [("off", False), ("on", False), ("on", True)])
def test_analysemoves_same_layers_as_from_the_file(run_alg, moves_db, pert, groups):
    tmp, layer = moves_db
    common = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "MIN_RESIDENTS": 20, "PERTURBATION": pert,
              "PROFILE_INDICATORS": "outside_labour,nonwestern,income"}
    if groups:  # focus areas and moves between groups (sums of flows)
        common.update(FOCUS_AREAS="A00", GROUP_FIELD="area_name")
    out = {}
    tag = pert + ("_groups" if groups else "")
    for name, persons in (("file", str(tmp / "persons.csv")), ("db", layer.id())):
        extra = {"GROUP_FLOWS": str(tmp / f"{name}_{tag}_groups.gpkg")} if groups else {}
        out[name] = run_alg("analysemoves", dict(
            common, PERSONS=persons, OUTPUT=str(tmp / f"{name}_{tag}.gpkg"),
            FLOWS=str(tmp / f"{name}_{tag}_flows.gpkg"), **extra))
    f, d = out["file"], out["db"]
    keys = [("OUTPUT", ["area_id"]), ("FLOWS", ["from_area", "to_area"])]
    if groups:
        keys.append(("GROUP_FLOWS", ["from_group", "to_group"]))
    for key, sort in keys:
        a, b = _frame(f[key], sort), _frame(d[key], sort)
        assert len(a) > 0 or key != "OUTPUT"  # FLOWS list published flows only
        _same(a, b)
    assert f["FLOWS_PUBLISHED"] == d["FLOWS_PUBLISHED"]
    assert f["FLOWS_SUPPRESSED"] == d["FLOWS_SUPPRESSED"]
    if not groups:
        assert _frame(d["OUTPUT"], ["area_id"])["stayers"].notna().sum() >= 2


@pytest.fixture(scope="module")
def demo_db(demo_data, pg_db):
    """The demo municipality (five yearly snapshots, 40 areas) in PostGIS."""
    gpkg_to_postgis(pg_db, str(demo_data / "persons.gpkg"), "demo_persons_alg")
    layer = pg_layer(pg_db, DB, "demo_persons_alg")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield demo_data, layer
    QgsProject.instance().removeMapLayer(layer.id())


def _both(run_alg, alg, params, persons_file, layer, tmp, sinks=("OUTPUT",)):
    out = {}
    for name, persons in (("file", persons_file), ("db", layer.id())):
        p = dict(params, PERSONS=persons)
        p.update({s: str(tmp / "{}_{}_{}.gpkg".format(alg, name, s.lower())) for s in sinks})
        out[name] = run_alg(alg, p)
    return out["file"], out["db"]


@pytest.mark.parametrize("pert", ["off", "on"])
def test_monitorcriteria_same_layers_as_from_the_file(run_alg, demo_db, tmp_path, pert):
    data, layer = demo_db
    params = {"AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "REGISTER_MODE": "off", "PERTURBATION": pert,
              "NATIONAL_CONVICTION_RATE": 1.1, "REGIONAL_MEAN_INCOME": 380000}
    f, d = _both(run_alg, "monitorcriteria", params, str(data / "persons.gpkg"), layer,
                 tmp_path, ("OUTPUT", "SERIES"))
    _same(_frame(f["OUTPUT"], ["area_id"]), _frame(d["OUTPUT"], ["area_id"]))
    a, b = _frame(f["SERIES"], ["area_id", "ref_date"]), _frame(d["SERIES"],
                                                                  ["area_id", "ref_date"])
    assert a["ref_date"].nunique() == 5
    _same(a, b)
    for k in ("AREAS_IN_CATEGORY", "AREAS_ENTERING", "AREAS_LEAVING"):
        assert f[k] == d[k], k


@pytest.mark.parametrize("pert", ["off", "on"])
def test_trackchange_over_a_period_same_layers_as_from_the_file(run_alg, demo_db, tmp_path,
                                                               pert):
    data, layer = demo_db
    params = {"AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "REGISTER_MODE": "off", "PERTURBATION": pert,
              "FROM_DATE": "2022-01-01", "TO_DATE": "2024-01-01"}
    f, d = _both(run_alg, "trackchange", params, str(data / "persons.gpkg"), layer, tmp_path,
                 ("OUTPUT", "SERIES"))
    _same(_frame(f["OUTPUT"], ["area_id"]), _frame(d["OUTPUT"], ["area_id"]))
    a, b = _frame(f["SERIES"], ["area_id", "ref_date"]), _frame(d["SERIES"],
                                                                  ["area_id", "ref_date"])
    assert sorted(a["ref_date"].unique()) == ["2022-01-01", "2023-01-01", "2024-01-01"]
    _same(a, b)


@pytest.mark.parametrize("pert", ["off", "on"])
def test_mergesmallareas_counts_residents_in_the_database(run_alg, demo_db, tmp_path, pert):
    data, layer = demo_db
    params = {"AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "MINIMUM": 1500, "PERTURBATION": pert, "REGISTER_MODE": "off"}
    f, d = _both(run_alg, "mergesmallareas", params, str(data / "persons.gpkg"), layer,
                 tmp_path)
    a, b = _frame(f["OUTPUT"], ["region_id"]), _frame(d["OUTPUT"], ["region_id"])
    assert len(a) > 1
    _same(a, b)
    assert f["REGIONS"] == d["REGIONS"]


def test_validateextract_counts_the_problems_in_the_database(run_alg, tmp_path, pg_db):
    """The same problems, counts, severities and messages as from the file (no example
    rows: person rows never leave the server)."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    from tests.helpers import persons_frame

    df = persons_frame(areas, [30, 20, 10, 5, 5, 0]).drop(columns=["area_truth"])
    df["age"] = df["age"].astype(object)
    df.loc[3, "age"] = "abc"
    df.loc[4, "age"] = 130
    df.loc[5, "x"] = np.nan
    df.loc[6, "sex"] = "X"
    df.loc[7, "outside_fte"] = 1.5
    df = pd.concat([df, df.iloc[[10]]], ignore_index=True)
    df.to_csv(tmp_path / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_problems", df, geometry=False)
    layer = pg_layer(pg_db, DB, "persons_problems", geometry="")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        f, d = _both(run_alg, "validateextract", {}, str(tmp_path / "persons.csv"), layer,
                     tmp_path)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    a = _frame(f["OUTPUT"], ["problem", "column"])
    b = _frame(d["OUTPUT"], ["problem", "column"])
    assert set(a["problem"]) >= {"wrong_type", "out_of_range", "duplicate_person",
                                 "no_location", "unknown_code"}
    assert (b["example_rows"].fillna("") == "").all() and (a["example_rows"] != "").any()
    cols = ["severity", "problem", "column", "count", "message"]
    _same(a[cols], b[cols])
    for k in ("VERDICT", "BLOCKING", "WARNINGS", "ROWS"):
        assert f[k] == d[k], k
