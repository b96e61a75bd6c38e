# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:assesscriteria: person snapshots + areas -> state-criteria layer with margins."""
import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.criteria import (
    DEFAULT_RULE_SET,
    INDICATOR_CODES,
    RULE_SETS,
    Margins,
    assess_criteria,
    output_fields,
    protect_criteria,
    release_indicators,
    rule_set_label,
)
from boligsocial_plugin.core.discretion.carry import carry_release, shown_dates_of
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.indicators import aggregate
from boligsocial_plugin.core.pipeline import join_persons
from boligsocial_plugin.maps.styling import style_output
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.params import date_value, enum_parameter, with_help
from boligsocial_plugin.qgis_io.writer import fields_for, multi_polygon, write_frame

RULE_SET = "RULE_SET"
NATIONAL_CONVICTION_RATE = "NATIONAL_CONVICTION_RATE"
REGIONAL_MEAN_INCOME = "REGIONAL_MEAN_INCOME"
ASSESSMENT_DATE = "ASSESSMENT_DATE"
HISTORY = "HISTORY"
AT_RISK_POINTS = "AT_RISK_POINTS"
AT_RISK_RELATIVE = "AT_RISK_RELATIVE"
OUTPUT = "OUTPUT"
CRITERIA_CODES = tuple(INDICATOR_CODES.values())  # the indicators the criteria are built on
QTYPES = {"str": QVariant.String, "int": QVariant.LongLong, "float": QVariant.Double}


class AssessCriteria(BoligsocialAlgorithm):
    """Assess every area against the state's lists, with margins and explanations."""

    ALG_ID = "assesscriteria"
    DISPLAY = N_("Assess state criteria")
    TAGS = N_("criteria,udsat,parallelsamfund,forebyggelse,ghetto,almenboligloven,kriterier")
    HELP = N_(
        "Assesses every area against the state's criteria for udsatte boligområder, "
        "parallelsamfund, omdannelsesområder and forebyggelsesområder (almenboligloven "
        "§ 61 a and § 61 b). Needs a person extract with at least two yearly snapshots "
        "(e.g. 1 January this year and last year) because outside the labour market and "
        "convictions are two-year averages; a missing previous year is reported and the "
        "single-year value used.<br><br>"
        "One row per area with, for every criterion K: K_val as the law measures it "
        "(percent; convicted in times the national rate; income in percent of the regional "
        "mean), K_met_L (1/0, NULL when not assessable), K_gap_L (distance to the threshold, "
        "positive when met) and how many persons would have to change status for the "
        "criterion to flip; criteria_met_L, the category (omdannelsesomraade, "
        "parallelsamfund, udsat, forebyggelse, ingen — 2021 vocabulary for every rule set), "
        "at_risk when within the margin of a threshold, and a plain-language explanation.<br>"
        "<b>Rule sets</b>: 2013 (3 of 5 criteria), 2018 (udsat, ghetto, hard ghetto) and "
        "2021 (udsat, parallelsamfund, omdannelsesområde, forebyggelsesområde).<br>"
        "<b>Reference values</b>: the national conviction rate (percent of residents 18+ "
        "convicted, two-year average) and the regional mean gross income of taxpayers 15-64 "
        "not in education are published by Social- og Boligstyrelsen with the yearly list "
        "(1 December) and can be computed from Statistics Denmark's tables. Without them the "
        "relative criteria are NULL (not assessable) with the reason, never guessed.<br>"
        "<b>History</b>: omdannelsesområde needs parallelsamfund status in each of the last "
        "five years: give a table (area_id, year, category) of earlier official lists, or "
        "include older yearly snapshots in the extract. Otherwise the reason says it could "
        "not be determined.<br>"
        "Areas under 1,000 residents get category 'ingen' with the reason.<br>"
        "<b>Discretion</b>: the figures rest on the cells of the indicator layer and are "
        "protected with them as one release (the same hidden cells as 'Compute indicators' for "
        "the same persons, the same perturbation, the release register): a value, gap or "
        "number of persons resting on a hidden cell is NULL with that cell's flag (P primary, "
        "S secondary, A area below the minimum), and every published figure is computed from "
        "published (perturbed) cells only. Met or not, the category and at-risk are decided "
        "on the exact values, as the state's lists are.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them; README "Data model")."""
        common.add_person_parameters(self)
        self.addParameter(enum_parameter(
            RULE_SET, self.tr("Rule set"), [(code, rule_set_label(code)) for code in RULE_SETS],
            default=DEFAULT_RULE_SET,
            help_text=self.tr("2013: 3 of 5 criteria (2013-2017); 2018: 2018-2020 lists; 2021: "
                              "the lists from 2021 on.")))
        p = QgsProcessingParameterNumber(
            NATIONAL_CONVICTION_RATE, self.tr("National conviction rate (% of residents 18+)"),
            QgsProcessingParameterNumber.Double, None, optional=True, minValue=0.0)
        p.setHelp(self.tr("Two-year national average share of residents 18 and over convicted "
                          "under the criminal code, the weapons act or the drugs act "
                          "(Social- og Boligstyrelsen's yearly calculation)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            REGIONAL_MEAN_INCOME, self.tr("Regional mean gross income (kr.)"),
            QgsProcessingParameterNumber.Double, None, optional=True, minValue=0.0)
        p.setHelp(self.tr("Mean gross income of taxpayers 15-64 not in education in the "
                          "region (Social- og Boligstyrelsen's yearly calculation)."))
        self.addParameter(p)
        common.add_ref_date_parameter(
            self, ASSESSMENT_DATE, self.tr("Assessment date (empty = latest snapshot)"),
            self.tr("The snapshot to assess; the one a year earlier gives the two-year "
                    "averages. Empty: the latest date in the extract. On the command line: "
                    "ASSESSMENT_DATE=2025-01-01."))
        p = QgsProcessingParameterFeatureSource(
            HISTORY, self.tr("Earlier categories (table: area_id, year, category)"),
            [QgsProcessing.TypeVector], optional=True)
        p.setHelp(self.tr("The official lists of earlier years (fields area_id, year, "
                          "category), needed for omdannelsesområde (five years as "
                          "parallelsamfund) when the extract lacks those years."))
        self.addParameter(p)
        self.addParameter(advanced(with_help(QgsProcessingParameterNumber(
            AT_RISK_POINTS, self.tr("At-risk margin (percentage points)"),
            QgsProcessingParameterNumber.Double, 2.0, minValue=0.0),
            self.tr("An area is at risk when a percentage criterion is within this many "
                    "points of its threshold (met or not)."))))
        self.addParameter(advanced(with_help(QgsProcessingParameterNumber(
            AT_RISK_RELATIVE, self.tr("At-risk margin for relative criteria (share of the "
                                      "threshold)"),
            QgsProcessingParameterNumber.Double, 0.1, minValue=0.0),
            self.tr("The same for the relative criteria (convictions, income): 0.1 means "
                    "within 10 % of the threshold."))))
        common.add_discretion_parameters(self)
        common.add_protection_parameters(self)
        common.add_overlaps_parameter(self)
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Criteria"), QgsProcessing.TypeVectorPolygon),
            self.tr("One row per area: each criterion's value, met or not, gap and persons to "
                    "change, the category and the explanation; styled by category.")))
        self.addOutput(QgsProcessingOutputNumber("AREAS_IN_CATEGORY",
                                                 self.tr("Areas in a category")))
        self.addOutput(QgsProcessingOutputNumber("AREAS_AT_RISK", self.tr("Areas at risk")))

    def process(self, parameters, context, feedback):
        """Read, join, aggregate all snapshots, assess, write, style."""
        db = common.database_persons(self, parameters, context, feedback)
        if db is not None:
            columns, crs = db.columns, db.crs
        else:
            ext, x, y, crs = common.load_persons(self, parameters, context, feedback)
            common.require_no_blocking(ext, feedback)
            columns = list(ext.data.columns)
        areas = common.load_areas(self, parameters, context, feedback, crs)
        # the cells of the indicator layer (all built-in indicators): both layers get the same
        # protection from the same persons (core.criteria.publish)
        inds = release_indicators(columns)
        missing = sorted(set(CRITERIA_CODES) - {i.code for i in inds})
        if missing:
            feedback.pushWarning(self.tr("The extract lacks the columns for {codes}; those "
                                         "criteria are not assessable.").format(
                codes=", ".join(missing)))
        overlaps = common.overlaps(self, parameters, context)

        def progress(frac: float) -> bool:
            feedback.setProgress(20 + 50 * frac)
            return not feedback.isCanceled()

        rule_set = self.parameterAsEnumString(parameters, RULE_SET, context) or DEFAULT_RULE_SET
        history = self._history(parameters, context)
        rules = common.discretion_rules(self, parameters, context)
        assessment_date = date_value(self, parameters, ASSESSMENT_DATE, context)
        pub, record_in = common.publication(self, parameters, context, rules)
        if db is not None:  # joined, aggregated and protected with the persons in the database
            raw, stats, release = db.criteria_release(areas, inds, overlaps, pub, rule_set,
                                                      [assessment_date], context, feedback)
        else:
            joined = join_persons(ext.data, x, y, areas.rings, areas.ids, None, overlaps,
                                  progress)
            raw = aggregate(joined.data, joined.area, len(areas.ids), inds)
            stats = joined.stats
            self.check_canceled(feedback)
            feedback.setProgressText(self.tr("Protecting the published figures"))
            release = protect_criteria(raw, joined, areas.ids, pub, rule_set,
                                       [assessment_date], inds)
            # the figures shown are those a series from this extract shows at the date (the
            # carry rule over every snapshot; the decisions stay on the exact figures)
            carry_release(release, joined.data, joined.area, inds, areas.ids, pub, raw,
                          shown=shown_dates_of(release))
        common.log_join(feedback, stats, release)
        self.check_canceled(feedback)
        res = assess_criteria(
            raw, areas.ids, areas.names, rule_set,
            national_conviction_rate=self._optional_number(parameters,
                                                           NATIONAL_CONVICTION_RATE, context),
            regional_mean_income=self._optional_number(parameters, REGIONAL_MEAN_INCOME,
                                                       context),
            assessment_date=assessment_date,
            history=history,
            margins=Margins(self.parameterAsDouble(parameters, AT_RISK_POINTS, context),
                            self.parameterAsDouble(parameters, AT_RISK_RELATIVE, context)),
            rules=rules, published=release.published)
        types = [(n, QTYPES[t]) for n, t in output_fields(rule_set)]
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, fields_for(types),
                                          QgsWkbTypes.MultiPolygon, areas.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        geoms = [multi_polygon(g) for g in areas.geometries]
        write_frame(sink, res, types, geoms, feedback, dest=dest)
        del sink
        cats = res["category"].fillna("ingen")
        counts = cats.value_counts().to_dict()
        feedback.pushInfo(self.tr("Categories: {c}").format(
            c=", ".join("{} {}".format(k, v) for k, v in sorted(counts.items()))))
        at_risk = int(pd.to_numeric(res["at_risk"], errors="coerce").fillna(0).sum())
        style_output(dest, "category", context, feedback)
        common.report_protection(self, release, record_in, dest, feedback)
        common.record_run(self, dest, parameters, context, rules, db, rule_set=rule_set,
                          dates=stats.dates)
        return {OUTPUT: dest, "AREAS_IN_CATEGORY": int((cats != "ingen").sum()),
                "AREAS_AT_RISK": at_risk}

    def _optional_number(self, parameters, name, context):
        v = parameters.get(name)
        if v is None or v == "" or (isinstance(v, float) and np.isnan(v)):
            return None
        return self.parameterAsDouble(parameters, name, context)

    def _history(self, parameters, context):
        src = self.parameterAsSource(parameters, HISTORY, context)
        if src is None:
            return None
        names = [n.lower() for n in src.fields().names()]
        need = {"area_id", "year", "category"}
        if not need <= set(names):
            raise BoligsocialError(self.tr(
                "The history table needs the fields area_id, year and category; it has "
                "{have}.").format(have=", ".join(src.fields().names())))
        idx = {n: names.index(n) for n in need}
        rows = [{k: f.attributes()[i] for k, i in idx.items()} for f in src.getFeatures()]
        return pd.DataFrame(rows, columns=["area_id", "year", "category"])
