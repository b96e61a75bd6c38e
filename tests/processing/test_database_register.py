# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostGIS person table is protected across outputs like a file: its releases are recorded
in the same release register (the persons' 64-bit keys, computed on the server) and linked to
earlier releases from files or databases, so the same cells are hidden and differencing a
database output and a file output recovers no one."""
import os

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
)
from tests.redteam.attack_helpers import box, write_areas

DB = PG_DB
A, B, AB = "A00", "A10", "AB"
DATE = "2025-01-01"


@pytest.fixture(scope="module")
def small_area(tmp_path_factory, pg_db):
    """Area A00 with 4 persons next to B (200): published alone (flag A) and merged as AB."""
    tmp = tmp_path_factory.mktemp("dbreg")
    areas = grid_areas(str(tmp / "split.gpkg"), nx=2, ny=1)
    write_areas(str(tmp / "merged.gpkg"), [(AB, [box(0, 0, 1, 1), box(1, 0, 2, 1)])])
    df = persons_frame(areas, [4, 200], dates=(DATE,), seed=11).drop(columns=["area_truth"])
    df.to_csv(tmp / "persons.csv", index=False)
    pg_load_persons(pg_db, DB, "persons_register", df)
    layer = pg_layer(pg_db, DB, "persons_register")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield tmp, layer, df
    QgsProject.instance().removeMapLayer(layer.id())


def _frame(path):
    lyr = QgsVectorLayer(path, "out", "ogr")
    assert lyr.isValid()
    return layer_frame(lyr).sort_values(["area_id", "ref_date"]).reset_index(drop=True)


def _two_runs(run_alg, tmp, layer, first, second, name, pert, alg="computeindicators",
              extra=None):
    """The split geography from ``first`` ('file' or 'db'), then the merged one from
    ``second``, through one new register: both outputs' frames."""
    reg = str(tmp / ("reg_" + name))
    src = {"file": str(tmp / "persons.csv"), "db": layer.id()}
    outs = []
    for geo, how in (("split", first), ("merged", second)):
        params = {"PERSONS": src[how], "AREAS": str(tmp / (geo + ".gpkg")),
                  "AREA_ID_FIELD": "area_id", "PERTURBATION": pert, "REGISTER_MODE": "record",
                  "RELEASE_REGISTER": reg,
                  "OUTPUT": str(tmp / "{}_{}_{}.gpkg".format(name, geo, how))}
        params.update(extra or {})
        res = run_alg(alg, params)
        outs.append(_frame(res["OUTPUT"]))
    assert len([f for f in os.listdir(reg) if f.endswith(".npz")]) == 2
    return outs


def _cells(row):
    return {c: row[c] for c in row.index
            if (c == "residents" or c.endswith(("_num", "_den"))) and not pd.isna(row[c])}


def _recovered(merged, split, df):
    """Cells of AB − B that equal the small area's exact figure (hidden in its own row)."""
    ab = _cells(merged[merged["area_id"] == AB].iloc[0])
    b = _cells(split[split["area_id"] == B].iloc[0])
    small = df[df["x"] < box(1, 0, 2, 1)[0]]
    exact = {"residents": len(small), "nonwestern_num": small["nonwestern"].sum(),
             "convicted_num": small["convicted"].sum(),
             "basic_edu_num": small["basic_edu"].sum()}
    return [c for c, v in exact.items() if c in ab and c in b and v and
            abs((ab[c] - b[c]) - v) < 1e-9]


@pytest.mark.parametrize("pert", ["off", "on"])
def test_database_and_file_runs_through_one_register_hide_the_same_cells(
        run_alg, small_area, pert):
    tmp, layer, df = small_area
    ff = _two_runs(run_alg, tmp, layer, "file", "file", "ff" + pert, pert)
    df_ = _two_runs(run_alg, tmp, layer, "db", "file", "df" + pert, pert)
    fd = _two_runs(run_alg, tmp, layer, "file", "db", "fd" + pert, pert)
    dd = _two_runs(run_alg, tmp, layer, "db", "db", "dd" + pert, pert)
    for other in (df_, fd, dd):
        for a, b in zip(ff, other):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    ab = ff[1][ff[1]["area_id"] == AB]
    assert ab[["residents"] + [c for c in ab.columns if c.endswith("_num")]].isna().any(
        axis=None)  # the register hid what AB − B would give


def test_differencing_a_database_output_and_a_file_output_recovers_nothing(
        run_alg, small_area):
    tmp, layer, df = small_area
    for first, second in (("db", "file"), ("file", "db")):
        split, merged = _two_runs(run_alg, tmp, layer, first, second,
                                  "attack_" + first + second, "off")
        assert _recovered(merged, split, df) == []
    # the attack is real: without the register it recovers the small area
    plain = {}
    for geo, how in (("split", "db"), ("merged", "file")):
        res = run_alg("computeindicators", {
            "PERSONS": {"file": str(tmp / "persons.csv"), "db": layer.id()}[how],
            "AREAS": str(tmp / (geo + ".gpkg")), "AREA_ID_FIELD": "area_id",
            "PERTURBATION": "off", "REGISTER_MODE": "off",
            "OUTPUT": str(tmp / "plain_{}.gpkg".format(geo))})
        plain[geo] = _frame(res["OUTPUT"])
    assert _recovered(plain["merged"], plain["split"], df)


def test_select_only_role_records_and_links_its_releases(run_alg, small_area, pg_db):
    """The register is a folder the user names: a role that may only read the person table
    records its releases there and is linked to a file's."""
    tmp, _layer, _df = small_area
    conn = pg_db.connect(DB)
    cur = conn.cursor()
    cur.execute("DROP ROLE IF EXISTS reg_reader")
    cur.execute("CREATE ROLE reg_reader LOGIN PASSWORD 'reg-reader-7' NOSUPERUSER NOCREATEDB "
                "NOCREATEROLE")
    cur.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    cur.execute("GRANT SELECT ON public.persons_register TO reg_reader")
    conn.close()
    ro = pg_layer(pg_db, DB, "persons_register", user="reg_reader", password="reg-reader-7")
    assert ro.isValid()
    QgsProject.instance().addMapLayer(ro)
    try:
        ff = _two_runs(run_alg, tmp, ro, "file", "file", "ro_ff", "on")
        dd = _two_runs(run_alg, tmp, ro, "db", "file", "ro_df", "on")
        fd = _two_runs(run_alg, tmp, ro, "file", "db", "ro_fd", "on")
        for other in (dd, fd):
            for a, b in zip(ff, other):
                pd.testing.assert_frame_equal(a, b, check_exact=True)
    finally:
        QgsProject.instance().removeMapLayer(ro.id())


def test_register_holds_the_same_keys_from_a_database_as_from_a_file(run_alg, small_area):
    tmp, layer, _df = small_area
    keys = {}
    for how, src in (("file", str(tmp / "persons.csv")), ("db", layer.id())):
        reg = tmp / ("keys_" + how)
        run_alg("computeindicators", {
            "PERSONS": src, "AREAS": str(tmp / "split.gpkg"), "AREA_ID_FIELD": "area_id",
            "REGISTER_MODE": "record", "RELEASE_REGISTER": str(reg),
            "OUTPUT": str(tmp / "keys_{}.gpkg".format(how))})
        (npz,) = [f for f in os.listdir(reg) if f.endswith(".npz")]
        z = np.load(str(reg / npz))
        keys[how] = (list(z["labels"]), z["ptr"].tolist(), z["keys"].tolist(),
                     z["published"].tolist(), z["hidden"].tolist())
    assert keys["file"] == keys["db"]
    assert len(keys["db"][2]) == 2 * 204  # the two areas' and the run's totals' persons


def _sorted(path, keys):
    frame = layer_frame(QgsVectorLayer(path, "out", "ogr"))
    return frame.drop(columns=["fid"], errors="ignore").sort_values(keys).reset_index(
        drop=True)


@pytest.fixture(scope="module")
def demo_db(demo_data, pg_db):
    """The demo municipality in PostGIS."""
    gpkg_to_postgis(pg_db, str(demo_data / "persons.gpkg"), "demo_persons_register")
    layer = pg_layer(pg_db, DB, "demo_persons_register")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield demo_data, layer
    QgsProject.instance().removeMapLayer(layer.id())


def test_group_figures_from_keys_equal_the_files(demo_db):
    """KeyedFigures (the groups' keys sent to the server, their persons aggregated there)
    gives core.pipeline.GroupFigures' table for the same groups: persons of one area and of
    many, several dates, an empty group, a group with a key nobody has (not found)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.core.indicators import builtin_indicators
    from boligsocial_plugin.core.pipeline import GroupFigures, join_persons
    from boligsocial_plugin.qgis_io.layers import read_areas
    from boligsocial_plugin.qgis_io.postgis import KeyedFigures, PostgisPersons

    data_dir, layer = demo_db
    ctx = QgsProcessingContext()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    areas = read_areas(QgsVectorLayer(str(data_dir / "areas.gpkg"), "a", "ogr"), "area_id",
                       "area_name", crs, ctx, QgsProcessingFeedback())
    inds = builtin_indicators()
    data = prepare(pd.read_csv(data_dir / "persons.csv")).data
    joined = join_persons(data, data["x"].to_numpy(), data["y"].to_numpy(), areas.rings,
                          areas.ids)
    rng = np.random.default_rng(5)
    keys = joined.data["person_key"].to_numpy()
    dates = joined.data["ref_date"].astype(str).to_numpy()
    groups = []
    for d in ("2021-01-01", "2023-01-01", "2025-01-01"):
        at = np.nonzero(dates == d)[0]
        inside = at[joined.area[at] == 3]
        others = at[joined.area[at] != 3]
        for pick in (rng.choice(at, 7, replace=False), inside, others[::50],
                     rng.choice(at, 300, replace=False)):
            groups.append((d, np.unique(keys[pick])))
    groups.append(("2024-01-01", np.zeros(0, np.uint64)))
    groups.append(("2022-01-01", np.unique(np.r_[keys[dates == "2022-01-01"][:5],
                                                 np.uint64(12345)])))
    assert all(len(k) for _d, k in groups[:-2])
    ft, ffound = GroupFigures(joined, inds)(groups)
    db = PostgisPersons(layer, {}, ("x", "y"), crs)
    db.start_checks()
    with db.session() as cur:
        run = db._run(cur, areas, inds, None, "refuse", ctx, None)
        dt, dfound = KeyedFigures(cur, db.source, run.grid, inds)(groups)
    assert ffound.tolist() == dfound.tolist() == [True] * (len(groups) - 1) + [False]
    # every figure the protection reads (the nesting columns it reads from the run's table)
    cols = [c for c in ft.columns if c not in ("area_idx", "ref_date") and
            not c.startswith("nest")]
    assert set(cols) <= set(dt.columns) and len(cols) > 20
    pd.testing.assert_frame_equal(ft[cols].reset_index(drop=True).astype(float),
                                  dt[cols].reset_index(drop=True).astype(float),
                                  check_exact=True)
    assert ft["residents"].iloc[-2] == 0 and ft["residents"].iloc[-1] == 5


def test_every_algorithm_in_turn_from_database_and_file_as_from_files(run_alg, demo_db,
                                                                       tmp_path):
    """The demo municipality (five yearly snapshots): computeindicators, monitorcriteria,
    trackchange, assesscriteria, mergesmallareas and the catalogue's indicators, recorded one
    after the other in one register, alternately from the database and from the file, give
    the layers of the same sequence from the file alone (each linked to all before it)."""
    from boligsocial_plugin.core.indicators import catalogue_path

    demo_data, layer = demo_db
    common = {"AREAS": str(demo_data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "REGISTER_MODE": "record"}
    crit = {"NATIONAL_CONVICTION_RATE": 1.1, "REGIONAL_MEAN_INCOME": 380000}
    steps = [("computeindicators", {}, {"OUTPUT": ["area_id", "ref_date"]}),
             ("monitorcriteria", crit, {"OUTPUT": ["area_id"],
                                        "SERIES": ["area_id", "ref_date"]}),
             ("trackchange", {"FROM_DATE": "2022-01-01", "TO_DATE": "2024-01-01"},
              {"OUTPUT": ["area_id"], "SERIES": ["area_id", "ref_date"]}),
             ("assesscriteria", crit, {"OUTPUT": ["area_id"]}),
             ("mergesmallareas", {"MINIMUM": 1500}, {"OUTPUT": ["region_id"]}),
             ("computeindicators", {"INDICATOR_DEFINITIONS": catalogue_path(),
                                    "REF_DATE": "2025-01-01"},
              {"OUTPUT": ["area_id", "ref_date"]})]
    src = {"file": str(demo_data / "persons.gpkg"), "db": layer.id()}
    layers = {}
    if True:
        for name, order in (("files", ["file"] * 6),
                            ("mixed", ["db", "file", "db", "file", "db", "db"])):
            reg = str(tmp_path / ("reg_" + name))
            for k, ((alg, params, sinks), how) in enumerate(zip(steps, order)):
                p = dict(common, RELEASE_REGISTER=reg, PERSONS=src[how], **params)
                p.update({s: str(tmp_path / "{}{}_{}_{}.gpkg".format(alg, k, name, s))
                          for s in sinks})
                res = run_alg(alg, p)
                for s, keys in sinks.items():
                    layers[(name, k, s)] = _sorted(res[s], keys)
            # mergesmallareas records the areas' residents it decided on, then its regions
            assert len([f for f in os.listdir(reg) if f.endswith(".npz")]) == len(steps) + 1
        for (name, k, s), frame in layers.items():
            if name == "mixed":
                pd.testing.assert_frame_equal(layers[("files", k, s)], frame,
                                              check_exact=True, obj="{} {}".format(k, s))


def test_keys_fetched_alongside_are_the_persons_counted(small_area):
    """PostgisPersons.run(keys=True): the rows fetched on the second connection are the
    persons the aggregation counted, with the file's keys; rows that differ are refused."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.qgis_io.layers import read_areas
    from boligsocial_plugin.qgis_io.pgkeys import same_persons
    from boligsocial_plugin.qgis_io.postgis import PostgisPersons

    tmp, layer, df = small_area
    ctx = QgsProcessingContext()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    areas = read_areas(QgsVectorLayer(str(tmp / "split.gpkg"), "a", "ogr"), "area_id",
                       "area_name", crs, ctx, QgsProcessingFeedback())
    db = PostgisPersons(layer, {}, ("x", "y"), crs)
    db.start_checks()
    run = db.run(areas, [], None, "refuse", ctx, keys=True)
    joined = run.joined
    data = prepare(df).data
    assert sorted(joined.data["person_key"].tolist()) == sorted(data["person_key"].tolist())
    assert joined.data["ref_date"].astype(str).unique().tolist() == [DATE]
    assert sorted(np.bincount(joined.area).tolist()) == [4, 200]
    code = joined.area.copy()
    assert same_persons(joined, code, run)
    code[np.nonzero(code == 1)[0][0]] = 0  # a person counted in B recorded in A
    assert not same_persons(joined, code, run)


def test_keys_share_the_aggregations_snapshot_while_the_table_is_written(
        small_area, pg_db, monkeypatch):
    """A person row committed by someone else after the run began (between the aggregation's
    start and the keys' fetch) is in neither: both read one exported snapshot."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    from boligsocial_plugin.qgis_io import pgkeys, postgis
    from boligsocial_plugin.qgis_io.layers import read_areas

    tmp, _layer, _df = small_area
    conn = pg_db.connect(DB)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS persons_written")
    cur.execute("CREATE TABLE persons_written AS SELECT * FROM persons_register")
    cur.execute("ALTER TABLE persons_written ADD PRIMARY KEY (fid)")
    conn.commit()
    layer = pg_layer(pg_db, DB, "persons_written")
    assert layer.isValid()
    fetch = pgkeys.person_rows

    def written_meanwhile(*args, **kw):
        cur.execute("INSERT INTO persons_written SELECT fid + 100000, 'NEW' || person_id, "
                    "ref_date, age, sex, nonwestern, outside_fte, basic_edu, gross_income, "
                    "student, taxpayer, convicted, geom FROM persons_written WHERE fid <= 3")
        conn.commit()
        return fetch(*args, **kw)

    monkeypatch.setattr(pgkeys, "person_rows", written_meanwhile)
    ctx = QgsProcessingContext()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    areas = read_areas(QgsVectorLayer(str(tmp / "split.gpkg"), "a", "ogr"), "area_id",
                       "area_name", crs, ctx, QgsProcessingFeedback())
    db = postgis.PostgisPersons(layer, {}, ("x", "y"), crs)
    db.start_checks()
    run = db.run(areas, [], None, "refuse", ctx, keys=True)
    assert len(run.joined.data) == run.stats.rows_date == 204
    cur.execute("SELECT count(*) FROM persons_written")
    assert cur.fetchone()[0] == 207  # written, but after the run's snapshot
    conn.close()
