# SPDX-License-Identifier: GPL-2.0-or-later
"""Temporal properties of multi-date outputs, so the Temporal Controller animates them.

A layer with several reference dates gets start and end date/times from expressions on
``ref_date``: each snapshot lasts a little less than one step of its snapshots (27 days for
monthly snapshots, 88 for quarterly, 364 for yearly; a day for irregular ones), so each frame of
that step shows exactly one snapshot (core.monitoring.calendar ``Calendar.step``). The
algorithms store this in the layer's saved style (GeoPackage ``layer_styles`` and the .qml),
with a custom property naming the settings.

QGIS 3.22 resets a file layer's temporal properties after applying its default style when the
layer is opened (``QgsVectorLayer``'s constructor asks the data provider, and OGR has no
temporal capabilities). The plugin therefore watches layers being added to the project and
switches temporal properties on again for layers that carry our custom property and have none
configured (:class:`TemporalRestorer`). *Layer Properties → Style → Load Default Style* does the
same without the plugin.
"""
import json
from typing import List, Optional, Sequence

from qgis.core import (
    QgsExpression,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)

from boligsocial_plugin.core.monitoring.calendar import calendar
from boligsocial_plugin.qgis_io.values import is_missing, text

PROPERTY = "boligsocial/temporal"
FIELD = "ref_date"
UNITS = {"days": QgsUnitTypes.TemporalDays, "months": QgsUnitTypes.TemporalMonths,
         "years": QgsUnitTypes.TemporalYears}


def layer_dates(layer: QgsVectorLayer, field: str = FIELD) -> List[str]:
    """Distinct dates of a field ('YYYY-MM-DD'), sorted; empty without the field."""
    idx = layer.fields().lookupField(field)
    if idx < 0:
        return []
    return sorted({text(v)[:10] for v in layer.uniqueValues(idx) if not is_missing(v)})


def apply_temporal(layer: QgsVectorLayer, field: str = FIELD,
                   dates: Optional[Sequence[str]] = None) -> bool:
    """Temporal properties on ``field`` when the layer holds two or more dates (module doc)."""
    if layer.fields().lookupField(field) < 0:
        return False
    dates = list(dates) if dates is not None else layer_dates(layer, field)
    if len(set(dates)) < 2:
        return False
    step, unit = calendar(dates).step()
    _set(layer, field, step, unit)
    layer.setCustomProperty(PROPERTY, json.dumps({"field": field, "step": step, "unit": unit}))
    return True


def _set(layer: QgsVectorLayer, field: str, step: float, unit: str) -> None:
    """Start and end from expressions on the date field.

    Not "single field": its filter compares the date field with date-times, which the OGR
    provider compiles to SQL that compares the GeoPackage's date text with date-time text
    ('2025-04-01' < '2025-04-01T00:00:00'), so a frame would also show the next snapshot. The
    expressions (to_datetime) are evaluated by QGIS itself.
    """
    tp = layer.temporalProperties()
    ref = QgsExpression.quotedColumnRef(field)
    days = float(step) * {"days": 1, "months": 30, "years": 365}.get(unit, 1)
    tp.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
    tp.setStartField(field)  # not used by this mode; marks the layer as configured
    tp.setStartExpression("to_datetime({})".format(ref))
    tp.setEndExpression("to_datetime({}) + make_interval(days:={:g})".format(ref,
                                                                             max(days, 1.0)))
    tp.setFixedDuration(float(step))
    tp.setDurationUnits(UNITS.get(unit, QgsUnitTypes.TemporalDays))
    tp.setAccumulateFeatures(False)
    tp.setIsActive(True)


def restore_temporal(layer) -> bool:
    """Switch our stored temporal settings on for a layer that has none configured."""
    if not isinstance(layer, QgsVectorLayer):
        return False
    raw = layer.customProperty(PROPERTY)
    tp = layer.temporalProperties()
    if not raw or tp.isActive() or tp.startField():
        return False  # not ours, already temporal, or configured (e.g. off) in a project
    try:
        s = json.loads(raw)
        field, step, unit = str(s["field"]), float(s["step"]), str(s["unit"])
    except (ValueError, KeyError, TypeError):
        return False
    if layer.fields().lookupField(field) < 0:
        return False
    _set(layer, field, step, unit)
    return True


class TemporalRestorer:
    """Watches layers added to the project (desktop QGIS) and restores temporal properties."""

    def __init__(self, project: Optional[QgsProject] = None):
        self.project = project or QgsProject.instance()
        self.project.layersAdded.connect(self.on_layers_added)

    def on_layers_added(self, layers) -> None:
        """Slot: restore the temporal properties of each added layer that is ours."""
        for layer in layers:
            restore_temporal(layer)

    def close(self) -> None:
        """Disconnect (plugin unload)."""
        try:
            self.project.layersAdded.disconnect(self.on_layers_added)
        except (TypeError, RuntimeError):
            pass
