# SPDX-License-Identifier: GPL-2.0-or-later
"""Run inside desktop QGIS (qgis --code): drive the panel end to end and report as JSON.

Used by test_desktop.py; reads BOLIGSOCIAL_E2E_DATA and writes BOLIGSOCIAL_E2E_OUT.
"""
import json
import os

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface, plugins

DATA = os.environ["BOLIGSOCIAL_E2E_DATA"]
OUT = os.environ["BOLIGSOCIAL_E2E_OUT"]
result = {"ticks": 0}


def finish():
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f)
    os._exit(0)


def start():
    p = plugins.get("boligsocial_plugin")
    result["loaded"] = p is not None
    result["provider"] = QgsApplication.processingRegistry().providerById("boligsocial") \
        is not None
    if p is None:
        finish()
    for a in p.actions:
        if a.isCheckable() and not a.isChecked():
            a.trigger()
    refs = json.load(open(os.path.join(DATA, "reference_values.json")))
    persons = QgsVectorLayer(os.path.join(DATA, "persons.gpkg") + "|layername=persons", "p", "ogr")
    areas = QgsVectorLayer(os.path.join(DATA, "areas.gpkg") + "|layername=areas", "a", "ogr")
    QgsProject.instance().addMapLayers([areas, persons])
    # a saved project: the panel saves its results in the project's folder
    QgsProject.instance().write(os.path.join(os.path.dirname(OUT), "monitoring.qgz"))
    d = p.dock
    d.persons_combo.setLayer(persons)
    d.areas_combo.setLayer(areas)
    d.id_field_combo.setField("area_id")
    d.name_field_combo.setField("area_name")
    d.criteria_group.setChecked(True)
    d.conviction_spin.setValue(refs["national_conviction_rate"])
    d.income_spin.setValue(refs["regional_mean_income"])
    d.run_button.click()
    QTimer.singleShot(500, poll)


def poll():
    d = plugins["boligsocial_plugin"].dock
    result["ticks"] += 1
    if d.is_running() and result["ticks"] < 400:
        QTimer.singleShot(500, poll)
        return
    result["message"] = d.message.text()
    result["layers"] = sorted(lyr.name() for lyr in QgsProject.instance().mapLayers().values())
    styled = [lyr.renderer().type() for lyr in QgsProject.instance().mapLayers().values()
              if lyr.name().startswith("Boligsocial")]
    result["renderers"] = styled
    result["sources"] = sorted(lyr.source() for lyr in QgsProject.instance().mapLayers().values()
                               if lyr.name().startswith("Boligsocial"))
    result["output_file"] = d.output_file.filePath()
    for r in range(d.table.rowCount()):
        texts = [d.table.item(r, c).text() for c in range(d.table.columnCount())
                 if d.table.item(r, c)]
        if any("Udsat" in t for t in texts):
            d.table.selectRow(r)
            break
    QApplication.processEvents()
    result["profile"] = d.profile.toPlainText()
    p = plugins["boligsocial_plugin"]
    p.unload()
    QApplication.processEvents()
    result["provider_after_unload"] = QgsApplication.processingRegistry().providerById(
        "boligsocial") is not None
    result["docks_after_unload"] = len([w for w in iface.mainWindow().findChildren(
        QDockWidget, "BoligsocialDock") if w.isVisible()])
    finish()


QTimer.singleShot(3000, start)
