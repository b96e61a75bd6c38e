#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the example processing model boligsocial_plugin/models/boligsocial_monitoring.model3.

The model chains the plugin's algorithms as a user would in the graphical modeler:
validate the person extract -> compute indicators -> assess the state criteria -> export a
map and report. Run with QGIS's Python:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_model.py
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "boligsocial_plugin", "models", "boligsocial_monitoring.model3")


def build_model():
    """The model as a QgsProcessingModelAlgorithm (QGIS must be initialised)."""
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildDependency,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterFileDestination,
        QgsProcessingParameterNumber,
        QgsProcessingParameterString,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Src,
    )
    from qgis.PyQt.QtCore import QPointF

    m = QgsProcessingModelAlgorithm("Boligsocial monitoring", "Boligsocial")
    m.setHelpContent({"ALG_DESC": "Validate a person extract, compute indicators with "
                      "discretion, assess the state criteria and export a map and report."})
    inputs = [
        QgsProcessingParameterFeatureSource("persons", "Person extract",
                                            [QgsProcessing.TypeVector]),
        QgsProcessingParameterFeatureSource("areas", "Areas", [QgsProcessing.TypeVectorPolygon]),
        QgsProcessingParameterString("area_id", "Area id field", "area_id"),
        QgsProcessingParameterString("ref_date", "Reference date (YYYY-MM-DD)", optional=True),
        QgsProcessingParameterNumber("conviction_rate", "National conviction rate (%)",
                                     QgsProcessingParameterNumber.Double, optional=True),
        QgsProcessingParameterNumber("mean_income", "Regional mean income (kr.)",
                                     QgsProcessingParameterNumber.Double, optional=True),
    ]
    for i, p in enumerate(inputs):
        m.addModelParameter(p, QgsProcessingModelParameter(p.name()))
        m.parameterComponent(p.name()).setPosition(QPointF(120, 60 + 70 * i))
    m.addModelParameter(QgsProcessingParameterFileDestination("report", "Report (PDF)",
                                                              "PDF files (*.pdf)"),
                        QgsProcessingModelParameter("report"))

    def child(cid, alg, params, y, outputs=()):
        c = QgsProcessingModelChildAlgorithm("boligsocial:" + alg)
        c.setChildId(cid)
        c.setDescription(cid)
        c.setPosition(QPointF(480, y))
        for k, v in params.items():
            c.addParameterSources(k, [v])
        outs = {}
        for name, desc in outputs:
            o = QgsProcessingModelOutput(desc, desc)
            o.setChildOutputName(name)
            o.setChildId(cid)
            outs[desc] = o
        c.setModelOutputs(outs)
        m.addChildAlgorithm(c)
        return c

    child("validate", "validateextract", {"PERSONS": Src.fromModelParameter("persons")}, 60)
    c = child("indicators", "computeindicators", {
        "PERSONS": Src.fromModelParameter("persons"), "AREAS": Src.fromModelParameter("areas"),
        "AREA_ID_FIELD": Src.fromModelParameter("area_id"),
        "REF_DATE": Src.fromModelParameter("ref_date")}, 160,
        [("OUTPUT", "Indicators")])
    c.setDependencies([QgsProcessingModelChildDependency("validate")])
    child("criteria", "assesscriteria", {
        "PERSONS": Src.fromModelParameter("persons"), "AREAS": Src.fromModelParameter("areas"),
        "AREA_ID_FIELD": Src.fromModelParameter("area_id"),
        "NATIONAL_CONVICTION_RATE": Src.fromModelParameter("conviction_rate"),
        "REGIONAL_MEAN_INCOME": Src.fromModelParameter("mean_income")}, 260,
        [("OUTPUT", "Criteria")]).setDependencies([QgsProcessingModelChildDependency("validate")])
    child("report", "exportmap", {
        "INPUT": Src.fromChildOutput("indicators", "OUTPUT"),
        "FIELD": Src.fromStaticValue("outside_labour_val"),
        "OUTPUT_PDF": Src.fromModelParameter("report")}, 360)
    return m


def main() -> int:
    """Write the .model3 file."""
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, ROOT)
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import boligsocial_plugin

    plugin = boligsocial_plugin.classFactory(None)
    plugin.initProcessing()
    m = build_model()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    ok = m.toFile(OUT)
    print("wrote" if ok else "FAILED", OUT)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
