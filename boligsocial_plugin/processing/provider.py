# SPDX-License-Identifier: GPL-2.0-or-later
"""The 'boligsocial' processing provider.

Imports no algorithm module (nor pandas/numpy) at load time: when a package is missing, the
algorithms of the modules that need it are registered as stand-ins that say what to install.
"""
import importlib
import inspect
import os
from typing import List

from qgis.core import QgsProcessingAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin import dependencies
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing import unavailable

HERE = os.path.dirname(__file__)
ICON = os.path.join(os.path.dirname(HERE), "icon.svg")


def _module_files() -> List[str]:
    return [n for n in sorted(os.listdir(HERE)) if n.startswith("alg_") and n.endswith(".py")]


def _classes_of(module_file: str) -> list:
    from boligsocial_plugin.processing.base import BoligsocialAlgorithm

    mod = importlib.import_module("boligsocial_plugin.processing." + module_file[:-3])
    return [obj for _n, obj in inspect.getmembers(mod, inspect.isclass)
            if issubclass(obj, BoligsocialAlgorithm) and obj.ALG_ID and
            obj.__module__ == mod.__name__]


def algorithm_classes():
    """All algorithm classes: every BoligsocialAlgorithm in processing/alg_*.py, by id."""
    found = {cls.ALG_ID: cls for name in _module_files() for cls in _classes_of(name)}
    return [found[k] for k in sorted(found)]


def algorithms() -> List[QgsProcessingAlgorithm]:
    """One instance per algorithm, by id; a stand-in where a package is missing."""
    found = {}
    for name in _module_files():
        try:
            for cls in _classes_of(name):
                found[cls.ALG_ID] = cls()
        except ImportError as e:
            module = dependencies.external_module(e)
            if module is None:
                raise  # our own bug, not a missing package
            reason = dependencies.message([module])
            for summary in unavailable.summaries(os.path.join(HERE, name)):
                found[summary["ALG_ID"]] = unavailable.UnavailableAlgorithm(summary, reason)
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
        """Register every algorithm (stand-ins where a package is missing)."""
        for alg in algorithms():
            self.addAlgorithm(alg)
