# SPDX-License-Identifier: GPL-2.0-or-later
"""The areas of a database run on the server: each area's geometry in the persons' CRS and
its upload to the session's temporary tables (``bs_area``, ``bs_edge``, ``bs_bbox``), which
the join of core.sqlgen reads."""
from typing import List, Sequence, Tuple

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry

from boligsocial_plugin.core.spatial import rings_from_wkb
from boligsocial_plugin.qgis_io.layers import AreaSet
from boligsocial_plugin.qgis_io.pgsession import load_psycopg2


def join_geometries(areas: AreaSet, crs: QgsCoordinateReferenceSystem,
                    context) -> Tuple[List[bytes], List[bool]]:
    """Each area's WKB in the persons' CRS (transformed as for the file path), and whether
    its rings are exactly the ones the file path joins with (else: the exact test only)."""
    xform = None
    if crs.isValid() and areas.crs.isValid() and areas.crs != crs:
        xform = QgsCoordinateTransform(areas.crs, crs, context.transformContext())
    wkbs, valid = [], []
    for g, rings in zip(areas.geometries, areas.rings):
        jg = QgsGeometry(g)
        if xform is not None and not jg.isNull():
            jg.transform(xform)
        wkb = bytes(jg.asWkb()) if not jg.isNull() and not jg.isEmpty() else b""
        valid.append(bool(wkb) and _same_rings(rings_from_wkb(wkb), rings))
        wkbs.append(wkb)
    return wkbs, valid


def _same_rings(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def upload_areas(cur, wkbs: List[bytes], valid: List[bool], ps, srid: int) -> None:
    """The areas, their edges and bounding boxes as temporary tables (bound parameters)."""
    pg = load_psycopg2()
    cur.execute(
        "CREATE TEMP TABLE bs_area ON COMMIT DROP AS "
        "SELECT u.area::int AS area, ST_SetSRID(ST_GeomFromWKB(u.w), %(srid)s) AS geom, "
        "u.same AS valid FROM unnest(%(area)s::int[], %(wkb)s::bytea[], %(same)s::bool[]) "
        "AS u(area, w, same) WHERE length(u.w) > 0",
        {"srid": int(srid), "area": list(range(len(wkbs))),
         "wkb": [pg.Binary(w) for w in wkbs], "same": valid})
    cur.execute("UPDATE bs_area SET valid = valid AND ST_IsValid(geom)")
    cur.execute(
        "CREATE TEMP TABLE bs_edge ON COMMIT DROP AS SELECT * FROM unnest(%(a)s::int[], "
        "%(x0)s::float8[], %(y0)s::float8[], %(x1)s::float8[], %(y1)s::float8[]) "
        "AS u(area, x0, y0, x1, y1)",
        {"a": ps.edge_area.tolist(), "x0": ps.x0.tolist(), "y0": ps.y0.tolist(),
         "x1": ps.x1.tolist(), "y1": ps.y1.tolist()})
    cur.execute("CREATE INDEX ON bs_edge (area)")
    b = ps.bbox
    ok = np.isfinite(b).all(axis=1)
    cur.execute(
        "CREATE TEMP TABLE bs_bbox ON COMMIT DROP AS SELECT * FROM unnest(%(a)s::int[], "
        "%(x0)s::float8[], %(y0)s::float8[], %(x1)s::float8[], %(y1)s::float8[]) "
        "AS u(area, x0, y0, x1, y1)",
        {"a": np.nonzero(ok)[0].tolist(), "x0": b[ok, 0].tolist(), "y0": b[ok, 1].tolist(),
         "x1": b[ok, 2].tolist(), "y1": b[ok, 3].tolist()})
    cur.execute("ANALYZE bs_area; ANALYZE bs_edge; ANALYZE bs_bbox")
