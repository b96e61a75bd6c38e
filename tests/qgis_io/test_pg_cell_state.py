# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule across runs (core.discretion.carrystate) from a PostGIS person table: the
cell state's one-byte contribution codes are computed on the server with the formula numpy
uses for a file, so a database run records and binds cell states as a file run does."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.register import state_of_npz
from tests.helpers import PG_DB
from tests.redteam.attack_helpers import write_areas

DB = PG_DB


def test_hash_int64_is_postgresqls_hashint8extended(pg_db):
    from boligsocial_plugin.core.discretion.carrystate import CODE_SEEDS, contribution_codes
    from boligsocial_plugin.core.personkeys import hash_int64, signed

    keys = [0, 1, -1, 2, 42, -42, 2**31, 2**32, 2**32 + 5, 2**62 + 7, 2**63 - 1, -2**63,
            -(2**40) - 3, 2**63 + 12345, 2**64 - 2, 0x626F6C6967736F63, 0xDEADBEEFCAFEBABE]
    signed_keys = [signed(k) for k in keys]
    seeds = [0, 1, CODE_SEEDS[0], CODE_SEEDS[1], -5, 2**63 + 99]
    conn = pg_db.connect(DB)
    try:
        cur = conn.cursor()
        for seed in seeds:
            cur.execute("SELECT hashint8extended(k, %s) FROM unnest(%s::int8[]) "
                        "WITH ORDINALITY u(k, i) ORDER BY i", (signed(seed), signed_keys))
            got = np.array([r[0] for r in cur.fetchall()], dtype=np.int64).view(np.uint64)
            want = hash_int64(np.array([k % 2**64 for k in keys], dtype=np.uint64), seed)
            assert np.array_equal(got, want), seed
        # the contribution code: numpy's and SQL's
        # 0.0078125 and 0.0234375: exactly half way at 1e-6 (both round half to even)
        values = [0.5, 1.0, 1e6 + 0.25, 123456.789, -3.5, 0.1234565, 2.0000005, 0.0078125,
                  0.0234375, -0.0078125]
        for v in values:
            cur.execute("SELECT (CASE WHEN %s::float8 = 1 THEN 1 ELSE (hashint8extended(k # "
                        "hashint8extended(round(%s::float8 * 1000000.0)::bigint, %s), %s) "
                        "& 127) + 2 END)::int "
                        "FROM unnest(%s::int8[]) WITH ORDINALITY u(k, i) ORDER BY i",
                        (v, v, CODE_SEEDS[0], CODE_SEEDS[1], signed_keys))
            got = np.array([r[0] for r in cur.fetchall()])
            want = contribution_codes(np.array([k % 2**64 for k in keys], dtype=np.uint64),
                                      np.full(len(keys), v))
            assert np.array_equal(got, want.astype(int)), v
    finally:
        conn.close()


# --------------------------------------------------------------------------- yearly extracts
# The scenario of tests/processing/test_single_date_carry.py (``yearly``): one extract a year,
# the d2 extract knows nothing of d1; a newcomer joins block H at d2. A database run refuses
# overlapping areas, so the geographies H ∪ B_k around the newcomer come one per layer (and
# run), all through one register.

D1, D2 = "2025-01-01", "2025-02-01"
K = 4
SIZE = 1000.0
X0, Y0 = 570000.0, 6220000.0


def _block(i):
    return (X0 + 2 * i * SIZE, Y0, X0 + (2 * i + 1) * SIZE, Y0 + SIZE)


def _areas(path, areas):
    """A GeoPackage of (id, [blocks]) multipolygons."""
    write_areas(path, [(aid, [_block(i) for i in blocks]) for aid, blocks in areas], names=True)


@pytest.fixture(scope="module")
def extracts(tmp_path_factory, pg_db):
    """The d1 and d2 extracts as CSV files and PostGIS tables; the geographies G_k = H ∪ B_k
    (one per layer) and a layer of areas that do not overlap (M)."""

    from tests.helpers import persons_frame, pg_load_persons

    tmp = tmp_path_factory.mktemp("pg_cell_state")
    for k in range(K):
        _areas(str(tmp / "g{}.gpkg".format(k)), [("G{}".format(k), [0, k + 1])])
    _areas(str(tmp / "m.gpkg"), [("M0", [0, 1]), ("M1", [2]), ("M2", [3, 4])])
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=11)
    base["convicted"] = (np.arange(len(base)) % 4 == 0).astype(int)
    newcomer = base[base["area_truth"] == "H"].head(1).assign(
        ref_date=D2, person_id="NEWCOMER", age=40, convicted=1, nonwestern=1, basic_edu=1,
        gross_income=412345.678)
    second = pd.concat([base.assign(ref_date=D2), newcomer], ignore_index=True)
    tables = {}
    for name, df in (("d1", base), ("d2", second)):
        df = df.drop(columns=["area_truth"])
        df.to_csv(tmp / "{}.csv".format(name), index=False)
        pg_load_persons(pg_db, DB, "cs_" + name, df)
        tables[name] = "cs_" + name
    return tmp, tables


def _run(run_alg, tmp, persons, areas, register, name):
    from tests.test_leaks import gpkg_rows

    res = run_alg("computeindicators", dict(
        PERSONS=persons, AREAS=str(tmp / areas), AREA_ID_FIELD="area_id",
        AREA_NAME_FIELD="area_name", RELEASE_REGISTER=str(tmp / register),
        OUTPUT=str(tmp / "{}.gpkg".format(name))))
    return gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()


@pytest.fixture(scope="module")
def layers(extracts, pg_db, provider):
    """The persons as QGIS PostGIS layers (in the project while the module runs)."""
    from qgis.core import QgsProject

    from tests.helpers import pg_layer

    tmp, tables = extracts
    out = {}
    for name, table in tables.items():
        layer = pg_layer(pg_db, DB, table)
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        out[name] = layer.id()
    out["d1.csv"], out["d2.csv"] = str(tmp / "d1.csv"), str(tmp / "d2.csv")
    yield tmp, out
    for name in tables:
        QgsProject.instance().removeMapLayer(out[name])


def _cells(frame):
    return ["residents"] + [c for c in frame.columns if c.endswith(("_num", "_den"))]


def test_a_database_extract_of_one_later_date_repeats_the_registered_values(
        run_alg, layers):
    """Each geography's d2 layer from the d2 table repeats the d1 layer's values (from the
    d1 table, through one register): one person changed, fewer than MIN_COUNT."""
    tmp, src = layers
    firsts = {k: _run(run_alg, tmp, src["d1"], "g{}.gpkg".format(k), "reg_db", "db1_{}".format(k))
              for k in range(K)}
    compared = 0
    for k in range(K):
        a = firsts[k]
        b = _run(run_alg, tmp, src["d2"], "g{}.gpkg".format(k), "reg_db", "db2_{}".format(k))
        assert list(b["ref_date"].astype(str).unique()) == [D2]
        for c in _cells(a):
            both = a[c].notna() & b[c].notna()
            compared += int(both.sum())
            assert (a.loc[both, c] == b.loc[both, c]).all(), (k, c, a[c].tolist(), b[c].tolist())
        assert b["residents"].notna().all()
        assert (b["figures_as_of"].astype(str) == D1).all(), b["figures_as_of"].tolist()
    assert compared >= K * 10
    # the control: another register gives the d2 layers fresh noise (a new copy each)
    diffs = []
    for k in range(K):
        a = firsts[k]
        b = _run(run_alg, tmp, src["d2"], "g{}.gpkg".format(k), "reg_alone_{}".format(k),
                 "alone_{}".format(k))
        diffs += [float(b[c].iloc[0] - a[c].iloc[0]) for c in _cells(a)
                  if pd.notna(a[c].iloc[0]) and pd.notna(b[c].iloc[0])]
    assert np.count_nonzero(diffs) >= K


def _states(folder):
    """The cell states a register recorded, per release (in the order of their outputs'
    names): (rows, ptr, keys, codes, values)."""
    import glob
    import json
    import os

    out = {}
    for meta in glob.glob(os.path.join(folder, "*.json")):
        with open(meta) as f:
            name = os.path.basename(json.load(f)["output"])
        z = np.load(meta[:-5] + ".npz", allow_pickle=False)
        rows, ptr, keys, codes = state_of_npz(z)
        out[name] = (rows, ptr, keys, codes, z["cs_values"])
    return [out[k] for k in sorted(out)]


@pytest.fixture(scope="module")
def file_runs(layers, provider):
    """d1 then d2 from the files through one register."""
    from tests.conftest import ensure_provider

    ensure_provider()
    tmp, src = layers
    return [_run_plain(tmp, src[d + ".csv"], "reg_ff", "ff_" + d) for d in ("d1", "d2")]


def _run_plain(tmp, persons, register, name):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    from tests.test_leaks import gpkg_rows

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    res = processing.run("boligsocial:computeindicators", dict(
        PERSONS=persons, AREAS=str(tmp / "m.gpkg"), AREA_ID_FIELD="area_id",
        AREA_NAME_FIELD="area_name", RELEASE_REGISTER=str(tmp / register),
        OUTPUT=str(tmp / "{}.gpkg".format(name))), context=ctx)
    return gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()


@pytest.mark.parametrize("engines", [("db", "db"), ("file", "db"), ("db", "file")])
def test_file_and_database_runs_through_one_register_are_two_file_runs(
        run_alg, layers, file_runs, engines):
    """d1 then d2 through one register from any mix of file and database gives what two file
    runs give: the same layers and the same recorded cell states (codes equal across
    engines)."""
    tmp, src = layers
    how = {"file": "{}.csv", "db": "{}"}
    ref = file_runs
    tag = "".join(e[0] for e in engines)
    got = [_run(run_alg, tmp, src[how[e].format(d)], "m.gpkg", "reg_" + tag,
                "{}_{}".format(tag, d)) for e, d in zip(engines, ("d1", "d2"))]
    for a, b in zip(ref, got):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    # M0 (H ∪ B0, the newcomer) repeats d1's residents: the binding happened
    assert ref[1].loc["M0", "residents"] == ref[0].loc["M0", "residents"]
    assert str(ref[1].loc["M0", "figures_as_of"]) == D1
    fs, gs = _states(str(tmp / "reg_ff")), _states(str(tmp / ("reg_" + tag)))
    assert len(fs) == len(gs) == 2
    for f, g in zip(fs, gs):
        for x, y in zip(f, g):
            np.testing.assert_array_equal(x, y)
        assert f[3].shape[1] >= 3 and (f[3][:, 1:] > 1).any()  # contribution codes


def _criteria(run_alg, tmp, persons, date, register, name):
    from tests.test_leaks import gpkg_rows

    res = run_alg("assesscriteria", {
        "PERSONS": persons, "AREAS": str(tmp / "m.gpkg"), "AREA_ID_FIELD": "area_id",
        "AREA_NAME_FIELD": "area_name", "RELEASE_REGISTER": str(tmp / register),
        "ASSESSMENT_DATE": date, "REGIONAL_MEAN_INCOME": 300000.0,
        "NATIONAL_CONVICTION_RATE": 1.0, "OUTPUT": str(tmp / "{}.gpkg".format(name))})
    return gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()


def test_criteria_layers_from_a_file_then_a_database_are_two_file_runs(run_alg, layers):
    """assesscriteria of d1 from the file, then of d2 from the database, through one register:
    the layers of two file runs (d2's residents repeat d1's where the newcomer alone came)."""
    tmp, src = layers
    ff = [_criteria(run_alg, tmp, src[d + ".csv"], date, "reg_cff", "cff_" + d)
          for d, date in (("d1", D1), ("d2", D2))]
    fd = [_criteria(run_alg, tmp, src["d1.csv"], D1, "reg_cfd", "cfd_d1"),
          _criteria(run_alg, tmp, src["d2"], D2, "reg_cfd", "cfd_d2")]
    for a, b in zip(ff, fd):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert ff[1].loc["M0", "residents"] == ff[0].loc["M0", "residents"]
