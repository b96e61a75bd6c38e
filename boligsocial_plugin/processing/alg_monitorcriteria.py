# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:monitorcriteria: many snapshots + areas -> the criteria now, their trend and the
projected category at the next computation per area; the criteria at every snapshot (SERIES)."""
import time

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.criteria import (
    DEFAULT_RULE_SET,
    INDICATOR_CODES,
    INGEN,
    protect_criteria,
    release_indicators,
)
from boligsocial_plugin.core.discretion.carry import carry_release
from boligsocial_plugin.core.indicators import aggregate
from boligsocial_plugin.core.monitoring.calendar import calendar
from boligsocial_plugin.core.monitoring.projection import DEFAULT_TREND_MONTHS, project_criteria
from boligsocial_plugin.core.monitoring.series import criteria_series, severity_of
from boligsocial_plugin.core.monitoring.tables import (
    monitor_fields,
    monitor_table,
    series_fields,
    series_table,
)
from boligsocial_plugin.core.pipeline import join_persons
from boligsocial_plugin.maps.styling import style_output
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.alg_assesscriteria import (
    ASSESSMENT_DATE,
    AT_RISK_POINTS,
    AT_RISK_RELATIVE,
    NATIONAL_CONVICTION_RATE,
    OUTPUT,
    REGIONAL_MEAN_INCOME,
    RULE_SET,
    AssessCriteria,
)
from boligsocial_plugin.processing.base import N_, advanced
from boligsocial_plugin.processing.params import date_value, with_help
from boligsocial_plugin.qgis_io.writer import multi_polygon

PROJECT_TO = "PROJECT_TO"
TREND_MONTHS = "TREND_MONTHS"
SERIES = "SERIES"
QTYPES = {"str": QVariant.String, "int": QVariant.LongLong, "float": QVariant.Double,
          "date": QVariant.Date}


#: the series' date of its oldest carried figure (core.discretion.carry)
AS_OF_FIELD = [("figures_as_of", QVariant.Date)]


def figures_as_of(published, area_idx, ref_dates):
    """The published table's ``figures_as_of`` at these areas and dates (the date itself when
    nothing was carried)."""
    if "figures_as_of" not in published:
        return list(ref_dates)
    look = {(int(a), str(d)): v for a, d, v in zip(published["area_idx"], published["ref_date"],
                                                  published["figures_as_of"])}
    return [look.get((int(a), str(d)), str(d)) for a, d in zip(area_idx, ref_dates)]


def qgis_types(fields):
    """(name, QVariant type) pairs of core field lists."""
    return [(n, QTYPES[t]) for n, t in fields]


class MonitorCriteria(AssessCriteria):
    """The state criteria over many snapshots: now, trend, and the list at the next
    computation."""

    ALG_ID = "monitorcriteria"
    DISPLAY = N_("Monitor state criteria over time")
    TAGS = N_("monitoring,trend,projection,time,series,temporal,criteria,udsat,"
              "parallelsamfund,forebyggelse,udvikling,fremskrivning,tidsserie")
    HELP = N_(
        "Follows the state criteria for udsatte boligområder, parallelsamfund, "
        "omdannelsesområder and forebyggelsesområder (almenboligloven § 61 a and § 61 b) "
        "through many snapshots (monthly, quarterly or yearly) and shows where each area is "
        "heading: what the list computed at the projection date (default the next 1 January, "
        "the date the next list is computed from) would say if the trends continue.<br><br>"
        "<b>At every snapshot</b> the criteria are computed as the list would compute them from "
        "that date, with the same code as 'Assess state criteria': two-year means over that "
        "date and the snapshot a year earlier, history as the lists were made.<br>"
        "<b>Trend</b>: the least-squares change per year of each criterion's value at each "
        "snapshot alone, over the published snapshots of the trend window (default the last 12 "
        "months). <b>Projection</b>: the trend line at the projection date; two-year criteria "
        "are then averaged with the snapshot a year before it, as the list does.<br><br>"
        "<b>OUTPUT</b>, one row per area: category now, projected_category, a plain-language "
        "warning (e.g. 'Will become udsat boligområde at the next computation if the trend "
        "continues: outside labour market … reaches 41.0 % (threshold 40 %)'), and per "
        "criterion K: K_val (latest), K_trend (per year, in K's unit) and K_projected.<br>"
        "<b>SERIES</b>, one row per area and snapshot with the criteria and the category; it "
        "opens in QGIS with temporal properties on ref_date, so the Temporal Controller "
        "animates it.<br><br>"
        "Missing months, irregular snapshots and areas appearing or vanishing are handled and "
        "reported in the log. Every value is published under the same discretion as 'Compute "
        "indicators' for all snapshots together (primary and secondary suppression, snapshots "
        "that differ by too few persons hidden, perturbation); trends and projections use "
        "published values only. With perturbation a figure shows a new value only when at "
        "least the smallest published count of its persons changed since its last shown value "
        "(the carry rule); the SERIES field figures_as_of gives the date of the oldest "
        "repeated value of the row.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """assesscriteria's parameters, without the assessment date and at-risk margins, plus
        PROJECT_TO, TREND_MONTHS and the SERIES sink."""
        super().initAlgorithm(config)
        for name in (ASSESSMENT_DATE, AT_RISK_POINTS, AT_RISK_RELATIVE, OUTPUT):
            self.removeParameter(name)
        common.add_ref_date_parameter(
            self, PROJECT_TO, self.tr("Project to (empty = the next 1 January after the latest "
                                      "snapshot)"),
            self.tr("The date of the list to project: the list of year Y is computed from data "
                    "at 1 January Y. On the command line: PROJECT_TO=2026-01-01."))
        p = QgsProcessingParameterNumber(TREND_MONTHS, self.tr("Trend window (months)"),
                                         QgsProcessingParameterNumber.Integer,
                                         DEFAULT_TREND_MONTHS, minValue=1, maxValue=240)
        p.setHelp(self.tr("The trend is fitted over the snapshots of this many months up to the "
                          "latest one."))
        self.addParameter(advanced(p))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Criteria trend and projection"), QgsProcessing.TypeVectorPolygon),
            self.tr("One row per area: the category now and projected, the warning, and per "
                    "criterion the latest value, the trend per year and the projected value; "
                    "styled by the projected category.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            SERIES, self.tr("Criteria at every snapshot"), QgsProcessing.TypeVectorPolygon),
            self.tr("One row per area and snapshot with the criteria and the category, with "
                    "temporal properties on ref_date for the Temporal Controller.")))
        for name, label in (("AREAS_ENTERING", N_("Areas entering a list or a more severe "
                                                   "category")),
                            ("AREAS_LEAVING", N_("Areas leaving a list or going to a less "
                                                 "severe category"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def process(self, parameters, context, feedback):
        """Read, join, aggregate and protect every snapshot, assess each, project, write."""
        t0 = time.time()
        db = common.database_persons(self, parameters, context, feedback)
        if db is not None:  # README "Databases": only aggregates leave the server
            columns, crs = db.columns, db.crs
        else:
            ext, x, y, crs = common.load_persons(self, parameters, context, feedback)
            common.require_no_blocking(ext, feedback)
            columns = list(ext.data.columns)
        areas = common.load_areas(self, parameters, context, feedback, crs)
        # the cells of the indicator layer (all built-in indicators): the same protection
        # from the same persons as computeindicators and assesscriteria (core.criteria.publish)
        inds = release_indicators(columns)
        missing = sorted(set(INDICATOR_CODES.values()) - {i.code for i in inds})
        if missing:
            feedback.pushWarning(self.tr("The extract lacks the columns for {codes}; those "
                                         "criteria are not assessable.").format(
                codes=", ".join(missing)))
        rules = common.discretion_rules(self, parameters, context)
        pub, record_in = common.publication(self, parameters, context, rules)
        rule_set = self.parameterAsEnumString(parameters, RULE_SET, context) or DEFAULT_RULE_SET
        project_to = date_value(self, parameters, PROJECT_TO, context)
        feedback.setProgressText(self.tr("Joining persons to areas"))

        def joining(frac: float) -> bool:
            feedback.setProgress(10 + 30 * frac)
            return not feedback.isCanceled()

        overlaps = common.overlaps(self, parameters, context)
        if db is not None:  # joined, aggregated and protected with the persons in the database
            raw, stats, release = db.criteria_release(areas, inds, overlaps, pub, rule_set,
                                                      None, context, feedback)
            t1 = time.time()
        else:
            joined = join_persons(ext.data, x, y, areas.rings, areas.ids, None, overlaps,
                                  joining)
            raw = aggregate(joined.data, joined.area, len(areas.ids), inds)
            stats = joined.stats
            t1 = time.time()
        self.check_canceled(feedback)
        if db is None:
            feedback.setProgressText(self.tr("Protecting the published figures"))
            release = protect_criteria(raw, joined, areas.ids, pub, rule_set, stats.dates,
                                       inds)
            # a series shows a new value only after enough persons changed (the carry rule)
            carry_release(release, joined.data, joined.area, inds, areas.ids, pub, raw)
        common.log_join(feedback, stats, release, calendar(stats.dates).lines())
        self.check_canceled(feedback)
        t2 = time.time()
        feedback.setProgressText(self.tr("Assessing every snapshot"))

        def assessing(frac: float) -> bool:
            feedback.setProgress(50 + 30 * frac)
            return not feedback.isCanceled()

        history = self._history(parameters, context)
        nat = self._optional_number(parameters, NATIONAL_CONVICTION_RATE, context)
        reg = self._optional_number(parameters, REGIONAL_MEAN_INCOME, context)
        series = criteria_series(raw, areas.ids, areas.names, rule_set,
                                 national_conviction_rate=nat, regional_mean_income=reg,
                                 history=history, rules=rules,
                                 published=release.published, progress=assessing)
        proj = project_criteria(series, project_to,
                                self.parameterAsInt(parameters, TREND_MONTHS, context), history,
                                nat, reg)
        self.check_canceled(feedback)
        t3 = time.time()
        out = monitor_table(series, proj)
        ser, ser_area = series_table(series)
        ser["figures_as_of"] = figures_as_of(release.published, ser_area, ser["ref_date"])
        feedback.setProgressText(self.tr("Writing"))
        dest = self.write_layer(parameters, context, feedback, OUTPUT, out,
                                qgis_types(monitor_fields()),
                                [multi_polygon(g) for g in areas.geometries], areas.crs)
        sdest = self.write_layer(parameters, context, feedback, SERIES, ser,
                                 qgis_types(series_fields()),
                                 [multi_polygon(areas.geometries[i]) for i in ser_area],
                                 areas.crs)
        style_output(dest, "projected_category", context, feedback)
        style_output(sdest, "category", context, feedback, temporal_dates=True)
        common.report_protection(self, release, record_in, sdest, feedback)
        now = np.array([severity_of(c) for c in proj.category])
        then = np.array([severity_of(c) if c else -1 for c in proj.projected_category])
        entering = int(((then > now) & (then >= 0)).sum())
        leaving = int(((then < now) & (then >= 0)).sum())
        feedback.pushInfo(self.tr("Latest snapshot {d}, projected to {p} with the trends of the "
                                  "last {m} months. Entering a list or a more severe category: "
                                  "{e}; leaving one or going to a less severe one: {l}.").format(
            d=proj.latest, p=proj.project_to,
            m=self.parameterAsInt(parameters, TREND_MONTHS, context), e=entering, l=leaving))
        for w in [w for w in proj.warning if w][:20]:
            feedback.pushInfo(w)
        feedback.pushInfo(self.tr("Seconds: reading and joining {a}, protection {b}, assessing "
                                  "{n} snapshots and projecting {c}, writing and styling {d}; "
                                  "{e} in all.").format(
            a=round(t1 - t0, 1), b=round(t2 - t1, 1), n=len(series.dates), c=round(t3 - t2, 1),
            d=round(time.time() - t3, 1), e=round(time.time() - t0, 1)))
        return {OUTPUT: dest, SERIES: sdest,
                "AREAS_IN_CATEGORY": int((now > INGEN).sum()),
                "AREAS_AT_RISK": entering + leaving,
                "AREAS_ENTERING": entering, "AREAS_LEAVING": leaving}
