# SPDX-License-Identifier: GPL-2.0-or-later
"""Dock panel "Boligsocial monitorering": inputs, background run, indicator map, table, profile.

The panel runs the very algorithms of the toolbox (``boligsocial:computeindicators`` and
``boligsocial:assesscriteria``) in the background (gui/runner.py), so QGIS never freezes and
every run can be repeated in a model with the same parameters. Results are saved as new
layers of a GeoPackage the user chooses (default: boligsocial.gpkg in the project folder;
empty: temporary files). This module holds the inputs, the run, the map tool and the panel's
lifetime; the widgets are laid out in gui/panel_ui.py, the results tab (map field, table,
profile) is gui/results.py, an area's profile page is built by gui/profile.py.
"""
import os
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from qgis.core import (
    QgsFeature,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsDockWidget,
    QgsMapToolIdentifyFeature,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDir, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QWidget,
)

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.gui import profile
from boligsocial_plugin.gui.panel_ui import PanelWidgets
from boligsocial_plugin.gui.results import PanelResults
from boligsocial_plugin.gui.runner import (
    CRITERIA,
    INDICATORS,
    MONITOR,
    SERIES,
    PanelRun,
    PanelRunner,
    disconnect,
)
from boligsocial_plugin.gui.settings import (
    PanelSettings,
    default_output_path,
    remember_output_path,
)
from boligsocial_plugin.gui.trend import TrendCharts
from boligsocial_plugin.qgis_io.values import is_null, text

OBJECT_NAME = "BoligsocialDock"
MAP_TOOL_NAME = "BoligsocialInspectTool"
ALG_INDICATORS = "boligsocial:computeindicators"
ALG_CRITERIA = "boligsocial:assesscriteria"
ALG_MONITOR = "boligsocial:monitorcriteria"
REF_DATE_NAMES = ("ref_date", "opgoerelsesdato")
MAX_FEATURES_FOR_DATES = 100000  # reading the dates of a larger extract would stall the GUI


class BoligsocialDock(PanelWidgets, PanelSettings, PanelResults, QgsDockWidget):
    """The monitoring panel: inputs, background run, indicator map, results table, profile."""

    runFinished = pyqtSignal(bool)  # noqa: N815 - True when a result was loaded

    def __init__(self, iface, parent: Optional[QWidget] = None):
        super().__init__(tr("Boligsocial monitorering"), parent)
        self.setObjectName(OBJECT_NAME)
        self.iface = iface
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.indicator_layer: Optional[QgsVectorLayer] = None
        self.criteria_layer: Optional[QgsVectorLayer] = None
        self.monitor_layer: Optional[QgsVectorLayer] = None  # monitorcriteria OUTPUT
        self.series_layer: Optional[QgsVectorLayer] = None   # monitorcriteria SERIES
        self.trend_charts: Optional[TrendCharts] = None
        self.inspect_layer: Optional[QgsVectorLayer] = None  # the layer the map tool picks from
        self.runner = PanelRunner(self)
        self.runner.progressChanged.connect(self._on_progress)
        self.runner.textChanged.connect(self._on_progress_text)
        self.runner.succeeded.connect(self._show_results)
        self.runner.failed.connect(lambda message, error: self._finish(False, message, error))
        self._prev_tool = None
        self._switching_tool = False
        self._saved_layers_applied = False
        self._cleaned = False
        self._wanted_display = ""
        self._catalogue: profile.Catalogue = {}
        self.has_presets = bool(discretion.PRESETS)
        self.build_ui()
        self.map_tool: Optional[QgsMapToolIdentifyFeature] = None
        if self.canvas is not None:
            self.map_tool = QgsMapToolIdentifyFeature(self.canvas)
            self.map_tool.setObjectName(MAP_TOOL_NAME)
            self.map_tool.featureIdentified[QgsFeature].connect(self._on_feature_identified)
            self.canvas.mapToolSet.connect(self._on_map_tool_set)
        QgsProject.instance().layersWillBeRemoved.connect(self._on_layers_removed)
        self._auto_output_path = ""
        QgsProject.instance().homePathChanged.connect(self._on_project_changed)
        QgsProject.instance().readProject.connect(self._on_project_changed)
        self._restore_settings()
        self._set_running(False)

    def showEvent(self, event) -> None:  # noqa: N802
        """Choose the remembered layers when shown (they may have been added since)."""
        super().showEvent(event)
        if not self._saved_layers_applied:
            self._apply_saved_layers()

    def hideEvent(self, event) -> None:  # noqa: N802
        """Give the map tool back when the panel is hidden."""
        if self.inspect_button.isChecked():
            self.inspect_button.setChecked(False)
        super().hideEvent(event)

    def _on_areas_changed(self, layer) -> None:
        self.id_field_combo.setLayer(layer)
        self.name_field_combo.setLayer(layer)
        if layer is None:
            return
        names = [f.name().lower() for f in layer.fields()]
        for combo, wanted in ((self.id_field_combo, ("area_id", "id", "omraade_id")),
                              (self.name_field_combo, ("area_name", "name", "navn"))):
            for w in wanted:
                if w in names:
                    combo.setField(layer.fields()[names.index(w)].name())
                    break

    def _fill_dates(self, layer) -> None:
        keep = self.ref_date_combo.currentText()
        self.ref_date_combo.blockSignals(True)
        self.ref_date_combo.clear()
        self.ref_date_combo.addItem("")
        dates = self._dates_of(layer)
        for d in dates:
            self.ref_date_combo.addItem(d)
        if keep and keep in dates:
            self.ref_date_combo.setCurrentText(keep)
        elif dates:
            self.ref_date_combo.setCurrentText(dates[-1])
        else:
            self.ref_date_combo.setCurrentText(keep)
        self.ref_date_combo.blockSignals(False)

    @staticmethod
    def _dates_of(layer) -> List[str]:
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return []
        # OGR answers DISTINCT in SQL; other providers read every feature on the GUI thread
        if layer.providerType() not in ("ogr", "memory") and \
                layer.featureCount() > MAX_FEATURES_FOR_DATES:
            return []
        names = [f.name().lower() for f in layer.fields()]
        for n in REF_DATE_NAMES:
            if n in names:
                values = layer.uniqueValues(names.index(n))
                return sorted({text(v) for v in values if not is_null(v)})
        return []

    def _on_project_changed(self, *_args) -> None:
        """Another project (or its folder): results go where that project keeps them."""
        self._auto_output_path = default_output_path()
        self.output_file.setFilePath(self._auto_output_path)

    def _refresh_default_output(self) -> None:
        """Follow the project (saved since the panel opened?) unless the user chose a file."""
        if self.output_file.filePath().strip() == self._auto_output_path:
            self._on_project_changed()

    def _on_preset_changed(self, _index: int = 0) -> None:
        custom = not self.has_presets or not self.preset_combo.currentData()
        self.min_count_spin.setEnabled(custom)
        self.min_residents_spin.setEnabled(custom)

    # ------------------------------------------------------------------ parameters
    def indicator_parameters(self, output: str) -> Dict[str, Any]:
        """Parameters of boligsocial:computeindicators as the panel is set."""
        params: Dict[str, Any] = self._common_parameters()
        date = self.ref_date_combo.currentText().strip()
        if date:
            params["REF_DATE"] = date
        path = self.indicator_file.filePath().strip()
        if path:
            params["INDICATOR_DEFINITIONS"] = path
        params["OUTPUT"] = output
        return params

    def criteria_parameters(self, output: str) -> Dict[str, Any]:
        """Parameters of boligsocial:assesscriteria as the panel is set."""
        params = self._common_parameters()
        params["RULE_SET"] = self.rule_set_combo.currentData()
        if self.conviction_spin.value() > 0:
            params["NATIONAL_CONVICTION_RATE"] = self.conviction_spin.value()
        if self.income_spin.value() > 0:
            params["REGIONAL_MEAN_INCOME"] = self.income_spin.value()
        date = self.ref_date_combo.currentText().strip()
        if date:
            params["ASSESSMENT_DATE"] = date
        params["OUTPUT"] = output
        return params

    def monitor_parameters(self, output: str, series: str) -> Dict[str, Any]:
        """Parameters of boligsocial:monitorcriteria as the panel is set (every snapshot)."""
        params = self.criteria_parameters(output)
        params.pop("ASSESSMENT_DATE", None)
        params["SERIES"] = series
        return params

    def _common_parameters(self) -> Dict[str, Any]:
        persons = self.persons_combo.currentLayer()
        areas = self.areas_combo.currentLayer()
        params: Dict[str, Any] = {
            "PERSONS": persons.id() if persons is not None else None,
            "AREAS": areas.id() if areas is not None else None,
            "AREA_ID_FIELD": self.id_field_combo.currentField(),
            "MIN_COUNT": self.min_count_spin.value(),
            "MIN_RESIDENTS": self.min_residents_spin.value(),
        }
        if self.name_field_combo.currentField():
            params["AREA_NAME_FIELD"] = self.name_field_combo.currentField()
        preset = self.preset_combo.currentData() if self.has_presets else ""
        if preset:
            params["DISCRETION_PRESET"] = preset
        return params

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        """True while a run (one or two tasks) is under way."""
        return self.runner.is_running()

    def run(self) -> None:
        """Check the inputs and start the algorithms as background tasks."""
        if self.is_running():
            return
        self._show_message("")
        error = self._input_error()
        if error:
            self._show_error(error)
            return
        self.save_settings()
        self._refresh_default_output()
        outputs, error = self.output_destinations((INDICATORS, CRITERIA, MONITOR, SERIES))
        if error:
            self._show_error(error)
            return
        self._catalogue = profile.indicator_catalogue(self.indicator_file.filePath().strip())
        criteria = self.criteria_group.isChecked()
        trend = criteria and self.trend_check.isChecked()
        steps = 1 + int(criteria) + int(trend)
        runs = [PanelRun(ALG_INDICATORS, INDICATORS,
                         self.indicator_parameters(outputs[INDICATORS]), 0, steps)]
        if criteria:
            runs.append(PanelRun(ALG_CRITERIA, CRITERIA,
                                 self.criteria_parameters(outputs[CRITERIA]), 1, steps))
        if trend:
            runs.append(PanelRun(ALG_MONITOR, MONITOR, self.monitor_parameters(
                outputs[MONITOR], outputs[SERIES]), 2, steps))
        error = self.runner.check(runs)
        if error:
            self._show_error(error)
            return
        self.progress.setValue(0)
        self._set_running(True)
        self.runner.start(runs)

    def output_destinations(self, kinds=(INDICATORS, CRITERIA)) -> Tuple[Dict[str, str], str]:
        """A destination per kind of result: a new layer of the chosen GeoPackage (or a
        temporary file), and an error message ('' when fine). The choice is remembered."""
        path = self.output_file.filePath().strip()
        if not path:
            return {kind: QgsProcessingUtils.generateTempFilename(
                "boligsocial_{}.gpkg".format(kind)) for kind in kinds}, ""
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
            self.output_file.setFilePath(path)
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            return {}, tr("Cannot save results in {path}: the folder does not exist or is "
                          "not writable. Choose another file under 'Save results in'.").format(
                path=path)
        remember_output_path(path)
        stamp = datetime.now().strftime("%Y%m%d_%H%M%S")
        uri = QDir.fromNativeSeparators(os.path.abspath(path)).replace("'", "\\'")
        return {kind: "ogr:dbname='{}' table=\"{}_{}\" (geom)".format(uri, kind, stamp)
                for kind in kinds}, ""

    def _input_error(self) -> str:
        """What is missing before a run ('' when nothing is)."""
        if self.persons_combo.currentLayer() is None:
            return tr("Choose a person extract layer (add it to the project first).")
        if self.areas_combo.currentLayer() is None:
            return tr("Choose an area layer with polygons.")
        if not self.id_field_combo.currentField():
            return tr("Choose the field holding the area id.")
        return ""

    def cancel(self) -> None:
        """Ask the running algorithm to stop (it checks between steps)."""
        if self.runner.cancel():
            self._show_message(tr("Cancelling…"))

    def _on_progress(self, value: int) -> None:
        self.progress.setValue(value)

    def _on_progress_text(self, message: str) -> None:
        if self.is_running():
            self.message.setStyleSheet("")
            self.message.setText(message)

    def _show_results(self) -> None:
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        for old in self._result_layers():
            node = root.findLayer(old.id())
            if node is not None:
                node.setItemVisibilityChecked(False)
        self.indicator_layer = self.runner.layers.get(INDICATORS)
        self.criteria_layer = self.runner.layers.get(CRITERIA)
        self.monitor_layer = self.runner.layers.get(MONITOR)
        self.series_layer = self.runner.layers.get(SERIES)
        self._new_trend_charts()
        shown = self._restrict_to_one_date(self.indicator_layer)
        for layer in (self.series_layer, self.monitor_layer, self.criteria_layer,
                      self.indicator_layer):
            if layer is not None:
                project.addMapLayer(layer)
        node = root.findLayer(self.series_layer.id()) if self.series_layer is not None else None
        if node is not None:  # for the Temporal Controller; switched on by the user
            node.setItemVisibilityChecked(False)
        self._set_inspect_layer(self.indicator_layer)
        self._fill_display_combo()
        n = self.indicator_layer.featureCount() if self.indicator_layer else 0
        self.tabs.setCurrentIndex(1)
        text = tr("{n} areas on {date}.").format(n=n, date=shown or "–")
        outside = self.runner.results.get(INDICATORS, {}).get("PERSONS_OUTSIDE")
        if outside:
            text += " " + tr("{n} persons lie outside every area.").format(n=outside)
        crit = self.runner.results.get(CRITERIA)
        if crit:
            text += " " + tr("{n} areas in a category, {r} at risk.").format(
                n=crit.get("AREAS_IN_CATEGORY", 0), r=crit.get("AREAS_AT_RISK", 0))
        mon = self.runner.results.get(MONITOR)
        if mon:
            text += " " + tr("At the next list: {e} areas entering, {l} leaving.").format(
                e=mon.get("AREAS_ENTERING", 0), l=mon.get("AREAS_LEAVING", 0))
        self._finish(True, text)

    def _result_layers(self) -> List[QgsVectorLayer]:
        """The result layers of the last run that are still there."""
        return [lyr for lyr in (self.indicator_layer, self.criteria_layer, self.monitor_layer,
                                self.series_layer) if lyr is not None]

    def _new_trend_charts(self) -> None:
        if self.trend_charts is not None:
            self.trend_charts.close()
        self.trend_charts = TrendCharts(self.monitor_layer, self.series_layer,
                                        self.indicator_layer)

    def _restrict_to_one_date(self, layer: Optional[QgsVectorLayer]) -> str:
        """Show the latest reference date when the layer holds several (one row per area)."""
        if layer is None:
            return ""
        idx = layer.fields().indexOf("ref_date")
        if idx < 0:
            return ""
        dates = sorted({text(v) for v in layer.uniqueValues(idx) if not is_null(v)})
        if len(dates) > 1:
            layer.setSubsetString("\"ref_date\" = '{}'".format(dates[-1]))
        return dates[-1] if dates else ""

    def _finish(self, ok: bool, message: str, error: bool = False) -> None:
        self._set_running(False)
        self.progress.setValue(100 if ok else 0)
        if error:
            self._show_error(message)
        else:
            self._show_message(message)
        self.runFinished.emit(ok)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _show_message(self, message: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(message)

    def _show_error(self, message: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    # ------------------------------------------------------------------ map tool
    def _on_inspect_toggled(self, checked: bool) -> None:
        if self.canvas is None or self.map_tool is None or self._switching_tool:
            return
        self._switching_tool = True
        try:
            if checked:
                self._prev_tool = self.canvas.mapTool()
                self._set_inspect_layer(self._displayed_layer())
                self.canvas.setMapTool(self.map_tool)
            else:
                prev, self._prev_tool = self._prev_tool, None
                if self.canvas.mapTool() is self.map_tool:
                    self.canvas.unsetMapTool(self.map_tool)
                    if prev is not None and not sip.isdeleted(prev):
                        self.canvas.setMapTool(prev)
        finally:
            self._switching_tool = False

    def _on_map_tool_set(self, new_tool, old_tool) -> None:
        if self._switching_tool or self.map_tool is None:
            return
        if old_tool is self.map_tool and new_tool is not self.map_tool:
            # the user picked another tool: leave it, just release the button
            self._prev_tool = None
            self._switching_tool = True
            try:
                self.inspect_button.setChecked(False)
            finally:
                self._switching_tool = False

    def _set_inspect_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        self.inspect_layer = layer
        if self.map_tool is not None:
            self.map_tool.setLayer(layer)

    def _displayed_layer(self) -> Optional[QgsVectorLayer]:
        data = self.display_combo.currentData()
        if data and data[0] in (CRITERIA, MONITOR):
            return self._layer_of(data[0])
        return self.indicator_layer or self.criteria_layer

    def _on_feature_identified(self, feature: QgsFeature) -> None:
        if "area_id" not in feature.fields().names():
            return
        aid = text(feature["area_id"])
        if not self.select_area(aid):
            self.show_profile(aid)

    # ------------------------------------------------------------------ lifetime
    def _on_layers_removed(self, layer_ids) -> None:
        ids = set(layer_ids)
        changed = False
        if self.indicator_layer is not None and self.indicator_layer.id() in ids:
            self.indicator_layer = None
            changed = True
        if self.criteria_layer is not None and self.criteria_layer.id() in ids:
            self.criteria_layer = None
            changed = True
        for attr in ("monitor_layer", "series_layer"):
            layer = getattr(self, attr)
            if layer is not None and layer.id() in ids:
                setattr(self, attr, None)
                changed = True
        if changed:
            self._new_trend_charts()
            self._set_inspect_layer(None)
            self.profile.clear()
            self._fill_display_combo()

    def cleanup(self) -> None:
        """Undo everything outside the panel: map tool, signal connections, running tasks."""
        if self._cleaned:
            return
        self._cleaned = True
        try:
            self.save_settings()
        except RuntimeError:
            pass
        if self.inspect_button.isChecked():
            self.inspect_button.setChecked(False)
        disconnect(QgsProject.instance().layersWillBeRemoved, self._on_layers_removed)
        disconnect(QgsProject.instance().homePathChanged, self._on_project_changed)
        disconnect(QgsProject.instance().readProject, self._on_project_changed)
        if self.canvas is not None and not sip.isdeleted(self.canvas):
            disconnect(self.canvas.mapToolSet, self._on_map_tool_set)
            if self.map_tool is not None and self.canvas.mapTool() is self.map_tool:
                self.canvas.unsetMapTool(self.map_tool)
        if self.map_tool is not None:
            disconnect(self.map_tool.featureIdentified[QgsFeature], self._on_feature_identified)
            self.map_tool.deleteLater()
            self.map_tool = None
        self.runner.abandon()
        self.indicator_layer = None
        self.criteria_layer = None
        self.monitor_layer = None
        self.series_layer = None
        if self.trend_charts is not None:
            self.trend_charts.close()
            self.trend_charts = None
