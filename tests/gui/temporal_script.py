# SPDX-License-Identifier: GPL-2.0-or-later
"""Run inside desktop QGIS (qgis --code): open monitorcriteria's SERIES as a user would and
check that the Temporal Controller can animate it; report as JSON (and a screenshot).

Used by test_desktop_temporal.py; reads BOLIGSOCIAL_E2E_SERIES (and _OUTPUT, the projection
layer), writes BOLIGSOCIAL_E2E_OUT; BOLIGSOCIAL_E2E_SHOT, when set, is a PNG of the window at
BOLIGSOCIAL_E2E_FRAME (a date, default the latest snapshot).
"""
import json
import os

from qgis.core import (
    QgsDateTimeRange,
    QgsInterval,
    QgsProject,
    QgsTemporalNavigationObject,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface, plugins

SERIES = os.environ["BOLIGSOCIAL_E2E_SERIES"]
OUTPUT = os.environ.get("BOLIGSOCIAL_E2E_OUTPUT", "")
OUT = os.environ["BOLIGSOCIAL_E2E_OUT"]
SHOT = os.environ.get("BOLIGSOCIAL_E2E_SHOT", "")
result = {}


def uri(path: str) -> str:
    """The feature layer of a GeoPackage output (with layer_styles in it QGIS would ask which
    layer to add, in a modal dialog)."""
    if "|" in path:
        return path
    return path + "|layername=" + os.path.splitext(os.path.basename(path))[0]


def finish():
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f)
    os._exit(0)


def guarded(fn):
    """Report an exception instead of leaving QGIS open."""
    def run():
        try:
            fn()
        except Exception:  # noqa: BLE001 - any failure must end the run with its traceback
            import traceback

            result["error"] = traceback.format_exc()
            finish()
    return run


@guarded
def start():
    result["plugin"] = "boligsocial_plugin" in plugins
    iface.mainWindow().showMaximized()
    browser = iface.mainWindow().findChild(QDockWidget, "Browser")
    if browser is not None:
        browser.hide()
    if OUTPUT:
        iface.addVectorLayer(uri(OUTPUT), "Fremskrivning til næste liste", "ogr")
    layer = iface.addVectorLayer(uri(SERIES), "Kriterier over tid", "ogr")
    tp = layer.temporalProperties()
    result["active"] = tp.isActive()
    result["start_field"] = tp.startField()
    result["duration"] = [tp.fixedDuration(), int(tp.durationUnits())]
    idx = layer.fields().lookupField("ref_date")
    first = QDateTime(layer.minimumValue(idx), QTime(0, 0))
    last = QDateTime(layer.maximumValue(idx), QTime(0, 0))
    result["extent"] = [first.toString("yyyy-MM-dd"), last.toString("yyyy-MM-dd")]
    nav = iface.mapCanvas().temporalController()
    nav.setTemporalExtents(QgsDateTimeRange(first, last.addMonths(1)))
    nav.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalMonths))
    nav.setNavigationMode(QgsTemporalNavigationObject.Animated)
    frame = os.environ.get("BOLIGSOCIAL_E2E_FRAME") or last.toString("yyyy-MM-dd")
    target = QDateTime(QDate.fromString(frame, "yyyy-MM-dd"), QTime(0, 0))
    n = nav.findBestFrameNumberForFrameStart(target)
    nav.setCurrentFrameNumber(n)
    result["frames"] = nav.totalFrameCount()
    rng = nav.dateTimeRangeForFrameNumber(n)
    result["frame"] = [rng.begin().toString("yyyy-MM-dd"), rng.end().toString("yyyy-MM-dd")]
    dock = iface.mainWindow().findChild(QDockWidget, "Temporal Controller")
    if dock is not None:
        dock.show()
        dock.raise_()
    iface.mapCanvas().setExtent(layer.extent().buffered(300))
    iface.mapCanvas().refresh()
    QTimer.singleShot(2500, shoot)


@guarded
def shoot():
    layer = QgsProject.instance().mapLayersByName("Kriterier over tid")[0]
    canvas = iface.mapCanvas()
    result["canvas_temporal"] = canvas.mapSettings().isTemporal()
    rng = canvas.temporalRange()
    result["canvas_range"] = [rng.begin().toString("yyyy-MM-dd"), rng.end().toString("yyyy-MM-dd")]
    from qgis.core import QgsFeatureRequest, QgsVectorLayerTemporalContext
    ctx = QgsVectorLayerTemporalContext()
    ctx.setLayer(layer)
    expr = layer.temporalProperties().createFilterString(ctx, rng)
    result["filter"] = expr
    result["features_in_frame"] = sum(1 for _ in layer.getFeatures(
        QgsFeatureRequest().setFilterExpression(expr)))
    result["features"] = layer.featureCount()
    if SHOT:
        QApplication.processEvents()
        iface.mainWindow().grab().save(SHOT, "PNG")
    finish()


QTimer.singleShot(3000, start)
