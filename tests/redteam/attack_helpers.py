# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers of the red-team tests: designed area layers and pseudonym-like person ids."""
import hashlib

X0, Y0, U = 570000.0, 6220000.0, 1000.0


def box(x0, y0, x1, y1):
    """A square-kilometre grid box in EPSG:25832 (x0, y0, x1, y1 in km from the origin)."""
    return (X0 + x0 * U, Y0 + y0 * U, X0 + x1 * U, Y0 + y1 * U)


def write_areas(path, areas, names=False):
    """A GeoPackage of areas, each the union of boxes: [(id, [box, ...]), ...]; ``names``: an
    ``area_name`` field too ("Område <id>")."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    lyr = ds.CreateLayer("areas", srs, ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("area_id", ogr.OFTString))
    if names:
        lyr.CreateField(ogr.FieldDefn("area_name", ogr.OFTString))
    for aid, boxes in areas:
        geom = None
        for b in boxes:
            g = ogr.CreateGeometryFromWkt(
                "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(*b))
            geom = g if geom is None else geom.Union(g)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", aid)
        if names:
            f.SetField("area_name", "Område {}".format(aid))
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        lyr.CreateFeature(f)
    ds = None


def hash_ids(df):
    """The person ids replaced by pseudonym-like hex strings."""
    df = df.copy()
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    return df
