# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the GUI tests: small project layers and a monitoring panel on pytest-qgis's iface."""
import types

import pytest
from qgis.core import QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QEvent

from tests.helpers import grid_areas, persons_frame

# residents per area A00, A01, A10, A11, A20, A21 (A20 is below the default area minimum)
COUNTS = [120, 80, 60, 90, 30, 70]


@pytest.fixture
def gui_data(tmp_path, qgis_new_project):
    """Areas (GeoPackage) and persons (CSV, two dates) added to a fresh project."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, COUNTS, dates=("2024-01-01", "2025-01-01"))
    csv = tmp_path / "persons.csv"
    df.drop(columns=["area_truth"]).to_csv(csv, index=False)
    uri = "file://{}?delimiter=,&xField=x&yField=y&crs=EPSG:25832".format(csv)
    persons = QgsVectorLayer(uri, "persons", "delimitedtext")
    area_layer = QgsVectorLayer(str(tmp_path / "areas.gpkg") + "|layername=areas", "areas",
                                "ogr")
    assert persons.isValid() and area_layer.isValid()
    QgsProject.instance().addMapLayers([persons, area_layer])
    return types.SimpleNamespace(tmp=tmp_path, frame=df, persons=persons, areas=area_layer,
                                 csv=csv)


@pytest.fixture
def dock(qgis_iface, provider, gui_data):
    """A monitoring panel with the test layers chosen; cleaned up and deleted afterwards."""
    from boligsocial_plugin.gui.panel import BoligsocialDock
    from boligsocial_plugin.gui.settings import SETTINGS_PREFIX

    QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))
    d = BoligsocialDock(qgis_iface, qgis_iface.mainWindow())
    d.persons_combo.setLayer(gui_data.persons)
    d.areas_combo.setLayer(gui_data.areas)
    d.criteria_group.setChecked(False)
    d.preset_combo.setCurrentIndex(0)
    d.min_count_spin.setValue(5)
    d.min_residents_spin.setValue(50)
    d.indicator_file.setFilePath("")
    d.output_file.setFilePath(str(gui_data.tmp / "results.gpkg"))
    d.resize(420, 900)
    d.show()
    yield d
    d.cleanup()
    d.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def run_and_wait(qtbot, d, timeout=60000):
    """Click Run and let the event loop work until the background task has ended."""
    with qtbot.waitSignal(d.runFinished, timeout=timeout) as blocker:
        d.run_button.click()
    return blocker.args[0]
