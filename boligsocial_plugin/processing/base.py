# SPDX-License-Identifier: GPL-2.0-or-later
"""Small shared base class of our algorithms: ids, translation, help, errors, cancellation,
and what every output gets (CSV in the user's form, field aliases and rounding)."""
import html
import os
import traceback
from dataclasses import dataclass
from typing import Any, Dict, List, Set

from qgis.core import (
    QgsApplication,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtGui import QIcon

from boligsocial_plugin import dependencies, helppages
from boligsocial_plugin.core import i18n
from boligsocial_plugin.core.errors import BoligsocialError, Cancelled, cancelled_message
from boligsocial_plugin.core.i18n import N_
from boligsocial_plugin.core.pseudonym import redact
from boligsocial_plugin.processing.audit import AuditRun

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icon.svg")


def advanced(parameter: QgsProcessingParameterDefinition) -> QgsProcessingParameterDefinition:
    """Mark a parameter as advanced (shown under "Advanced parameters"); returns it."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter


@dataclass
class SinkRecord:
    """A feature sink an algorithm created: its parameter, destination and fields."""

    name: str
    dest: str
    fields: QgsFields


def is_canceled(feedback) -> bool:
    """True when the user asked the run to stop."""
    return feedback is not None and feedback.isCanceled()


class RedactingFeedback(QgsProcessingFeedback):
    """The run's feedback with anything shaped like a CPR number masked in every message.

    Messages can quote input values (an error naming a bad cell, a warning with examples);
    none of them may carry a CPR number into the log panel, the processing log or a file.
    Progress and cancellation pass through to the feedback of the run.
    """

    def __init__(self, inner: QgsProcessingFeedback):
        super().__init__()
        self._inner = inner
        if inner.isCanceled():
            self.cancel()
        inner.canceled.connect(self.cancel)
        self.progressChanged.connect(inner.setProgress)

    def close(self) -> None:
        """Stop following the run's feedback (call when the run ends)."""
        try:
            self._inner.canceled.disconnect(self.cancel)
        except (TypeError, RuntimeError):
            pass

    def setProgressText(self, text):  # noqa: N802
        """Forwarded, masked."""
        self._inner.setProgressText(redact(text))

    def pushInfo(self, info):  # noqa: N802
        """Forwarded, masked."""
        self._inner.pushInfo(redact(info))

    def pushWarning(self, warning):  # noqa: N802
        """Forwarded, masked."""
        self._inner.pushWarning(redact(warning))

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        """Forwarded, masked."""
        self._inner.reportError(redact(error), fatalError)

    def pushDebugInfo(self, info):  # noqa: N802
        """Forwarded, masked."""
        self._inner.pushDebugInfo(redact(info))

    def pushCommandInfo(self, info):  # noqa: N802
        """Forwarded, masked."""
        self._inner.pushCommandInfo(redact(info))

    def pushConsoleInfo(self, info):  # noqa: N802
        """Forwarded, masked."""
        self._inner.pushConsoleInfo(redact(info))


class BoligsocialAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALG_ID, DISPLAY, GROUP_ID, GROUP, HELP and implement process().

    What every algorithm gets without writing it:

    - ``CSV_FORMAT`` (advanced) after its own parameters when it has a feature sink, and
      every CSV sink rewritten in the chosen form after the run (processing/params.py);
    - field aliases (Danish/English) and display rounding on every other sink output,
      saved with its style (maps/fields.py; an algorithm with user-defined indicators sets
      ``self.field_labels``);
    - the dialog's help lists every parameter with its help.
    """

    ALG_ID = ""
    DISPLAY = ""
    GROUP_ID = "analysis"
    GROUP = N_("Analysis")
    HELP = ""
    TAGS = ""
    REQUIRES = dependencies.REQUIRED  # Python packages beyond QGIS (an algorithm may add more)

    def __init_subclass__(cls, **kwargs):
        """Wrap a subclass's initAlgorithm so the common parameters follow its own."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("initAlgorithm")
        if own is None or getattr(own, "_adds_common", False):
            return

        def initAlgorithm(self, config=None):  # noqa: N802
            own(self, config)
            self.add_common_parameters()

        initAlgorithm._adds_common = True  # type: ignore[attr-defined]
        initAlgorithm.__doc__ = own.__doc__
        cls.initAlgorithm = initAlgorithm

    def add_common_parameters(self) -> None:
        """CSV_FORMAT (advanced) when the algorithm writes a feature sink."""
        from boligsocial_plugin.processing.params import CSV_FORMAT, csv_format_parameter

        sinks = [p for p in self.parameterDefinitions()
                 if isinstance(p, QgsProcessingParameterFeatureSink)]
        if sinks and self.parameterDefinition(CSV_FORMAT) is None:
            self.addParameter(advanced(csv_format_parameter()))

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
        """Help shown in the dialog and by `qgis_process help`.

        In the dialogs the help of every parameter follows (QGIS 3.22 shows parameter help
        nowhere else); ``qgis_process help`` and the bundled pages list it themselves.
        """
        text = self.help_text()
        if QgsApplication.platform() == "qgis_process":
            return text
        return text + self.parameters_help_html()

    def help_text(self) -> str:
        """The algorithm's own help, without the parameters (bundled pages list those)."""
        return self.tr(self.HELP)

    def parameters_help_html(self) -> str:
        """Every visible parameter's label and help as HTML (main parameters first)."""
        rows: List[str] = []
        later: List[str] = []
        for p in self.parameterDefinitions():
            if p.flags() & QgsProcessingParameterDefinition.FlagHidden or not p.help():
                continue
            row = "<p><b>{}</b>: {}</p>".format(html.escape(p.description()),
                                                html.escape(p.help()))
            advanced_flag = p.flags() & QgsProcessingParameterDefinition.FlagAdvanced
            (later if advanced_flag else rows).append(row)
        if not rows and not later:
            return ""
        out = "<h3>{}</h3>{}".format(html.escape(self.tr("Parameters")), "".join(rows))
        if later:
            out += "<h3>{}</h3>{}".format(html.escape(self.tr("Advanced parameters")),
                                          "".join(later))
        return out

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

    def parameterAsSink(self, parameters, name, context, fields, *args):  # noqa: N802
        """QGIS's parameterAsSink; the sink is remembered for the finishing of outputs.

        Only the destination and the fields are kept (never the sink: deleting it closes the
        file, as the algorithm expects).
        """
        sink, dest = super().parameterAsSink(parameters, name, context, fields, *args)
        if sink is not None:
            self._sinks.append(SinkRecord(name, dest, QgsFields(fields)))
        return sink, dest

    @property
    def _sinks(self) -> List[SinkRecord]:
        if not hasattr(self, "_sink_records"):
            self._sink_records: List[SinkRecord] = []
        return self._sink_records

    def finish_outputs(self, parameters, context, feedback) -> None:
        """After the run: CSV sinks in the user's form; aliases and rounding on the others."""
        from boligsocial_plugin.core import csvformat
        from boligsocial_plugin.maps.styling import present_output
        from boligsocial_plugin.processing.params import CSV_FORMAT
        from boligsocial_plugin.qgis_io import csvout
        from boligsocial_plugin.qgis_io.writer import is_csv_destination

        choice = self.parameterAsEnumString(parameters, CSV_FORMAT, context) \
            if self.parameterDefinition(CSV_FORMAT) is not None else csvformat.AUTO
        dialect = csvformat.dialect(choice or csvformat.AUTO, i18n.language())
        for rec in self._sinks:
            self.check_canceled(feedback)
            path = rec.dest.split("|")[0]
            if is_csv_destination(rec.dest) and os.path.isfile(path):
                csvout.rewrite(path, rec.fields, dialect)
            elif rec.dest not in getattr(self, "_presented", ()):  # else done with its style
                present_output(rec.dest, context, feedback,
                               getattr(self, "field_labels", None))

    def style_output(self, dest: str, field: str, context, feedback, **options):
        """Style a written output (maps.styling.style_output) together with the field aliases
        and rounding :meth:`finish_outputs` would give it, so its style is written once."""
        from boligsocial_plugin.maps.styling import style_output

        layer = style_output(dest, field, context, feedback, present=True,
                             labels=getattr(self, "field_labels", None), **options)
        if layer is not None:
            self._presented.add(dest)
        return layer

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Run; turn errors users can cause into QgsProcessingException, never a traceback.

        One cancellation rule for every algorithm: a run whose feedback was cancelled ends
        with an error (the cancel message), whatever ``process`` returned or raised, so it
        never reports success. Every run writes an entry to the audit log (processing/audit.py):
        outcome ok, error or cancelled.
        """
        with AuditRun(self, parameters, context, feedback) as audit:
            safe = RedactingFeedback(feedback) if feedback is not None else None
            try:
                self._sink_records = []
                self._presented: Set[str] = set()
                result = self.process(parameters, context, safe)
                self.check_canceled(feedback)
                self.finish_outputs(parameters, context, safe)
                return audit.done(result)
            except Exception as e:  # noqa: BLE001 - every error ends as a message, not a traceback
                error = self._processing_error(e, feedback)
                text = redact(str(error))  # no CPR number in a message (an input value quoted)
                if text != str(error):
                    error = QgsProcessingException(text)
                if error is e:
                    raise
                raise error from e
            finally:
                if safe is not None:
                    safe.close()

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
            feedback.pushDebugInfo(redact(traceback.format_exc()))
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

