# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:exportresults: published results -> the shared relational result model."""
import uuid
from datetime import datetime, timezone

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProviderRegistry,
)

from boligsocial_plugin.core import resultmodel
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.params import with_help
from boligsocial_plugin.qgis_io.runinfo import read_run_info
from boligsocial_plugin.qgis_io.values import is_null, qt_to_py

INDICATORS, CRITERIA = "INDICATORS", "CRITERIA"
MUNICIPALITY, NOTE, TARGET_CRS = "MUNICIPALITY", "NOTE", "TARGET_CRS"
GEOPACKAGE, DATABASE, SCHEMA = "GEOPACKAGE", "DATABASE", "SCHEMA"


class ExportResults(BoligsocialAlgorithm):
    """Write published results into the shared result model (PostGIS or GeoPackage)."""

    ALG_ID = "exportresults"
    DISPLAY = N_("Export results to the shared model")
    TAGS = N_("export,GeoFA,PostGIS,GeoPackage,model,results,eksport,resultater,datamodel")
    HELP = N_(
        "Writes published results (an indicator layer from 'Compute indicators' and/or a "
        "criteria layer from 'Assess state criteria') into the shared relational result model, "
        "so several municipalities can load comparable results into one database (e.g. GeoFA) "
        "and analyse across borders. Tables: bs_run (one row per export: plugin version, "
        "algorithm, source, rule set, discretion rules, perturbation), bs_area (areas with "
        "geometry), bs_indicator (indicator definitions), bs_observation (area, date, "
        "indicator, num, den, val, flag), bs_criterion and bs_category (the state criteria). "
        "README, 'Shared result model', documents every table, key and code in Danish and "
        "English.<br><br>"
        "Only what the published layers show is written: suppressed values stay NULL with "
        "their flag. Each export is a new run (run_id); tables are created when missing and "
        "nothing already there is changed. Give a GeoPackage file or a PostgreSQL connection "
        "(with a schema).")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them)."""
        self.addParameter(with_help(QgsProcessingParameterFeatureSource(
            INDICATORS, self.tr("Indicator layer (from Compute indicators)"),
            [QgsProcessing.TypeVectorPolygon], optional=True), self.tr(
            "A published indicator layer: its values go to bs_observation, its areas to "
            "bs_area, its indicators to bs_indicator.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSource(
            CRITERIA, self.tr("Criteria layer (from Assess state criteria)"),
            [QgsProcessing.TypeVectorPolygon], optional=True), self.tr(
            "A published criteria layer: its values go to bs_criterion and bs_category.")))
        self.addParameter(with_help(QgsProcessingParameterString(
            MUNICIPALITY, self.tr("Municipality (e.g. the municipality code)"), optional=True),
            self.tr("Written with the run, so results of several municipalities can be told "
                    "apart in one database.")))
        self.addParameter(with_help(QgsProcessingParameterString(
            NOTE, self.tr("Note"), optional=True),
            self.tr("Free text written with the run (bs_run.note), e.g. what the run was for.")))
        self.addParameter(advanced(with_help(QgsProcessingParameterCrs(
            TARGET_CRS, self.tr("CRS of the area geometries"), "EPSG:25832", optional=True),
            self.tr("The areas are written in this coordinate reference system, the same for "
                    "every municipality loading into one database (default ETRS89 / UTM 32N)."))))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            GEOPACKAGE, self.tr("GeoPackage (the model's tables are added or appended)"),
            self.tr("GeoPackage (*.gpkg)"), optional=True, createByDefault=False),
            self.tr("Write to this GeoPackage: the tables are created when missing, the run is "
                    "appended.")))
        self.addParameter(with_help(QgsProcessingParameterProviderConnection(
            DATABASE, self.tr("Or: PostgreSQL connection"), "postgres", optional=True),
            self.tr("Write to this PostgreSQL/PostGIS connection of QGIS (its password from the "
                    "authentication database); the role needs the right to create the tables "
                    "in the schema, or to insert into them.")))
        self.addParameter(with_help(QgsProcessingParameterString(
            SCHEMA, self.tr("Database schema"), "boligsocial", optional=True),
            self.tr("The schema of the model's tables in the database (created when missing).")))
        self.addOutput(QgsProcessingOutputString("RUN_ID", self.tr("Run id")))
        self.addOutput(QgsProcessingOutputNumber("OBSERVATIONS", self.tr("Observations")))
        self.addOutput(QgsProcessingOutputNumber("AREAS", self.tr("Areas")))

    def process(self, parameters, context, feedback):
        """Read the published layers, build the model's rows, write them."""
        ind = self.parameterAsSource(parameters, INDICATORS, context)
        crit = self.parameterAsSource(parameters, CRITERIA, context)
        if ind is None and crit is None:
            raise QgsProcessingException(self.tr(
                "Give an indicator layer, a criteria layer or both."))
        gpkg = self.parameterAsFileOutput(parameters, GEOPACKAGE, context)
        conn = self.parameterAsConnectionName(parameters, DATABASE, context)
        if bool(gpkg) == bool(conn):
            raise QgsProcessingException(self.tr(
                "Give either a GeoPackage or a PostgreSQL connection to write to."))
        target = self.parameterAsCrs(parameters, TARGET_CRS, context)
        if not target.isValid():
            target = QgsCoordinateReferenceSystem("EPSG:25832")
        run_id = str(uuid.uuid4())
        tables = {name: None for name in resultmodel.TABLES}
        info = {}
        geoms = {}
        names = {}
        obs = crits = cats = None
        for source, key in ((ind, INDICATORS), (crit, CRITERIA)):
            if source is None:
                continue
            frame, g, n = _read(source, target, context, feedback)
            geoms.update({k: v for k, v in g.items() if k not in geoms})
            names.update({k: v for k, v in n.items() if k not in names})
            recorded = read_run_info(_source_string(parameters, key, context, self)) or {}
            if key == INDICATORS:
                obs = resultmodel.observations(frame, run_id)
                defs = resultmodel.indicator_definitions(
                    resultmodel.indicator_codes(list(frame.columns)), run_id,
                    recorded.get("indicators"))
                info.update({k: v for k, v in recorded.items() if k != "indicators"})
            else:
                crits, cats = resultmodel.criteria(frame, run_id)
                info.setdefault("rule_set", recorded.get("rule_set", ""))
                for k, v in recorded.items():
                    info.setdefault(k, v)
        if not info:
            feedback.pushWarning(self.tr("The layers carry no record of the run that made them "
                                         "(only GeoPackage outputs do); bs_run says less."))
        from boligsocial_plugin.plugin import plugin_version

        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        tables["bs_run"] = resultmodel.run_row(
            run_id, created, plugin_version(), info,
            self.parameterAsString(parameters, MUNICIPALITY, context),
            self.parameterAsString(parameters, NOTE, context), target.authid())
        import pandas as pd

        tables["bs_area"] = pd.DataFrame({"run_id": run_id, "area_id": list(geoms),
                                          "area_name": [names.get(k, "") for k in geoms]})
        empty = {t: pd.DataFrame(columns=[c for c, _t in resultmodel.TABLES[t]])
                 for t in resultmodel.TABLES}
        tables["bs_indicator"] = defs if obs is not None else empty["bs_indicator"]
        tables["bs_observation"] = obs if obs is not None else empty["bs_observation"]
        tables["bs_criterion"] = crits if crits is not None else empty["bs_criterion"]
        tables["bs_category"] = cats if cats is not None else empty["bs_category"]
        epsg = int(target.postgisSrid() or 25832)
        try:
            if gpkg:
                from boligsocial_plugin.qgis_io.resultstore import write_geopackage

                write_geopackage(gpkg, tables, geoms, epsg)
                where = gpkg
            else:
                where = _write_database(conn, self.parameterAsString(parameters, SCHEMA,
                                                                     context) or "boligsocial",
                                        tables, geoms, epsg, feedback)
        except BoligsocialError:
            raise
        n_obs = len(tables["bs_observation"])
        feedback.pushInfo(self.tr("Run {id}: {a} areas, {o} observations, {c} criteria rows "
                                  "written to {where}.").format(
            id=run_id, a=len(geoms), o=n_obs, c=len(tables["bs_criterion"]), where=where))
        return {"RUN_ID": run_id, "OBSERVATIONS": n_obs, "AREAS": len(geoms)}


def _source_string(parameters, name, context, alg) -> str:
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    return layer.source() if layer is not None else ""


def _read(source, target, context, feedback):
    """A published layer's attributes, and each area's geometry (WKB) and name."""
    import pandas as pd

    names = source.fields().names()
    xform = None
    if source.sourceCrs().isValid() and source.sourceCrs() != target:
        xform = QgsCoordinateTransform(source.sourceCrs(), target, context.transformContext())
    rows, geoms, labels = [], {}, {}
    for f in source.getFeatures():
        if feedback.isCanceled():
            break
        rows.append([None if is_null(v) else v for v in f.attributes()])
        aid = str(f["area_id"]) if "area_id" in names else ""
        if aid and aid not in geoms:
            g = QgsGeometry(f.geometry())
            if not g.isNull():
                if xform is not None:
                    g.transform(xform)
                g.convertToMultiType()
                geoms[aid] = bytes(g.asWkb())
            else:
                geoms[aid] = None
            labels[aid] = str(f["area_name"]) if "area_name" in names and \
                f["area_name"] is not None else ""
    frame = pd.DataFrame(rows, columns=names)
    for c in frame.columns:
        frame[c] = qt_to_py(frame[c])
    return frame, geoms, labels


def _write_database(name: str, schema: str, tables, geoms, epsg: int, feedback) -> str:
    """Append the tables to a PostGIS schema through a QGIS connection (its credentials)."""
    from boligsocial_plugin.qgis_io.pgsession import (
        clean_error,
        connection_parameters,
        load_psycopg2,
    )
    from boligsocial_plugin.qgis_io.resultstore import binary_geoms, write_postgis

    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        conn = md.createConnection(name)
    except Exception as e:  # noqa: BLE001 - QGIS raises its own exception type
        raise BoligsocialError(str(e)) from e
    pg = load_psycopg2()
    try:
        db = pg.connect(**connection_parameters(QgsDataSourceUri(conn.uri())))
    except pg.Error as e:
        raise BoligsocialError("{}: {}".format(name, clean_error(e))) from e
    try:
        write_postgis(db.cursor(), schema, tables, binary_geoms(geoms), epsg)
        db.commit()
    except pg.Error as e:
        db.rollback()
        raise BoligsocialError(clean_error(e)) from e
    finally:
        db.close()
    return "{} ({})".format(name, schema)
