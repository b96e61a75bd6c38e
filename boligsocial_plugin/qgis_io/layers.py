# SPDX-License-Identifier: GPL-2.0-or-later
"""The one bridge between QGIS layers and pandas/numpy.

Person extracts are read columnar where the source allows it (pandas for CSV files, GDAL's
Arrow stream for OGR sources such as GeoPackage and Shapefile) and feature by feature only for
other providers (memory, PostGIS) or when the user limits the input to selected features.
"""
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set, Tuple
from urllib.parse import parse_qs, unquote, urlparse

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from boligsocial_plugin.core.columncodes import to_number
from boligsocial_plugin.core.columns import ColumnTable
from boligsocial_plugin.core.csvread import csv_engine, read_csv_columns
from boligsocial_plugin.core.datamodel import columns_to_read
from boligsocial_plugin.core.errors import BoligsocialError, Cancelled
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.spatial import rings_from_wkb
from boligsocial_plugin.qgis_io.values import is_null, qt_to_py, text


@dataclass
class PersonTable:
    """Raw person rows as read (the needed columns), plus point coordinates when the source
    has them."""

    columns: ColumnTable
    x: Optional[np.ndarray]
    y: Optional[np.ndarray]
    crs: QgsCoordinateReferenceSystem
    how: str  # 'csv', 'arrow', 'features'
    xy_in_frame: bool = False  # the point coordinates are already the frame's x/y columns


@dataclass
class AreaSet:
    """Area polygons with ids and names; rings are in the persons' CRS for the join."""

    ids: List[str]
    names: List[str]
    geometries: List[QgsGeometry]
    rings: List[List[np.ndarray]]
    crs: QgsCoordinateReferenceSystem
    repaired: int = 0
    empty: int = 0
    extra: Dict[str, List[Any]] = field(default_factory=dict)


# --------------------------------------------------------------------------- persons

def _plain_layer(parameters: Dict[str, Any], name: str, layer: Optional[QgsVectorLayer]) -> bool:
    """True when the whole layer is used (no selection, no limit, no subset filter)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
            return False
    return layer is not None and not layer.subsetString()


def _ogr_path(layer: QgsVectorLayer) -> Tuple[str, Optional[str]]:
    parts = layer.source().split("|")
    path = parts[0]
    name = None
    for p in parts[1:]:
        if p.startswith("layername="):
            name = p.split("=", 1)[1]
    return path, name


def read_person_layer(parameters: Dict[str, Any], name: str, context, feedback,
                      layer: Optional[QgsVectorLayer], source,
                      default_crs: QgsCoordinateReferenceSystem,
                      explicit: Optional[Dict[str, str]] = None, extra: Tuple[str, ...] = (),
                      xy: Tuple[str, str] = ("x", "y")) -> PersonTable:
    """Read a person extract from any QGIS source, columnar where possible.

    Only the columns the data model, the x/y fields and ``extra`` (user-defined indicators)
    need are read; direct identifiers never are.
    """
    def keep(names, has_geometry=False, xy_=xy):
        return columns_to_read(names, explicit, has_geometry, extra, xy_)

    if layer is not None and _plain_layer(parameters, name, layer):
        provider = layer.providerType()
        if provider == "ogr":
            path, lname = _ogr_path(layer)
            if os.path.splitext(path)[1].lower() in (".csv", ".txt", ".tsv"):
                feedback.pushInfo(tr("Reading {path} with {engine} (Danish CSV handled).").format(
                    path=path, engine=csv_engine()))
                return PersonTable(read_csv_columns(path, keep), None, None, default_crs, "csv")
            try:
                return _read_arrow(path, lname, layer, default_crs, keep)
            except BoligsocialError:
                raise
            except Exception as e:  # fall back to QGIS iteration on any GDAL surprise
                feedback.pushDebugInfo("Arrow read failed, using features: {}".format(e))
        elif provider == "delimitedtext":
            url = urlparse(layer.source())
            path = unquote(url.path)
            q = parse_qs(url.query)
            xf, yf = q.get("xField", [None])[0], q.get("yField", [None])[0]
            table = read_csv_columns(
                path, lambda names: keep(names, False, (xf or "x", yf or "y")))
            crs = layer.crs() if layer.crs().isValid() else default_crs
            if xf and yf and xf in table and yf in table:
                x, _ = to_number(table[xf])
                y, _ = to_number(table[yf])
                return PersonTable(table, x, y, crs, "csv")
            return PersonTable(table, None, None, crs, "csv")
    return _read_features(source, default_crs, feedback, keep)


def _read_arrow(path: str, lname: Optional[str], layer: QgsVectorLayer,
                default_crs: QgsCoordinateReferenceSystem, keep=None) -> PersonTable:
    """The needed columns through GDAL's Arrow stream, straight into numpy (no DataFrame).

    A large GeoPackage is read by two threads, each over half of the feature ids (GDAL
    releases Python's lock while it reads); the halves are joined in feature id order, the
    order of a plain read.
    """
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(lname) if lname else ds.GetLayer(0)
    has_geom = lyr.GetGeomType() != ogr.wkbNone
    ignored: List[str] = []
    if keep is not None:
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        wanted = set(keep(names, has_geom))
        ignored = [n for n in names if n not in wanted]
    filters: List[Optional[str]] = [None]
    split = _fid_split(ds, lyr)
    if split is not None:
        fid = lyr.GetFIDColumn().replace('"', '""')
        filters = ['"{}" <= {}'.format(fid, split), '"{}" > {}'.format(fid, split)]
    if len(filters) == 1:
        halves = [_arrow_batches(lyr, ignored, has_geom)]
    else:
        from concurrent.futures import ThreadPoolExecutor

        def read_part(where: str) -> _Batches:
            own = ogr.Open(path)  # a dataset per thread
            part = own.GetLayerByName(lname) if lname else own.GetLayer(0)
            part.SetAttributeFilter(where)
            return _arrow_batches(part, ignored, has_geom)

        with ThreadPoolExecutor(max_workers=2) as pool:
            halves = list(pool.map(read_part, filters))
    data: Dict[str, Any] = {}
    for k in list(halves[0].parts):  # column by column, each batch freed once joined
        got = [d for h in halves for d in h.parts.pop(k, [])]
        masks = [m for h in halves for m in h.masks.pop(k, [])]
        raw = np.concatenate(got) if len(got) > 1 else got[0]
        mask = None
        if any(m is not None for m in masks):
            mask = np.concatenate([np.zeros(len(d), dtype=bool) if m is None else m
                                   for d, m in zip(got, masks)])
        del got, masks
        data[k] = _arrow_column(raw, mask)
    geoms = [g for h in halves for g in h.geoms]
    del halves
    crs = layer.crs() if layer.crs().isValid() else default_crs
    n = len(next(iter(data.values()))) if data else sum(len(g) for g in geoms)
    if not has_geom:
        return PersonTable(ColumnTable(data, n), None, None, crs, "arrow")
    x, y = _points_from_wkb(np.concatenate(geoms) if geoms else np.zeros(0, "V21"))
    # the point coordinates are the table's x/y columns
    data = {k: v for k, v in data.items() if str(k).lower() not in ("x", "y")}
    data["x"], data["y"] = x, y
    return PersonTable(ColumnTable(data, len(x)), x, y, crs, "arrow", xy_in_frame=True)


@dataclass
class _Batches:
    """The record batches of an Arrow stream, per column (data and mask of missing values)."""

    parts: Dict[str, List[np.ndarray]] = field(default_factory=dict)
    masks: Dict[str, List[Optional[np.ndarray]]] = field(default_factory=dict)
    geoms: List[np.ndarray] = field(default_factory=list)


def _arrow_batches(lyr, ignored: List[str], has_geom: bool) -> _Batches:
    """Every record batch of a layer (its attribute filter applied) as numpy arrays."""
    geom_col = lyr.GetGeometryColumn() or "geometry"
    fid_col = lyr.GetFIDColumn() or "fid"
    if ignored:
        lyr.SetIgnoredFields(ignored)
    out = _Batches()
    for batch in lyr.GetArrowStreamAsNumPy(["INCLUDE_FID=NO"]):
        for k, v in batch.items():
            if k == fid_col:
                continue
            if has_geom and k in (geom_col, "wkb_geometry", "geometry", "geom"):
                out.geoms.append(v)
                continue
            out.parts.setdefault(k, []).append(np.ma.getdata(v))
            out.masks.setdefault(k, []).append(np.ma.getmaskarray(v)
                                               if np.ma.is_masked(v) else None)
    return out


PARALLEL_READ_ROWS = 200000  # a GeoPackage with more features is read by two threads


def _fid_split(ds, lyr) -> Optional[int]:
    """The feature id that halves a large GeoPackage layer (None: read it in one go)."""
    if ds.GetDriver().GetName() != "GPKG" or not lyr.GetFIDColumn() or \
            lyr.GetFeatureCount() < PARALLEL_READ_ROWS:
        return None
    fid = lyr.GetFIDColumn().replace('"', '""')
    table = lyr.GetName().replace('"', '""')
    ends = []
    for agg in ("MIN", "MAX"):  # one aggregate per query: SQLite then reads one row
        res = ds.ExecuteSQL('SELECT {a}("{f}") FROM "{t}"'.format(a=agg, f=fid, t=table))
        try:
            feat = res.GetNextFeature() if res is not None else None
            if feat is None or feat.GetField(0) is None:
                return None
            ends.append(int(feat.GetField(0)))
        finally:
            if res is not None:
                ds.ReleaseResultSet(res)
    lo, hi = ends
    return (lo + hi) // 2 if hi > lo else None


def _arrow_column(raw: np.ndarray, mask: Optional[np.ndarray]) -> Any:
    """One column of the Arrow stream as prepare() takes it (missing values: NaN, NaT, None)."""
    if raw.dtype.kind == "S":
        if mask is None and 0 < raw.dtype.itemsize <= 64:
            return raw  # fixed-width UTF-8, decoded later on unique values only
        obj = raw.astype(object)
        if mask is not None:
            obj[mask] = None
        return obj
    if raw.dtype.kind == "O":
        s = pd.Series([v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                       for v in raw], dtype=object)
        if mask is not None:
            s[mask] = None
        return s
    if raw.dtype.kind in "iufb":
        if mask is not None or raw.dtype.kind == "b":
            raw = raw.astype(float)
            if mask is not None:
                raw[mask] = np.nan
        return raw
    if raw.dtype.kind == "M":  # date fields stay dates (the checks work on unique values)
        raw = raw.astype("datetime64[ns]")
        if mask is not None:
            raw[mask] = np.datetime64("NaT")
        return raw
    out = pd.Series(raw.astype(str))
    return out.where(~mask) if mask is not None else out


_POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _points_from_wkb(g: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """x, y of point WKB values (fast path for uniform 2D points)."""
    n = len(g)
    if g.dtype.kind == "V" and g.dtype.itemsize == 21:
        rec = np.ascontiguousarray(g).view(_POINT_WKB)
        if n == 0 or (rec["order"] == 1).all():
            return rec["x"].astype(float), rec["y"].astype(float)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    for i, w in enumerate(g):
        if w is None or (hasattr(w, "__len__") and len(w) == 0):
            continue
        geom = QgsGeometry()
        geom.fromWkb(bytes(w))
        if not geom.isEmpty():
            p = geom.centroid().asPoint() if not geom.isMultipart() else \
                geom.asMultiPoint()[0]
            x[i], y[i] = p.x(), p.y()
    return x, y


def _read_features(source, default_crs: QgsCoordinateReferenceSystem, feedback,
                   keep=None) -> PersonTable:
    all_names = source.fields().names()
    has_geom = source.wkbType() not in (QgsWkbTypes.NoGeometry, QgsWkbTypes.Unknown)
    names = list(keep(all_names, has_geom)) if keep is not None else all_names
    req = QgsFeatureRequest()
    req.setSubsetOfAttributes([all_names.index(n) for n in names])
    if not has_geom:
        req.setFlags(QgsFeatureRequest.NoGeometry)
    cols: List[List[Any]] = [[] for _ in names]
    idx = [all_names.index(n) for n in names]
    xs: List[float] = []
    ys: List[float] = []
    total = source.featureCount()
    for i, f in enumerate(source.getFeatures(req)):
        if feedback.isCanceled():
            raise Cancelled()
        attrs = f.attributes()
        attrs = [attrs[i] for i in idx]
        for c, v in zip(cols, attrs):
            c.append(None if is_null(v) else v)
        if has_geom:
            g = f.geometry()
            if g is None or g.isEmpty():
                xs.append(np.nan)
                ys.append(np.nan)
            else:
                p = g.constGet()
                if QgsWkbTypes.flatType(g.wkbType()) == QgsWkbTypes.Point:
                    xs.append(p.x())
                    ys.append(p.y())
                else:
                    c = g.pointOnSurface().asPoint()
                    xs.append(c.x())
                    ys.append(c.y())
        if total > 0 and i % 50000 == 0:
            feedback.setProgress(10.0 * i / total)
    frame = pd.DataFrame({n: pd.Series(c, dtype=object) for n, c in zip(names, cols)})
    for n in names:
        frame[n] = qt_to_py(frame[n])
    crs = source.sourceCrs() if source.sourceCrs().isValid() else default_crs
    table = ColumnTable.of(frame)
    if not has_geom:
        return PersonTable(table, None, None, crs, "features")
    return PersonTable(table, np.asarray(xs, float), np.asarray(ys, float), crs, "features")


# --------------------------------------------------------------------------- addresses

def read_addresses(source, key_field: str, target_crs: QgsCoordinateReferenceSystem,
                   context) -> Tuple[pd.Series, np.ndarray, np.ndarray]:
    """Address keys and coordinates (in the target CRS)."""
    idx = source.fields().lookupField(key_field)
    if idx < 0:
        raise BoligsocialError(tr("The address layer has no field '{f}'. Choose the address key "
                                  "field.").format(f=key_field))
    tr_ = None
    if source.sourceCrs().isValid() and target_crs.isValid() and source.sourceCrs() != target_crs:
        tr_ = QgsCoordinateTransform(source.sourceCrs(), target_crs, context.transformContext())
    keys, xs, ys = [], [], []
    req = QgsFeatureRequest().setSubsetOfAttributes([idx])
    for f in source.getFeatures(req):
        g = f.geometry()
        if g is None or g.isEmpty():
            continue
        if tr_ is not None:
            g = QgsGeometry(g)
            g.transform(tr_)
        p = g.asPoint() if not g.isMultipart() else g.asMultiPoint()[0]
        keys.append(str(f.attribute(idx)).strip().lower())
        xs.append(p.x())
        ys.append(p.y())
    return pd.Series(keys, dtype=object), np.asarray(xs, float), np.asarray(ys, float)


# --------------------------------------------------------------------------- areas

def read_areas(source, id_field: str, name_field: Optional[str],
               join_crs: QgsCoordinateReferenceSystem, context, feedback,
               keep_fields: Tuple[str, ...] = ()) -> AreaSet:
    """Area polygons: ids, names, output geometry (repaired), rings in the join CRS."""
    _check_area_source(source, id_field, name_field)
    crs = source.sourceCrs()
    xform = None
    if join_crs.isValid() and join_crs != crs:
        xform = QgsCoordinateTransform(crs, join_crs, context.transformContext())
        feedback.pushInfo(tr("Areas are in {a} and persons in {p}; areas are transformed for "
                             "the join.").format(a=crs.authid(), p=join_crs.authid()))
    out = AreaSet([], [], [], [], crs)
    for k in keep_fields:
        out.extra[k] = []
    seen: Set[str] = set()
    for f in source.getFeatures():
        if feedback.isCanceled():
            raise Cancelled()
        aid = _area_id(f, id_field, seen)
        g = QgsGeometry(f.geometry())
        rings: List[np.ndarray] = []
        if g.isNull() or g.isEmpty():
            out.empty += 1
        else:
            if not g.isGeosValid():
                g = _repaired(g, aid)
                out.repaired += 1
            if QgsWkbTypes.isCurvedType(g.wkbType()):
                g = QgsGeometry(g.constGet().segmentize())
            rings = _join_rings(g, xform, aid, join_crs, crs)
        out.ids.append(aid)
        out.names.append(text(f.attribute(name_field)) if name_field else "")
        out.geometries.append(g)
        out.rings.append(rings)
        for k in keep_fields:
            out.extra[k].append(f.attribute(k))
    if not out.ids:
        raise BoligsocialError(tr("The area layer is empty. Choose a layer with area polygons."))
    return out


def _check_area_source(source, id_field: str, name_field: Optional[str]) -> None:
    """Refuse an area layer without the fields, without polygons or without a CRS."""
    fields = source.fields()
    if fields.lookupField(id_field) < 0:
        raise BoligsocialError(tr("The area layer has no field '{f}'. Choose the area id field."
                                  ).format(f=id_field))
    if name_field and fields.lookupField(name_field) < 0:
        raise BoligsocialError(tr("The area layer has no field '{f}'.").format(f=name_field))
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PolygonGeometry:
        raise BoligsocialError(tr("The area layer must hold polygons."))
    if not source.sourceCrs().isValid():
        raise BoligsocialError(tr("The area layer has no coordinate reference system. Set its "
                                  "CRS (e.g. EPSG:25832) in the layer properties."))


def _area_id(f: QgsFeature, id_field: str, seen: Set[str]) -> str:
    """The feature's area id as text; refuse an empty or repeated id."""
    aid = f.attribute(id_field)
    if is_null(aid) or str(aid).strip() == "":
        raise BoligsocialError(tr("An area (feature id {fid}) has no value in '{f}'. Every "
                                  "area needs an id.").format(fid=f.id(), f=id_field))
    aid = str(aid).strip()
    if aid in seen:
        raise BoligsocialError(tr("The area id '{id}' occurs more than once in '{f}'. Area ids "
                                  "must be unique (dissolve the areas first).").format(
            id=aid, f=id_field))
    seen.add(aid)
    return aid


def _repaired(g: QgsGeometry, aid: str) -> QgsGeometry:
    """An invalid area geometry made valid (polygons only); refuse one that cannot be."""
    fixed = g.makeValid()
    if fixed.isNull() or fixed.isEmpty():
        raise BoligsocialError(tr("The geometry of area '{id}' is invalid and could "
                                  "not be repaired. Fix it with 'Fix geometries'."
                                  ).format(id=aid))
    if QgsWkbTypes.geometryType(fixed.wkbType()) != QgsWkbTypes.PolygonGeometry:
        fixed = fixed.extractPolygons() if hasattr(fixed, "extractPolygons") else fixed
    return fixed


def _join_rings(g: QgsGeometry, xform: Optional[QgsCoordinateTransform], aid: str,
                join_crs: QgsCoordinateReferenceSystem,
                crs: QgsCoordinateReferenceSystem) -> List[np.ndarray]:
    """The area's rings in the persons' CRS; refuse an area the transform cannot place."""
    jg = QgsGeometry(g)
    if xform is not None:
        jg.transform(xform)
    rings = _rings(jg)
    if any(not np.isfinite(r).all() for r in rings):
        raise BoligsocialError(tr(
            "Area '{id}' cannot be placed in the persons' coordinate reference system "
            "({to}); the area layer says {frm}. Set the right CRS on the area layer "
            "(layer properties) or on the extract (PERSONS_CRS).").format(
            id=aid, to=join_crs.authid(), frm=crs.authid() or crs.description()))
    return rings


def _rings(g: QgsGeometry) -> List[np.ndarray]:
    wkb = g.asWkb()
    try:
        return rings_from_wkb(bytes(wkb))
    except ValueError:
        polys = g.asMultiPolygon() if g.isMultipart() else [g.asPolygon()]
        return [np.array([[p.x(), p.y()] for p in ring]) for poly in polys for ring in poly]


# --------------------------------------------------------------------------- project

def project_layer(layer_id: str) -> Optional[QgsVectorLayer]:
    """A layer of the current project by id."""
    return QgsProject.instance().mapLayer(layer_id)
