# SPDX-License-Identifier: GPL-2.0-or-later
"""Stand-ins for algorithms whose module cannot be imported because a package is missing.

They keep the toolbox (and models that use them) intact and say what to install:
``canExecute()`` returns ``(False, reason)``, the help starts with the reason and a run
stops with it. Their names, groups and help are read from the algorithm modules' source
(the class attributes ALG_ID, DISPLAY, GROUP_ID, GROUP, HELP), without importing them.
"""
import ast
import os
from typing import Dict, List

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin import helppages
from boligsocial_plugin.core.i18n import tr

HERE = os.path.dirname(__file__)
ICON = os.path.join(os.path.dirname(HERE), "icon.svg")
FIELDS = ("ALG_ID", "DISPLAY", "GROUP_ID", "GROUP", "HELP")


def _literal(node) -> object:
    """A string constant, also inside N_("...")."""
    if isinstance(node, ast.Call) and node.args and getattr(node.func, "id", "") == "N_":
        node = node.args[0]
    return node.value if isinstance(node, ast.Constant) else None


def _class_fields(cls: ast.ClassDef) -> Dict[str, str]:
    out = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id in FIELDS:
            value = _literal(stmt.value)
            if isinstance(value, str):
                out[stmt.targets[0].id] = value
    return out


def _parse(path: str) -> ast.Module:
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), path)


def summaries(module_file: str) -> List[Dict[str, str]]:
    """ALG_ID, DISPLAY, GROUP_ID, GROUP and HELP of every algorithm class in a module file."""
    defaults = {"GROUP_ID": "analysis", "GROUP": "Analysis", "DISPLAY": "", "HELP": ""}
    for node in _parse(os.path.join(HERE, "base.py")).body:
        if isinstance(node, ast.ClassDef) and node.name == "BoligsocialAlgorithm":
            defaults.update(_class_fields(node))
    out = []
    for node in _parse(module_file).body:
        if isinstance(node, ast.ClassDef):
            fields = _class_fields(node)
            if fields.get("ALG_ID"):
                out.append(dict(defaults, **fields))
    return out


class UnavailableAlgorithm(QgsProcessingAlgorithm):
    """An algorithm that cannot run here; it says why and what to install."""

    def __init__(self, summary: Dict[str, str], reason: str):
        super().__init__()
        self._summary = summary
        self._reason = reason

    def createInstance(self):  # noqa: N802
        """A copy (QGIS creates instances for dialogs and models)."""
        return UnavailableAlgorithm(self._summary, self._reason)

    def name(self) -> str:
        """The algorithm's stable id."""
        return self._summary["ALG_ID"]

    def displayName(self) -> str:  # noqa: N802
        """The algorithm's translated name."""
        return tr(self._summary["DISPLAY"]) or self.name()

    def group(self) -> str:
        """The algorithm's translated group."""
        return tr(self._summary["GROUP"])

    def groupId(self) -> str:  # noqa: N802
        """The algorithm's stable group id."""
        return self._summary["GROUP_ID"]

    def icon(self) -> QIcon:
        """The plugin icon."""
        return QIcon(ICON)

    def shortHelpString(self) -> str:  # noqa: N802
        """Why it cannot run, then the algorithm's own help."""
        help_text = tr(self._summary["HELP"]) if self._summary["HELP"] else ""
        return "<p><b>{}</b></p>{}".format(self._reason, help_text)

    def helpUrl(self) -> str:  # noqa: N802
        """The bundled help page."""
        return helppages.help_url(self.name())

    def canExecute(self):  # noqa: N802
        """Never: a package is missing."""
        return False, self._reason

    def initAlgorithm(self, config=None):  # noqa: N802
        """No parameters: they are defined by the module that cannot be imported."""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Stop with the reason (processing.run and qgis_process do not ask canExecute)."""
        raise QgsProcessingException(self._reason)
