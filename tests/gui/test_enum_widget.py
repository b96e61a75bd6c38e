# SPDX-License-Identifier: GPL-2.0-or-later
"""Enum labels in the Processing plugin's three dialogs: toolbox, batch and modeler.

The dialogs show the translated label of each option; what they hand to the algorithm (and
what a model stores) is the static value that the command line takes too.
"""
import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QComboBox

from boligsocial_plugin.processing.params import enum_labels


def _alg(alg_id):
    alg = QgsApplication.processingRegistry().createAlgorithmById("boligsocial:" + alg_id)
    assert alg is not None
    return alg


def _items(combo):
    return [combo.itemText(i) for i in range(combo.count())]


@pytest.fixture
def toolbox_dialog(live_provider, danish, qgis_iface, monkeypatch):
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    # pytest-qgis's stand-in for QGIS's interface has no browser model; the dialog asks
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: None, raising=False)
    dialog = AlgorithmDialog(_alg("assesscriteria"))
    yield dialog
    dialog.close()
    dialog.deleteLater()


def test_toolbox_dialog_shows_danish_labels_and_returns_static_values(toolbox_dialog):
    panel = toolbox_dialog.mainWidget()
    rule_set = panel.wrappers["RULE_SET"]
    combo = rule_set.wrappedWidget()
    assert isinstance(combo, QComboBox)
    labels = enum_labels(toolbox_dialog.algorithm().parameterDefinition("RULE_SET"))
    assert _items(combo) == list(labels.values())
    assert _items(combo)[2].startswith("2021 og frem")  # Danish
    assert rule_set.parameterValue() == "2021"  # the default, as a static value
    combo.setCurrentIndex(0)
    assert rule_set.parameterValue() == "2013"
    overlaps = panel.wrappers["OVERLAPS"]
    overlaps.setParameterValue("allow", QgsProcessingContext())
    assert overlaps.wrappedWidget().currentText().startswith("Tillad")
    assert overlaps.parameterValue() == "allow"
    preset = panel.wrappers["DISCRETION_PRESET"]  # optional: '[Not selected]' first
    assert preset.parameterValue() is None
    assert "Frederiksberg: ≥250" in _items(preset.wrappedWidget())
    assert "Regelsæt" in toolbox_dialog.algorithm().shortHelpString()  # parameter help


def test_batch_dialog_shows_labels_and_runs_with_static_values(live_provider, danish,
                                                               qgis_iface, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    from tests.helpers import grid_areas

    grid_areas(str(tmp_path / "areas.gpkg"))
    dialog = BatchAlgorithmDialog(_alg("mergesmallareas"))
    panel = dialog.mainWidget()
    col = panel.parameter_to_column["CONTIGUITY"]
    wrapper = panel.wrappers[0][col]
    assert _items(wrapper.wrappedWidget())[1].startswith("Fælles grænse eller hjørne")
    wrapper.setParameterValue("queen", QgsProcessingContext())
    params, ok = panel.parametersForRow(0, QgsProject.instance(), warnOnInvalid=False)
    assert params["CONTIGUITY"] == "queen" and params["CSV_FORMAT"] == "auto"
    dialog.close()
    dialog.deleteLater()


def test_batch_run_with_an_audit_report_completes(live_provider, qgis_iface, tmp_path):
    """QGIS 3.22's batch dialog failed after runs with an HTML-typed output."""
    import pandas as pd
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    pd.DataFrame({"area_id": ["A", "B", "C"], "men": [40, 3, 50], "women": [45, 50, 2],
                  "total": [85, 53, 52]}).to_csv(tmp_path / "t.csv", index=False)
    table = QgsVectorLayer(str(tmp_path / "t.csv"), "t", "ogr")
    QgsProject.instance().addMapLayer(table)
    dialog = BatchAlgorithmDialog(_alg("applydiscretion"))
    panel = dialog.mainWidget()
    ctx = QgsProcessingContext()
    for name, value in (("INPUT", table.id()), ("COUNT_FIELDS", ["men", "women"]),
                        ("TOTAL_FIELD", "total"), ("MIN_RESIDENTS", 0)):
        panel.wrappers[0][panel.parameter_to_column[name]].setParameterValue(value, ctx)
    for name, path in (("OUTPUT", tmp_path / "o.gpkg"), ("OUTPUT_REPORT", tmp_path / "r.html")):
        panel.tblParameters.cellWidget(1, panel.parameter_to_column[name]).setValue(str(path))
    dialog.runAlgorithm()  # raised TypeError in loadHTMLResults before
    assert (tmp_path / "o.gpkg").exists()
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")
    dialog.close()
    dialog.deleteLater()
    QgsProject.instance().removeMapLayer(table.id())


def test_modeler_dialog_keeps_model_sources_and_shows_labels(live_provider, danish,
                                                             qgis_iface):
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    from qgis.gui import QgsProcessingModelerParameterWidget

    model = QgsProcessingModelAlgorithm("m", "g")
    dialog = ModelerParametersDialog(_alg("computeindicators"), model)
    widget = dialog.widget.widget.wrappers["OVERLAPS"]
    # QGIS's modeler widget: the value can still come from a model input or another step
    assert isinstance(widget, QgsProcessingModelerParameterWidget)
    combos = [c for c in widget.findChildren(QComboBox) if c.count()]
    assert any(_items(c)[0].startswith("Afvis") for c in combos)
    widget.setWidgetValue(QgsProcessingModelChildParameterSource.fromStaticValue("allow"))
    child = dialog.createAlgorithm()
    assert child.parameterSources()["OVERLAPS"][0].staticValue() == "allow"
    dialog.close()
    dialog.deleteLater()
