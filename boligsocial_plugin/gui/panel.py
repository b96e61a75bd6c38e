# SPDX-License-Identifier: GPL-2.0-or-later
"""Dock panel "Boligsocial monitorering": inputs, background run, indicator map, table, profile.

The panel runs the very algorithms of the toolbox (``boligsocial:computeindicators`` and
``boligsocial:assesscriteria``) in the background (gui/runner.py), so QGIS never freezes and
every run can be repeated in a model with the same parameters. Results are saved as new
layers of a GeoPackage the user chooses (default: boligsocial.gpkg in the project folder;
empty: temporary files); an area's profile is built by gui/profile.py.
"""
import html
import os
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsDockWidget,
    QgsMapToolIdentifyFeature,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDir, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from boligsocial_plugin.core import choropleth, discretion
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.gui import profile
from boligsocial_plugin.gui.panel_ui import PanelWidgets
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
from boligsocial_plugin.maps import styling
from boligsocial_plugin.qgis_io.values import is_null, text

OBJECT_NAME = "BoligsocialDock"
MAP_TOOL_NAME = "BoligsocialInspectTool"
ALG_INDICATORS = "boligsocial:computeindicators"
ALG_CRITERIA = "boligsocial:assesscriteria"
ALG_MONITOR = "boligsocial:monitorcriteria"
REF_DATE_NAMES = ("ref_date", "opgoerelsesdato")
MAX_FEATURES_FOR_DATES = 100000  # reading the dates of a larger extract would stall the GUI


def _sortable(label: str, key: Any) -> QTableWidgetItem:
    item = _SortItem(label)
    item.setData(Qt.UserRole + 1, key)
    return item


class _SortItem(QTableWidgetItem):
    """Table item sorting by a hidden key (numbers numerically, suppressed values last)."""

    def __lt__(self, other):
        a, b = self.data(Qt.UserRole + 1), other.data(Qt.UserRole + 1)
        if a is None or b is None:
            return a is not None and b is None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class BoligsocialDock(PanelWidgets, PanelSettings, QgsDockWidget):
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

    # ------------------------------------------------------------------ display
    def display_field(self) -> str:
        """The field currently shown on the map ('' before a run)."""
        data = self.display_combo.currentData()
        return data[1] if data else ""

    def _fill_display_combo(self) -> None:
        self.display_combo.blockSignals(True)
        self.display_combo.clear()
        if self.indicator_layer is not None:
            for f in self.indicator_layer.fields():
                if f.name().endswith("_val"):
                    code = f.name()[:-4]
                    label = self._catalogue.get(code, (code, ""))[0]
                    self.display_combo.addItem(label, (INDICATORS, f.name()))
        if self.criteria_layer is not None and \
                self.criteria_layer.fields().indexOf("category") >= 0:
            self.display_combo.addItem(tr("State criteria: category"), (CRITERIA, "category"))
        if self.monitor_layer is not None:
            self.display_combo.addItem(tr("State criteria: projected category (next list)"),
                                       (MONITOR, "projected_category"))
        wanted = self._wanted_display
        index = 0
        for i in range(self.display_combo.count()):
            if self.display_combo.itemData(i)[1] == wanted:
                index = i
        self.display_combo.setCurrentIndex(index)
        self.display_combo.blockSignals(False)
        self._on_display_changed()

    def set_display_field(self, field: str) -> bool:
        """Show another field (an indicator's _val field, or 'category'); False if absent."""
        for i in range(self.display_combo.count()):
            if self.display_combo.itemData(i)[1] == field:
                self.display_combo.setCurrentIndex(i)
                return True
        return False

    def _on_display_changed(self, _index: int = 0) -> None:
        data = self.display_combo.currentData()
        if not data:
            self._fill_table()
            return
        kind, field = data
        self._wanted_display = field
        layer = self._layer_of(kind)
        if layer is None:
            return
        try:
            styling.apply_style(layer, field)
        except Exception as e:  # noqa: BLE001 - a styling problem must not break the panel
            self._show_error(tr("Could not style {field}: {err}").format(field=field, err=e))
        root = QgsProject.instance().layerTreeRoot()
        for lyr in (self.indicator_layer, self.criteria_layer, self.monitor_layer):
            node = root.findLayer(lyr.id()) if lyr is not None else None
            if node is not None:
                node.setItemVisibilityChecked(lyr is layer)
        self._set_inspect_layer(layer)
        self._refresh_symbology(layer)
        self._fill_table()

    def _layer_of(self, kind: str) -> Optional[QgsVectorLayer]:
        return {INDICATORS: self.indicator_layer, CRITERIA: self.criteria_layer,
                MONITOR: self.monitor_layer}.get(kind)

    def _refresh_symbology(self, layer: QgsVectorLayer) -> None:
        view = getattr(self.iface, "layerTreeView", None)
        if callable(view):
            try:
                view().refreshLayerSymbology(layer.id())
            except (AttributeError, RuntimeError):
                pass

    # ------------------------------------------------------------------ table
    def _fill_table(self) -> None:
        selected = self.selected_area()
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(0)
        layer = self.indicator_layer or self.criteria_layer
        if layer is None:
            self.table.setColumnCount(0)
            return
        field = self.display_field()
        show_value = field.endswith("_val")
        crit = self._criteria_by_area() if self.criteria_layer is not None else {}
        proj = self._projected_by_area()
        self._set_table_headers(show_value, bool(crit), bool(proj))
        code = field[:-4] if show_value else ""
        unit = self._catalogue.get(code, ("", "%"))[1]
        names = layer.fields().names()
        feats = list(layer.getFeatures())
        self.table.setRowCount(len(feats))
        for row, f in enumerate(feats):
            aid = text(f["area_id"])
            items = [_sortable(aid, aid), _sortable(text(f["area_name"]), text(f["area_name"]))]
            res = f["residents"]
            items.append(_sortable("–" if is_null(res) else profile.number_text(res),
                                   None if is_null(res) else float(res)))
            if show_value:
                items.append(self._value_item(f, names, field, code, unit))
            if crit:
                cat = text(crit.get(aid, {}).get("category"))
                items.append(_sortable(choropleth.category_label(cat) if cat else "", cat))
            if proj:
                cat = proj.get(aid, "")
                items.append(_sortable(choropleth.category_label(cat) if cat else "", cat))
            items[0].setData(Qt.UserRole, aid)
            for col, item in enumerate(items):
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        if selected:
            self.select_area(selected)

    def _set_table_headers(self, show_value: bool, with_category: bool,
                           with_projection: bool = False) -> None:
        headers = [tr("Area"), tr("Name"), tr("Residents")]
        if show_value:
            headers.append(tr("Value"))
        if with_category:
            headers.append(tr("Category"))
        if with_projection:
            headers.append(tr("Next list"))
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        header = self.table.horizontalHeader()
        for col in range(len(headers)):  # the name gives way (elided) so figures stay visible
            header.setSectionResizeMode(col, QHeaderView.Stretch if col == 1
                                        else QHeaderView.ResizeToContents)
        if show_value:
            self.table.horizontalHeaderItem(3).setToolTip(self.display_combo.currentText())

    @staticmethod
    def _value_item(f: QgsFeature, names: List[str], field: str, code: str,
                    unit: str) -> QTableWidgetItem:
        """The shown value (or 'suppressed'), sorting numerically with suppressed last."""
        v = f[field] if field in names else None
        flag = text(f[code + "_flag"]) if code + "_flag" in names else ""
        shown = profile.format_value(v, unit) if not is_null(v) else \
            (profile.flag_text(flag) if flag else "")
        return _sortable(shown, None if is_null(v) else float(v))

    def _criteria_by_area(self) -> Dict[str, Dict[str, Any]]:
        out: Dict[str, Dict[str, Any]] = {}
        if self.criteria_layer is None:
            return out
        names = self.criteria_layer.fields().names()
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        for f in self.criteria_layer.getFeatures(request):
            out[text(f["area_id"])] = dict(zip(names, f.attributes()))
        return out

    def _projected_by_area(self) -> Dict[str, str]:
        if self.monitor_layer is None:
            return {}
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        return {text(f["area_id"]): text(f["projected_category"])
                for f in self.monitor_layer.getFeatures(request)}

    def selected_area(self) -> str:
        """Area id of the selected table row ('' when none)."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return ""
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.UserRole) if item is not None else ""

    def select_area(self, area_id: str) -> bool:
        """Select an area's row (which shows its profile); False when it is not in the table."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.UserRole) == area_id:
                self.table.selectRow(row)
                self.table.scrollToItem(item)
                return True
        return False

    def _on_row_selected(self) -> None:
        aid = self.selected_area()
        if aid:
            self.show_profile(aid)

    # ------------------------------------------------------------------ profile
    def show_profile(self, area_id: str) -> None:
        """Show every indicator (and criterion) of an area in the profile box."""
        self.profile.setHtml(self.profile_html(area_id))
        layer = self.indicator_layer
        if layer is not None:
            ids = [f.id() for f in layer.getFeatures(profile.area_request(area_id))]
            layer.selectByIds(ids)

    def profile_html(self, area_id: str) -> str:
        """HTML profile of one area: indicator values with flags, criteria with margins."""
        page = profile.profile_html(area_id,
                                    profile.first_feature(self.indicator_layer, area_id),
                                    profile.first_feature(self.criteria_layer, area_id),
                                    self._catalogue)
        return page + self._trend_html(area_id)

    def _trend_html(self, area_id: str) -> str:
        """The area's trend chart ('' without several dates); a chart problem never breaks the
        profile."""
        if self.trend_charts is None:
            return ""
        field = self.display_field()
        label = self._catalogue.get(field[:-4], (field, ""))[0] if field.endswith("_val") else ""
        try:
            return self.trend_charts.html(self.profile.document(), area_id,
                                          self.profile.viewport().width(), field, label)
        except Exception as e:  # noqa: BLE001 - matplotlib missing or a drawing problem
            return profile.NOTE.format(html.escape(tr("No trend chart: {err}").format(err=e)))

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
