# SPDX-License-Identifier: GPL-2.0-or-later
"""Writing the shared result model (core.resultmodel) into a GeoPackage or a PostGIS schema.

Tables are created when missing (with their keys) and rows are appended in one transaction;
every value is a bound parameter, every name quoted. A run that is already there is refused
(its key exists), so nothing is ever overwritten.
"""
from typing import Dict, List, Optional

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.resultmodel import GEOMETRY, INTEGER, KEYS_OF, REAL, TABLES
from boligsocial_plugin.core.sqlgen import ident


def _py(v):
    """A cell as a plain Python value (None for NULL/NaN)."""
    if v is None:
        return None
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    return v


def write_geopackage(path: str, tables: Dict[str, pd.DataFrame], geoms: Dict[str, bytes],
                     epsg: int) -> None:
    """Append the tables to a GeoPackage (created when missing); bs_area gets the geometry."""
    import os

    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.Open(path, 1) if os.path.exists(path) else \
        ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(epsg))
    types = {INTEGER: ogr.OFTInteger64, REAL: ogr.OFTReal}
    try:
        for name, cols in TABLES.items():
            if ds.GetLayerByName(name) is None:
                geom = any(t == GEOMETRY for _c, t in cols)
                lyr = ds.CreateLayer(name, srs if geom else None,
                                     ogr.wkbMultiPolygon if geom else ogr.wkbNone,
                                     ["GEOMETRY_NAME=geom"] if geom else [])
                for c, t in cols:
                    if t != GEOMETRY:
                        lyr.CreateField(ogr.FieldDefn(c, types.get(t, ogr.OFTString)))
                ds.ExecuteSQL('CREATE UNIQUE INDEX IF NOT EXISTS "{n}_key" ON "{n}" ({k})'.format(
                    n=name, k=", ".join('"{}"'.format(k) for k in KEYS_OF[name])))
        run = tables["bs_run"]["run_id"].iloc[0]
        lyr = ds.GetLayerByName("bs_run")
        lyr.SetAttributeFilter("run_id = '{}'".format(str(run).replace("'", "''")))
        if lyr.GetFeatureCount() > 0:
            raise BoligsocialError(tr("The run {id} is already in {path}.").format(
                id=run, path=path))
        lyr.SetAttributeFilter(None)
        ds.StartTransaction()
        for name, frame in tables.items():
            lyr = ds.GetLayerByName(name)
            cols = [c for c, t in TABLES[name] if t != GEOMETRY]
            for rec in frame[cols].itertuples(index=False):
                f = ogr.Feature(lyr.GetLayerDefn())
                for c, v in zip(cols, rec):
                    v = _py(v)
                    if v is not None:
                        f.SetField(c, v)
                if name == "bs_area" and geoms.get(rec[1]):
                    f.SetGeometry(ogr.CreateGeometryFromWkb(geoms[rec[1]]))
                lyr.CreateFeature(f)
        ds.CommitTransaction()
    finally:
        ds = None


def write_postgis(cur, schema: str, tables: Dict[str, pd.DataFrame], geoms: Dict[str, bytes],
                  epsg: int) -> None:
    """Append the tables to a PostGIS schema (created when missing), one transaction."""
    from psycopg2.extras import execute_values

    sch = ident(schema)
    cur.execute("CREATE SCHEMA IF NOT EXISTS " + sch)
    pg = {INTEGER: "bigint", REAL: "double precision", GEOMETRY:
          "geometry(MultiPolygon, {})".format(int(epsg))}
    for name, cols in TABLES.items():
        cur.execute("CREATE TABLE IF NOT EXISTS {}.{} ({}, PRIMARY KEY ({}))".format(
            sch, ident(name), ", ".join("{} {}".format(ident(c), pg.get(t, "text"))
                                        for c, t in cols),
            ", ".join(ident(k) for k in KEYS_OF[name])))
    run = str(tables["bs_run"]["run_id"].iloc[0])
    cur.execute("SELECT 1 FROM {}.bs_run WHERE run_id = %s".format(sch), (run,))
    if cur.fetchone():
        raise BoligsocialError(tr("The run {id} is already in the schema {schema}.").format(
            id=run, schema=schema))
    for name, frame in tables.items():
        cols = [c for c, _t in TABLES[name]]
        rows: List[tuple] = []
        for rec in frame[[c for c, t in TABLES[name] if t != GEOMETRY]].itertuples(index=False):
            vals = [_py(v) for v in rec]
            if name == "bs_area":
                vals.append(geoms.get(rec[1]))
            rows.append(tuple(vals))
        if not rows:
            continue
        template = None
        if name == "bs_area":
            template = "(%s, %s, %s, ST_Multi(ST_SetSRID(ST_GeomFromWKB(%s), {})))".format(
                int(epsg))
        execute_values(cur, "INSERT INTO {}.{} ({}) VALUES %s".format(
            sch, ident(name), ", ".join(ident(c) for c in cols)), rows, template=template,
            page_size=1000)


def binary_geoms(geoms: Dict[str, Optional[bytes]]):
    """Area geometries for psycopg2 (bytea parameters)."""
    import psycopg2

    return {k: (psycopg2.Binary(v) if v else None) for k, v in geoms.items()}
