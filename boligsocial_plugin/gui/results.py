# SPDX-License-Identifier: GPL-2.0-or-later
"""The monitoring panel's results tab: which field the map shows, the table of areas and the
profile of the selected area.

:class:`PanelResults` is mixed into :class:`boligsocial_plugin.gui.panel.BoligsocialDock`,
which holds the result layers (``indicator_layer``, ``criteria_layer``, ``monitor_layer``), the
indicator catalogue (``_catalogue``), the trend charts and the widgets of gui/panel_ui.py.
"""
import html
from typing import Any, Dict, List, Optional

from qgis.core import QgsFeature, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidgetItem

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.gui import profile
from boligsocial_plugin.gui.runner import CRITERIA, INDICATORS, MONITOR
from boligsocial_plugin.maps import styling
from boligsocial_plugin.qgis_io.values import is_null, text


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

class PanelResults:
    """The results tab of the monitoring panel: display field, table of areas, profile."""

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
