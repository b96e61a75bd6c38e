# SPDX-License-Identifier: GPL-2.0-or-later
"""The panel's background runs: the toolbox algorithms as tasks, one after another.

Each run is a ``QgsProcessingAlgRunnerTask`` on QGIS's task manager with its own context and
feedback, so QGIS stays responsive and the same parameters work in the toolbox and in models.
Results are opened as layers; the panel decides what to show.
"""
from typing import Any, Dict, List, Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, pyqtSignal

from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.maps.temporal import restore_temporal

INDICATORS, CRITERIA, MONITOR, SERIES = "indicators", "criteria", "monitor", "series"


def layer_name(kind: str) -> str:
    """The name a result layer gets in the project."""
    return {INDICATORS: tr("Boligsocial indicators"), CRITERIA: tr("Boligsocial criteria"),
            MONITOR: tr("Boligsocial projection"),
            SERIES: tr("Boligsocial criteria over time")}[kind]

# Runs whose panel went away (plugin unloaded) while the task was still working: the task
# uses the context and feedback until it ends, so they are kept here until then.
ORPHANS: List["PanelRun"] = []


class PanelFeedback(QgsProcessingFeedback):
    """Feedback that keeps error messages and forwards progress text to the GUI thread."""

    textChanged = pyqtSignal(str)  # noqa: N815 - Qt naming

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802,N803
        """Keep the message for the panel (called from the task's thread)."""
        self.errors.append(error)
        super().reportError(error, fatalError)

    def setProgressText(self, text: str) -> None:  # noqa: N802
        """Forward to the panel through a queued signal."""
        super().setProgressText(text)
        self.textChanged.emit(text)


class PanelRun:
    """One algorithm run: the task with the context and feedback it uses (kept alive)."""

    def __init__(self, alg_id: str, kind: str, params: Dict[str, Any], step: int, steps: int):
        self.alg_id = alg_id
        self.kind = kind
        self.params = params
        self.step = step
        self.steps = steps
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = PanelFeedback()
        self.task: Optional[QgsProcessingAlgRunnerTask] = None
        self.done = False

    def release(self) -> None:
        """Forget this run once its task has ended."""
        self.done = True
        if self in ORPHANS:
            ORPHANS.remove(self)


def disconnect(signal, slot) -> None:
    """Disconnect our own slot only (never every slot of a QGIS signal)."""
    try:
        signal.disconnect(slot)
    except (TypeError, RuntimeError):
        pass


class PanelRunner(QObject):
    """Runs the panel's algorithms one after another as background tasks."""

    progressChanged = pyqtSignal(int)  # noqa: N815 - 0..100 over all runs
    textChanged = pyqtSignal(str)  # noqa: N815
    succeeded = pyqtSignal()  # every run ended well: see layers and results
    failed = pyqtSignal(str, bool)  # message, True for an error (False: cancelled)

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.runs: List[PanelRun] = []
        self.queue: List[PanelRun] = []
        self.layers: Dict[str, QgsVectorLayer] = {}
        self.results: Dict[str, Dict[str, Any]] = {}
        self._dests: Dict[str, str] = {}

    def is_running(self) -> bool:
        """True while a run (one or two tasks) is under way."""
        return bool(self.runs or self.queue)

    @staticmethod
    def check(runs: List[PanelRun]) -> str:
        """Why the runs cannot start ('' when they can)."""
        for run in runs:
            alg = QgsApplication.processingRegistry().algorithmById(run.alg_id)
            if alg is None:
                return tr("The algorithm {alg} is not available; reinstall the plugin.").format(
                    alg=run.alg_id)
            if alg.flags() & QgsProcessingAlgorithm.FlagNoThreading:
                return tr("{alg} must run on the main thread; run it from the Processing "
                          "toolbox.").format(alg=alg.displayName())
            ok, msg = alg.checkParameterValues(run.params, run.context)
            if not ok:
                return msg
        return ""

    def start(self, runs: List[PanelRun]) -> None:
        """Start the first run; the others follow when it succeeds."""
        self.layers, self.results, self._dests = {}, {}, {}
        self.queue = list(runs)
        self._start_next()

    def cancel(self) -> bool:
        """Ask the running algorithm to stop (it checks between steps); True if one runs."""
        for run in self.runs:
            run.feedback.cancel()
        self.queue = []
        return bool(self.runs)

    def abandon(self) -> None:
        """Cancel everything and keep running tasks' context and feedback alive until they end
        (the panel is going away)."""
        self.queue = []
        for run in self.runs:
            self._disconnect_run(run)
            run.feedback.cancel()
            if run.task is not None and not run.done:
                ORPHANS.append(run)
                run.task.taskCompleted.connect(run.release)
                run.task.taskTerminated.connect(run.release)
        self.runs = []

    def _start_next(self) -> None:
        if not self.queue:
            return
        run = self.queue.pop(0)
        alg = QgsApplication.processingRegistry().algorithmById(run.alg_id)
        run.feedback.progressChanged.connect(self._on_progress)
        run.feedback.textChanged.connect(self.textChanged)
        run.task = QgsProcessingAlgRunnerTask(alg, run.params, run.context, run.feedback)
        run.task.setDescription(tr("Boligsocial: {alg}").format(alg=alg.displayName()))
        run.task.executed.connect(self._on_executed)
        self.runs.append(run)
        self.textChanged.emit(alg.displayName())
        QgsApplication.taskManager().addTask(run.task)

    def _on_progress(self, value: float) -> None:
        if self.runs:
            run = self.runs[0]
            self.progressChanged.emit(int((run.step + value / 100.0) / run.steps * 100))

    def _on_executed(self, ok: bool, results: Dict[str, Any]) -> None:
        if not self.runs:
            return
        run = self.runs.pop(0)
        self._disconnect_run(run)
        run.release()
        if run.feedback.isCanceled():
            self._fail(tr("Cancelled; nothing was loaded."), False)
            return
        if not ok:
            errors = [e for e in run.feedback.errors if e.strip()]
            self._fail("\n".join(errors) or tr("The algorithm failed; see the Processing log."),
                       True)
            return
        self.results[run.kind] = results
        self._dests[run.kind] = results.get("OUTPUT") or run.params["OUTPUT"]
        if run.kind == MONITOR:
            self._dests[SERIES] = results.get("SERIES") or run.params["SERIES"]
        if self.queue:
            self._start_next()
            return
        # opened once every run has written: a layer opened before a later run added a table
        # to the same GeoPackage no longer knows its feature count
        for kind, dest in self._dests.items():
            layer = QgsVectorLayer(dest, layer_name(kind), "ogr")
            if not layer.isValid():
                self._fail(tr("Could not open the result {path}.").format(path=dest), True)
                return
            restore_temporal(layer)
            self.layers[kind] = layer
        self.succeeded.emit()

    def _fail(self, message: str, error: bool) -> None:
        self.queue = []
        self.failed.emit(message, error)

    def _disconnect_run(self, run: PanelRun) -> None:
        disconnect(run.feedback.progressChanged, self._on_progress)
        disconnect(run.feedback.textChanged, self.textChanged)
        if run.task is not None and not sip.isdeleted(run.task):
            disconnect(run.task.executed, self._on_executed)
