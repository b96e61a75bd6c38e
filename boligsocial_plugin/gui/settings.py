# SPDX-License-Identifier: GPL-2.0-or-later
"""What the monitoring panel remembers between sessions (QGIS settings under boligsocial/dock/).

:class:`PanelSettings` is mixed into :class:`boligsocial_plugin.gui.panel.BoligsocialDock`.
The GeoPackage the results are saved in is remembered per project (in the project file) and
as the last one used.
"""
import os

from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import QDir, QStandardPaths

from boligsocial_plugin.core.criteria import DEFAULT_RULE_SET

SETTINGS_PREFIX = "boligsocial/dock/"
PROJECT_SCOPE, PROJECT_OUTPUT_KEY = "boligsocial", "output_gpkg"
OUTPUT_FILE_NAME = "boligsocial.gpkg"


def default_output_path() -> str:
    """Where results are saved: this project's choice, a GeoPackage in the project folder,
    the last choice, or one in the user's documents folder (in that order)."""
    project = QgsProject.instance()
    chosen, found = project.readEntry(PROJECT_SCOPE, PROJECT_OUTPUT_KEY, "")
    if found:
        return chosen
    home = project.homePath()
    if home and os.path.isdir(home):
        return os.path.join(home, OUTPUT_FILE_NAME)
    s = QgsSettings()
    if s.contains(SETTINGS_PREFIX + "output_gpkg"):
        return s.value(SETTINGS_PREFIX + "output_gpkg", "", type=str)
    docs = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    folder = docs if docs and os.path.isdir(docs) else QDir.homePath()
    return os.path.join(folder, OUTPUT_FILE_NAME)


def remember_output_path(path: str) -> None:
    """Remember the chosen GeoPackage for this project and as the last one used."""
    QgsSettings().setValue(SETTINGS_PREFIX + "output_gpkg", path)
    project = QgsProject.instance()
    current, found = project.readEntry(PROJECT_SCOPE, PROJECT_OUTPUT_KEY, "")
    if not found or current != path:
        project.writeEntry(PROJECT_SCOPE, PROJECT_OUTPUT_KEY, path)


class PanelSettings:
    """Saves and restores the panel's choices; layers are found again by id, else by name."""

    def _restore_settings(self) -> None:
        s = QgsSettings()
        p = SETTINGS_PREFIX
        self.ref_date_combo.setCurrentText(s.value(p + "ref_date", self.ref_date_combo
                                                   .currentText(), type=str))
        self.indicator_file.setFilePath(s.value(p + "indicator_file", "", type=str))
        self._on_project_changed()  # where results are saved: default_output_path()
        i = self.preset_combo.findData(s.value(p + "preset", "", type=str))
        self.preset_combo.setCurrentIndex(max(i, 0))
        self.min_count_spin.setValue(s.value(p + "min_count", 5, type=int))
        self.min_residents_spin.setValue(s.value(p + "min_residents", 50, type=int))
        self.criteria_group.setChecked(s.value(p + "criteria", False, type=bool))
        self.trend_check.setChecked(s.value(p + "trend", False, type=bool))
        i = self.rule_set_combo.findData(s.value(p + "rule_set", DEFAULT_RULE_SET, type=str))
        self.rule_set_combo.setCurrentIndex(i if i >= 0 else
                                            self.rule_set_combo.findData(DEFAULT_RULE_SET))
        self.conviction_spin.setValue(s.value(p + "conviction_rate", 0.0, type=float))
        self.income_spin.setValue(s.value(p + "mean_income", 0.0, type=float))
        self._wanted_display = s.value(p + "display_field", "", type=str)
        self._on_preset_changed()
        self._apply_saved_layers()

    def _apply_saved_layers(self) -> None:
        s = QgsSettings()
        project = QgsProject.instance()
        found = False
        for key, combo in (("persons_layer", self.persons_combo),
                           ("areas_layer", self.areas_combo)):
            layer = project.mapLayer(s.value(SETTINGS_PREFIX + key, "", type=str))
            if layer is None:
                name = s.value(SETTINGS_PREFIX + key + "_name", "", type=str)
                matches = project.mapLayersByName(name) if name else []
                layer = matches[0] if matches else None
            if layer is not None:
                combo.setLayer(layer)
                found = True
        for key, combo in (("area_id_field", self.id_field_combo),
                           ("area_name_field", self.name_field_combo)):
            name = s.value(SETTINGS_PREFIX + key, "", type=str)
            layer = self.areas_combo.currentLayer()
            if name and layer is not None and layer.fields().indexOf(name) >= 0:
                combo.setField(name)
        self._saved_layers_applied = found

    def save_settings(self) -> None:
        """Remember the panel's choices under boligsocial/dock/."""
        s = QgsSettings()
        p = SETTINGS_PREFIX
        for key, combo in (("persons_layer", self.persons_combo),
                           ("areas_layer", self.areas_combo)):
            layer = combo.currentLayer()
            s.setValue(p + key, layer.id() if layer is not None else "")
            s.setValue(p + key + "_name", layer.name() if layer is not None else "")
        s.setValue(p + "area_id_field", self.id_field_combo.currentField())
        s.setValue(p + "area_name_field", self.name_field_combo.currentField())
        s.setValue(p + "ref_date", self.ref_date_combo.currentText().strip())
        s.setValue(p + "indicator_file", self.indicator_file.filePath())
        s.setValue(p + "preset", self.preset_combo.currentData() or "")
        s.setValue(p + "min_count", self.min_count_spin.value())
        s.setValue(p + "min_residents", self.min_residents_spin.value())
        s.setValue(p + "criteria", self.criteria_group.isChecked())
        s.setValue(p + "trend", self.trend_check.isChecked())
        s.setValue(p + "rule_set", self.rule_set_combo.currentData())
        s.setValue(p + "conviction_rate", self.conviction_spin.value())
        s.setValue(p + "mean_income", self.income_spin.value())
        field = self.display_field()
        if field:
            s.setValue(p + "display_field", field)
        s.setValue(p + "visible", not self.isHidden())  # open, even if tabbed behind another
