# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:trackchange: many snapshots + areas -> per indicator first, last, change and trend
per area (OUTPUT) and the indicator layer at every snapshot (SERIES)."""
import numpy as np
from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSink

from boligsocial_plugin.core.monitoring.calendar import calendar, default_project_to
from boligsocial_plugin.core.monitoring.change import PARTS, track_change
from boligsocial_plugin.core.shown_dates import compute_period
from boligsocial_plugin.maps.styling import style_output
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.alg_computeindicators import (
    OUTPUT,
    ComputeIndicators,
    indicator_field_types,
)
from boligsocial_plugin.processing.alg_monitorcriteria import AS_OF_FIELD, PROJECT_TO, SERIES
from boligsocial_plugin.processing.base import N_
from boligsocial_plugin.processing.params import date_value, with_help
from boligsocial_plugin.qgis_io.writer import multi_polygon

FROM_DATE, TO_DATE = "FROM_DATE", "TO_DATE"


class TrackChange(ComputeIndicators):
    """Change of every indicator per area over the snapshots."""

    ALG_ID = "trackchange"
    DISPLAY = N_("Track change of indicators")
    TAGS = N_("change,trend,time,series,temporal,monitoring,indicators,udvikling,tidsserie")
    HELP = N_(
        "Computes every indicator at every snapshot (as 'Compute indicators' does for all "
        "dates, with the same discretion over all snapshots together) and, per area and "
        "indicator C: C_first and C_last (the values at the area's first and last published "
        "snapshot of the period), C_change (last minus first), C_trend (least-squares change "
        "per year over every published snapshot) and C_projected (the trend line at the "
        "projection date, default the next 1 January).<br><br>"
        "<b>SERIES</b> is the indicator layer at every snapshot (the fields of 'Compute "
        "indicators'); it opens in QGIS with temporal properties on ref_date, so the Temporal "
        "Controller animates it.<br>"
        "Everything is computed from published values only: a snapshot hidden because too few "
        "persons changed since the next one does not count, and a suppressed value is never "
        "used.<br><br>"
        "<b>Carry rule</b> (with perturbation): a figure shows a new value only when at least "
        "the smallest published count of its persons changed since its last shown value; "
        "otherwise it repeats that value, so an unchanged group is never published as many "
        "noisy copies. The SERIES field figures_as_of gives the date of the oldest repeated "
        "value of the row.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """computeindicators' parameters with a period (FROM_DATE, TO_DATE) instead of one
        reference date, PROJECT_TO, and the SERIES sink."""
        super().initAlgorithm(config)
        for name in (common.REF_DATE, OUTPUT):
            self.removeParameter(name)
        common.add_ref_date_parameter(
            self, FROM_DATE, self.tr("First snapshot (empty = the earliest)"),
            self.tr("Snapshots before this date are left out (the extract's other snapshots "
                    "are protected with the ones shown, not shown, as in every other output "
                    "from that extract; with exact values the snapshot a year before each). "
                    "On the command line: FROM_DATE=2024-01-01."))
        common.add_ref_date_parameter(
            self, TO_DATE, self.tr("Last snapshot (empty = the latest)"),
            self.tr("Snapshots after this date are left out. On the command line: "
                    "TO_DATE=2025-06-01."))
        common.add_ref_date_parameter(
            self, PROJECT_TO, self.tr("Project to (empty = the next 1 January after the last "
                                      "snapshot)"),
            self.tr("The date at which C_projected reads the trend line. On the command line: "
                    "PROJECT_TO=2026-01-01."))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Change per area"), QgsProcessing.TypeVectorPolygon),
            self.tr("One row per area with, per indicator, the first and last published value, "
                    "the change, the trend per year and the projected value.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            SERIES, self.tr("Indicators at every snapshot"), QgsProcessing.TypeVectorPolygon),
            self.tr("The indicator layer at every snapshot (the fields of 'Compute "
                    "indicators'), with temporal properties on ref_date for the Temporal "
                    "Controller.")))

    def process(self, parameters, context, feedback):
        """Read, join, aggregate and protect every snapshot of the period, then the change."""
        indicators, ext, x, y, _crs, areas, rules = self.inputs(parameters, context, feedback,
                                                                database=True)
        first = self._date(parameters, FROM_DATE, context)
        last = self._date(parameters, TO_DATE, context)
        pub, record_in = common.publication(self, parameters, context, rules)
        overlaps = common.overlaps(self, parameters, context)
        db = self.database
        if db is not None:  # README "Databases": only aggregates leave the server
            db.source.period = (first or None, last or None)
            res = db.compute(areas, indicators, None, overlaps, pub, context, feedback)
        else:
            def progress(frac: float) -> bool:
                feedback.setProgress(10 + 60 * frac)
                return not feedback.isCanceled()

            # the dates from FROM_DATE are protected with the extract's other snapshots, as
            # every other output from the extract is (core.shown_dates)
            res = compute_period(ext.data, x, y, areas.rings, areas.ids, indicators, rules,
                                 first, last, overlaps, progress, publication=pub)
        self.check_canceled(feedback)
        common.log_join(feedback, res.stats, res.release, calendar(res.stats.dates).lines())
        codes = [i.code for i in res.indicators]
        project_to = self._date(parameters, PROJECT_TO, context) or \
            default_project_to(max(res.stats.dates))
        change = track_change(res.published, codes, len(areas.ids), project_to)
        table = change.frame(codes)
        table.insert(0, "area_name", areas.names)
        table.insert(0, "area_id", areas.ids)
        table["project_to"] = project_to
        types = change_field_types(codes)
        dest = self.write_layer(parameters, context, feedback, OUTPUT, table, types,
                                [multi_polygon(g) for g in areas.geometries], areas.crs)
        pub_rows = res.published
        idx = pub_rows["area_idx"].to_numpy()
        pub_rows = pub_rows.assign(area_id=np.array(areas.ids, dtype=object)[idx],
                                   area_name=np.array(areas.names, dtype=object)[idx])
        if "figures_as_of" not in pub_rows:  # nothing carried (one date, exact values)
            pub_rows["figures_as_of"] = pub_rows["ref_date"]
        sdest = self.write_layer(parameters, context, feedback, SERIES, pub_rows,
                                 indicator_field_types(codes) + AS_OF_FIELD,
                                 [multi_polygon(areas.geometries[i]) for i in idx], areas.crs)
        if codes:
            main = "outside_labour" if "outside_labour" in codes else codes[0]
            style_output(dest, main + "_change", context, feedback)
            style_output(sdest, main + "_val", context, feedback, temporal_dates=True)
        common.report_protection(self, res.release, record_in, sdest, feedback)
        feedback.pushInfo(self.tr("Change from {first} to {last} over {n} snapshots; projected "
                                  "to {p}.").format(first=change.dates[0], last=change.dates[-1],
                                                    n=len(change.dates), p=project_to))
        return {OUTPUT: dest, SERIES: sdest}

    def _date(self, parameters, name, context) -> str:
        return date_value(self, parameters, name, context) or ""


def change_field_types(codes):
    """Fields of trackchange's OUTPUT (stable; README "Data model")."""
    from qgis.PyQt.QtCore import QVariant

    out = [("area_id", QVariant.String), ("area_name", QVariant.String),
           ("first_date", QVariant.Date), ("last_date", QVariant.Date)]
    for c in codes:
        out += [("{}_{}".format(c, part), QVariant.Double) for part in PARTS]
    return out + [("project_to", QVariant.Date)]
