#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the example processing model boligsocial_plugin/models/boligsocial_monitoring.model3.

The model chains the plugin's algorithms as a user would in the graphical modeler:
validate the person extract -> compute indicators -> assess the state criteria -> export a
map and report. Run with QGIS's Python:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_model.py [--png model.png]
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "boligsocial_plugin", "models", "boligsocial_monitoring.model3")


def build_model():
    """The model as a QgsProcessingModelAlgorithm (QGIS and our provider must be loaded).

    Every input a child uses is declared (model inputs, or outputs of earlier children),
    every mandatory child parameter gets a source (the algorithm's default, as the
    graphical modeler sets it) and the PDF report is a declared model output, so the model
    validates, opens in the modeler and runs from its defaults plus persons and areas.
    """
    from qgis.core import (
        QgsApplication,
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildDependency,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterDateTime,
        QgsProcessingParameterDefinition,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterNumber,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Src,
    )
    from qgis.PyQt.QtCore import QPointF

    m = QgsProcessingModelAlgorithm("Boligsocial monitoring", "Boligsocial")
    inputs = [
        (QgsProcessingParameterFeatureSource("persons", "Person extract",
                                             [QgsProcessing.TypeVector]),
         "One row per resident per reference date: a point layer, or a table (CSV, "
         "GeoPackage) with x/y columns in EPSG:25832."),
        (QgsProcessingParameterFeatureSource("areas", "Areas",
                                             [QgsProcessing.TypeVectorPolygon]),
         "The area polygons (housing areas, blocks, districts, grid cells)."),
        (QgsProcessingParameterField("area_id", "Area id field", "area_id", "areas"),
         "The field of the areas that identifies each area."),
        (QgsProcessingParameterDateTime("ref_date", "Reference date",
                                        QgsProcessingParameterDateTime.Date, optional=True),
         "The indicators of one reference date only (YYYY-MM-DD on the command line); empty "
         "computes every date of the extract (the map shows the latest)."),
        (QgsProcessingParameterNumber("conviction_rate", "National conviction rate (%)",
                                      QgsProcessingParameterNumber.Double, optional=True,
                                      minValue=0.0),
         "Percent of residents 18 and over convicted, two-year average. Reference value "
         "published by Social- og Boligstyrelsen with the yearly list; without it the "
         "conviction criterion is not assessable."),
        (QgsProcessingParameterNumber("mean_income", "Regional mean income (kr.)",
                                      QgsProcessingParameterNumber.Double, optional=True,
                                      minValue=0.0),
         "Mean gross income of taxpayers 15-64 not in education in the region. Reference "
         "value published by Social- og Boligstyrelsen with the yearly list; "
         "without it the income criterion is not assessable."),
    ]
    help_content = {"ALG_DESC": "Validate a person extract, compute indicators with "
                    "discretion, assess the state criteria (almenboligloven § 61 a/b) and "
                    "export a map and a one-page PDF report."}
    for i, (p, text) in enumerate(inputs):
        p.setHelp(text)
        help_content[p.name()] = text
        component = QgsProcessingModelParameter(p.name())
        component.setPosition(QPointF(120, 60 + 80 * i))
        m.addModelParameter(p, component)
    help_content["indicators:Indicators"] = "One row per area and reference date, styled."
    help_content["criteria:Criteria"] = "The state criteria per area, styled by category."
    help_content["report:Report"] = "The map of the share outside the labour market and " \
        "education as a one-page PDF report."
    m.setHelpContent(help_content)
    registry = QgsApplication.processingRegistry()

    def child(cid, alg, params, y, outputs=()):
        alg_id = "boligsocial:" + alg
        definition = registry.algorithmById(alg_id)
        if definition is None:
            raise RuntimeError("{} is not registered: load the plugin first".format(alg_id))
        c = QgsProcessingModelChildAlgorithm(alg_id)
        c.setChildId(cid)
        c.setDescription(definition.displayName())
        c.setPosition(QPointF(480, y))
        for k, v in params.items():
            c.addParameterSources(k, [v])
        # as the modeler does: every mandatory parameter gets its default as a static value
        for p in definition.parameterDefinitions():
            if p.name() in params or p.isDestination() or \
                    p.flags() & QgsProcessingParameterDefinition.FlagOptional:
                continue
            if p.defaultValue() is not None:
                c.addParameterSources(p.name(), [Src.fromStaticValue(p.defaultValue())])
        outs = {}
        for k, (name, desc) in enumerate(outputs):
            o = QgsProcessingModelOutput(desc, desc)
            o.setChildOutputName(name)
            o.setChildId(cid)
            o.setPosition(QPointF(800, y + 40 * k))
            outs[desc] = o
        c.setModelOutputs(outs)
        m.addChildAlgorithm(c)
        return c

    child("validate", "validateextract", {"PERSONS": Src.fromModelParameter("persons")}, 60)
    c = child("indicators", "computeindicators", {
        "PERSONS": Src.fromModelParameter("persons"), "AREAS": Src.fromModelParameter("areas"),
        "AREA_ID_FIELD": Src.fromModelParameter("area_id"),
        "REF_DATE": Src.fromModelParameter("ref_date")}, 170,
        [("OUTPUT", "Indicators")])
    c.setDependencies([QgsProcessingModelChildDependency("validate")])
    c = child("criteria", "assesscriteria", {
        "PERSONS": Src.fromModelParameter("persons"), "AREAS": Src.fromModelParameter("areas"),
        "AREA_ID_FIELD": Src.fromModelParameter("area_id"),
        "NATIONAL_CONVICTION_RATE": Src.fromModelParameter("conviction_rate"),
        "REGIONAL_MEAN_INCOME": Src.fromModelParameter("mean_income")}, 410,
        [("OUTPUT", "Criteria")])
    c.setDependencies([QgsProcessingModelChildDependency("validate")])
    child("report", "exportmap", {
        "INPUT": Src.fromChildOutput("indicators", "OUTPUT"),
        "FIELD": Src.fromStaticValue("outside_labour_val")}, 290,
        [("OUTPUT_PDF", "Report")])
    return m


def problems(m) -> list:
    """Everything that would stop the model in the modeler or the GUI; empty when fine."""
    ok, issues = m.validate()
    out = [] if ok else list(issues)
    defined = {p.name() for p in m.parameterDefinitions()}
    out += ["model input '{}' has no definition".format(name)
            for name in m.parameterComponents() if name not in defined]
    for cid, c in m.childAlgorithms().items():
        for pname, sources in c.parameterSources().items():
            out += ["{}: {} uses the undeclared model input '{}'".format(
                cid, pname, src.parameterName()) for src in sources
                if src.source() == src.ModelParameter and src.parameterName() not in defined]
    return out


def render_png(m, path: str) -> bool:
    """Draw the model as the graphical modeler shows it (offscreen) and save a PNG."""
    from qgis.core import QgsProcessingContext
    from qgis.gui import QgsModelGraphicsScene
    from qgis.PyQt.QtCore import QRectF
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    scene = QgsModelGraphicsScene()
    scene.setModel(m)
    scene.createItems(m, QgsProcessingContext())
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    img = QImage(int(rect.width()), int(rect.height()), QImage.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.Antialiasing)
    scene.render(painter, QRectF(img.rect()), rect)
    painter.end()
    return img.save(path)


def main(argv=None) -> int:
    """Write the .model3 file (and, with --png, a picture of it in the modeler)."""
    import argparse

    # Qt orders XML attributes by hash; a fixed seed gives the same file every run
    os.environ.setdefault("QT_HASH_SEED", "0")
    from qgis.core import QgsApplication

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--png", help="also draw the model as the modeler shows it into this PNG")
    args = ap.parse_args(argv)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], True)
    app.initQgis()
    sys.path.insert(0, ROOT)
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import boligsocial_plugin
    from boligsocial_plugin.qgis_io import translator as i18n

    plugin = boligsocial_plugin.classFactory(None)
    plugin.initProcessing()
    i18n.remove_translator(plugin.translator)  # the model file is written in English
    plugin.translator = None
    m = build_model()
    issues = problems(m)
    if issues:
        print("the model has problems:", *issues, sep="\n  ")
        return 1
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    ok = m.toFile(OUT)
    print("wrote" if ok else "FAILED", OUT)
    if ok and args.png:
        ok = render_png(m, args.png)
        print("wrote" if ok else "FAILED", args.png)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
