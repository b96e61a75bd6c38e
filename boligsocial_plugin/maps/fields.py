# SPDX-License-Identifier: GPL-2.0-or-later
"""Field aliases and display rounding of output layers (what core/fieldinfo.py decides).

Applied to every output of our algorithms and saved with its style (in the GeoPackage and
the .qml), so the attribute table, forms and identify results show Danish or English names
and rounded numbers while the data keep full precision: a double field gets the "Range"
widget with its display precision, which QGIS's field formatter uses in the table too (in
the locale's number format), and output fields are read-only in forms.
"""
from typing import Dict, Optional

from qgis.core import QgsEditorWidgetSetup, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.fieldinfo import FieldInfo, IndicatorLabels, layer_field_infos

RANGE = "Range"
#: Range widget limits wide enough for any of our numbers (the default would clip sums).
RANGE_LIMIT = 1e15


def range_config(decimals: int) -> Dict[str, object]:
    """Range widget configuration showing ``decimals`` decimals."""
    return {"Precision": int(decimals), "Min": -RANGE_LIMIT, "Max": RANGE_LIMIT,
            "Step": 10.0 ** -int(decimals), "Style": "SpinBox", "AllowNull": True}


def apply_field_presentation(layer: QgsVectorLayer,
                             labels: Optional[IndicatorLabels] = None) -> Dict[str, FieldInfo]:
    """Set alias, display precision and read-only for every field we know; returns them."""
    fields = layer.fields()
    infos = layer_field_infos(fields.names(), labels)
    form = layer.editFormConfig()
    for name, info in infos.items():
        idx = fields.lookupField(name)
        if idx < 0:
            continue
        layer.setFieldAlias(idx, info.alias)
        form.setReadOnly(idx, True)
        if info.decimals is not None and fields.at(idx).type() == QVariant.Double:
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup(RANGE,
                                                                 range_config(info.decimals)))
    layer.setEditFormConfig(form)
    return infos
