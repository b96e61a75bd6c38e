# SPDX-License-Identifier: GPL-2.0-or-later
"""analysemoves from a PostGIS person table uses the release register like the file path:
the persons' keys with their places at both dates (computed on the server, one binary COPY)
are recorded and linked, so database -> file and file -> database hide the same cells as
file -> file (a real PostgreSQL 15 + PostGIS 3 started for the tests)."""
import os

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProject

from tests.helpers import PG_DB, pg_layer, pg_load_persons
from tests.processing.test_database_algorithms import _frame, _same, moves_db  # noqa: F401
from tests.redteam.attack_helpers import write_areas
from tests.redteam.test_moves_with_series import FD, TD, _persons


@pytest.fixture(scope="module")
def series_db(tmp_path_factory, pg_db):
    """The red team's moves (tests/redteam/test_moves_with_series.py) in PostGIS."""
    tmp = tmp_path_factory.mktemp("moves_register_db")
    boxes, df = _persons()
    df.to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [(a, [b]) for a, b in boxes])
    pg_load_persons(pg_db, PG_DB, "moves_register_persons", df)
    layer = pg_layer(pg_db, PG_DB, "moves_register_persons")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield tmp, layer
    QgsProject.instance().removeMapLayer(layer.id())


def test_move_persons_equal_to_the_file_path(moves_db):  # noqa: F811
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsVectorLayer,
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
    inds = [i for i in builtin_indicators() if i.code in ("nonwestern", "income",
                                                          "outside_labour")]
    data = prepare(pd.read_csv(tmp / "persons.csv")).data
    f = analyse(data, data["x"].to_numpy(), data["y"].to_numpy(), areas.rings, areas.ids,
                inds)
    db = PostgisPersons(layer, {}, ("x", "y"), crs)
    db.start_checks(ignore=("duplicate_person",))
    d = db.moves(areas, inds, None, None, ctx, keys=True)
    assert db.moves(areas, inds, None, None, ctx).persons is None  # without the register
    for side in ("to", "from"):
        fk, dk = getattr(f.persons, "key_" + side), getattr(d.persons, "key_" + side)
        fo, do = np.argsort(fk), np.argsort(dk)
        assert np.array_equal(fk[fo], dk[do])
        other = "prev_to" if side == "to" else "next_from"
        assert np.array_equal(getattr(f.persons, "area_" + side)[fo],
                              getattr(d.persons, "area_" + side)[do])
        assert np.array_equal(np.maximum(getattr(f.persons, other)[fo], -1),
                              np.maximum(getattr(d.persons, other)[do], -1))
        # the elevator profiles' cell state: the same contribution codes (income, full-time
        # shares: hashed values) from the server as from the file
        fc, dc = getattr(f.persons, "codes_" + side), getattr(d.persons, "codes_" + side)
        assert fc.shape == (len(fk), 7) and (fc[:, 5] > 1).any()  # income
        assert np.array_equal(fc[fo], dc[do])


def _run(run_alg, tmp, layer, first, second, name):
    """An indicator layer at TO_DATE and the moves through one new register, from ``first``
    and ``second`` ('file' or 'db'); the moves first when ``name`` says so."""
    reg = str(tmp / ("reg_" + name))
    src = {"file": str(tmp / "persons.csv"), "db": layer.id()}
    common = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
              "REGISTER_MODE": "record", "RELEASE_REGISTER": reg}
    moves = dict(common, FROM_DATE=FD, TO_DATE=TD, OUTPUT=str(tmp / (name + "_moves.gpkg")),
                 FLOWS=str(tmp / (name + "_flows.gpkg")))
    layer_p = dict(common, REF_DATE=TD, OUTPUT=str(tmp / (name + "_layer.gpkg")))
    steps = [("computeindicators", layer_p), ("analysemoves", moves)]
    if name.startswith("moves"):
        steps = steps[::-1]
    out = {}
    for (alg, params), how in zip(steps, (first, second)):
        res = run_alg(alg, dict(params, PERSONS=src[how]))
        out[alg] = res
    assert len([f for f in os.listdir(reg) if f.endswith(".npz")]) == 2
    return (_frame(out["analysemoves"]["OUTPUT"], ["area_id"]),
            _frame(out["analysemoves"]["FLOWS"], ["from_area", "to_area"]),
            _frame(out["computeindicators"]["OUTPUT"], ["area_id"]))


@pytest.mark.parametrize("order", ["layer then moves", "moves then layer"])
def test_database_and_file_through_one_register_hide_the_same_cells(run_alg, series_db,
                                                                   order):
    tmp, layer = series_db
    tag = order.split()[0]
    ff = _run(run_alg, tmp, layer, "file", "file", tag + "_ff")
    for first, second in (("db", "file"), ("file", "db"), ("db", "db")):
        other = _run(run_alg, tmp, layer, first, second, "{}_{}{}".format(tag, first, second))
        for a, b in zip(ff, other):  # the moves, their flows and the indicator layer
            _same(a, b)
