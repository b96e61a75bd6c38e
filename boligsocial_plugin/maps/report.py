# SPDX-License-Identifier: GPL-2.0-or-later
"""Map pictures and the one-page PDF report (print layout), rendered without a GUI.

Everything works on memory copies of the input layers, never on the user's project layers,
and in its own QgsProject. Call from the main thread (FlagNoThreading in algorithms).
"""
import os
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from qgis.core import (
    QgsBasicNumericFormat,
    QgsFeature,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemTextTable,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsMemoryProviderUtils,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsSymbolLayerUtils,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.map_report import table_sort_key
from boligsocial_plugin.core.pseudonym import has_cpr, redact
from boligsocial_plugin.qgis_io.values import is_missing, number, text

FONT_FAMILY = "DejaVu Sans"
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 10.0  # A4 landscape, mm
COLUMN_W = {1: 87.0, 2: 102.0}  # right column (legend, table) by number of value columns
NORTH_ARROW = "arrows/NorthArrow_02.svg"
TABLE_PT, POINT_MM = 7.0, 25.4 / 72
PER_CHAR_EM = 0.56  # DejaVu Sans: average advance of text and digits, in em


def font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans at a point size (set explicitly: no font fallback surprises headless)."""
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def text_format(size: float, bold: bool = False) -> QgsTextFormat:
    """A QgsTextFormat with DejaVu Sans."""
    fmt = QgsTextFormat()
    fmt.setFont(font(size, bold))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    return fmt


# --------------------------------------------------------------------------- data

def date_text(value) -> str:
    """A ref_date attribute as 'YYYY-MM-DD' ('' for NULL)."""
    return "" if is_missing(value) else text(value)[:10]


def ref_dates(layer: QgsVectorLayer) -> List[str]:
    """Distinct reference dates of a layer (sorted), empty without a ref_date field."""
    idx = layer.fields().lookupField("ref_date")
    if idx < 0:
        return []
    return sorted({d for d in (date_text(v) for v in layer.uniqueValues(idx)) if d})


def filtered_copy(layer: QgsVectorLayer, ref_date: Optional[str], name: str) -> QgsVectorLayer:
    """A memory copy of the layer's features (of one reference date when given)."""
    idx = layer.fields().lookupField("ref_date")
    mem = QgsMemoryProviderUtils.createMemoryLayer(name, layer.fields(), layer.wkbType(),
                                                   layer.crs())
    feats = []
    for f in layer.getFeatures():
        if ref_date and idx >= 0 and date_text(f.attribute(idx)) != ref_date:
            continue
        g = QgsFeature(layer.fields())
        g.setAttributes(f.attributes())
        g.setGeometry(f.geometry())
        feats.append(g)
    mem.dataProvider().addFeatures(feats)
    mem.updateExtents()
    if ref_date and idx >= 0 and not feats:
        raise BoligsocialError(tr("The layer '{layer}' has no rows with ref_date {date}; it "
                                  "has {dates}.").format(layer=layer.name(), date=ref_date,
                                                         dates=", ".join(ref_dates(layer))))
    return mem


@dataclass
class Panel:
    """One map of the report: a styled memory layer and its texts (see core.map_report)."""

    layer: QgsVectorLayer
    field: str
    caption: str = ""
    unit: str = ""
    label: str = ""
    date: str = ""
    source: str = ""  # the user's layer name
    ranges: list = field(default_factory=list)


def _published(feature, field_name: str, flag_name: Optional[str]) -> Optional[float]:
    v = number(feature[field_name])
    if v is None:
        return None
    if flag_name and not is_missing(feature[flag_name]):
        return None
    return v


def area_table(panels: Sequence[Panel], min_count: int = 5,
               sort_by: int = 0) -> List[List[str]]:
    """Table rows (rank, area, value per panel, residents), sorted by one panel's value.

    Suppressed values read 'suppressed' and sort last; residents below min_count read '–'.
    Rows are the sorting panel's areas; the other panels are matched by area_id.
    """
    main = panels[sort_by]
    values = [_values_by_area(p) for p in panels]
    names = main.layer.fields().names()
    rows = []
    for f in main.layer.getFeatures():
        aid = str(f["area_id"]) if "area_id" in names else str(f.id())
        name = f["area_name"] if "area_name" in names else None
        name = aid if is_missing(name) else str(name)
        sort = table_sort_key(values[sort_by].get(aid), name, main.field == "category")
        cells = [_cell(vals.get(aid), p) if aid in vals else "" for p, vals in
                 zip(panels, values)]
        res = number(f["residents"]) if "residents" in names else None
        res_text = choropleth.format_number(res, 0) if res is not None and res >= min_count else "–"
        rows.append((sort, [_clip(name, 40)] + cells + [res_text]))
    rows.sort(key=lambda r: r[0])
    return [[str(i + 1)] + r for i, (_, r) in enumerate(rows)]


def _values_by_area(p: Panel) -> dict:
    names = p.layer.fields().names()
    flag = choropleth.flag_field_name(p.field)
    flag = flag if flag in names else None
    out = {}
    for f in p.layer.getFeatures():
        aid = str(f["area_id"]) if "area_id" in names else str(f.id())
        if p.field == "category":
            v = f[p.field]
            out[aid] = None if is_missing(v) else str(v)
        else:
            out[aid] = _published(f, p.field, flag)
    return out


def _cell(v, p: Panel) -> str:
    if p.field == "category":
        if v in choropleth.CATEGORY_ORDER:
            return choropleth.category_label(v)
        return tr("not assessed")
    return tr("suppressed") if v is None else choropleth.format_value(v, p.unit)


def extent_of(layers: Sequence[QgsVectorLayer], grow: float = 0.04) -> QgsRectangle:
    """Union of the layers' extents, grown by a share of its size."""
    ext = QgsRectangle()
    for lyr in layers:
        e = lyr.extent()
        if e.isNull() or e.isEmpty():
            continue
        if ext.isNull():
            ext = QgsRectangle(e)
        else:
            ext.combineExtentWith(e)
    if ext.isNull():
        raise BoligsocialError(tr("The layer has no features with geometry to draw."))
    pad = max(ext.width(), ext.height()) * grow or 100.0
    return ext.buffered(pad)


# --------------------------------------------------------------------------- PNG

def render_png(panels: Sequence[Panel], path: str, width_px: int = 1600, dpi: int = 150,
               extent: Optional[QgsRectangle] = None) -> QImage:
    """Render the map(s) side by side into a PNG; one map also gets a world file (.pgw)."""
    extent = extent or extent_of([p.layer for p in panels])
    n = len(panels)
    gap = 20 if n > 1 else 0
    cap = 44 if n > 1 else 0
    w = (width_px - gap * (n - 1)) // n
    h = max(1, int(round(w * extent.height() / extent.width())))
    out = QImage(width_px, h + cap, QImage.Format_ARGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    try:
        for i, p in enumerate(panels):
            ms = map_settings([p.layer], extent, w, h, dpi)
            job = QgsMapRendererSequentialJob(ms)
            job.start()
            job.waitForFinished()
            if job.errors():
                raise BoligsocialError(tr("Rendering the map failed: {err}").format(
                    err="; ".join(e.message for e in job.errors())))
            x = i * (w + gap)
            painter.drawImage(x, cap, job.renderedImage())
            if cap:
                painter.setFont(font(12))
                painter.setPen(QColor("black"))
                painter.drawText(QRectF(x, 0, w, cap), int(Qt.AlignCenter), redact(p.caption))
    finally:
        painter.end()
    if not out.save(path, "PNG"):
        raise BoligsocialError(tr("Could not write the picture '{path}'.").format(path=path))
    if n == 1:
        ms = map_settings([panels[0].layer], extent, w, h, dpi)
        write_world_file(ms, os.path.splitext(path)[0] + ".pgw")
    return out


def map_settings(layers, extent: QgsRectangle, width: int, height: int,
                 dpi: int = 150) -> QgsMapSettings:
    """Map settings for a headless render (white background, the first layer's CRS)."""
    ms = QgsMapSettings()
    ms.setLayers(list(layers))
    ms.setDestinationCrs(layers[0].crs())
    ms.setOutputSize(QSize(width, height))
    ms.setOutputDpi(dpi)
    ms.setBackgroundColor(QColor("white"))
    ms.setExtent(extent)
    return ms


def write_world_file(ms: QgsMapSettings, path: str) -> None:
    """World file of a rendered map (pixel size and upper-left pixel centre)."""
    ext = ms.visibleExtent()
    size = ms.outputSize()
    px = ext.width() / size.width()
    py = ext.height() / size.height()
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(repr(v) for v in (px, 0.0, 0.0, -py, ext.xMinimum() + px / 2,
                                             ext.yMaximum() - py / 2)) + "\n")


# --------------------------------------------------------------------------- PDF

@dataclass
class ReportText:
    """Texts of the report page."""

    title: str
    subtitle: str = ""
    notes: str = ""
    legend_titles: List[str] = field(default_factory=list)
    headers: List[str] = field(default_factory=list)


def _label(layout, text: str, x: float, y: float, w: float, h: float, size: float,
           bold: bool = False, align=Qt.AlignLeft) -> QgsLayoutItemLabel:
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    item.setFont(font(size, bold))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignTop)
    item.setMarginX(0)
    item.setMarginY(0)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(w, h))
    return item


def layer_legend(layout, project_layers, title: str, x: float, y: float, w: float,
                 node_style=None, font_sizes=(10, 9, 9, 8.5), symbol=(7, 4.5), columns=1,
                 margins=()):
    """A legend of ``project_layers`` at (x, y), sized to its contents and at most ``w`` wide.

    ``node_style``: the layers' own headings (default hidden); ``font_sizes``: title, group,
    subgroup, symbol label; ``symbol``: symbol width and height; ``margins``: (style, top
    margin) pairs; ``columns`` > 1 keeps each layer in one column.
    """
    legend = QgsLayoutItemLegend(layout)
    layout.addLayoutItem(legend)
    legend.setTitle(title)
    legend.setAutoUpdateModel(False)
    root = QgsLayerTree()
    for lyr in project_layers:
        node = root.addLayer(lyr)
        QgsLegendRenderer.setNodeLegendStyle(
            node, QgsLegendStyle.Hidden if node_style is None else node_style)
    legend.model().setRootGroup(root)
    legend._root = root  # keep the tree alive as long as the legend
    styles = (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup,
              QgsLegendStyle.SymbolLabel)
    for style, size in zip(styles, font_sizes):
        legend.setStyleFont(style, font(size, style != QgsLegendStyle.SymbolLabel))
    for style, top in margins:
        legend.rstyle(style).setMargin(QgsLegendStyle.Top, top)
    legend.setSymbolWidth(symbol[0])
    legend.setSymbolHeight(symbol[1])
    legend.setBackgroundEnabled(False)
    legend.setFrameEnabled(False)
    if columns > 1:
        legend.setColumnCount(columns)
        legend.setSplitLayer(False)
    legend.setResizeToContents(True)
    legend.attemptMove(QgsLayoutPoint(x, y))
    # a legend sizes itself only after it was painted once (QgsLayoutItemLegend.adjustBoxSize)
    QgsLayoutExporter(layout).renderRegionToImage(QRectF(x, y, 5, 5), QSize(8, 8))
    legend.adjustBoxSize()
    if legend.sizeWithUnits().width() > w:
        legend.setResizeToContents(False)
        legend.attemptResize(QgsLayoutSize(w, legend.sizeWithUnits().height()))
    return legend


def build_layout(project: QgsProject, panels: Sequence[Panel], text: ReportText,
                 table_rows: Sequence[Sequence[str]], max_rows: int = 25,
                 shared_legend: bool = True, north_arrow: bool = True) -> QgsPrintLayout:
    """A one-page A4 landscape layout: title, map(s), legend(s), scale bar, notes, table."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H))
    _label(layout, text.title, MARGIN, 7, PAGE_W - 2 * MARGIN, 9, 15, True)
    if text.subtitle:
        _label(layout, text.subtitle, MARGIN, 17, PAGE_W - 2 * MARGIN, 6, 9)

    extent = extent_of([p.layer for p in panels])
    n = len(panels)
    gap = 4.0
    col_w = COLUMN_W.get(len(text.headers) - 3, COLUMN_W[2])
    col_x = PAGE_W - MARGIN - col_w
    map_w = col_x - 8 - MARGIN
    w = (map_w - gap * (n - 1)) / n
    top = 26.0
    cap = 6.0 if n > 1 else 0.0
    # no taller than the extent needs at this width (two maps side by side are narrow)
    h = min(144.0 - cap, max(60.0, w * extent.height() / max(extent.width(), 1e-9)))
    maps = []
    for i, p in enumerate(panels):
        x = MARGIN + i * (w + gap)
        if cap:
            _label(layout, p.caption, x, top, w, cap - 1, 9, True, Qt.AlignHCenter)
        m = QgsLayoutItemMap(layout)
        m.setCrs(p.layer.crs())
        m.setLayers([p.layer])
        m.setKeepLayerSet(True)
        m.setFrameEnabled(True)
        m.setFrameStrokeWidth(QgsLayoutMeasurement(0.2))
        m.setBackgroundColor(QColor("white"))
        layout.addLayoutItem(m)
        m.attemptMove(QgsLayoutPoint(x, top + cap))
        m.attemptResize(QgsLayoutSize(w, h))
        # zoomToExtent needs a current extent of the item's shape (setExtent would resize)
        m.setExtent(QgsRectangle(0, 0, w, h))
        m.zoomToExtent(extent)
        maps.append(m)
    bottom = top + cap + h

    sb = QgsLayoutItemScaleBar(layout)
    sb.setStyle("Single Box")
    layout.addLayoutItem(sb)
    sb.setLinkedMap(maps[0])
    sb.setUnits(QgsUnitTypes.DistanceKilometers)
    sb.setUnitLabel("km")
    sb.setNumberOfSegments(2)
    sb.setNumberOfSegmentsLeft(0)
    sb.setHeight(1.5)
    sb.setTextFormat(text_format(7))
    numbers = QgsBasicNumericFormat()
    numbers.setDecimalSeparator(",")
    numbers.setThousandsSeparator(".")
    numbers.setShowTrailingZeros(False)
    sb.setNumericFormat(numbers)
    sb.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    sb.setMaximumBarWidth(45)
    sb.attemptMove(QgsLayoutPoint(MARGIN, bottom + 3))
    sb.update()

    if north_arrow:
        path = QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW, QgsPathResolver())
        if path and os.path.exists(path):
            pic = QgsLayoutItemPicture(layout)
            pic.setPicturePath(path)
            layout.addLayoutItem(pic)
            pic.setLinkedMap(maps[0])
            pic.attemptMove(QgsLayoutPoint(MARGIN + 50, bottom + 2.5))
            pic.attemptResize(QgsLayoutSize(6, 9))

    _label(layout, text.notes, MARGIN + 62, bottom + 3, map_w - 62, PAGE_H - bottom - 6, 7)

    # right column: legend(s), then the table in the space left
    y = top
    groups = [[p.layer for p in panels]] if shared_legend else [[p.layer] for p in panels]
    for i, layers in enumerate(groups):
        title = text.legend_titles[i] if i < len(text.legend_titles) else ""
        lg = layer_legend(layout, layers[:1], title, col_x, y, col_w)
        y += lg.sizeWithUnits().height() + 3
    _table(layout, text.headers, table_rows, col_x, y + 1, col_w,
           PAGE_H - MARGIN - y - 1, max_rows)
    return layout


def _table(layout, headers: Sequence[str], rows: Sequence[Sequence[str]], x: float, y: float,
           w: float, h: float, max_rows: int) -> Optional[QgsLayoutItemTextTable]:
    if not rows or h < 15:
        return None
    table = QgsLayoutItemTextTable(layout)
    layout.addMultiFrame(table)
    cols = []
    widths = _column_widths(headers, rows[:max_rows], w)
    for i, head in enumerate(headers):
        c = QgsLayoutTableColumn(head)
        c.setWidth(widths[i])
        if i == 0 or i >= 2:
            c.setHAlignment(Qt.AlignRight)
        cols.append(c)
    table.setColumns(cols)
    table.setHeaderTextFormat(text_format(TABLE_PT, True))
    table.setContentTextFormat(text_format(TABLE_PT))
    table.setCellMargin(0.7)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(QColor("#9e9e9e"))
    table.setHeaderHAlignment(QgsLayoutItemTextTable.FollowColumn)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(x, y))
    frame.attemptResize(QgsLayoutSize(w, h))
    table.addFrame(frame)
    # rows that fit (QgsLayoutTable.totalHeight() reports the frame, not the contents): a
    # row is DejaVu Sans' text height (about 0.92 em) plus the cell margins and the grid
    row_h = TABLE_PT * POINT_MM * 0.95 + 2 * table.cellMargin() + table.gridStrokeWidth()
    fit = max(1, int(h // row_h) - 1)
    shown = [list(r) for r in rows[:min(max_rows, fit)]]
    rest = len(rows) - len(shown)
    if rest:
        shown[-1:] = [[""] * len(headers)]
        rest += 1
        shown[-1][1] = tr("… {n} more areas").format(n=rest)
    fit_chars = max(6, int(widths[1] / (TABLE_PT * POINT_MM * PER_CHAR_EM)))
    for r in shown:
        r[1] = _clip(r[1], fit_chars)
    table.setContents(table_text(shown))
    frame.attemptResize(QgsLayoutSize(w, min(h, row_h * (len(shown) + 1) + 2)))
    return table


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
                   w: float) -> List[float]:
    """Widths (mm, without cell margins) from the longest text; the name column takes the rest.

    Column 1 is the area name; DejaVu Sans at 7 pt needs up to about 1.5 mm per character.
    """
    per_char = TABLE_PT * POINT_MM * PER_CHAR_EM
    usable = w - len(headers) * 1.6
    need = []
    for i, head in enumerate(headers):
        # headers are bold: about a fifth wider than body text
        longest = max([len(str(head)) * 1.2] + [len(str(r[i])) for r in rows if i < len(r)])
        need.append(longest * per_char + 1.0)
    name = usable - sum(need) + need[1]
    if name < 26:  # squeeze the other columns rather than the names
        other = sum(need) - need[1]
        factor = max(0.5, (usable - 26) / other) if other else 1.0
        need = [v * factor for v in need]
        name = usable - sum(need) + need[1]
    need[1] = name
    return need


#: the PDF's Author (QGIS would write the project's author: the operating-system user's name)
PDF_AUTHOR = "Boligsocial monitorering (QGIS plugin)"


def table_text(rows: Sequence[Sequence[object]]) -> List[List[object]]:
    """Cells for a layout table, each redacted (an area name or id can quote input)."""
    return [[redact(c) if isinstance(c, str) else c for c in r] for r in rows]


def redact_layout(layout: QgsPrintLayout) -> None:
    """Mask anything shaped like a CPR number in the text the layout prints: labels (the
    source line names the input file, which may carry one), legend titles and layer names.
    Tables get their cells through :func:`table_text`."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            if has_cpr(item.text()):
                item.setText(redact(item.text()))
        elif isinstance(item, QgsLayoutItemLegend):
            if has_cpr(item.title()):
                item.setTitle(redact(item.title()))
            root = item.model().rootGroup() if item.model() is not None else None
            for node in root.findLayers() if root is not None else []:
                if has_cpr(node.name()):
                    node.setName(redact(node.name()))


def export_pdf(layout: QgsPrintLayout, path: str) -> None:
    """Export the layout to a PDF (vector, text kept as text), CPR-shaped text redacted.

    The document's metadata name the plugin as author, never the user: the report's own
    project gets that author (its title and subject redacted); a layout of the user's
    project is exported without metadata.
    """
    redact_layout(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    project = layout.project()
    if project is not None and project is not QgsProject.instance():
        meta = project.metadata()
        meta.setAuthor(PDF_AUTHOR)
        meta.setTitle(redact(meta.title()))
        meta.setAbstract(redact(meta.abstract()))
        project.setMetadata(meta)
    else:
        settings.exportMetadata = False
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    always_text = getattr(QgsRenderContext, "TextFormatAlwaysText", None)
    if always_text is not None:
        settings.textRenderFormat = always_text
    res = QgsLayoutExporter(layout).exportToPdf(path, settings)
    if res != QgsLayoutExporter.Success:
        raise BoligsocialError(tr("Could not write the PDF '{path}' (error {code}).").format(
            path=path, code=int(res)))
