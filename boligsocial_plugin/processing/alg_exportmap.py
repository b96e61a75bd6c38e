# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:exportmap: a choropleth (or double map) as PNG and a one-page PDF report."""
from typing import List, Optional

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)

from boligsocial_plugin.core import choropleth, map_report
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.maps import report, styling
from boligsocial_plugin.processing.alg_stylechoropleth import (
    add_classification_parameters,
    classification_values,
)
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.common import add_ref_date_parameter
from boligsocial_plugin.processing.params import date_value, with_help

INPUT, FIELD, REF_DATE = "INPUT", "FIELD", "REF_DATE"
INPUT2, FIELD2, REF_DATE2 = "INPUT2", "FIELD2", "REF_DATE2"
TITLE, SOURCE, MIN_COUNT, TABLE_ROWS = "TITLE", "SOURCE", "MIN_COUNT", "TABLE_ROWS"
NORTH_ARROW, OUTPUT_PNG, OUTPUT_PDF = "NORTH_ARROW", "OUTPUT_PNG", "OUTPUT_PDF"


class ExportMap(BoligsocialAlgorithm):
    """Render a choropleth (or two side by side) to PNG and a one-page PDF report."""

    ALG_ID = "exportmap"
    DISPLAY = N_("Export map and report")
    GROUP_ID = "maps"
    GROUP = N_("Maps and reports")
    TAGS = N_("map,report,pdf,png,choropleth,layout,print,kort,rapport,dobbeltkort")
    HELP = N_(
        "Draws a field of an indicator or criteria layer as a choropleth (suppressed values "
        "grey hatched) and writes a PNG of the map and a one-page PDF report: title, map, "
        "legend, scale bar, north arrow, source and date, a note on discretion and a table of "
        "the areas sorted by the value (suppressed values last).<br><br>"
        "<b>Double map</b>: give a second field (another indicator of the same layer), a "
        "second reference date (the same indicator another year) or a second layer; the two "
        "maps are drawn side by side. The same field on both maps shares one set of classes, "
        "so colours compare.<br><br>"
        "<b>Reference date</b>: when the layer holds several dates and none is given, the "
        "latest is drawn.<br><br>"
        "The user's layers are not changed: the maps are drawn from copies.")

    def flags(self):
        """Print layouts and rendering: main thread only."""
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters."""
        self.addParameter(with_help(QgsProcessingParameterVectorLayer(
            INPUT, self.tr("Indicator or criteria layer"), [QgsProcessing.TypeVectorPolygon]),
            self.tr("The layer to draw (not changed: the maps are drawn from copies).")))
        p = QgsProcessingParameterField(FIELD, self.tr("Field to map"), None, INPUT,
                                        QgsProcessingParameterField.Any)
        p.setHelp(self.tr("An indicator value (e.g. outside_labour_val) or 'category'."))
        self.addParameter(p)
        add_ref_date_parameter(
            self, REF_DATE, self.tr("Reference date (empty = the latest)"),
            self.tr("The date drawn when the layer holds several; empty: the latest. On the "
                    "command line: REF_DATE=2025-01-01."))
        p = QgsProcessingParameterField(FIELD2, self.tr("Second map: field"), None, INPUT,
                                        QgsProcessingParameterField.Any, optional=True)
        p.setHelp(self.tr("Another field for a second map beside the first."))
        self.addParameter(p)
        add_ref_date_parameter(
            self, REF_DATE2, self.tr("Second map: reference date (e.g. a year earlier)"),
            self.tr("Draws the same field on another date beside the first map."))
        p = QgsProcessingParameterVectorLayer(INPUT2, self.tr("Second map: layer"),
                                              [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("Another layer (e.g. last year's output) for the second map; its "
                          "field is the second field, or the first field when empty."))
        self.addParameter(advanced(p))
        self.addParameter(with_help(QgsProcessingParameterString(TITLE, self.tr(
            "Title (empty = the field's name)"), optional=True),
            self.tr("The report's heading.")))
        self.addParameter(with_help(QgsProcessingParameterString(SOURCE, self.tr(
            "Source text (empty = the layer's name)"), optional=True),
            self.tr("Printed under the map, e.g. the data supplier and the extract's date.")))
        add_classification_parameters(self)
        p = QgsProcessingParameterNumber(MIN_COUNT, self.tr("Smallest published count"),
                                         QgsProcessingParameterNumber.Integer, 5, minValue=1)
        p.setHelp(self.tr("Named in the discretion note; residents below it are not shown."))
        self.addParameter(p)
        self.addParameter(advanced(with_help(QgsProcessingParameterNumber(
            TABLE_ROWS, self.tr("Areas in the table (at most)"),
            QgsProcessingParameterNumber.Integer, 25, minValue=0, maxValue=60),
            self.tr("How many areas the report's table lists, sorted by the value; 0 leaves "
                    "the table out."))))
        self.addParameter(advanced(with_help(QgsProcessingParameterBoolean(
            NORTH_ARROW, self.tr("North arrow"), defaultValue=True),
            self.tr("Draw a north arrow on the report's map."))))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PNG, self.tr("Map picture"), self.tr("PNG files (*.png)"), optional=True,
            createByDefault=True), self.tr("The map as a PNG picture (for slides, web).")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PDF, self.tr("Report"), self.tr("PDF files (*.pdf)"), optional=True,
            createByDefault=True),
            self.tr("A one-page PDF report: title, map, legend, scale bar, source, discretion "
                    "note and a table of the areas.")))
        self.addOutput(QgsProcessingOutputNumber("AREAS", self.tr("Areas drawn")))

    # ------------------------------------------------------------------ helpers

    def _date(self, layer, wanted: str, feedback) -> Optional[str]:
        dates = report.ref_dates(layer)
        if wanted:
            if dates and wanted not in dates:
                raise BoligsocialError(self.tr(
                    "The layer '{layer}' has no rows with ref_date {date}; it has {dates}."
                ).format(layer=layer.name(), date=wanted, dates=", ".join(dates)))
            return wanted if dates else None
        if len(dates) > 1:
            feedback.pushInfo(self.tr("The layer holds {n} reference dates; drawing the latest, "
                                      "{date}.").format(n=len(dates), date=dates[-1]))
        return dates[-1] if dates else None

    @staticmethod
    def _check_field(layer, field: str) -> None:
        if layer.fields().lookupField(field) < 0:
            raise BoligsocialError(tr("The layer '{layer}' has no field '{field}'.").format(
                layer=layer.name(), field=field))

    # ------------------------------------------------------------------ run

    def process(self, parameters, context, feedback):
        """Copy, filter, style, render PNG, build and export the layout."""
        layer = self.parameterAsVectorLayer(parameters, INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        field = self.parameterAsString(parameters, FIELD, context)
        self._check_field(layer, field)
        method, n, ramp = classification_values(self, parameters, context)
        field2 = self.parameterAsString(parameters, FIELD2, context)
        date_wanted = date_value(self, parameters, REF_DATE, context) or ""
        date2_wanted = date_value(self, parameters, REF_DATE2, context) or ""
        layer2 = self.parameterAsVectorLayer(parameters, INPUT2, context) \
            if parameters.get(INPUT2) else None
        png = self.parameterAsFileOutput(parameters, OUTPUT_PNG, context)
        pdf = self.parameterAsFileOutput(parameters, OUTPUT_PDF, context)
        if not png and not pdf:
            raise BoligsocialError(self.tr("Choose a map picture (PNG) or a report (PDF) to "
                                           "write."))
        min_count = self.parameterAsInt(parameters, MIN_COUNT, context)
        criteria = styling.is_criteria_layer(layer)

        panels = [self._panel(layer, field, self._date(layer, date_wanted, feedback), "map1")]
        if field2 or date2_wanted or layer2 is not None:  # a double map
            src2 = layer2 if layer2 is not None else layer
            f2 = field2 or field
            self._check_field(src2, f2)
            date2 = self._date(src2, date2_wanted, feedback)
            if src2 is layer and f2 == field and (date2 or "") == panels[0].date:
                raise BoligsocialError(self.tr(
                    "The second map would repeat the first: give another field, another "
                    "reference date or another layer."))
            panels.append(self._panel(src2, f2, date2, "map2"))
        panels, sort_by = map_report.arrange(panels)
        shared = map_report.shares_classes(panels)
        self._style(panels, shared, method, n, ramp)
        self.check_canceled(feedback)

        results = {"AREAS": panels[0].layer.featureCount()}
        if png:
            feedback.setProgressText(self.tr("Drawing the map picture"))
            report.render_png(panels, png)
            results[OUTPUT_PNG] = png
        feedback.setProgress(40)
        if pdf:
            feedback.setProgressText(self.tr("Writing the report"))
            title = self.parameterAsString(parameters, TITLE, context).strip() or \
                panels[sort_by].label
            source = self.parameterAsString(parameters, SOURCE, context).strip() or \
                layer.name()
            text = report.ReportText(title, map_report.subtitle(panels),
                                     map_report.notes(panels, source, min_count, method,
                                                      _carried_since(panels)),
                                     [map_report.legend_title(p) for p in panels],
                                     map_report.table_headers(panels))
            rows = report.area_table(panels, min_count, sort_by)
            project = QgsProject()
            for p in panels:
                project.addMapLayer(p.layer, False)
            layout = report.build_layout(
                project, panels, text, rows, self.parameterAsInt(parameters, TABLE_ROWS, context),
                shared_legend=shared or len(panels) == 1,
                north_arrow=self.parameterAsBoolean(parameters, NORTH_ARROW, context))
            report.export_pdf(layout, pdf)
            results[OUTPUT_PDF] = pdf
            for p in panels:  # the project owns the copies now
                project.takeMapLayer(p.layer)
        feedback.setProgress(100)
        if criteria:
            feedback.pushInfo(self.tr("Criteria layer: classes and units follow rule set "
                                      "{rs}.").format(rs=styling.layer_rule_set(layer)))
        return results

    @staticmethod
    def _style(panels: List[report.Panel], shared: bool, method: str, n: int,
               ramp: str) -> None:
        """Style every map; the same field on both maps shares one set of classes."""
        ranges = None
        field = panels[0].field
        if shared and field != "category" and method != "law":
            values: List[float] = []
            for p in panels:
                values += styling.published_values(p.layer, p.field)
            ranges = styling.classify(panels[0].layer, field, method, n, values)
        for p in panels:
            if p.field == "category":
                styling.apply_style(p.layer, p.field)
            else:
                p.ranges = styling.apply_choropleth(p.layer, p.field, method, n, ramp, ranges)

    def _panel(self, layer, field: str, date: Optional[str], name: str) -> report.Panel:
        copy = report.filtered_copy(layer, date, name)
        crit = styling.is_criteria_layer(layer)
        copy.setName(layer.name())
        return report.Panel(copy, field, unit=styling.field_unit(layer, field),
                            label=choropleth.field_label(field, crit), date=date or "",
                            source=layer.name())


def _iso(value) -> str:
    """A date field's value as ISO text ('' for NULL)."""
    if value is None:
        return ""
    if hasattr(value, "toString") and hasattr(value, "isValid"):
        return value.toString("yyyy-MM-dd") if value.isValid() else ""
    text = str(value)
    return "" if text in ("NULL", "None") else text[:10]


def _carried_since(panels) -> str:
    """The earliest ``figures_as_of`` before its row's ``ref_date`` over the panels' layers
    (the carry rule shows a figure as it was then), '' when none."""
    out = ""
    for p in panels:
        fields = p.layer.fields()
        ia, ir = fields.indexOf("figures_as_of"), fields.indexOf("ref_date")
        if ia < 0 or ir < 0:
            continue
        for feat in p.layer.getFeatures():
            a, r = _iso(feat[ia]), _iso(feat[ir])
            if a and r and a < r and (not out or a < out):
                out = a
    return out
