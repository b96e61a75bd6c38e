# SPDX-License-Identifier: GPL-2.0-or-later
"""Choropleth and category styles for indicator and criteria layers, and saving them.

The choropleth is a rule-based renderer: one rule per class (breaks from QGIS's own
classification methods, or the law's thresholds; see ``core/choropleth.py``) that matches only
published values, and one "Suppressed" rule (grey, hatched) for NULL values and rows whose
``*_flag`` is not empty. A plain graduated renderer would not draw NULL features at all and
would offer no legend entry for them. Classes are computed from published values only.
"""
import json
import os
from typing import Any, Dict, List, Optional, Sequence

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.choropleth import ClassRange
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.maps import temporal
from boligsocial_plugin.maps.fields import apply_field_presentation
from boligsocial_plugin.qgis_io.values import is_missing
from boligsocial_plugin.qgis_io.writer import is_csv_destination

PROPERTY = "boligsocial/style"
STYLE_NAME = "boligsocial"

# Post-processors must be kept alive by a module-level dict keyed by destination: in the
# QGIS 3.22 bindings a reference on the algorithm is collected before QGIS calls it, and a
# class-level singleton styles only the last output (QGIS issues #47533 and #48087).
_POSTPROCESSORS: Dict[str, "StylePostProcessor"] = {}


# --------------------------------------------------------------------------- inspection

def is_criteria_layer(layer: QgsVectorLayer) -> bool:
    """True for an assesscriteria output (rule_set and category columns)."""
    return choropleth.is_criteria_fields(layer.fields().names())


def layer_rule_set(layer: QgsVectorLayer) -> str:
    """Rule set of a criteria layer (its rule_set column), 2021 otherwise."""
    idx = layer.fields().lookupField("rule_set")
    if idx >= 0:
        for f in layer.getFeatures():
            v = f.attribute(idx)
            if not is_missing(v):
                return str(v)
    return "2021"


def flag_field(layer: QgsVectorLayer, field: str) -> Optional[str]:
    """The layer's discretion flag column for a value column, if present.

    ``C_val`` has ``C_flag`` (indicator and criteria layers); any other column ``X`` may have
    ``X_flag`` (applydiscretion's protected count columns).
    """
    for name in (choropleth.flag_field_name(field), field + "_flag"):
        if name and layer.fields().lookupField(name) >= 0:
            return name
    return None


def published_values(layer: QgsVectorLayer, field: str) -> List[float]:
    """Values of published features (not NULL, empty flag) of a numeric field."""
    idx = layer.fields().lookupField(field)
    if idx < 0:
        raise BoligsocialError(tr("The layer '{layer}' has no field '{field}'.").format(
            layer=layer.name(), field=field))
    flag = flag_field(layer, field)
    fidx = layer.fields().lookupField(flag) if flag else -1
    out = []
    for f in layer.getFeatures():
        v = f.attribute(idx)
        if is_missing(v):
            continue
        if fidx >= 0 and not is_missing(f.attribute(fidx)):
            continue
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            raise BoligsocialError(tr("The field '{field}' holds '{v}', which is not a number; "
                                      "choose a numeric field.").format(field=field, v=v)
                                   ) from None
    return out


def field_unit(layer: QgsVectorLayer, field: str) -> str:
    """Unit of a field of this layer ('%', 'kr.', '×' or '')."""
    crit = is_criteria_layer(layer)
    return choropleth.field_unit(field, crit, layer_rule_set(layer) if crit else "2021")


# --------------------------------------------------------------------------- classification

def qgis_classes(values: Sequence[float], method: str, classes: int) -> List[tuple]:
    """(lower, upper) bounds from QGIS's own classification method for these values."""
    vals = sorted(float(v) for v in values)  # Jenks returns unsorted breaks for few values
    if not vals:
        return []
    if len(set(vals)) == 1:
        return [(vals[0], vals[0])]
    m = QgsApplication.classificationMethodRegistry().method(choropleth.QGIS_METHOD_IDS[method])
    if m is None:  # pragma: no cover - registry ids are fixed in 3.22
        raise BoligsocialError(tr("QGIS lacks the classification method '{m}'.").format(
            m=method))
    return [(c.lowerBound(), c.upperBound()) for c in m.classes(vals, int(classes))]


def classify(layer: QgsVectorLayer, field: str, method: str = "jenks", classes: int = 5,
             values: Optional[Sequence[float]] = None) -> List[ClassRange]:
    """Class ranges for a field: QGIS's method on the published values, or the law's breaks.

    ``values`` overrides the layer's published values (e.g. the union of two maps).
    """
    choropleth.check_method(method, classes)
    crit = is_criteria_layer(layer)
    rule_set = layer_rule_set(layer) if crit else "2021"
    unit = choropleth.field_unit(field, crit, rule_set)
    if method == "law":
        return choropleth.law_ranges(field, crit, rule_set, unit)
    if values is None:
        values = published_values(layer, field)
    return choropleth.ranges_from_bounds(qgis_classes(values, method, classes), unit)


# --------------------------------------------------------------------------- symbols

def _class_symbol(layer: QgsVectorLayer, colour: str) -> QgsSymbol:
    if layer.geometryType() == QgsWkbTypes.PolygonGeometry:
        return QgsFillSymbol.createSimple({"color": colour, "outline_color": choropleth.OUTLINE,
                                           "outline_width": "0.2", "outline_width_unit": "MM"})
    sym = QgsSymbol.defaultSymbol(layer.geometryType())
    sym.setColor(QColor(colour))
    return sym


def suppressed_symbol(layer: QgsVectorLayer) -> QgsSymbol:
    """Light grey fill with dark grey diagonal hatching (polygons), grey otherwise."""
    if layer.geometryType() != QgsWkbTypes.PolygonGeometry:
        sym = QgsSymbol.defaultSymbol(layer.geometryType())
        sym.setColor(QColor(choropleth.SUPPRESSED_FILL).darker(130))
        return sym
    sym = QgsFillSymbol.createSimple({"color": choropleth.SUPPRESSED_FILL,
                                      "outline_color": choropleth.OUTLINE, "outline_width": "0.2",
                                      "outline_width_unit": "MM"})
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(1.5)
    hatch.setLineWidth(0.35)
    hatch.setColor(QColor(choropleth.SUPPRESSED_HATCH))
    sym.appendSymbolLayer(hatch)
    return sym


# --------------------------------------------------------------------------- renderers

def choropleth_renderer(layer: QgsVectorLayer, field: str, ranges: Sequence[ClassRange],
                        ramp: str = choropleth.DEFAULT_RAMP) -> QgsRuleBasedRenderer:
    """Rule-based renderer: one rule per class (published values only) + a suppressed rule."""
    ref = QgsExpression.quotedColumnRef(field)
    flag = flag_field(layer, field)
    published = ""
    suppressed = "{f} IS NULL".format(f=ref)
    if flag:
        fref = QgsExpression.quotedColumnRef(flag)
        published = "coalesce({f}, '') = '' AND ".format(f=fref)
        suppressed += " OR coalesce({f}, '') <> ''".format(f=fref)
    root = QgsRuleBasedRenderer.Rule(None)
    for r, colour in zip(ranges, choropleth.ramp_colours(ramp, len(ranges))):
        root.appendChild(QgsRuleBasedRenderer.Rule(
            _class_symbol(layer, colour), 0, 0, published + r.expression(ref), r.label))
    root.appendChild(QgsRuleBasedRenderer.Rule(
        suppressed_symbol(layer), 0, 0, suppressed, choropleth.suppressed_label()))
    return QgsRuleBasedRenderer(root)


def apply_choropleth(layer: QgsVectorLayer, field: str, method: str = "jenks",
                     classes: int = choropleth.DEFAULT_CLASSES, ramp: str = choropleth.DEFAULT_RAMP,
                     ranges: Optional[Sequence[ClassRange]] = None,
                     values: Optional[Sequence[float]] = None) -> List[ClassRange]:
    """Style a numeric field as a choropleth; returns the classes used.

    method: jenks, quantile, equal, pretty (QGIS's methods on the published values) or law
    (the law's thresholds). ``ranges`` gives the classes directly (e.g. shared by two maps);
    ``values`` classifies these values instead of the layer's.
    """
    if ranges is None:
        ranges = classify(layer, field, method, classes, values)
    else:
        choropleth.check_method(method, classes)
    choropleth.ramp_colours(ramp, 1)  # validates the ramp name
    layer.setRenderer(choropleth_renderer(layer, field, ranges, ramp))
    layer.setCustomProperty(PROPERTY, json.dumps({
        "kind": "choropleth", "field": field, "method": method, "classes": int(classes),
        "ramp": ramp, "breaks": [[r.lower, r.upper] for r in ranges]}))
    layer.triggerRepaint()
    return list(ranges)


def apply_categories(layer: QgsVectorLayer, field: str = "category") -> None:
    """Categorised style of assesscriteria's categories (fixed colours, Danish names)."""
    if layer.fields().lookupField(field) < 0:
        raise BoligsocialError(tr("The layer '{layer}' has no field '{field}'.").format(
            layer=layer.name(), field=field))
    cats = []
    for code in choropleth.CATEGORY_ORDER:
        symbol = _class_symbol(layer, choropleth.CATEGORY_COLOURS[code])
        cats.append(QgsRendererCategory(code, symbol, choropleth.category_label(code)))
    # the empty value is the renderer's "all other values" entry (NULL included)
    cats.append(QgsRendererCategory("", suppressed_symbol(layer), choropleth.not_assessed_label()))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.setCustomProperty(PROPERTY, json.dumps({"kind": "categories", "field": field}))
    layer.triggerRepaint()


def apply_style(layer: QgsVectorLayer, field: str, method: str = "jenks",
                classes: int = choropleth.DEFAULT_CLASSES,
                ramp: str = choropleth.DEFAULT_RAMP,
                values: Optional[Sequence[float]] = None) -> None:
    """Categories for a text field named 'category', a choropleth otherwise (``values``: the
    published values when the caller has them, see :func:`classify`)."""
    idx = layer.fields().lookupField(field)
    if idx < 0:
        raise BoligsocialError(tr("The layer '{layer}' has no field '{field}'.").format(
            layer=layer.name(), field=field))
    if not layer.fields().at(idx).isNumeric():
        if field == "category" or field.endswith("_category"):
            apply_categories(layer, field)
            return
        raise BoligsocialError(tr("The field '{field}' is not numeric; choose an indicator "
                                  "value field (*_val) or 'category'.").format(field=field))
    apply_choropleth(layer, field, method, classes, ramp, values=values)


def frame_published_values(frame, field: str) -> List[float]:
    """:func:`published_values` of a table about to be written (a DataFrame with ``field``
    and its flag column): the same values without reading the written layer back."""
    import numpy as np

    vals = frame[field].to_numpy(dtype=float)
    keep = ~np.isnan(vals)
    for flag in (choropleth.flag_field_name(field), field + "_flag"):
        if flag and flag in frame.columns:
            keep &= np.array([is_missing(v) for v in frame[flag].to_numpy(dtype=object)],
                             dtype=bool)
            break
    return [float(v) for v in vals[keep]]


def style_settings(layer: QgsVectorLayer) -> Optional[Dict[str, Any]]:
    """What apply_choropleth/apply_categories stored on the layer (field, method, ...)."""
    raw = layer.customProperty(PROPERTY)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def legend_labels(layer: QgsVectorLayer) -> List[str]:
    """Labels of the layer's legend entries, in order."""
    r = layer.renderer()
    return [item.label() for item in r.legendSymbolItems()] if r is not None else []


# --------------------------------------------------------------------------- saving

def qml_path_for(layer: QgsVectorLayer) -> Optional[str]:
    """The .qml next to a file-based layer, None for other layers.

    out.gpkg -> out.qml; a layer of a GeoPackage named other than the file gets its own file
    (out.gpkg|layername=criteria -> out_criteria.qml) so styles do not overwrite each other.
    """
    parts = layer.source().split("|")
    path = parts[0]
    if layer.providerType() != "ogr" or not os.path.isfile(path):
        return None
    stem = os.path.splitext(path)[0]
    names = [p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")]
    if names and names[0] != os.path.basename(stem):
        return "{}_{}.qml".format(stem, names[0])
    return stem + ".qml"


def _one_of_many_layers(layer: QgsVectorLayer) -> bool:
    """True for a named layer of a file (a GeoPackage) that is not named like the file."""
    parts = layer.source().split("|")
    names = [p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")]
    stem = os.path.splitext(os.path.basename(parts[0]))[0]
    return bool(names) and names[0] != stem


def _delete_stored_style(layer: QgsVectorLayer) -> None:
    """Remove this layer's earlier style of our name from its database (re-runs, restyling)."""
    try:
        listed = layer.listStylesInDatabase()
    except Exception:  # pragma: no cover - provider without style listing
        return
    if not listed or len(listed) < 3:
        return
    n_related, ids, names = listed[0], listed[1], listed[2]  # this layer's styles come first
    for sid, name in zip(ids[:n_related], names[:n_related]):
        if name == STYLE_NAME:
            layer.deleteStyleFromDatabase(sid)


def save_default_style(layer: QgsVectorLayer, qml_path: Optional[str] = None,
                       to_database: bool = True) -> List[str]:
    """Save the style as the layer's default (in its GeoPackage) and as .qml; returns where.

    The .qml goes to ``qml_path``, or next to a file-based layer when not given, except for
    a layer in a GeoPackage of several layers (the panel's results file): its style is in
    the GeoPackage, and a .qml per layer would only litter the folder.
    """
    saved = []
    provider = layer.dataProvider()
    if to_database and provider is not None and \
            provider.isSaveAndLoadStyleToDatabaseSupported():
        _delete_stored_style(layer)  # QGIS 3.22 asks "overwrite?" in a dialog otherwise
        err = layer.saveStyleToDatabase(STYLE_NAME, tr("Boligsocial choropleth"), True, "")
        if err:
            raise BoligsocialError(tr("Could not save the style into '{src}': {err}").format(
                src=layer.source(), err=err))
        saved.append(layer.source().split("|")[0])
    qml = qml_path
    if qml is None and not (saved and _one_of_many_layers(layer)):
        qml = qml_path_for(layer)  # a GeoPackage of many layers keeps the styles inside
    if qml:
        msg, ok = layer.saveNamedStyle(qml)
        if not ok:
            raise BoligsocialError(tr("Could not write the style file '{path}': {err}").format(
                path=qml, err=msg))
        saved.append(qml)
    return saved


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when QGIS loads it into the project (the toolbox does not load
    the default style): the choropleth or categories, and the field aliases and rounding."""

    def __init__(self):
        super().__init__()
        self.style: Optional[tuple] = None  # (field, method, classes, ramp)
        self.present = False
        self.labels = None  # indicator code -> (label, unit) of user-defined indicators
        self.temporal = False  # several reference dates: temporal properties (maps/temporal)

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        """Restyle the loaded layer."""
        if not isinstance(layer, QgsVectorLayer):
            return
        try:
            if self.style is not None:
                apply_style(layer, *self.style)
            if self.present:
                apply_field_presentation(layer, self.labels)
            if self.temporal:
                temporal.apply_temporal(layer)
        except BoligsocialError as e:
            feedback.reportError(str(e), False)


def register_post_processor(dest: str, context: QgsProcessingContext, field: Optional[str],
                            method: str = "jenks", classes: int = choropleth.DEFAULT_CLASSES,
                            ramp: str = choropleth.DEFAULT_RAMP, present: bool = False,
                            labels=None, temporal_dates: bool = False) -> bool:
    """Style the output when QGIS loads it on completion; False when it will not be loaded.

    ``field`` (a choropleth or 'category') and ``present`` (aliases and rounding) add to what
    an earlier call for the same output registered: one post-processor per output.
    """
    if not context.willLoadLayerOnCompletion(dest):
        return False
    details = context.layerToLoadOnCompletionDetails(dest)
    pp = _POSTPROCESSORS.get(dest)
    if pp is None or details.postProcessor() is not pp:
        pp = StylePostProcessor()
        _POSTPROCESSORS[dest] = pp
        details.setPostProcessor(pp)
    if field:
        pp.style = (field, method, classes, ramp)
    if present:
        pp.present = True
        pp.labels = labels
    if temporal_dates:
        pp.temporal = True
    return True


def _open_output(dest: str, context: QgsProcessingContext) -> Optional[QgsVectorLayer]:
    """The written output: from its file, or the context's temporary layer."""
    if os.path.isfile(dest.split("|")[0]):
        layer = QgsVectorLayer(dest, "output", "ogr")
    else:  # memory layer or other temporary output kept in the context
        layer = QgsProcessingUtils.mapLayerFromString(dest, context)
    return layer if layer is not None and layer.isValid() else None


def style_output(dest: str, field: str, context: QgsProcessingContext, feedback,
                 method: str = "jenks", classes: int = choropleth.DEFAULT_CLASSES,
                 ramp: str = choropleth.DEFAULT_RAMP,
                 temporal_dates: bool = False, values: Optional[Sequence[float]] = None,
                 present: bool = False, labels=None) -> Optional[QgsVectorLayer]:
    """Style an algorithm's written output and store the style in it (call after ``del sink``).

    Opens the output by its destination, applies the style, saves it as the default style
    in the GeoPackage and as a .qml next to file outputs, and registers a post-processor so
    the toolbox shows the styled layer. With ``temporal_dates`` a layer holding several
    reference dates also gets temporal properties on ``ref_date`` (maps/temporal.py), saved with
    the style. Styling problems are reported, never fatal. A CSV output has no style (it is a
    table for spreadsheets): nothing is done.

    ``values``: the published values of ``field`` when the caller has them (see
    :func:`frame_published_values`; otherwise they are read from the output). ``present``:
    also the field aliases and rounding of :func:`present_output` (``labels`` as there), so
    the style is written once (BoligsocialAlgorithm.style_output).
    """
    if is_csv_destination(dest):
        return None
    try:
        layer = _open_output(dest, context)
        if layer is None:
            feedback.reportError(tr("Could not open '{dest}' to style it.").format(dest=dest),
                                 False)
            return None
        apply_style(layer, field, method, classes, ramp, values)
        is_temporal = temporal_dates and temporal.apply_temporal(layer)
        if is_temporal:
            feedback.pushInfo(tr("Temporal properties set on ref_date: the Temporal Controller "
                                 "animates the layer."))
        if present:
            apply_field_presentation(layer, labels)
        if os.path.isfile(dest.split("|")[0]):
            for where in save_default_style(layer):
                feedback.pushInfo(tr("Style saved to {where}.").format(where=where))
        register_post_processor(dest, context, field, method, classes, ramp, present=present,
                                labels=labels, temporal_dates=is_temporal)
        return layer
    except BoligsocialError as e:
        feedback.reportError(tr("The output was written but not styled: {err}").format(err=e),
                             False)
        return None


def present_output(dest: str, context: QgsProcessingContext, feedback,
                   labels=None) -> Optional[QgsVectorLayer]:
    """Field aliases and rounding for an output (after the algorithm wrote and styled it).

    Saved with the layer's style (its renderer is kept) as the default style in the
    GeoPackage and as .qml next to file outputs; a temporary output gets them directly and,
    like a file loaded by the toolbox, through the post-processor. Never fatal.
    """
    if is_csv_destination(dest):
        return None
    try:
        layer = _open_output(dest, context)
        if layer is None:
            return None
        apply_field_presentation(layer, labels)
        temporal.restore_temporal(layer)  # reopened: QGIS switched them off (maps/temporal)
        if os.path.isfile(dest.split("|")[0]):
            save_default_style(layer)
        register_post_processor(dest, context, None, present=True, labels=labels)
        return layer
    except BoligsocialError as e:
        feedback.pushWarning(tr("The output was written but its field names could not be "
                                "set: {err}").format(err=e))
        return None
