# SPDX-License-Identifier: GPL-2.0-or-later
"""The monitoring report: an "areas to watch" page (map and table) and trend charts of those
areas, from monitorcriteria's OUTPUT and SERIES layers (published values only).

Page 1 maps every area by what the projection says (enters a list, leaves one, stays but a
criterion crosses, on a list, none) and lists the areas to watch with their category now, the
projected one and the warning. The following pages hold one row of small multiples per area to
watch (maps/charts.py: the criterion at every snapshot, the lists' thresholds, the projection).
"""
import math
import os
import tempfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import pandas as pd
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemTextTable,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsMemoryProviderUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from boligsocial_plugin.core.choropleth import OUTLINE, category_label
from boligsocial_plugin.core.criteria import KEYS
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.monitoring.watch import (
    COLOURS,
    ORDER,
    areas_on_lists,
    areas_to_watch,
    class_label,
    watch_class,
)
from boligsocial_plugin.maps import charts, report
from boligsocial_plugin.qgis_io.values import plain, text

PAGE_W, PAGE_H, MARGIN = report.PAGE_W, report.PAGE_H, report.MARGIN
CHARTS_PER_PAGE = 3
CHART_W, CHART_H = PAGE_W - 2 * MARGIN, 49.0  # mm


@dataclass
class MonitorData:
    """The two layers as tables, with the run's settings."""

    areas: pd.DataFrame
    series: pd.DataFrame
    rule_set: str
    latest: str
    project_to: str
    trend_from: str

    def watched(self) -> List[int]:
        """Rows of ``areas`` to watch, in report order."""
        a = self.areas
        return areas_to_watch(a["area_id"].tolist(), a["category"].tolist(),
                              a["projected_category"].tolist(), a["warning"].tolist())

    def trend(self, i: int) -> charts.AreaTrend:
        """The chart data of the area in row ``i``."""
        r = self.areas.iloc[i]
        s = self.series[self.series["area_id"] == r["area_id"]].sort_values("ref_date")
        values = {k: [float(v) if v is not None and not _nan(v) else math.nan
                      for v in s[k + "_val"]] for k in KEYS if k + "_val" in s.columns}
        projected = {k: _num(r.get(k + "_projected")) for k in KEYS}
        trend = {k: _num(r.get(k + "_trend")) for k in KEYS}
        return charts.AreaTrend(str(r["area_id"]), str(r.get("area_name") or ""),
                                list(s["ref_date"]), values, projected, trend, self.project_to,
                                str(r.get("category") or ""),
                                str(r.get("projected_category") or ""),
                                str(r.get("warning") or ""))


def _nan(v) -> bool:
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def _num(v) -> float:
    return math.nan if v is None or _nan(v) else float(v)


def layer_table(layer: QgsVectorLayer) -> pd.DataFrame:
    """Every attribute of a layer as plain Python (NULL None, dates ISO text)."""
    names = layer.fields().names()
    rows = [[plain(v) for v in f.attributes()] for f in layer.getFeatures()]
    return pd.DataFrame(rows, columns=names)


def read_monitor(output: QgsVectorLayer, series: QgsVectorLayer) -> MonitorData:
    """The monitorcriteria layers as a MonitorData; a clear error for other layers."""
    need = {"area_id", "category", "projected_category", "warning", "project_to", "rule_set"}
    missing = need - set(output.fields().names())
    if missing:
        raise BoligsocialError(tr("'{layer}' is not an output of 'Monitor state criteria over "
                                  "time' (it lacks {fields}).").format(
            layer=output.name(), fields=", ".join(sorted(missing))))
    if not {"area_id", "ref_date"} <= set(series.fields().names()):
        raise BoligsocialError(tr("'{layer}' is not the SERIES output of 'Monitor state criteria "
                                  "over time' (it needs area_id and ref_date).").format(
            layer=series.name()))
    a = layer_table(output).fillna({"category": "", "projected_category": "", "warning": ""})
    s = layer_table(series)
    first = a.iloc[0] if len(a) else {}
    return MonitorData(a, s, str(first.get("rule_set") or "2021"),
                       str(first.get("ref_date") or ""), str(first.get("project_to") or ""),
                       str(first.get("trend_from") or ""))


def watch_layer(output: QgsVectorLayer, data: MonitorData) -> QgsVectorLayer:
    """A memory copy of the output with a 'watch' class per area, styled by it."""
    fields = output.fields()
    fields.append(QgsField("watch", QVariant.String))
    mem = QgsMemoryProviderUtils.createMemoryLayer("watch", fields, output.wkbType(),
                                                   output.crs())
    classes = {str(r["area_id"]): watch_class(r["category"], r["projected_category"],
                                              r["warning"]) for _, r in data.areas.iterrows()}
    feats = []
    for f in output.getFeatures():
        g = QgsFeature(fields)
        g.setAttributes(f.attributes() + [classes.get(text(f["area_id"]), "none")])
        g.setGeometry(f.geometry())
        feats.append(g)
    mem.dataProvider().addFeatures(feats)
    mem.updateExtents()
    cats = []
    for cls in ORDER:
        sym = QgsFillSymbol.createSimple({"color": COLOURS[cls], "outline_color": OUTLINE,
                                          "outline_width": "0.2", "outline_width_unit": "MM"})
        cats.append(QgsRendererCategory(cls, sym, class_label(cls)))
    mem.setRenderer(QgsCategorizedSymbolRenderer("watch", cats))
    return mem


def write_charts(data: MonitorData, rows: Sequence[int], folder: str, fmt: str = "svg",
                 dpi: int = 150) -> List[str]:
    """One small-multiples chart per area (row of ``data.areas``); returns the files."""
    out = []
    for i in rows:
        path = os.path.join(folder, "chart_{}.{}".format(i, fmt))
        charts.area_chart(data.trend(i), data.rule_set, path, width_in=CHART_W / 25.4,
                          height_in=CHART_H / 25.4, dpi=dpi, with_title=False)
        out.append(path)
    return out


def watch_sheet(data: MonitorData, rows: Sequence[int], path: str, dpi: int = 130) -> str:
    """The charts of the areas to watch stacked in one picture (PNG)."""
    if not rows:
        raise BoligsocialError(tr("No area to watch: nothing to chart."))
    return charts.sheet([data.trend(i) for i in rows], data.rule_set, path, dpi=dpi)


def subtitle(data: MonitorData) -> str:
    """Rule set, latest snapshot, projection date, trend window."""
    return tr("Rule set {rs} · latest snapshot {latest} · projected to {to} if the trends of the "
              "snapshots since {since} continue · published values only").format(
        rs=data.rule_set, latest=data.latest, to=data.project_to, since=data.trend_from)


def build_report(project: QgsProject, data: MonitorData, watch: QgsVectorLayer,
                 watched: Sequence[int], rows: Sequence[int], chart_files: Sequence[str],
                 title: str, max_rows: int = 12) -> QgsPrintLayout:
    """Page 1: map and table of the areas to watch; then three chart rows per page (the
    areas ``rows``: those to watch, then those on a list)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(PAGE_W, PAGE_H))
    report._label(layout, title, MARGIN, 7, PAGE_W - 2 * MARGIN, 9, 15, True)
    report._label(layout, subtitle(data), MARGIN, 17, PAGE_W - 2 * MARGIN, 6, 8.5)
    top, map_w = 26.0, 118.0
    extent = report.extent_of([watch])
    h = min(PAGE_H - top - 40, map_w * extent.height() / max(extent.width(), 1e-9))
    m = QgsLayoutItemMap(layout)
    m.setCrs(watch.crs())
    m.setLayers([watch])
    m.setKeepLayerSet(True)
    m.setFrameEnabled(True)
    m.setFrameStrokeWidth(QgsLayoutMeasurement(0.2))
    m.setBackgroundColor(QColor("white"))
    layout.addLayoutItem(m)
    m.attemptMove(QgsLayoutPoint(MARGIN, top))
    m.attemptResize(QgsLayoutSize(map_w, h))
    m.setExtent(QgsRectangle(0, 0, map_w, h))
    m.zoomToExtent(extent)
    report.layer_legend(layout, [watch], tr("Projection"), MARGIN, top + h + 3, map_w)
    x = MARGIN + map_w + 8
    _watch_table(layout, data, watched, x, top, PAGE_W - MARGIN - x, PAGE_H - MARGIN - top,
                 max_rows)
    for n, (i, path) in enumerate(zip(rows, chart_files)):
        page = n // CHARTS_PER_PAGE + 1
        if page >= layout.pageCollection().pageCount():
            p = QgsLayoutItemPage(layout)
            p.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H))
            layout.pageCollection().addPage(p)
        y = MARGIN + (n % CHARTS_PER_PAGE) * ((PAGE_H - 2 * MARGIN) / CHARTS_PER_PAGE)
        area = data.trend(i)
        _on_page(report._label(layout, area.title(), MARGIN, 0, PAGE_W - 2 * MARGIN, 6, 10,
                               True), MARGIN, y, page)
        _on_page(report._label(layout, area.warning or tr("No change of category projected."),
                               MARGIN, 0, PAGE_W - 2 * MARGIN, 8, 7.5), MARGIN, y + 6, page)
        pic = QgsLayoutItemPicture(layout)
        pic.setPicturePath(path)
        pic.setResizeMode(QgsLayoutItemPicture.Zoom)
        layout.addLayoutItem(pic)
        pic.attemptResize(QgsLayoutSize(CHART_W, CHART_H))
        _on_page(pic, MARGIN, y + 13, page)
    return layout


def _on_page(item, x: float, y: float, page: int) -> None:
    item.attemptMove(QgsLayoutPoint(x, y), True, False, page)


def _watch_table(layout, data: MonitorData, rows: Sequence[int], x: float, y: float, w: float,
                 h: float, max_rows: int) -> Optional[QgsLayoutItemTextTable]:
    headers = [tr("Area"), tr("Now"), tr("Projected"), tr("Why")]
    widths = [28.0, 29.0, 29.0, w - 86.0 - 4 * 1.6]  # "Forebyggelsesområde" cannot wrap
    table = QgsLayoutItemTextTable(layout)
    layout.addMultiFrame(table)
    cols = []
    for head, width in zip(headers, widths):
        c = QgsLayoutTableColumn(head)
        c.setWidth(width)
        cols.append(c)
    table.setColumns(cols)
    table.setHeaderTextFormat(report.text_format(report.TABLE_PT, True))
    table.setContentTextFormat(report.text_format(report.TABLE_PT))
    table.setCellMargin(0.7)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(QColor("#9e9e9e"))
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    content = []
    for i in list(rows)[:max_rows]:
        r = data.areas.iloc[i]
        name = "{} {}".format(r["area_id"], r.get("area_name") or "").strip()
        content.append([name, category_label(r["category"] or "ingen"),
                        category_label(r["projected_category"]) if r["projected_category"]
                        else "–", str(r["warning"] or "")])
    if len(rows) > max_rows:
        content.append(["", "", "", tr("… {n} more areas to watch (see the layer)").format(
            n=len(rows) - max_rows)])
    if not content:
        layout.removeMultiFrame(table)
        report._label(layout, tr("No area enters or leaves a list, or changes category, at the "
                                 "projection date if the trends continue. The following pages "
                                 "chart the areas on a list now."), x, y, w, 20, 9)
        return None
    table.setContents(report.table_text(content))
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(x, y))
    frame.attemptResize(QgsLayoutSize(w, h))
    table.addFrame(frame)
    return table


def export_report(output: QgsVectorLayer, series: QgsVectorLayer, pdf: str, png: str,
                  title: str, max_areas: int = 12,
                  area_ids: Optional[Sequence[str]] = None) -> Dict[str, object]:
    """Write the PDF and/or the PNG of the charts; returns the areas charted."""
    data = read_monitor(output, series)
    watched = data.watched()
    rows = watched + areas_on_lists(data.areas["area_id"].tolist(),
                                    data.areas["category"].tolist(), watched)
    if area_ids:
        wanted = [a.strip() for a in area_ids if a.strip()]
        index = {str(a): i for i, a in enumerate(data.areas["area_id"])}
        unknown = [a for a in wanted if a not in index]
        if unknown:
            raise BoligsocialError(tr("Unknown area ids: {ids}.").format(ids=", ".join(unknown)))
        rows = [index[a] for a in wanted] + [i for i in rows if str(data.areas["area_id"].iloc[i])
                                             not in wanted]
    charted = list(rows)[:max_areas]
    result: Dict[str, object] = {"watched": len(watched), "charted": charted}
    if png and charted:
        watch_sheet(data, charted, png)
    if pdf:
        with tempfile.TemporaryDirectory() as tmp:
            files = write_charts(data, charted, tmp)
            project = QgsProject()
            watch = watch_layer(output, data)
            project.addMapLayer(watch, False)
            layout = build_report(project, data, watch, watched, charted, files, title)
            report.export_pdf(layout, pdf)
            project.takeMapLayer(watch)
    return result
