# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the audit-log entry of every algorithm run (see core/auditlog.py for the format).

Used by BoligsocialAlgorithm.processAlgorithm as ``with AuditRun(...) as run: ... run.done(r)``.
Location: env ``BOLIGSOCIAL_AUDIT_LOG``, else the QGIS setting ``boligsocial/audit_log_path``,
else ``<QGIS profile>/boligsocial/audit.jsonl``; retention in days from the setting
``boligsocial/audit_retention_days`` (default 365, 0 keeps everything).
A log that cannot be written gives a warning in the log panel, never a failed run.
"""
import getpass
import os
import time
from typing import Any, Dict, Literal, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingUtils,
    QgsProperty,
    QgsSettings,
)

from boligsocial_plugin.core import auditlog
from boligsocial_plugin.core.i18n import tr

PATH_SETTING = "boligsocial/audit_log_path"
RETENTION_SETTING = "boligsocial/audit_retention_days"
LAYER_TYPES = {"source", "vector", "raster", "layer", "multilayer", "mesh", "pointcloud",
               "vectortile"}


def log_file() -> str:
    """The audit log path in effect."""
    s = QgsSettings()
    return auditlog.log_path(s.value(PATH_SETTING, ""), os.environ,
                             QgsApplication.qgisSettingsDirPath())


def _property(p: QgsProperty) -> Any:
    if p.propertyType() == QgsProperty.StaticProperty:
        return p.staticValue()
    if p.propertyType() == QgsProperty.FieldBasedProperty:
        return "field:" + p.field()
    return "expression:" + p.expressionString()


def _layer_source(value: Any, context) -> Any:
    """A layer id or name of the project/context as its data source (paths, not data)."""
    if isinstance(value, QgsMapLayer):
        return value.source()
    if isinstance(value, str) and value and context is not None:
        try:
            layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
        except Exception:  # noqa: BLE001 - a lookup for the log only
            layer = None
        if layer is not None:
            return layer.source()
    return value


def describe(value: Any, context, is_layer: bool = False) -> Any:
    """A parameter value as plain text/number for the log (no objects, no data)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        src = _layer_source(_property(value.source), context)
        return "{} (selected features only)".format(src) if value.selectedFeaturesOnly else src
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        return _property(value.sink)
    if isinstance(value, QgsProperty):
        return _property(value)
    if isinstance(value, QgsCoordinateReferenceSystem):
        return value.authid() or value.toWkt()[:80]
    if isinstance(value, QgsMapLayer):
        return value.source()
    if isinstance(value, (list, tuple)):
        return [describe(v, context, is_layer) for v in value]
    if is_layer:
        return _layer_source(value, context)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class AuditRun:
    """Context manager around one run: writes an entry on success and on failure."""

    def __init__(self, alg, parameters: Dict[str, Any], context, feedback):
        self.alg = alg
        self.parameters = parameters or {}
        self.context = context
        self.feedback = feedback
        self.result: Optional[Dict[str, Any]] = None
        self.started = auditlog.utc_now()
        self._t0 = time.monotonic()
        alg.audit_counts = {}

    def __enter__(self) -> "AuditRun":
        return self

    def done(self, result: Dict[str, Any]) -> Dict[str, Any]:
        """Remember the result (the outputs) and pass it on."""
        self.result = result
        return result

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        try:
            self._write(exc)
        except Exception as e:  # noqa: BLE001 - the log must never break a run
            self._warn(str(e))
        return False

    def _warn(self, err: str) -> None:
        if self.feedback is not None:
            self.feedback.pushWarning(tr("Could not write the audit log ({err}). The run itself "
                                         "is not affected; check the setting {key} or the "
                                         "environment variable BOLIGSOCIAL_AUDIT_LOG.").format(
                err=auditlog.first_line(err), key=PATH_SETTING))

    def outcome(self, exc: Optional[BaseException]) -> str:
        """'ok', 'error', or 'cancelled' when the user stopped the run (never logged as ok)."""
        if self.feedback is not None and self.feedback.isCanceled():
            return "cancelled"
        return "ok" if exc is None else "error"

    def entry(self, exc: Optional[BaseException]) -> Dict[str, Any]:
        """The entry for this run."""
        alg = self.alg
        params: Dict[str, Any] = {}
        dest_names = set()
        for d in alg.parameterDefinitions():
            name = d.name()
            if d.isDestination():
                dest_names.add(name)
            if name in self.parameters:
                params[name] = describe(self.parameters[name], self.context,
                                        d.type() in LAYER_TYPES)
        outputs: Dict[str, Any] = {}
        if self.result is not None:
            for name in dest_names:
                if name in self.result:
                    outputs[name] = describe(self.result[name], self.context, True)
        else:
            for name in dest_names:
                if name in params:
                    outputs[name] = params[name]
        counts = dict(getattr(alg, "audit_counts", None) or {})
        if not counts and self.result is not None:
            for out in alg.outputDefinitions():
                if isinstance(out, QgsProcessingOutputNumber) and out.name() in self.result:
                    counts[out.name()] = self.result[out.name()]
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name in some service accounts
            user = ""
        return auditlog.build_entry(
            algorithm="boligsocial:" + alg.name(), parameters=params,
            outcome=self.outcome(exc), started=self.started,
            duration_s=time.monotonic() - self._t0, user=user,
            profile=QgsApplication.qgisSettingsDirPath(),
            error="" if exc is None else (str(exc) or type(exc).__name__),
            counts=counts, outputs=outputs, extra={"qgis_version": Qgis.QGIS_VERSION})

    def _write(self, exc: Optional[BaseException]) -> None:
        path = log_file()
        entry = self.entry(exc)
        days = auditlog.retention(
            QgsSettings().value(RETENTION_SETTING, auditlog.DEFAULT_RETENTION_DAYS))
        try:
            auditlog.append_entry(path, entry, days)
        except OSError as e:
            self._warn("{}: {}".format(path, e.strerror or e))
