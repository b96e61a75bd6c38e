# SPDX-License-Identifier: GPL-2.0-or-later
"""The 'boligsocial' processing provider."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin.i18n import tr
from boligsocial_plugin.processing.base import ICON


def algorithm_classes():
    """All algorithm classes of the provider (imported lazily)."""
    from boligsocial_plugin.processing.alg_computeindicators import ComputeIndicators
    from boligsocial_plugin.processing.alg_validateextract import ValidateExtract

    return [ComputeIndicators, ValidateExtract]


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
