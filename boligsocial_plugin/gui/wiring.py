# SPDX-License-Identifier: GPL-2.0-or-later
"""Menu, toolbar and dock panel: installed by initGui, removed completely by unload."""
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing.base import ICON

MENU_OBJECT = "boligsocialMenu"
TOOLBAR_OBJECT = "boligsocialToolbar"
DOCK_ACTION_OBJECT = "boligsocial_dock"


def _open_algorithm(alg_id: str) -> None:
    import processing

    processing.execAlgorithmDialog(alg_id)


def install_gui(plugin) -> None:
    """Add the plugin's menu entries and toolbar to QGIS."""
    iface = plugin.iface
    menu_title = tr("&Boligsocial monitoring")
    plugin.menu_title = menu_title
    plugin.toolbar = iface.addToolBar(tr("Boligsocial monitoring"))
    plugin.toolbar.setObjectName(TOOLBAR_OBJECT)
    entries = [
        ("boligsocial:computeindicators", tr("Compute indicators…")),
        ("boligsocial:validateextract", tr("Validate person extract…")),
    ]
    for alg_id, label in entries:
        action = QAction(QIcon(ICON), label, iface.mainWindow())
        action.setObjectName("boligsocial_" + alg_id.split(":")[1])
        action.triggered.connect(lambda _checked=False, a=alg_id: _open_algorithm(a))
        iface.addPluginToMenu(menu_title, action)
        plugin.actions.append(action)
    plugin.toolbar.addAction(plugin.actions[0])
    _install_dock(plugin)
    from boligsocial_plugin.maps.temporal import TemporalRestorer

    plugin.temporal_restorer = TemporalRestorer()


def _install_dock(plugin) -> None:
    """Create the monitoring panel (hidden unless it was open last time) and its toggle action."""
    from boligsocial_plugin.gui.panel import BoligsocialDock
    from boligsocial_plugin.gui.settings import SETTINGS_PREFIX

    iface = plugin.iface
    plugin.dock = BoligsocialDock(iface, iface.mainWindow())
    iface.addDockWidget(Qt.RightDockWidgetArea, plugin.dock)
    action = QAction(QIcon(ICON), tr("Monitoring panel"), iface.mainWindow())
    action.setObjectName(DOCK_ACTION_OBJECT)
    action.setCheckable(True)
    action.setToolTip(tr("Show or hide the Boligsocial monitoring panel"))
    plugin.dock.setToggleVisibilityAction(action)
    iface.addPluginToMenu(plugin.menu_title, action)
    plugin.toolbar.addAction(action)
    plugin.actions.append(action)
    visible = QgsSettings().value(SETTINGS_PREFIX + "visible", False, type=bool)
    plugin.dock.setVisible(visible)


def remove_gui(plugin) -> None:
    """Remove every menu entry, toolbar and dock the plugin added."""
    iface = plugin.iface
    restorer = getattr(plugin, "temporal_restorer", None)
    if restorer is not None:
        restorer.close()
        plugin.temporal_restorer = None
    if plugin.dock is not None:
        plugin.dock.cleanup()  # map tool, signal connections, running tasks
    for action in plugin.actions:
        iface.removePluginMenu(getattr(plugin, "menu_title", ""), action)
        action.deleteLater()
    plugin.actions = []
    if plugin.toolbar is not None:
        plugin.toolbar.hide()
        plugin.toolbar.deleteLater()
        plugin.toolbar = None
    if plugin.dock is not None:
        iface.removeDockWidget(plugin.dock)
        plugin.dock.close()
        plugin.dock.deleteLater()
        plugin.dock = None
