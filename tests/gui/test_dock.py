# SPDX-License-Identifier: GPL-2.0-or-later
"""The monitoring panel: a full background run on small data, restyling, table, profile."""
import json

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsFeatureRequest,
    QgsGraduatedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsMapToolPan, QgsMapToolZoom
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt

from boligsocial_plugin.gui.panel import BoligsocialDock
from boligsocial_plugin.gui.profile import format_value
from boligsocial_plugin.gui.settings import SETTINGS_PREFIX
from tests.gui.conftest import COUNTS, run_and_wait


def renderer_fields(layer):
    """Value fields the layer's renderer classifies on (flag fields left out)."""
    r = layer.renderer()
    if isinstance(r, (QgsGraduatedSymbolRenderer, QgsCategorizedSymbolRenderer)):
        return {r.classAttribute()}
    assert isinstance(r, QgsRuleBasedRenderer), type(r)
    cols = set()
    for rule in r.rootRule().children():
        cols |= set(QgsExpression(rule.filterExpression()).referencedColumns())
    return {c for c in cols if not c.endswith("_flag")}


def feature(layer, area_id):
    req = QgsFeatureRequest().setFilterExpression("\"area_id\" = '{}'".format(area_id))
    return next(layer.getFeatures(req))


def table_column(d, col):
    return [d.table.item(r, col).text() for r in range(d.table.rowCount())]


@pytest.fixture
def ran(qtbot, dock):
    """The panel after one successful run on the latest date."""
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    return dock


def test_run_loads_layer_styled_on_chosen_indicator(qtbot, dock, gui_data):
    assert dock.ref_date_combo.currentText() == "2025-01-01"  # latest date offered
    n_layers = len(QgsProject.instance().mapLayers())
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    layer = dock.indicator_layer
    assert layer is not None and QgsProject.instance().mapLayer(layer.id()) is layer
    assert len(QgsProject.instance().mapLayers()) == n_layers + 1
    assert layer.featureCount() == len(COUNTS)
    assert renderer_fields(layer) == {"outside_labour_val"}
    assert dock.display_field() == "outside_labour_val"
    assert dock.table.rowCount() == len(COUNTS)
    assert sorted(table_column(dock, 0)) == ["A00", "A01", "A10", "A11", "A20", "A21"]
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()
    assert dock.progress.value() == 100
    assert dock.tabs.currentIndex() == 1  # results shown


def test_panel_runs_the_toolbox_algorithm_with_the_same_parameters(ran, gui_data):
    import processing

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    params = ran.indicator_parameters("memory:")
    assert params["PERSONS"] == gui_data.persons.id()
    assert params["REF_DATE"] == "2025-01-01"
    res = processing.run("boligsocial:computeindicators", params, context=ctx,
                         feedback=QgsProcessingFeedback())
    toolbox = res["OUTPUT"]  # processing.run returns the memory layer itself
    for aid in ("A00", "A10", "A21"):
        assert feature(toolbox, aid)["nonwestern_val"] == \
            feature(ran.indicator_layer, aid)["nonwestern_val"]


@pytest.mark.parametrize("field", ["nonwestern_val", "income_val", "age_65plus_val"])
def test_switching_the_indicator_restyles_the_layer(ran, field):
    assert ran.set_display_field(field)
    assert ran.display_field() == field
    assert renderer_fields(ran.indicator_layer) == {field}
    # the table's value column follows
    code = field[:-4]
    unit = "kr." if code == "income" else "%"
    row = table_column(ran, 0).index("A00")
    assert ran.table.item(row, 3).text() == format_value(
        feature(ran.indicator_layer, "A00")[field], unit)


def test_unknown_indicator_is_not_selectable(ran):
    assert not ran.set_display_field("no_such_val")
    assert ran.display_field() == "outside_labour_val"


def test_selecting_a_row_shows_the_area_profile(ran):
    layer = ran.indicator_layer
    f = feature(layer, "A00")
    assert ran.select_area("A00")
    text = ran.profile.toPlainText()
    assert "A00" in text and "Område A00 æøå" in text
    assert "{:d}".format(int(f["residents"])) in text  # residents as published (perturbed)
    published = 0
    for code, unit in (("outside_labour", "%"), ("nonwestern", "%"), ("age_0_17", "%"),
                       ("income", "kr.")):
        if f[code + "_flag"] == "":
            assert format_value(f[code + "_val"], unit) in text, code
            published += 1
    assert published >= 3
    assert layer.selectedFeatureIds() == [f.id()]


def test_suppressed_values_are_shown_as_suppressed(ran):
    f = feature(ran.indicator_layer, "A20")  # 30 residents < 50: whole area suppressed
    assert f["outside_labour_flag"] == "A"
    ran.select_area("A20")
    text = ran.profile.toPlainText()
    assert "suppressed" in text
    assert "%" not in text  # no value of a suppressed area leaks into the profile
    row = table_column(ran, 0).index("A20")
    assert ran.table.item(row, 3).text() == "suppressed"


def test_table_sorts_numerically_with_suppressed_last(ran):
    ran.table.sortItems(3, Qt.AscendingOrder)
    layer = ran.indicator_layer
    ids = table_column(ran, 0)
    values = [feature(layer, a)["outside_labour_val"] for a in ids]
    published = [v for v in values if v is not None and str(v) != "NULL"]
    assert published == sorted(published)
    assert ids[-1] == "A20"
    ran.table.sortItems(2, Qt.DescendingOrder)  # residents, numerically (~120 before 30)
    res = sorted((int(f["residents"]) for f in layer.getFeatures()
                  if f["residents"] is not None and str(f["residents"]) != "NULL"), reverse=True)
    assert table_column(ran, 2)[:2] == [str(v) for v in res[:2]] and res[0] >= 100


def test_inspect_sets_the_map_tool_and_restores_the_previous_one(ran, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)
    ran.inspect_button.setChecked(True)
    assert canvas.mapTool() is ran.map_tool
    assert ran.inspect_layer is ran.indicator_layer
    ran.inspect_button.setChecked(False)
    assert canvas.mapTool() is pan
    canvas.unsetMapTool(pan)


def test_choosing_another_tool_releases_inspect(ran, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    ran.inspect_button.setChecked(True)
    zoom = QgsMapToolZoom(canvas, False)
    canvas.setMapTool(zoom)
    assert not ran.inspect_button.isChecked()
    assert canvas.mapTool() is zoom  # the user's choice is kept
    canvas.unsetMapTool(zoom)


def test_clicking_an_area_on_the_map_shows_its_profile(ran):
    ran.inspect_button.setChecked(True)
    f = feature(ran.indicator_layer, "A11")
    ran.map_tool.featureIdentified[type(f)].emit(f)
    assert ran.selected_area() == "A11"
    assert "Område A11 æøå" in ran.profile.toPlainText()
    ran.inspect_button.setChecked(False)


def test_algorithm_error_is_shown_in_the_panel(qtbot, dock, gui_data):
    bad = gui_data.tmp / "bad.csv"
    gui_data.frame.drop(columns=["age", "area_truth"]).to_csv(bad, index=False)
    layer = QgsVectorLayer("file://{}?delimiter=,&xField=x&yField=y&crs=EPSG:25832".format(bad),
                           "bad", "delimitedtext")
    QgsProject.instance().addMapLayer(layer)
    dock.persons_combo.setLayer(layer)
    n_layers = len(QgsProject.instance().mapLayers())
    assert run_and_wait(qtbot, dock) is False
    assert "age" in dock.message.text()
    assert "Traceback" not in dock.message.text()
    assert dock.indicator_layer is None
    assert len(QgsProject.instance().mapLayers()) == n_layers
    assert dock.run_button.isEnabled()


def test_missing_input_is_reported_before_running(dock):
    dock.areas_combo.setLayer(None)
    dock.run()
    assert not dock.is_running()
    assert "area layer" in dock.message.text()


def test_cancel_loads_nothing(qtbot, dock):
    n_layers = len(QgsProject.instance().mapLayers())
    with qtbot.waitSignal(dock.runFinished, timeout=60000) as blocker:
        dock.run()
        assert dock.is_running() and dock.cancel_button.isEnabled()
        dock.cancel()
    assert blocker.args == [False]
    assert "Cancelled" in dock.message.text()
    assert len(QgsProject.instance().mapLayers()) == n_layers
    assert dock.run_button.isEnabled() and not dock.is_running()


def test_every_date_computed_shows_the_latest(qtbot, dock):
    dock.ref_date_combo.setCurrentText("")
    assert run_and_wait(qtbot, dock) is True
    assert "REF_DATE" not in dock.indicator_parameters("memory:")
    assert dock.table.rowCount() == len(COUNTS)  # one row per area
    assert "2025-01-01" in dock.message.text()


def test_user_indicators_from_json(qtbot, dock, gui_data):
    path = gui_data.tmp / "extra.json"
    path.write_text(json.dumps([{"code": "women", "type": "share", "label": "Women",
                                 "condition": {"column": "sex", "op": "==", "value": "K"}}]))
    dock.indicator_file.setFilePath(str(path))
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    assert dock.set_display_field("women_val")
    assert dock.display_combo.currentText() == "Women"
    assert renderer_fields(dock.indicator_layer) == {"women_val"}


def test_settings_are_remembered(qgis_iface, dock, gui_data):
    dock.min_count_spin.setValue(3)
    dock.min_residents_spin.setValue(250)
    dock.ref_date_combo.setCurrentText("2024-01-01")
    dock.save_settings()
    assert QgsSettings().value(SETTINGS_PREFIX + "min_count", type=int) == 3
    other = BoligsocialDock(qgis_iface, qgis_iface.mainWindow())
    try:
        assert other.min_count_spin.value() == 3
        assert other.min_residents_spin.value() == 250
        assert other.ref_date_combo.currentText() == "2024-01-01"
        assert other.persons_combo.currentLayer() is gui_data.persons
        assert other.areas_combo.currentLayer() is gui_data.areas
        assert other.id_field_combo.currentField() == "area_id"
    finally:
        other.cleanup()
        other.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def test_criteria_parameters(qgis_iface, provider):
    d = BoligsocialDock(qgis_iface, qgis_iface.mainWindow())
    try:
        assert not d.criteria_group.isHidden()
        d.rule_set_combo.setCurrentIndex(d.rule_set_combo.findData("2018"))
        d.conviction_spin.setValue(1.2)
        params = d.criteria_parameters("memory:")
        assert params["RULE_SET"] == "2018"
        assert params["NATIONAL_CONVICTION_RATE"] == pytest.approx(1.2)
        assert "REGIONAL_MEAN_INCOME" not in params  # 0 = the algorithm's default
    finally:
        d.cleanup()
        d.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def test_removing_the_result_layer_clears_the_panel(ran):
    QgsProject.instance().removeMapLayer(ran.indicator_layer.id())
    assert ran.indicator_layer is None
    assert ran.table.rowCount() == 0
    assert ran.display_combo.count() == 0
    assert ran.inspect_layer is None


def test_cleanup_disconnects_from_project_and_canvas(qgis_iface, dock):
    canvas = qgis_iface.mapCanvas()
    project = QgsProject.instance()
    before_canvas = canvas.receivers(canvas.mapToolSet)
    before_project = project.receivers(project.layersWillBeRemoved)
    dock.cleanup()
    assert canvas.receivers(canvas.mapToolSet) == before_canvas - 1
    assert project.receivers(project.layersWillBeRemoved) == before_project - 1
    assert dock.map_tool is None


def test_criteria_run_adds_categories_and_explanations(qtbot, dock):
    assert not dock.criteria_group.isHidden()
    dock.criteria_group.setChecked(True)
    dock.rule_set_combo.setCurrentIndex(dock.rule_set_combo.findData("2021"))
    dock.conviction_spin.setValue(1.5)
    dock.income_spin.setValue(300000)
    n_layers = len(QgsProject.instance().mapLayers())
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    crit, ind = dock.criteria_layer, dock.indicator_layer
    assert crit is not None and ind is not None
    assert len(QgsProject.instance().mapLayers()) == n_layers + 2
    assert dock.set_display_field("category")
    assert isinstance(crit.renderer(), QgsCategorizedSymbolRenderer)
    assert crit.renderer().classAttribute() == "category"
    root = QgsProject.instance().layerTreeRoot()
    assert root.findLayer(crit.id()).isVisible() and not root.findLayer(ind.id()).isVisible()
    assert dock.inspect_layer is crit
    headers = [dock.table.horizontalHeaderItem(c).text() for c in range(dock.table.columnCount())]
    assert headers[-1] == "Category"
    dock.select_area("A00")
    text = dock.profile.toPlainText()
    f = feature(crit, "A00")
    assert "State criteria (2021)" in text
    assert "at risk" in dock.message.text()
    assert f["explanation"] and f["explanation"] in text
    assert "Only basic schooling" in text  # the indicator profile is still there
    # back to an indicator: the indicator layer is shown again
    assert dock.set_display_field("basic_edu_val")
    assert root.findLayer(ind.id()).isVisible() and not root.findLayer(crit.id()).isVisible()


def test_discretion_preset_reaches_the_algorithm(qtbot, dock):
    assert dock.has_presets
    dock.preset_combo.setCurrentIndex(dock.preset_combo.findData("frederiksberg"))
    assert not dock.min_count_spin.isEnabled() and not dock.min_residents_spin.isEnabled()
    dock.tabs.setCurrentIndex(1)  # the setup page is hidden: the preset must still count
    assert dock.indicator_parameters("memory:")["DISCRETION_PRESET"] == "frederiksberg"
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    # Frederiksberg publishes no figures for areas under 250 residents: all test areas
    assert set(table_column(dock, 3)) == {"suppressed"}
    dock.preset_combo.setCurrentIndex(0)
    assert dock.min_count_spin.isEnabled()
    assert "DISCRETION_PRESET" not in dock.indicator_parameters("memory:")


def test_results_are_saved_as_new_layers_of_the_chosen_geopackage(qtbot, dock, gui_data):
    from osgeo import ogr

    path = str(gui_data.tmp / "results.gpkg")
    assert dock.output_file.filePath() == path
    dock.criteria_group.setChecked(True)
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    # both results in one file: counted right although the second run wrote after the first
    assert dock.message.text().startswith("{} areas".format(len(COUNTS)))
    first = dock.indicator_layer.source()
    assert first.startswith(path + "|layername=indicators_")
    assert dock.criteria_layer.source().startswith(path + "|layername=criteria_")
    qtbot.wait(1100)  # the layer names carry the time to the second
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    assert dock.indicator_layer.source() != first
    ds = ogr.Open(path)
    names = sorted(ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount()))
    ds = None
    assert len([n for n in names if n.startswith("indicators_")]) == 2  # the first run stays
    assert len([n for n in names if n.startswith("criteria_")]) == 2
    assert "layer_styles" in names  # styles, aliases and rounding travel with the file
    assert not list(gui_data.tmp.glob("results_*.qml"))  # no style file per layer
    again = QgsVectorLayer(first, "again", "ogr")
    assert again.renderer().type() == "RuleRenderer"
    assert again.attributeAlias(again.fields().lookupField("residents")) == "Residents"


def test_the_results_file_is_remembered_per_project(dock, gui_data, tmp_path):
    from boligsocial_plugin.gui.settings import (
        OUTPUT_FILE_NAME,
        PROJECT_OUTPUT_KEY,
        PROJECT_SCOPE,
        default_output_path,
    )

    project = QgsProject.instance()
    project.removeEntry(PROJECT_SCOPE, PROJECT_OUTPUT_KEY)  # earlier tests' runs chose one
    project.setFileName(str(tmp_path / "monitoring.qgz"))  # a project in a folder
    assert dock.output_file.filePath() == str(tmp_path / OUTPUT_FILE_NAME)
    chosen = str(tmp_path / "elsewhere.gpkg")
    dock.output_file.setFilePath(chosen)
    outputs, error = dock.output_destinations()
    assert error == "" and chosen.replace("\\", "/") in outputs["indicators"]
    assert default_output_path() == chosen  # kept in the project
    assert QgsSettings().value(SETTINGS_PREFIX + "output_gpkg") == chosen
    dock.output_file.setFilePath("nope")
    dock._on_project_changed()
    assert dock.output_file.filePath() == chosen


def test_empty_results_file_means_temporary_and_a_missing_folder_is_refused(dock, tmp_path):
    dock.output_file.setFilePath("")
    outputs, error = dock.output_destinations()
    assert error == "" and all(o.endswith(".gpkg") and "|" not in o for o in outputs.values())
    dock.output_file.setFilePath(str(tmp_path / "no" / "such" / "folder" / "r.gpkg"))
    outputs, error = dock.output_destinations()
    assert outputs == {} and "does not exist" in error
    dock.run_button.click()
    assert "does not exist" in dock.message.text()


def test_trend_run_adds_projection_series_and_profile_chart(qtbot, dock):
    from boligsocial_plugin.maps import temporal

    dock.criteria_group.setChecked(True)
    dock.trend_check.setChecked(True)
    dock.conviction_spin.setValue(1.5)
    dock.income_spin.setValue(300000)
    dock.ref_date_combo.setCurrentText("")
    n_layers = len(QgsProject.instance().mapLayers())
    assert run_and_wait(qtbot, dock, timeout=120000) is True, dock.message.text()
    assert dock.monitor_layer is not None and dock.series_layer is not None
    assert len(QgsProject.instance().mapLayers()) == n_layers + 4
    assert "At the next list" in dock.message.text()
    series = dock.series_layer
    assert series.temporalProperties().isActive()
    assert series.customProperty(temporal.PROPERTY)
    assert dock.set_display_field("projected_category")
    assert dock.monitor_layer.renderer().classAttribute() == "projected_category"
    headers = [dock.table.horizontalHeaderItem(c).text() for c in range(dock.table.columnCount())]
    assert headers[-1] == "Next list"
    dock.select_area("A00")
    html = dock.profile.toHtml()
    assert "State criteria over time" in dock.profile.toPlainText()
    assert "boligsocial-chart:" in html
    url = html.split("boligsocial-chart:")[1].split('"')[0]
    from qgis.PyQt.QtCore import QUrl
    from qgis.PyQt.QtGui import QTextDocument
    image = dock.profile.document().resource(QTextDocument.ImageResource,
                                             QUrl("boligsocial-chart:" + url))
    assert image is not None and not image.isNull()
    assert dock.monitor_parameters("a", "b")["SERIES"] == "b"


def test_profile_shows_the_indicator_over_time_without_monitoring(qtbot, dock):
    dock.ref_date_combo.setCurrentText("")
    assert run_and_wait(qtbot, dock) is True, dock.message.text()
    assert dock.set_display_field("age_65plus_val")
    dock.select_area("A00")
    assert "over time" in dock.profile.toPlainText()
    assert "boligsocial-chart:" in dock.profile.toHtml()
