# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:computeindicators: person extract + areas -> indicator layer with discretion."""
from typing import List, Tuple

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.indicators import (
    available_indicators,
    catalogue_path,
    parse_user_indicators,
)
from boligsocial_plugin.core.pipeline import compute
from boligsocial_plugin.core.resultmodel import describe
from boligsocial_plugin.maps.styling import frame_published_values
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm
from boligsocial_plugin.processing.params import date_value, with_help
from boligsocial_plugin.qgis_io.writer import multi_polygon

INDICATOR_DEFINITIONS = "INDICATOR_DEFINITIONS"
OUTPUT = "OUTPUT"


def indicator_field_types(codes: List[str]) -> List[Tuple[str, QVariant.Type]]:
    """Output fields of the indicator layer (stable; README "Data model")."""
    out = [("area_id", QVariant.String), ("area_name", QVariant.String),
           ("ref_date", QVariant.Date), ("residents", QVariant.LongLong)]
    for c in codes:
        out += [(c + "_num", QVariant.Double), (c + "_den", QVariant.Double),
                (c + "_val", QVariant.Double), (c + "_flag", QVariant.String)]
    return out


class ComputeIndicators(BoligsocialAlgorithm):
    """Join persons to areas and compute every indicator with discretion."""

    ALG_ID = "computeindicators"
    DISPLAY = N_("Compute indicators")
    TAGS = N_("indicators,areas,join,discretion,boligsocial,indikatorer,områder")
    HELP = N_(
        "Joins a person extract (one row per resident per reference date) to area polygons and "
        "computes one row per area and reference date with every built-in indicator as C_num "
        "(numerator or sum), C_den (denominator), C_val (percent, or the mean) and C_flag "
        "('' published, P primary suppression, S secondary suppression, A area below the "
        "minimum). Suppressed values are NULL, never 0.<br><br>"
        "<b>Join rules</b>: a person exactly on a boundary shared by two areas is counted once, "
        "in the area to the east (north for an east-west boundary); a person on an outer "
        "boundary is counted in that area. Persons outside every area and rows without "
        "location are counted and reported, never silently dropped. Overlapping areas are "
        "refused by default (the message names them); set 'Overlapping areas' to 'allow' to "
        "count such persons in each area. Invalid area geometries are repaired and "
        "reported. Areas and persons in "
        "different CRSs are transformed.<br><br>"
        "<b>Reference dates</b>: every date in the extract gives its own rows; give a date "
        "to compute one date only. With perturbation a figure shows a new value only when at "
        "least the smallest published count of its persons changed since its last shown value "
        "(the carry rule, walked over every snapshot of the extract, also for one date: a "
        "date shows the value the series shows there); the field figures_as_of gives the date "
        "of the oldest repeated value of the row.<br><br>"
        "<b>Indicators</b>: outside_labour (full-time persons outside the labour market and "
        "education / residents 18-64), nonwestern (/ all), convicted (/ residents 18+), "
        "basic_edu (/ residents 30-59, unknown counts as basic), income (mean gross income of "
        "taxpayers 15-64 not in education), age_0_17, age_18_64, age_65plus, single_parent. "
        "User-defined indicators come from a JSON file; start from the shipped "
        "indicator_catalogue.json.<br><br>"
        "The extract is checked first (see 'Validate person extract'); blocking problems stop "
        "the run with a message saying how to fix them.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them; README "Data model")."""
        common.add_person_parameters(self)
        common.add_ref_date_parameter(self)
        p = QgsProcessingParameterFile(INDICATOR_DEFINITIONS, self.tr(
            "User-defined indicators (JSON)"), extension="json", optional=True)
        p.setHelp(self.tr("Extra indicators computed besides the built-in ones: a JSON list "
                          "of numerator, population and type. Start from {path}.").format(
            path=catalogue_path()))
        self.addParameter(p)
        common.add_discretion_parameters(self)
        common.add_protection_parameters(self)
        common.add_overlaps_parameter(self)
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Indicators"), QgsProcessing.TypeVectorPolygon),
            self.tr("One row per area and reference date with every indicator (C_num, C_den, "
                    "C_val, C_flag); styled. A GeoPackage keeps the style, field names and "
                    "rounding; a .csv file is written for spreadsheets.")))
        for name, label in (("PERSONS_READ", N_("Person rows read")),
                            ("PERSONS_IN_AREAS", N_("Persons in an area")),
                            ("PERSONS_OUTSIDE", N_("Persons outside every area")),
                            ("PERSONS_NO_LOCATION", N_("Persons without location")),
                            ("AREAS_REPAIRED", N_("Repaired area geometries"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def process(self, parameters, context, feedback):
        """Read, check, join, aggregate, protect, write."""
        indicators, ext, x, y, crs, areas, rules = self.inputs(parameters, context, feedback,
                                                               database=True)
        db = self.database  # a PostGIS extract, computed where it is (README "Databases")
        ref_date = date_value(self, parameters, common.REF_DATE, context)
        overlaps = common.overlaps(self, parameters, context)
        feedback.setProgressText(self.tr("Joining persons to areas"))

        def progress(frac: float) -> bool:
            feedback.setProgress(20 + 60 * frac)
            return not feedback.isCanceled()

        pub, record_in = common.publication(self, parameters, context, rules)
        if db is not None:
            res = db.compute(areas, indicators, ref_date or None, overlaps, pub, context,
                             feedback)
        else:
            res = compute(ext.data, x, y, areas.rings, areas.ids, indicators, rules,
                          ref_date or None, overlaps, progress, publication=pub)
        self.check_canceled(feedback)
        common.log_join(feedback, res.stats, res.release)
        if res.stats.joined == 0 and res.stats.rows_date > res.stats.no_location:
            raise QgsProcessingException(self.tr(
                "No person lies in any area. Check that the extract's CRS ({crs}; parameter "
                "PERSONS_CRS for x/y columns) and x/y columns are right and that the areas "
                "cover the persons.").format(crs=crs.authid()))
        codes = [i.code for i in res.indicators]
        # the oldest date whose values a row shows (the carry rule, core.discretion.carry)
        types = indicator_field_types(codes) + [("figures_as_of", QVariant.Date)]
        pub = res.published
        if "figures_as_of" not in pub:  # nothing carried (exact values, one snapshot)
            pub = pub.assign(figures_as_of=pub["ref_date"])
        idx = pub["area_idx"].to_numpy()
        pub = pub.assign(area_id=np.array(areas.ids, dtype=object)[idx],
                         area_name=np.array(areas.names, dtype=object)[idx])
        geoms = [multi_polygon(areas.geometries[i]) for i in idx]
        feedback.setProgressText(self.tr("Writing {n} rows").format(n=len(pub)))
        dest = self.write_layer(parameters, context, feedback, OUTPUT, pub, types, geoms,
                                areas.crs)
        if codes:
            field = "outside_labour_val" if "outside_labour" in codes else codes[0] + "_val"
            self.style_output(dest, field, context, feedback, temporal_dates=True,
                              values=frame_published_values(pub, field))
        common.report_protection(self, res.release, record_in, dest, feedback)
        common.record_run(self, dest, parameters, context, rules, db,
                          perturbation=res.release.result.report["perturbation"],
                          indicators=[describe(i) for i in res.indicators],
                          dates=res.stats.dates)
        totals = res.release.result.totals
        return {OUTPUT: dest, "PERSONS_READ": totals.get("PERSONS_READ"),
                "PERSONS_IN_AREAS": totals.get("PERSONS_IN_AREAS"),
                "PERSONS_OUTSIDE": totals.get("PERSONS_OUTSIDE"),
                "PERSONS_NO_LOCATION": totals.get("PERSONS_NO_LOCATION"),
                "AREAS_REPAIRED": areas.repaired}

    def inputs(self, parameters, context, feedback, database: bool = False):
        """(indicators, extract, x, y, its CRS, areas, discretion rules): the extract read and
        checked, the areas, the indicators the extract allows (built-in and user-defined).

        ``database``: a PostGIS extract is not read but kept in ``self.database`` (a
        qgis_io.postgis.PostgisPersons; extract, x and y are then None)."""
        extra = []
        path = self.parameterAsFile(parameters, INDICATOR_DEFINITIONS, context)
        if path:
            source = self.parameterAsSource(parameters, common.PERSONS, context)
            names = [n.lower() for n in source.fields().names()] if source else []
            with open(path, encoding="utf-8-sig") as f:
                extra = parse_user_indicators(f.read(), names)
        extra_cols = tuple(sorted({c for i in extra for c in i.columns()}))
        feedback.setProgressText(self.tr("Reading the person extract"))
        self.database = common.database_persons(self, parameters, context, feedback,
                                                extra_cols) if database else None
        if self.database is not None:
            ext, x, y, crs = None, None, None, self.database.crs
            columns = self.database.columns
        else:
            ext, x, y, crs = common.load_persons(self, parameters, context, feedback,
                                                 extra=extra_cols)
            common.require_no_blocking(ext, feedback)
            columns = list(ext.data.columns)
        feedback.setProgress(15)
        areas = common.load_areas(self, parameters, context, feedback, crs)
        indicators, skipped = available_indicators(columns, extra)
        self.field_labels = {i.code: (i.label, i.unit) for i in extra}
        if skipped:
            feedback.pushInfo(self.tr("Indicators skipped because the extract lacks their "
                                      "columns: {codes}").format(codes=", ".join(skipped)))
        rules = common.discretion_rules(self, parameters, context)
        return indicators, ext, x, y, crs, areas, rules
