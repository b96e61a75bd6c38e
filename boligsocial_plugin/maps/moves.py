# SPDX-License-Identifier: GPL-2.0-or-later
"""The flow map: flow lines (width by persons, arrows), the areas beneath, the moves report.

Flows are drawn as curved arrows from the origin's to the destination's inner point, bent to
the right so the two directions between a pair of areas stay apart. Only published flows are
drawn (a suppressed flow has no rule); flows from the focus areas are orange, the others dark
blue. The style is saved into the output by the algorithm (qgis_process runs no
post-processors). Call the report functions from the main thread (FlagNoThreading).
"""
import os
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsArrowSymbolLayer,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemMap,
    QgsLayoutItemTextTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.moves_report import (
    FLOW_COLOUR,
    FOCUS_COLOUR,
    FlowClass,
    count_ranges,
    flow_classes,
)
from boligsocial_plugin.maps import report, styling

BEND = 0.12  # the curve's middle lies this share of the line's length to the right
LEGEND_PAGE_W = 262.0  # mm: the flow map picture (map and legend, no tables)


def flow_geometry(a: Optional[QgsGeometry], b: Optional[QgsGeometry]) -> Optional[QgsGeometry]:
    """A three-point line from area a's inner point to area b's, bent to the right."""
    if a is None or b is None or a.isNull() or b.isNull():
        return None
    p = a.pointOnSurface().asPoint()
    q = b.pointOnSurface().asPoint()
    dx, dy = q.x() - p.x(), q.y() - p.y()
    mid = QgsPointXY((p.x() + q.x()) / 2 + BEND * dy, (p.y() + q.y()) / 2 - BEND * dx)
    return QgsGeometry.fromPolylineXY([QgsPointXY(p), mid, QgsPointXY(q)])


def _arrow(colour: str, width: float) -> QgsLineSymbol:
    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(True)
    arrow.setIsRepeated(False)
    arrow.setArrowWidth(width)
    arrow.setArrowStartWidth(width)
    arrow.setArrowWidthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setArrowStartWidthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setHeadLength(max(1.6, 1.5 * width))
    arrow.setHeadThickness(max(1.0, 0.9 * width))
    arrow.setHeadLengthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setHeadThicknessUnit(QgsUnitTypes.RenderMillimeters)
    fill = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff",
                                       "outline_width": "0.15", "outline_width_unit": "MM"})
    fill.setOpacity(0.85)
    arrow.setSubSymbol(fill)
    sym = QgsLineSymbol()
    sym.changeSymbolLayer(0, arrow)
    return sym


def flow_renderer(classes: Sequence[FlowClass], focus: bool) -> QgsRuleBasedRenderer:
    """One rule per width class (and per colour with focus areas); suppressed: no rule."""
    root = QgsRuleBasedRenderer.Rule(None)
    kinds: List[Tuple[str, str, str]] = [(FLOW_COLOUR, "", "")]
    if focus:
        kinds = [(FOCUS_COLOUR, '"focus_origin" = 1', tr("from the focus areas")),
                 (FLOW_COLOUR, 'coalesce("focus_origin", 0) = 0', tr("other flows"))]
    for colour, cond, name in kinds:
        group = QgsRuleBasedRenderer.Rule(None, 0, 0, cond or "", name)
        root.appendChild(group)
        for c in reversed(classes):  # wide arrows first, narrow ones drawn on top
            group.appendChild(QgsRuleBasedRenderer.Rule(
                _arrow(colour, c.width), 0, 0, '"persons" IS NOT NULL AND ' + c.expression(),
                c.label))
    return QgsRuleBasedRenderer(root)


def style_flows(layer: QgsVectorLayer, min_count: int, focus: bool) -> List[FlowClass]:
    """Style a FLOWS layer as a flow map from its published flows; returns the classes."""
    idx = layer.fields().lookupField("persons")
    if idx < 0:
        raise BoligsocialError(tr("The layer '{layer}' has no field 'persons'.").format(
            layer=layer.name()))
    vals = [float(v) for v in layer.uniqueValues(idx) if v is not None and str(v) != "NULL"]
    classes = flow_classes(vals, min_count)
    layer.setRenderer(flow_renderer(classes, focus))
    layer.setCustomProperty(styling.PROPERTY, '{"kind": "flows"}')
    layer.triggerRepaint()
    return classes


def style_areas(layer: QgsVectorLayer, field: str, min_count: int = 5) -> None:
    """Choropleth of a field of the moves table (suppressed grey, hatched): persons, or
    percent for *_pct fields."""
    values = styling.published_values(layer, field)
    if field.endswith("_pct"):
        bounds = styling.qgis_classes(values, "jenks", 5) if values else []
        ranges = choropleth.ranges_from_bounds(bounds, "%", 0) if bounds else []
    else:
        ranges = count_ranges(values, min_count)
    styling.apply_choropleth(layer, field, ramp="blues", ranges=ranges)


def save_style(dest: str, context, feedback, kind: str, field: str = "",
               min_count: int = 5, focus: bool = False) -> Optional[QgsVectorLayer]:
    """Open a written output, style it, save the style as its default; problems are reported."""
    path = dest.split("|")[0]
    try:
        if os.path.isfile(path):
            layer = QgsVectorLayer(dest, "output", "ogr")
        else:
            from qgis.core import QgsProcessingUtils
            layer = QgsProcessingUtils.mapLayerFromString(dest, context)
        if layer is None or not layer.isValid():
            feedback.reportError(tr("Could not open '{dest}' to style it.").format(dest=dest),
                                 False)
            return None
        if kind == "flows":
            style_flows(layer, min_count, focus)
        else:
            style_areas(layer, field, min_count)
        if os.path.isfile(path):
            for where in styling.save_default_style(layer):
                feedback.pushInfo(tr("Style saved to {where}.").format(where=where))
        return layer
    except BoligsocialError as e:
        feedback.reportError(tr("The output was written but not styled: {err}").format(err=e),
                             False)
        return None


# --------------------------------------------------------------------------- report

def _copy(layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
    mem = report.filtered_copy(layer, None, name)
    mem.setRenderer(layer.renderer().clone())
    return mem


def focus_outline(areas: QgsVectorLayer, focus_ids: Sequence[str]) -> QgsVectorLayer:
    """A memory layer with the focus areas, drawn as a thick dark outline."""
    ids = set(str(i) for i in focus_ids)
    mem = report.filtered_copy(areas, None, tr("Focus areas"))
    idx = mem.fields().lookupField("area_id")
    mem.startEditing()
    for f in mem.getFeatures():
        if str(f.attribute(idx)) not in ids:
            mem.deleteFeature(f.id())
    mem.commitChanges()
    sym = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#000000",
                                      "outline_width": "0.7", "outline_width_unit": "MM"})
    mem.setRenderer(QgsSingleSymbolRenderer(sym))
    return mem


def map_layers(areas: QgsVectorLayer, flows: QgsVectorLayer,
               focus_ids: Sequence[str]) -> List[QgsVectorLayer]:
    """The flow map's layers, top first: flows, focus outlines, areas (memory copies).

    The areas' legend heading says what their colour shows (as style_areas draws them).
    """
    out = [_copy(flows, tr("Flows"))]
    if focus_ids:
        out.append(focus_outline(areas, focus_ids))
    out.append(_copy(areas, tr("Moved in from\nthe focus areas") if focus_ids
                     else tr("Turnover per\n100 residents")))
    return out


def _row_height(size: float) -> float:
    """Height (mm) of a row of a text table at this point size (DejaVu Sans, cell margins)."""
    return size * report.POINT_MM * 0.95 + 2 * 0.6 + 0.1


def _text_table(layout, headers: Sequence[str], rows: Sequence[Sequence[str]], x: float,
                y: float, widths: Sequence[float], size: float = 7.0) -> float:
    """A text table; returns its height (mm)."""
    if not rows:
        return 0.0
    table = QgsLayoutItemTextTable(layout)
    layout.addMultiFrame(table)
    cols = []
    for i, (head, w) in enumerate(zip(headers, widths)):
        c = QgsLayoutTableColumn(head)
        c.setWidth(w)
        if i >= 1 and not (len(headers) == 5 and i == 1):
            c.setHAlignment(Qt.AlignRight)
        cols.append(c)
    table.setColumns(cols)
    table.setHeaderTextFormat(report.text_format(size, True))
    table.setContentTextFormat(report.text_format(size))
    table.setCellMargin(0.6)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(QColor("#9e9e9e"))
    table.setHeaderHAlignment(QgsLayoutItemTextTable.FollowColumn)
    table.setContents(report.table_text(rows))
    h = _row_height(size) * (len(rows) + 1) + 1
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(x, y))
    frame.attemptResize(QgsLayoutSize(sum(widths) + len(widths) * 1.4, h))
    table.addFrame(frame)
    return h


def build_report(project: QgsProject, layers: Sequence[QgsVectorLayer], title: str,
                 subtitle: str, notes: str, summary: str,
                 waterbed: Tuple[List[str], List[List[str]]],
                 elevator: Tuple[List[str], List[List[str]]]) -> QgsPrintLayout:
    """One A4 landscape page: flow map, legend, the focus areas' destinations and profile.

    Without tables (empty rows) the page holds the flow map with its legend only.
    """
    for lyr in layers:
        if project.mapLayer(lyr.id()) is None:
            project.addMapLayer(lyr, False)
    tables = bool(waterbed[1] or elevator[1])
    page_w = report.PAGE_W if tables else LEGEND_PAGE_W  # the picture: map and legend only
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(page_w, report.PAGE_H))
    m = report.MARGIN
    _label(layout, title, m, 7, page_w - 2 * m, 9, 15, True)
    _label(layout, subtitle, m, 16, page_w - 2 * m, 9, 8.5)
    extent = report.extent_of([layers[-1]], 0.03)
    map_w = 150.0
    map_h = min(150.0, map_w * extent.height() / max(extent.width(), 1e-9))
    mp = QgsLayoutItemMap(layout)
    mp.setCrs(layers[-1].crs())
    mp.setLayers(list(layers))
    mp.setKeepLayerSet(True)
    mp.setFrameEnabled(True)
    mp.setBackgroundColor(QColor("white"))
    layout.addLayoutItem(mp)
    mp.attemptMove(QgsLayoutPoint(m, 26))
    mp.attemptResize(QgsLayoutSize(map_w, map_h))
    mp.setExtent(QgsRectangle(0, 0, map_w, map_h))
    mp.zoomToExtent(extent)
    _label(layout, notes, m, 26 + map_h + 3, map_w, report.PAGE_H - 26 - map_h - 6, 6.5)
    # right column
    x = m + map_w + 6
    w = page_w - m - x
    y = 26.0
    legend = _legend(layout, layers, x, y, w)
    y += legend.sizeWithUnits().height() + 3
    if summary:
        _label(layout, summary, x, y, w, 14, 7)
        y += 15
    heads, rows = waterbed
    if rows:
        _label(layout, tr("Where the focus areas' movers went"), x, y, w, 5, 8.5, True)
        y += 5.5
        y += _text_table(layout, heads, rows, x, y, [w * 0.46, w * 0.16, w * 0.3]) + 3
    heads, rows = elevator
    if rows and y < report.PAGE_H - 30:
        _label(layout, tr("Who came, stayed and left (elevator effect)"), x, y, w, 5, 8.5,
               True)
        y += 5.5
        room = int((report.PAGE_H - m - y - 2) // _row_height(6.5)) - 1
        _text_table(layout, heads, rows[:max(0, room)], x, y,
                    [w * 0.22, w * 0.27, w * 0.13, w * 0.13, w * 0.13], 6.5)
    return layout


def _legend(layout, layers: Sequence[QgsVectorLayer], x: float, y: float, w: float):
    """The legend of the flow map's layers (flows, focus outline, areas), no layer titles
    but the flows' and the areas' group names."""
    return report.layer_legend(
        layout, layers, "", x, y, w, node_style=QgsLegendStyle.Subgroup,
        font_sizes=(9, 8, 8, 7.5), symbol=(10, 3.2), columns=2,
        margins=((QgsLegendStyle.Symbol, 1.2), (QgsLegendStyle.Subgroup, 2.0)))


def export_png(layout: QgsPrintLayout, path: str, dpi: int = 150) -> None:
    """The page as a PNG (rendered by Qt: GDAL would try to georeference a PNG in place)."""
    from qgis.core import QgsLayoutExporter
    from qgis.PyQt.QtCore import QSize

    report.redact_layout(layout)
    image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(), dpi)
    if image.isNull() or not image.save(path, "PNG"):
        raise BoligsocialError(tr("Could not write the picture '{path}'.").format(path=path))


def _label(layout, text: str, x: float, y: float, w: float, h: float, size: float,
           bold: bool = False):
    from qgis.core import QgsLayoutItemLabel

    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    item.setFont(report.font(size, bold))
    item.setVAlign(Qt.AlignTop)
    item.setMarginX(0)
    item.setMarginY(0)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(w, h))
    return item
