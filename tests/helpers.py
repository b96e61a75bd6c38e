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


def pg_load_persons(cluster, dbname: str, table: str, df: pd.DataFrame, epsg: int = 25832,
                    schema: str = "public", geometry: bool = True) -> None:
    """A person table in PostGIS from a frame (x/y become a point geometry, or stay columns)."""
    conn = cluster.connect(dbname)
    try:
        cur = conn.cursor()
        q = lambda n: '"' + str(n).replace('"', '""') + '"'  # noqa: E731
        cols = [c for c in df.columns if not (geometry and c in ("x", "y"))]
        types = []
        for c in cols:
            s = df[c]
            if c == "ref_date":
                types.append("date")
            elif pd.api.types.is_integer_dtype(s):
                types.append("integer")
            elif pd.api.types.is_float_dtype(s):
                types.append("double precision")
            else:
                types.append("text")
        ddl = ", ".join("{} {}".format(q(c), t) for c, t in zip(cols, types))
        if geometry:
            ddl += ", geom geometry(Point, {})".format(int(epsg))
        cur.execute("CREATE SCHEMA IF NOT EXISTS {}".format(q(schema)))
        cur.execute("DROP TABLE IF EXISTS {}.{}".format(q(schema), q(table)))
        cur.execute("CREATE TABLE {}.{} (fid serial PRIMARY KEY, {})".format(
            q(schema), q(table), ddl))
        values = []
        for rec in df.itertuples(index=False):
            row = [None if (isinstance(v, float) and v != v) else v
                   for c, v in zip(df.columns, rec) if c in cols]
            if geometry:
                x, y = rec.x, rec.y
                row += [None if x != x or y != y else x, None if x != x or y != y else y]
            values.append(row)
        ph = ", ".join(["%s"] * len(cols))
        if geometry:
            ph += ", CASE WHEN %s IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(%s, %s), {}) END" \
                .format(int(epsg))
            values = [r[:-2] + [r[-2], r[-2], r[-1]] for r in values]
            cols_sql = ", ".join(q(c) for c in cols) + ", geom"
        else:
            cols_sql = ", ".join(q(c) for c in cols)
        from psycopg2.extras import execute_batch

        execute_batch(cur, "INSERT INTO {}.{} ({}) VALUES ({})".format(
            q(schema), q(table), cols_sql, ph), values, page_size=2000)
        if geometry:
            cur.execute("CREATE INDEX ON {}.{} USING gist (geom)".format(q(schema), q(table)))
    finally:
        conn.close()


def pg_layer(cluster, dbname: str, table: str, schema: str = "public", geometry: str = "geom",
             user: str = "", password: str = "", authcfg: str = "", sql: str = ""):
    """A QGIS PostGIS layer of a table in the test server."""
    from qgis.core import QgsDataSourceUri, QgsVectorLayer

    uri = QgsDataSourceUri()
    if authcfg:
        uri.setConnection(cluster.host, str(cluster.port), dbname, "", "",
                          QgsDataSourceUri.SslDisable, authcfg)
    else:
        uri.setConnection(cluster.host, str(cluster.port), dbname, user or cluster.user,
                          password if user else cluster.password)
    uri.setDataSource(schema, table, geometry or None, sql, "fid")
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    return layer


def qgis_auth_config(user: str, password: str, name: str = "boligsocial test") -> str:
    """A 'Basic' configuration in QGIS's authentication database; returns its id."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    am = QgsApplication.authManager()
    if not am.masterPasswordIsSet():
        am.setMasterPassword("boligsocial-test-master", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName(name)
    cfg.setConfig("username", user)
    cfg.setConfig("password", password)
    ok, cfg = am.storeAuthenticationConfig(cfg)
    assert ok
    return cfg.id()


#: the database of the throw-away test server (tests/conftest.py ``pg_db``)
PG_DB = "boligsocial_test"


def gpkg_to_postgis(cluster, path: str, table: str) -> None:
    """Copy a GeoPackage's person layer into a table of the test server's database."""
    from osgeo import gdal

    gdal.UseExceptions()
    dsn = "PG:host={} port={} dbname={} user={} password={}".format(
        cluster.host, cluster.port, PG_DB, cluster.user, cluster.password)
    gdal.VectorTranslate(dsn, path, layerName=table, accessMode="overwrite",
                         layerCreationOptions=["GEOMETRY_NAME=geom", "FID=fid"])
