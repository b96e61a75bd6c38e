# SPDX-License-Identifier: GPL-2.0-or-later
"""Area layers with problems: invalid, overlapping, duplicate ids, empty, no CRS."""
import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.helpers import layer_frame


def _areas(path, polygons, epsg=25832):
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer("areas", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("area_id", ogr.OFTString))
    for aid, wkt in polygons:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", aid)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    return str(path)


def _persons(path, points):
    rows = [{"person_id": "P{}".format(i), "ref_date": "2025-01-01", "x": x, "y": y, "age": 40,
             "nonwestern": i % 2} for i, (x, y) in enumerate(points)]
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


X0, Y0 = 570000.0, 6220000.0
SQ_A = "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(X0, Y0, X0 + 100, Y0 + 100)
SQ_B = "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(X0 + 50, Y0, X0 + 150,
                                                                     Y0 + 100)


def test_overlapping_areas_are_refused_by_default_and_counted_in_each_when_allowed(
        run_alg, tmp_path):
    areas = _areas(tmp_path / "a.gpkg", [("A", SQ_A), ("B", SQ_B)])
    pts = [(X0 + 10, Y0 + 10)] * 10 + [(X0 + 75, Y0 + 50)] * 10  # 10 only in A, 10 in both
    persons = _persons(tmp_path / "p.csv", pts)
    params = {"PERSONS": persons, "AREAS": areas, "AREA_ID_FIELD": "area_id", "MIN_COUNT": 1,
              "PERTURBATION": "off",
              "MIN_RESIDENTS": 0, "OUTPUT": str(tmp_path / "o.gpkg")}
    with pytest.raises(QgsProcessingException, match=r"A / B.*OVERLAPS=allow"):
        run_alg("computeindicators", params)
    res = run_alg("computeindicators", dict(params, OVERLAPS="allow"))
    got = layer_frame(QgsVectorLayer(res["OUTPUT"], "o", "ogr")).set_index("area_id")
    assert got.loc["A", "residents"] == 20 and got.loc["B", "residents"] == 10
    assert res["PERSONS_READ"] == 20


def test_invalid_area_is_repaired_and_reported(run_alg, tmp_path):
    bowtie = "POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(X0, Y0, X0 + 100,
                                                                         Y0 + 100)
    areas = _areas(tmp_path / "a.gpkg", [("BOW", bowtie), ("OK", SQ_B.replace(
        str(X0 + 50), str(X0 + 200)).replace(str(X0 + 150), str(X0 + 300)))])
    persons = _persons(tmp_path / "p.csv", [(X0 + 10, Y0 + 50)] * 6 + [(X0 + 90, Y0 + 50)] * 6)
    res = run_alg("computeindicators", {"PERTURBATION": "off", "PERSONS": persons, "AREAS": areas,
                                        "AREA_ID_FIELD": "area_id", "MIN_COUNT": 1,
                                        "MIN_RESIDENTS": 0, "OUTPUT": str(tmp_path / "o.gpkg")})
    assert res["AREAS_REPAIRED"] == 1
    got = layer_frame(QgsVectorLayer(res["OUTPUT"], "o", "ogr")).set_index("area_id")
    assert got.loc["BOW", "residents"] == 12  # both lobes of the bow-tie count
    assert res["PERSONS_OUTSIDE"] == 0


@pytest.mark.parametrize("polygons,epsg,needle", [
    ([("A", SQ_A), ("A", SQ_B)], 25832, "occurs more than once"),
    ([], 25832, "empty"),
    ([("A", SQ_A)], None, "coordinate reference system|CRS"),
])
def test_bad_area_layers_give_clear_messages(run_alg, tmp_path, polygons, epsg, needle):
    areas = _areas(tmp_path / "a.gpkg", polygons, epsg)
    persons = _persons(tmp_path / "p.csv", [(X0 + 10, Y0 + 10)] * 5)
    with pytest.raises(QgsProcessingException, match=needle):
        run_alg("computeindicators", {"PERTURBATION": "off", "PERSONS": persons, "AREAS": areas,
                                      "AREA_ID_FIELD": "area_id", "OUTPUT": "memory:"})
