# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin through classFactory(iface): initGui and unload leave nothing behind, twice."""
from unittest.mock import MagicMock

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QObject, Qt
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

import boligsocial_plugin
from boligsocial_plugin.gui import runner
from boligsocial_plugin.gui.panel import MAP_TOOL_NAME, OBJECT_NAME
from boligsocial_plugin.gui.settings import SETTINGS_PREFIX
from boligsocial_plugin.gui.wiring import DOCK_ACTION_OBJECT, TOOLBAR_OBJECT

_KEEP = []  # plugin objects that re-register the provider for later test modules


@pytest.fixture
def iface(qgis_iface, monkeypatch):
    """pytest-qgis's iface stub lacks removeDockWidget/removePluginMenu and adds no dock."""
    monkeypatch.setattr(qgis_iface, "removeDockWidget", MagicMock(), raising=False)
    monkeypatch.setattr(qgis_iface, "removePluginMenu", MagicMock(), raising=False)
    monkeypatch.setattr(qgis_iface, "addDockWidget", MagicMock())
    return qgis_iface


@pytest.fixture
def registry(qgis_processing):
    """The processing registry without a boligsocial provider; restored afterwards."""
    from qgis.core import QgsSettings

    QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))
    reg = QgsApplication.processingRegistry()
    existing = reg.providerById("boligsocial")
    if existing is not None:
        reg.removeProvider(existing)
    yield reg
    if reg.providerById("boligsocial") is None:
        plugin = boligsocial_plugin.classFactory(None)
        plugin.initProcessing()
        _KEEP.append(plugin)


def flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()


def ours(window):
    """Everything of the plugin that hangs below the main window."""
    return {
        "docks": window.findChildren(QDockWidget, OBJECT_NAME),
        "toolbars": window.findChildren(QToolBar, TOOLBAR_OBJECT),
        "actions": [a for a in window.findChildren(QAction)
                    if a.objectName().startswith("boligsocial")],
    }


def test_load_unload_load_leaves_nothing_behind(iface, registry):
    window, canvas, project = iface.mainWindow(), iface.mapCanvas(), QgsProject.instance()
    flush_deletes()
    base_canvas = canvas.receivers(canvas.mapToolSet)
    base_project = project.receivers(project.layersWillBeRemoved)
    assert ours(window) == {"docks": [], "toolbars": [], "actions": []}
    for round_no in range(2):
        plugin = boligsocial_plugin.classFactory(iface)
        plugin.initGui()
        assert registry.providerById("boligsocial") is not None
        assert plugin.provider is registry.providerById("boligsocial")
        found = ours(window)
        assert found["docks"] == [plugin.dock]
        assert len(found["toolbars"]) == 1
        assert DOCK_ACTION_OBJECT in [a.objectName() for a in found["actions"]]
        iface.addDockWidget.assert_called_with(Qt.RightDockWidgetArea, plugin.dock)
        assert len(canvas.findChildren(QObject, MAP_TOOL_NAME)) == 1
        assert canvas.receivers(canvas.mapToolSet) == base_canvas + 1
        # hidden on first load; shown on the second because it was open at unload
        assert plugin.dock.isHidden() is (round_no == 0)
        if round_no == 0:
            action = window.findChild(QAction, DOCK_ACTION_OBJECT)
            action.trigger()
            assert not plugin.dock.isHidden() and action.isChecked()
        dock = plugin.dock

        plugin.unload()
        flush_deletes()
        iface.removeDockWidget.assert_called_with(dock)
        assert plugin.dock is None and plugin.provider is None
        assert registry.providerById("boligsocial") is None
        assert ours(window) == {"docks": [], "toolbars": [], "actions": []}
        assert canvas.findChildren(QObject, MAP_TOOL_NAME) == []
        assert canvas.receivers(canvas.mapToolSet) == base_canvas
        assert project.receivers(project.layersWillBeRemoved) == base_project


def test_unload_during_a_run_keeps_the_task_safe(qtbot, iface, registry, gui_data):
    plugin = boligsocial_plugin.classFactory(iface)
    plugin.initGui()
    d = plugin.dock
    d.persons_combo.setLayer(gui_data.persons)
    d.areas_combo.setLayer(gui_data.areas)
    n_layers = len(QgsProject.instance().mapLayers())
    d.run()
    assert d.is_running()
    run = d.runner.runs[0]
    plugin.unload()
    flush_deletes()
    assert ours(iface.mainWindow())["docks"] == []
    assert runner.ORPHANS == [run] and run.feedback.isCanceled()
    qtbot.waitUntil(lambda: not runner.ORPHANS, timeout=60000)
    assert run.done
    assert len(QgsProject.instance().mapLayers()) == n_layers  # nothing loaded after unload
