# SPDX-License-Identifier: GPL-2.0-or-later
"""Small shared base class of our algorithms: ids, translation, help, error handling."""
import os
import traceback
from typing import Any, Dict

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr as _tr
from boligsocial_plugin.processing.audit import AuditRun

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icon.svg")


def N_(text: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a literal for translation without translating it now (translated on use)."""
    return text


class BoligsocialAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALG_ID, DISPLAY, GROUP_ID, GROUP, HELP and implement process()."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP_ID = "analysis"
    GROUP = N_("Analysis")
    HELP = ""
    TAGS = ""

    def tr(self, text: str) -> str:
        """Translate in the plugin's context."""
        return _tr(text)

    def createInstance(self):  # noqa: N802
        """A new instance (models and batch runs create many)."""
        return type(self)()

    def name(self) -> str:
        """Stable id, never translated."""
        return self.ALG_ID

    def displayName(self) -> str:  # noqa: N802
        """Translated name."""
        return self.tr(self.DISPLAY)

    def group(self) -> str:
        """Translated group name."""
        return self.tr(self.GROUP)

    def groupId(self) -> str:  # noqa: N802
        """Stable group id."""
        return self.GROUP_ID

    def tags(self):
        """Search keywords (English and Danish)."""
        return [t.strip() for t in self.tr(self.TAGS).split(",") if t.strip()]

    def icon(self) -> QIcon:
        """The plugin icon."""
        return QIcon(ICON)

    def shortHelpString(self) -> str:  # noqa: N802
        """Help shown in the dialog and by `qgis_process help`."""
        return self.tr(self.HELP)

    def helpUrl(self) -> str:  # noqa: N802
        """Online documentation."""
        return "https://example.org/boligsocial#" + self.ALG_ID

    def parameter_help(self) -> Dict[str, str]:
        """Per-parameter help used by setHelp (where QGIS supports it)."""
        return {}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Run; turn errors users can cause into QgsProcessingException, never a traceback.

        Every run, successful or not, writes an entry to the audit log (processing/audit.py).
        """
        with AuditRun(self, parameters, context, feedback) as audit:
            try:
                return audit.done(self.process(parameters, context, feedback))
            except BoligsocialError as e:
                raise QgsProcessingException(str(e))
            except QgsProcessingException:
                raise
            except MemoryError:
                raise QgsProcessingException(self.tr(
                    "Out of memory. Run on fewer reference dates or a smaller extract."))
            except Exception as e:  # pragma: no cover - a bug of ours; keep QGIS alive
                feedback.pushDebugInfo(traceback.format_exc())
                raise QgsProcessingException(self.tr(
                    "Unexpected error in {alg}: {err}. Please report it with the log.").format(
                    alg=self.ALG_ID, err=e))

    def process(self, parameters: Dict[str, Any], context, feedback) -> Dict[str, Any]:
        """Implemented by subclasses."""
        raise NotImplementedError

