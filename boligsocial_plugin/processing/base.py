# SPDX-License-Identifier: GPL-2.0-or-later
"""Small shared base class of our algorithms: ids, translation, help, errors, cancellation."""
import os
import traceback
from typing import Any, Dict

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
)
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin import dependencies, helppages
from boligsocial_plugin.core import i18n
from boligsocial_plugin.core.errors import BoligsocialError, Cancelled, cancelled_message
from boligsocial_plugin.processing.audit import AuditRun

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icon.svg")


def N_(text: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a literal for translation without translating it now (translated on use)."""
    return text


def advanced(parameter: QgsProcessingParameterDefinition) -> QgsProcessingParameterDefinition:
    """Mark a parameter as advanced (shown under "Advanced parameters"); returns it."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter


def is_canceled(feedback) -> bool:
    """True when the user asked the run to stop."""
    return feedback is not None and feedback.isCanceled()


class BoligsocialAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALG_ID, DISPLAY, GROUP_ID, GROUP, HELP and implement process()."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP_ID = "analysis"
    GROUP = N_("Analysis")
    HELP = ""
    TAGS = ""
    REQUIRES = dependencies.REQUIRED  # Python packages beyond QGIS (an algorithm may add more)

    def tr(self, text: str) -> str:
        """Translate in the plugin's context."""
        return i18n.tr(text)

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
        """The bundled help page (file://) in the UI language; see helppages.py."""
        return helppages.help_url(self.ALG_ID)

    def canExecute(self):  # noqa: N802
        """False with what to install when a package in REQUIRES cannot be imported."""
        missing = dependencies.missing_modules(self.REQUIRES)
        if missing:
            return False, dependencies.message(missing)
        return True, ""

    def parameter_help(self) -> Dict[str, str]:
        """Per-parameter help used by setHelp (where QGIS supports it)."""
        return {}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Run; turn errors users can cause into QgsProcessingException, never a traceback.

        One cancellation rule for every algorithm: a run whose feedback was cancelled ends
        with an error (the cancel message), whatever ``process`` returned or raised, so it
        never reports success. Every run writes an entry to the audit log (processing/audit.py):
        outcome ok, error or cancelled.
        """
        with AuditRun(self, parameters, context, feedback) as audit:
            try:
                result = self.process(parameters, context, feedback)
                self.check_canceled(feedback)
                return audit.done(result)
            except Exception as e:  # noqa: BLE001 - every error ends as a message, not a traceback
                error = self._processing_error(e, feedback)
                if error is e:
                    raise
                raise error from e

    def _processing_error(self, e: Exception, feedback) -> QgsProcessingException:
        """The QgsProcessingException a run ends with: cancelled, the user's or ours."""
        if is_canceled(feedback):
            return QgsProcessingException(cancelled_message())
        if isinstance(e, QgsProcessingException):
            return e
        if isinstance(e, BoligsocialError):
            return QgsProcessingException(str(e))
        if isinstance(e, MemoryError):
            return QgsProcessingException(self.tr(
                "Out of memory. Run on fewer reference dates or a smaller extract."))
        if feedback is not None:  # a bug of ours: the traceback goes to the log
            feedback.pushDebugInfo(traceback.format_exc())
        return QgsProcessingException(self.tr(
            "Unexpected error in {alg}: {err}. Please report it with the log.").format(
            alg=self.ALG_ID, err=e))

    @staticmethod
    def check_canceled(feedback) -> None:
        """Raise Cancelled when the user asked the run to stop (call between steps)."""
        if is_canceled(feedback):
            raise Cancelled()

    def process(self, parameters: Dict[str, Any], context, feedback) -> Dict[str, Any]:
        """Implemented by subclasses."""
        raise NotImplementedError

    def write_layer(self, parameters, context, feedback, name: str, frame, types, geometries,
                    crs) -> str:
        """Write a DataFrame (columns in ``types`` order) with (multi)polygon geometries to the
        feature sink ``name``; returns its destination."""
        from qgis.core import QgsWkbTypes

        from boligsocial_plugin.qgis_io.writer import fields_for, write_frame

        sink, dest = self.parameterAsSink(parameters, name, context, fields_for(types),
                                          QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        write_frame(sink, frame, types, geometries, feedback, dest=dest)
        del sink
        return dest

