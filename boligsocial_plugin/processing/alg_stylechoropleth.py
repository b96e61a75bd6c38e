# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:stylechoropleth: style a field of a polygon layer as a choropleth and save it."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
)

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.maps import styling
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm
from boligsocial_plugin.processing.params import enum_parameter, with_help

INPUT, FIELD, METHOD, CLASSES, RAMP = "INPUT", "FIELD", "METHOD", "CLASSES", "RAMP"
SAVE_DEFAULT, OUTPUT_QML, OUTPUT, SAVED_TO = "SAVE_DEFAULT", "OUTPUT_QML", "OUTPUT", "SAVED_TO"


def add_classification_parameters(alg, suffix: str = "") -> None:
    """METHOD, CLASSES and RAMP (static-string enums, so the command line takes names)."""
    method_labels = {"jenks": alg.tr("Natural breaks (Jenks)"),
                     "quantile": alg.tr("Quantiles (equal count)"),
                     "equal": alg.tr("Equal intervals"),
                     "pretty": alg.tr("Pretty breaks (round numbers)"),
                     "law": alg.tr("The law's thresholds")}
    p = enum_parameter(METHOD + suffix, alg.tr("Classification method"),
                       [(m, method_labels.get(m, m)) for m in choropleth.METHODS],
                       default="jenks",
        help_text=alg.tr(
            "jenks (natural breaks), quantile (equal count), equal (equal "
            "intervals), pretty (round numbers; may give more or fewer classes), law "
            "(the law's thresholds: outside 30/40 %, basic schooling 60 %, "
            "non-western 30/50 %; on a criteria layer also convicted 2/3 times the "
            "national rate and income 55/65 % of the regional mean)."))
    alg.addParameter(p)
    p = QgsProcessingParameterNumber(CLASSES + suffix, alg.tr("Number of classes"),
                                     QgsProcessingParameterNumber.Integer,
                                     choropleth.DEFAULT_CLASSES, minValue=choropleth.MIN_CLASSES,
                                     maxValue=choropleth.MAX_CLASSES)
    p.setHelp(alg.tr("Ignored by the law method."))
    alg.addParameter(p)
    ramp_labels = {"viridis": alg.tr("Viridis (yellow to purple)"),
                   "cividis": alg.tr("Cividis (yellow to blue)"),
                   "magma": alg.tr("Magma (light yellow to black)"),
                   "ylorrd": alg.tr("Yellow, orange, red"),
                   "blues": alg.tr("Blues"),
                   "purples": alg.tr("Purples")}
    p = enum_parameter(RAMP + suffix, alg.tr("Colour ramp"),
                       [(r, ramp_labels.get(r, r)) for r in choropleth.RAMPS],
                       default=choropleth.DEFAULT_RAMP,
        help_text=alg.tr(
            "Sequential ramps that colour-blind readers can tell apart and that keep "
            "their order in a greyscale print."))
    alg.addParameter(p)


def classification_values(alg, parameters, context, suffix: str = ""):
    """(method, classes, ramp) from the parameters."""
    method = alg.parameterAsEnumString(parameters, METHOD + suffix, context) or "jenks"
    n = alg.parameterAsInt(parameters, CLASSES + suffix, context) or choropleth.DEFAULT_CLASSES
    ramp = alg.parameterAsEnumString(parameters, RAMP + suffix, context) or choropleth.DEFAULT_RAMP
    return method, n, ramp


class StyleChoropleth(BoligsocialAlgorithm):
    """Style a field of a polygon layer as a choropleth (suppressed values grey hatched)."""

    ALG_ID = "stylechoropleth"
    DISPLAY = N_("Style choropleth map")
    GROUP_ID = "maps"
    GROUP = N_("Maps and reports")
    TAGS = N_("choropleth,style,map,classes,jenks,legend,kort,tematisk,signatur")
    HELP = N_(
        "Styles a numeric field of a polygon layer as a choropleth map (or the 'category' "
        "field of a criteria layer with the categories' fixed colours). Classes come from "
        "QGIS's own classification methods applied to the published values only, or from the "
        "law's thresholds. Suppressed values (NULL, or a non-empty *_flag column) are drawn "
        "grey hatched with their own legend entry 'Suppressed', never as a data class.<br><br>"
        "The layer itself is restyled. When its provider supports it (GeoPackage), the style "
        "is saved into the file as the layer's default style, so it opens styled anywhere; "
        "give a .qml file to save the style there as well.")

    def flags(self):
        """Restyles a project layer: main thread only."""
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters."""
        self.addParameter(with_help(QgsProcessingParameterVectorLayer(
            INPUT, self.tr("Polygon layer"), [QgsProcessing.TypeVectorPolygon]),
            self.tr("An indicator or criteria layer (or any polygon layer); it is restyled "
                    "in place.")))
        p = QgsProcessingParameterField(FIELD, self.tr("Field to map"), None, INPUT,
                                        QgsProcessingParameterField.Any)
        p.setHelp(self.tr("An indicator value (e.g. outside_labour_val) or 'category'."))
        self.addParameter(p)
        add_classification_parameters(self)
        p = QgsProcessingParameterBoolean(SAVE_DEFAULT, self.tr(
            "Save as the layer's default style (GeoPackage)"), defaultValue=True)
        p.setHelp(self.tr("The layer then opens with this style in any QGIS."))
        self.addParameter(p)
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_QML, self.tr("Style file"), self.tr("QGIS style files (*.qml)"),
            optional=True, createByDefault=False),
            self.tr("Optional .qml file to save the style to as well (to apply it to other "
                    "layers).")))
        self.addOutput(QgsProcessingOutputVectorLayer(OUTPUT, self.tr("Styled layer")))
        self.addOutput(QgsProcessingOutputString(SAVED_TO, self.tr("Style saved to")))

    def process(self, parameters, context, feedback):
        """Classify, style, save."""
        layer = self.parameterAsVectorLayer(parameters, INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        field = self.parameterAsString(parameters, FIELD, context)
        method, n, ramp = classification_values(self, parameters, context)
        styling.apply_style(layer, field, method, n, ramp)
        for label in styling.legend_labels(layer):
            feedback.pushInfo("  " + label)
        qml = self.parameterAsFileOutput(parameters, OUTPUT_QML, context)
        save_db = self.parameterAsBoolean(parameters, SAVE_DEFAULT, context)
        saved = []
        if save_db or qml:
            saved = styling.save_default_style(layer, qml or None, to_database=save_db)
        for where in saved:
            feedback.pushInfo(self.tr("Style saved to {where}.").format(where=where))
        if save_db and not any(w != qml for w in saved):
            feedback.pushWarning(self.tr(
                "The layer's data source cannot store styles (it is not a GeoPackage or "
                "database); give a style file to keep the style."))
        project = context.project()
        in_project = project is not None and project.mapLayer(layer.id()) is not None
        return {OUTPUT: layer.id() if in_project else layer.source(),
                SAVED_TO: ";".join(saved)}
