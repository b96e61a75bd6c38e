# SPDX-License-Identifier: GPL-2.0-or-later
"""The same persons from every kind of source give the same numbers."""
import pandas as pd
import pytest
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from tests.helpers import layer_frame

DATE = "2025-01-01"


@pytest.fixture(scope="module")
def one_date(demo_data, tmp_path_factory):
    """The demo's persons on one reference date as CSV (x/y), CSV (address only) and SHP."""
    from osgeo import gdal

    tmp = tmp_path_factory.mktemp("sources")
    df = pd.read_csv(demo_data / "persons.csv", dtype={"person_id": str, "address_id": str})
    df = df[df["ref_date"] == DATE]
    df.to_csv(tmp / "xy.csv", index=False)
    df.drop(columns=["x", "y"]).to_csv(tmp / "address.csv", index=False)
    gdal.VectorTranslate(str(tmp / "persons.shp"), str(demo_data / "persons.gpkg"),
                         where="ref_date = '{}'".format(DATE))
    return tmp, df


def _residents(run_alg, persons, demo_data, **extra):
    params = {"PERSONS": persons, "AREAS": str(demo_data / "areas.gpkg"),
              "AREA_ID_FIELD": "area_id", "MIN_COUNT": 1, "MIN_RESIDENTS": 0,
              "PERTURBATION": "off", "REF_DATE": DATE, "OUTPUT": "memory:"}
    params.update(extra)
    res = run_alg("computeindicators", params)
    out = res["OUTPUT"]
    lyr = out if isinstance(out, QgsVectorLayer) else QgsProject.instance().mapLayer(out)
    if lyr is None:
        from qgis.core import QgsProcessingUtils

        lyr = QgsProcessingUtils.mapLayerFromString(out, None)
    frame = layer_frame(lyr).set_index("area_id")
    return frame[["residents", "nonwestern_num", "outside_labour_num"]].sort_index(), res


def test_every_source_gives_the_same_numbers(run_alg, demo_data, one_date):
    tmp, df = one_date
    base, res = _residents(run_alg, str(tmp / "xy.csv"), demo_data)
    assert res["PERSONS_READ"] == len(df) and res["PERSONS_OUTSIDE"] == 0
    gpkg = QgsVectorLayer(str(demo_data / "persons.gpkg"), "p", "ogr")
    memory = gpkg.materialize(QgsFeatureRequest().setFilterExpression(
        "\"ref_date\" = '{}'".format(DATE)))
    assert memory.providerType() == "memory" and memory.featureCount() == len(df)
    dt = QgsVectorLayer("file://{}?delimiter=,&xField=x&yField=y&crs=EPSG:25832".format(
        tmp / "xy.csv"), "dt", "delimitedtext")
    assert dt.isValid()
    sources = {
        "geopackage (Arrow)": (str(demo_data / "persons.gpkg"), {}),
        "shapefile (Arrow)": (str(tmp / "persons.shp"), {}),
        "memory layer (features)": (memory, {}),
        "delimited text layer": (dt, {}),
        "address ids + address layer": (str(tmp / "address.csv"),
                                        {"ADDRESSES": str(demo_data / "addresses.gpkg"),
                                         "ADDRESS_KEY_FIELD": "address_id"}),
    }
    for name, (src, extra) in sources.items():
        got, _ = _residents(run_alg, src, demo_data, **extra)
        pd.testing.assert_frame_equal(got, base, check_dtype=False, obj=name)


def test_selected_features_only_is_honoured(run_alg, demo_data, one_date):
    tmp, df = one_date
    lyr = QgsVectorLayer(str(tmp / "persons.shp"), "sel", "ogr")
    QgsProject.instance().addMapLayer(lyr)
    try:
        feats = list(lyr.getFeatures())[:500]
        lyr.selectByIds([f.id() for f in feats])
        got, res = _residents(run_alg, QgsProcessingFeatureSourceDefinition(lyr.id(), True),
                              demo_data)
        # only the selection counted: every published residents count is that of the 500
        selected = pd.Series([f["area_id"] for f in feats]).value_counts() \
            if "area_id" in lyr.fields().names() else None
        assert res["PERSONS_READ"] in (500, None)  # None when a tiny area is hidden
        shown = got["residents"].dropna()
        assert 0 < shown.sum() <= 500 and shown.sum() >= 500 - 4 * got["residents"].isna().sum()
        if selected is not None:
            assert (shown == selected.reindex(shown.index).fillna(0)).all()
    finally:
        QgsProject.instance().removeMapLayer(lyr.id())


def test_a_large_geopackage_is_read_in_two_halves_in_the_same_order(demo_data, monkeypatch):
    """Two threads over the halves of the feature ids give the rows of a plain read."""
    import numpy as np
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingFeedback

    from boligsocial_plugin.qgis_io import layers

    lyr = QgsVectorLayer(str(demo_data / "persons.gpkg"), "p", "ogr")
    crs = QgsCoordinateReferenceSystem("EPSG:25832")

    def read():
        return layers.read_person_layer({}, "PERSONS", None, QgsProcessingFeedback(), lyr, lyr,
                                        crs)

    from osgeo import ogr

    whole = read()
    monkeypatch.setattr(layers, "PARALLEL_READ_ROWS", 1000)
    ds = ogr.Open(str(demo_data / "persons.gpkg"))
    assert layers._fid_split(ds, ds.GetLayer(0)) is not None
    halves = read()
    assert whole.how == halves.how == "arrow"
    assert whole.columns.columns == halves.columns.columns and len(whole.columns) > 1000
    for c in whole.columns.columns:
        a, b = whole.columns[c], halves.columns[c]
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), c
