# SPDX-License-Identifier: GPL-2.0-or-later
"""The profile's trend chart in the panel: an area's state criteria over the snapshots with the
lists' thresholds and the projection (from monitorcriteria's layers), or, without them, the
displayed indicator over the reference dates of the indicator layer. Published values only.

Charts are drawn with matplotlib (maps/charts.py) into a PNG in a temporary folder and put into
the profile's document as an image resource.
"""
import html
import os
import tempfile
from typing import List, Optional, Tuple

from qgis.core import QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QImage, QTextDocument

from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.maps import charts
from boligsocial_plugin.maps.monitor_report import MonitorData, read_monitor
from boligsocial_plugin.qgis_io.values import number, text

SUBTITLE = "<h4>{}</h4>"
PARAGRAPH = "<p>{}</p>"
IMAGE = "<p><img src='{src}' width='{w}'></p>"
DPI = 100


class TrendCharts:
    """Draws profile charts for one run's layers (their tables are read once)."""

    def __init__(self, output: Optional[QgsVectorLayer] = None,
                 series: Optional[QgsVectorLayer] = None,
                 indicators: Optional[QgsVectorLayer] = None):
        self.output, self.series, self.indicators = output, series, indicators
        self._data: Optional[MonitorData] = None
        self._folder = tempfile.TemporaryDirectory(prefix="boligsocial_charts_")
        self._n = 0

    def close(self) -> None:
        """Delete the chart files."""
        self._folder.cleanup()

    def _monitor(self) -> Optional[MonitorData]:
        if self._data is None and self.output is not None and self.series is not None:
            self._data = read_monitor(self.output, self.series)
        return self._data

    def _path(self) -> str:
        self._n += 1
        return os.path.join(self._folder.name, "chart_{}.png".format(self._n))

    def html(self, document: QTextDocument, area_id: str, width_px: int,
             field: str = "", label: str = "") -> str:
        """The trend section of an area's profile ('' when there is nothing over time)."""
        width_px = max(260, int(width_px))
        data = self._monitor()
        if data is not None:
            rows = [i for i, a in enumerate(data.areas["area_id"]) if str(a) == area_id]
            if rows:
                area = data.trend(rows[0])
                path = charts.profile_chart(area, data.rule_set, self._path(),
                                            width_in=width_px / DPI, dpi=DPI)
                head = SUBTITLE.format(html.escape(tr("State criteria over time")))
                note = PARAGRAPH.format(html.escape(
                    area.warning or tr("No change of category projected to {date}.").format(
                        date=data.project_to)))
                return head + note + self._image(document, path, width_px)
        if self.indicators is not None and field.endswith("_val"):
            dates, values = indicator_values(self.indicators, area_id, field)
            shown = [v for v in values if v is not None]
            if len(shown) >= 2:
                path = charts.indicator_chart(area_id, "", {field: values}, {field: label},
                                              dates, self._path(), width_in=width_px / DPI,
                                              dpi=DPI)
                return SUBTITLE.format(html.escape(tr("{label} over time").format(
                    label=label or field))) + self._image(document, path, width_px)
        return ""

    def _image(self, document: QTextDocument, path: str, width_px: int) -> str:
        url = "boligsocial-chart:{}".format(os.path.basename(path))
        document.addResource(QTextDocument.ImageResource, QUrl(url), QImage(path))
        return IMAGE.format(src=url, w=width_px - 20)


def indicator_values(layer: QgsVectorLayer, area_id: str,
                     field: str) -> Tuple[List[str], List[Optional[float]]]:
    """(dates, published values) of an area in an indicator layer, over every reference date
    (the panel shows one date through a filter; this reads the layer's source unfiltered)."""
    source = "|".join(p for p in layer.source().split("|") if not p.startswith("subset="))
    full = QgsVectorLayer(source, "all dates", layer.providerType())
    if not full.isValid() or full.fields().lookupField(field) < 0 or \
            full.fields().lookupField("ref_date") < 0:
        return [], []
    req = QgsFeatureRequest().setFilterExpression(
        "\"area_id\" = '{}'".format(str(area_id).replace("'", "''")))
    req.setFlags(QgsFeatureRequest.NoGeometry)
    rows = sorted((text(f["ref_date"])[:10], number(f[field])) for f in full.getFeatures(req))
    return [d for d, _v in rows], [v for _d, v in rows]
