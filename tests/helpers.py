# SPDX-License-Identifier: GPL-2.0-or-later
"""Small synthetic layers and tables for tests (written with GDAL, no QGIS needed)."""
import os
from typing import Dict, List, Sequence, Tuple

import numpy as np
import pandas as pd


def grid_areas(path: str, nx: int = 3, ny: int = 2, size: float = 1000.0,
               x0: float = 570000.0, y0: float = 6220000.0, epsg: int = 25832,
               layer: str = "areas") -> List[Tuple[str, Tuple[float, float, float, float]]]:
    """A GeoPackage of nx*ny square areas A00.. with names; returns (id, bbox) pairs."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(layer, srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("area_id", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("area_name", ogr.OFTString))
    out = []
    for i in range(nx):
        for j in range(ny):
            aid = "A{}{}".format(i, j) if max(nx, ny) <= 10 else "A{:03d}_{:03d}".format(i, j)
            bx = (x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetField("area_id", aid)
            f.SetField("area_name", "Område {} æøå".format(aid))
            f.SetGeometry(ogr.CreateGeometryFromWkt(
                "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(*bx)))
            lyr.CreateFeature(f)
            out.append((aid, bx))
    ds = None
    return out


def persons_frame(areas, n_per_area: Sequence[int], dates=("2025-01-01",), seed: int = 1,
                  ) -> pd.DataFrame:
    """Random persons placed strictly inside the given areas, canonical columns."""
    rng = np.random.default_rng(seed)
    rows: List[Dict] = []
    pid = 0
    for (aid, (xa, ya, xb, yb)), n in zip(areas, n_per_area):
        for _ in range(n):
            pid += 1
            age = int(rng.integers(0, 95))
            for d in dates:
                rows.append({
                    "person_id": "P{:07d}".format(pid), "ref_date": d,
                    "x": float(rng.uniform(xa + 1, xb - 1)),
                    "y": float(rng.uniform(ya + 1, yb - 1)),
                    "age": age, "sex": "M" if rng.random() < 0.5 else "K",
                    "nonwestern": int(rng.random() < 0.3),
                    "outside_fte": float(rng.choice([0, 0, 0, 0.25, 0.5, 1.0])),
                    "basic_edu": int(rng.random() < 0.3),
                    "gross_income": float(rng.integers(0, 600000)),
                    "student": int(18 <= age <= 25 and rng.random() < 0.5),
                    "taxpayer": 1, "convicted": int(rng.random() < 0.05),
                    "area_truth": aid})
    return pd.DataFrame(rows)


def layer_frame(layer) -> pd.DataFrame:
    """All attributes of a layer as a DataFrame, QGIS NULL as None, QDate as ISO text."""
    from qgis.core import NULL

    def conv(v):
        if v is None or v == NULL:
            return None
        if hasattr(v, "toString") and hasattr(v, "isValid"):
            return v.toString("yyyy-MM-dd")
        return v

    names = layer.fields().names()
    rows = [[conv(v) for v in f.attributes()] for f in layer.getFeatures()]
    return pd.DataFrame(rows, columns=names)
