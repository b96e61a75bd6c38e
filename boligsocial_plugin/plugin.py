# SPDX-License-Identifier: GPL-2.0-or-later
"""Plugin wiring: processing provider, translator, menu, toolbar and dock panel."""
import configparser
import os
from typing import Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog

from boligsocial_plugin import dependencies
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing.provider import BoligsocialProvider
from boligsocial_plugin.qgis_io import translator

PLUGIN_DIR = os.path.dirname(__file__)


def plugin_version() -> str:
    """Version from metadata.txt (deployed copy, or the repository's top level)."""
    for path in (os.path.join(PLUGIN_DIR, "metadata.txt"),
                 os.path.join(os.path.dirname(PLUGIN_DIR), "metadata.txt")):
        if os.path.exists(path):
            cp = configparser.ConfigParser(interpolation=None)
            cp.read(path, encoding="utf-8")
            return cp.get("general", "version", fallback="0")
    return "0"


class BoligsocialPlugin:
    """QGIS plugin object; under qgis_process iface is None and only initProcessing runs."""

    def __init__(self, iface):
        self.iface = iface
        self.provider: Optional[BoligsocialProvider] = None
        self.translator = None
        self.actions = []
        self.menu = None
        self.toolbar = None
        self.dock = None
        self.temporal_restorer = None  # maps.temporal.TemporalRestorer in desktop QGIS
        self.missing: Optional[dict] = None  # packages that cannot be imported -> reason

    def initProcessing(self) -> None:  # noqa: N802
        """Register the provider once (idempotent)."""
        if self.translator is None:
            self.translator = translator.install_translator()
        if self.missing is None:
            self.missing = dependencies.missing_modules()
            if self.missing:  # the provider registers stand-ins that say the same
                QgsMessageLog.logMessage(dependencies.message(self.missing, self.missing),
                                         "Boligsocial", Qgis.Critical)
        if self.provider is not None and \
                QgsApplication.processingRegistry().providerById("boligsocial") is not None:
            return
        self.provider = BoligsocialProvider(plugin_version())
        if not QgsApplication.processingRegistry().addProvider(self.provider):
            self.provider = None  # the registry deleted it (duplicate id)

    def initGui(self) -> None:  # noqa: N802
        """Provider plus menu/toolbar/dock."""
        self.initProcessing()
        if self.iface is None:
            return
        if self.missing:  # the panel needs pandas/numpy: say what to install instead
            self.iface.messageBar().pushMessage(
                tr("Boligsocial monitoring"), dependencies.message(self.missing),
                level=Qgis.Critical, duration=0)
            return
        from boligsocial_plugin.gui.wiring import install_gui

        install_gui(self)

    def unload(self) -> None:
        """Remove everything initGui/initProcessing added."""
        if self.iface is not None and (self.actions or self.toolbar is not None or
                                       self.dock is not None or
                                       self.temporal_restorer is not None):
            from boligsocial_plugin.gui.wiring import remove_gui

            remove_gui(self)
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        translator.remove_translator(self.translator)
        self.translator = None
