# SPDX-License-Identifier: GPL-2.0-or-later
"""The 'boligsocial' processing provider."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing.base import ICON


def algorithm_classes():
    """All algorithm classes: every BoligsocialAlgorithm in processing/alg_*.py, by id."""
    import importlib
    import inspect
    import os

    from boligsocial_plugin.processing.base import BoligsocialAlgorithm

    here = os.path.dirname(__file__)
    found = {}
    for name in sorted(os.listdir(here)):
        if name.startswith("alg_") and name.endswith(".py"):
            mod = importlib.import_module("boligsocial_plugin.processing." + name[:-3])
            for _n, obj in inspect.getmembers(mod, inspect.isclass):
                if issubclass(obj, BoligsocialAlgorithm) and obj.ALG_ID and \
                        obj.__module__ == mod.__name__:
                    found[obj.ALG_ID] = obj
    return [found[k] for k in sorted(found)]


class BoligsocialProvider(QgsProcessingProvider):
    """Provider with id 'boligsocial'."""

    def __init__(self, version: str = "0"):
        super().__init__()
        self._version = version

    def id(self) -> str:
        """Stable provider id (used in algorithm ids)."""
        return "boligsocial"

    def name(self) -> str:
        """Translated name."""
        return tr("Boligsocial monitoring")

    def longName(self) -> str:  # noqa: N802
        """Name with version."""
        return "{} {}".format(self.name(), self._version)

    def versionInfo(self) -> str:  # noqa: N802
        """Plugin version."""
        return self._version

    def icon(self) -> QIcon:
        """Plugin icon."""
        return QIcon(ICON)

    def loadAlgorithms(self) -> None:  # noqa: N802
        """Register every algorithm."""
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
