# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:monitoringreport: monitorcriteria's layers -> an "areas to watch" report (PDF) and
the trend charts of those areas (PNG)."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from boligsocial_plugin import dependencies
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.maps import monitor_report
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.params import with_help

INPUT, SERIES, AREAS, MAX_AREAS, TITLE = "INPUT", "SERIES", "AREA_IDS", "MAX_AREAS", "TITLE"
OUTPUT_PDF, OUTPUT_PNG = "OUTPUT_PDF", "OUTPUT_PNG"


class MonitoringReport(BoligsocialAlgorithm):
    """The areas to watch (map, table) and their trend charts, from monitorcriteria."""

    ALG_ID = "monitoringreport"
    DISPLAY = N_("Export monitoring report")
    GROUP_ID = "maps"
    GROUP = N_("Maps and reports")
    TAGS = N_("report,trend,chart,graph,pdf,png,monitoring,watch,rapport,graf,udvikling")
    REQUIRES = dependencies.REQUIRED + ("matplotlib",)
    HELP = N_(
        "Makes the report of 'Monitor state criteria over time' from its two outputs: a first "
        "page with the areas to watch — a map of what the projection says for every area "
        "(enters a list or a more severe category, leaves one, stays but a criterion crosses "
        "its threshold, on a list, none) and a table with the category now, the projected "
        "one and why — then trend charts of those areas: per criterion the value as the list "
        "computes it at every snapshot, the thresholds of the rule set's lists and the "
        "projection to the next computation (dashed). The PNG holds the same charts on one "
        "sheet.<br><br>"
        "Only published values are drawn (the layers hold nothing else). Areas are charted in "
        "the order: entering, leaving, the others to watch, then the areas on a list now "
        "(most severe first); give area ids to chart those first.")

    def flags(self):
        """Print layouts: main thread only."""
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters."""
        p = QgsProcessingParameterVectorLayer(INPUT, self.tr("Criteria trend and projection "
                                                             "(OUTPUT of monitorcriteria)"),
                                              [QgsProcessing.TypeVectorPolygon])
        p.setHelp(self.tr("The OUTPUT layer of 'Monitor state criteria over time'."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorLayer(SERIES, self.tr("Criteria at every snapshot "
                                                              "(SERIES of monitorcriteria)"),
                                              [QgsProcessing.TypeVector])
        p.setHelp(self.tr("The SERIES layer of the same run."))
        self.addParameter(p)
        p = QgsProcessingParameterString(AREAS, self.tr("Areas to chart first (ids, comma "
                                                        "separated)"), optional=True)
        p.setHelp(self.tr("Charted before the areas to watch, e.g. the areas a committee "
                          "follows."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(MAX_AREAS, self.tr("Areas charted (at most)"),
                                         QgsProcessingParameterNumber.Integer, 12, minValue=1,
                                         maxValue=60)
        p.setHelp(self.tr("How many areas get a row of charts (three rows a page)."))
        self.addParameter(advanced(p))
        self.addParameter(with_help(QgsProcessingParameterString(TITLE, self.tr(
            "Title (empty = 'Areas to watch')"), optional=True),
            self.tr("The title of the first page.")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PDF, self.tr("Report"), self.tr("PDF files (*.pdf)"), optional=True,
            createByDefault=True),
            self.tr("The report: the areas to watch, then their trend charts (A4 landscape).")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PNG, self.tr("Trend charts"), self.tr("PNG files (*.png)"), optional=True,
            createByDefault=True),
            self.tr("The trend charts of the charted areas on one picture.")))
        self.addOutput(QgsProcessingOutputNumber("AREAS_TO_WATCH", self.tr("Areas to watch")))
        self.addOutput(QgsProcessingOutputNumber("AREAS_CHARTED", self.tr("Areas charted")))

    def process(self, parameters, context, feedback):
        """Read the two layers, chart, lay out, export."""
        output = self.parameterAsVectorLayer(parameters, INPUT, context)
        series = self.parameterAsVectorLayer(parameters, SERIES, context)
        if output is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        if series is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, SERIES))
        pdf = self.parameterAsFileOutput(parameters, OUTPUT_PDF, context)
        png = self.parameterAsFileOutput(parameters, OUTPUT_PNG, context)
        if not pdf and not png:
            raise BoligsocialError(self.tr("Choose a report (PDF) or a picture of the charts "
                                           "(PNG) to write."))
        ids = [a for a in self.parameterAsString(parameters, AREAS, context).split(",")
               if a.strip()]
        title = self.parameterAsString(parameters, TITLE, context).strip() or \
            self.tr("Areas to watch")
        feedback.setProgressText(self.tr("Drawing the trend charts"))
        res = monitor_report.export_report(output, series, pdf, png, title,
                                           self.parameterAsInt(parameters, MAX_AREAS, context),
                                           ids)
        feedback.pushInfo(self.tr("{w} areas to watch, {c} charted.").format(
            w=res["watched"], c=len(res["charted"])))
        out = {"AREAS_TO_WATCH": res["watched"], "AREAS_CHARTED": len(res["charted"])}
        if pdf:
            out[OUTPUT_PDF] = pdf
        if png and res["charted"]:
            out[OUTPUT_PNG] = png
        return out
