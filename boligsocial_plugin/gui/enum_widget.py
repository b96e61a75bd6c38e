# SPDX-License-Identifier: GPL-2.0-or-later
"""Translated labels for our enum parameters in the toolbox, batch and modeler dialogs.

QGIS 3.22 shows the option strings of a static-string enum as they are (``refuse``,
``allow``), and those strings must stay stable for models and ``qgis_process``. Our enums
(processing/params.py ``enum_parameter``) carry a translated label per option in their
metadata and name :class:`LabelledEnumWidget` as ``widget_wrapper['class']``; the Processing
plugin's ``WidgetWrapperFactory`` then calls it instead of its own enum widget:

- toolbox dialog and batch dialog: a :class:`LabelledEnumWidgetWrapper`, a drop-down that
  shows the labels and returns the static value;
- modeler: QGIS's own modeler widget (so the value can still come from a model input or
  another algorithm), with the labels put on its drop-down.

The value (what models store and the command line takes) never changes.
"""
from typing import Dict, Optional

from qgis.core import QgsProcessingParameterDefinition
from qgis.gui import QgsAbstractProcessingParameterWidgetWrapper, QgsGui, QgsProcessingGui
from qgis.PyQt.QtWidgets import QComboBox, QWidget

from boligsocial_plugin.core.i18n import tr

#: The Processing plugin's dialog classes and the widget type each needs.
DIALOG_TYPES = {"AlgorithmDialog": QgsProcessingGui.Standard,
                "BatchAlgorithmDialog": QgsProcessingGui.Batch,
                "ModelerParametersDialog": QgsProcessingGui.Modeler}


def dialog_type(dialog) -> int:
    """The widget type (standard, batch or modeler) for a Processing dialog."""
    return DIALOG_TYPES.get(type(dialog).__name__, QgsProcessingGui.Standard)


def relabel(widget: QWidget, labels: Dict[str, str]) -> int:
    """Show the labels on every drop-down inside ``widget`` whose items are these values.

    Returns the number of items relabelled (items whose value is not an option stay).
    """
    changed = 0
    combos = widget.findChildren(QComboBox)
    if isinstance(widget, QComboBox):
        combos.append(widget)
    for combo in combos:
        data = [combo.itemData(i) for i in range(combo.count())]
        if not any(isinstance(d, str) and d in labels for d in data):
            continue
        for i, d in enumerate(data):
            if isinstance(d, str) and d in labels:
                combo.setItemText(i, labels[d])
                changed += 1
    return changed


class LabelledEnumWidgetWrapper(QgsAbstractProcessingParameterWidgetWrapper):
    """A drop-down showing translated labels and returning the static value (standard/batch)."""

    def __init__(self, parameter: QgsProcessingParameterDefinition, kind: int,
                 labels: Dict[str, str], parent=None):
        super().__init__(parameter, kind, parent)
        self._labels = labels

    def _optional(self) -> bool:
        return bool(self.parameterDefinition().flags() &
                    QgsProcessingParameterDefinition.FlagOptional)

    def createWidget(self) -> QWidget:  # noqa: N802
        """The drop-down: '[Not selected]' first for an optional enum, then every option."""
        combo = QComboBox()
        if self._optional():
            combo.addItem(tr("[Not selected]"), None)
        for value in self.parameterDefinition().options():
            combo.addItem(self._labels.get(value, value), value)
        help_text = self.parameterDefinition().help()
        combo.setToolTip(help_text or self.parameterDefinition().toolTip())
        combo.currentIndexChanged.connect(self._changed)
        return combo  # C++ owns it now: use wrappedWidget(), never a reference kept here

    def _changed(self, _index: int) -> None:
        self.widgetValueHasChanged.emit(self)

    def _combo(self) -> Optional[QComboBox]:
        widget = self.wrappedWidget()
        return widget if isinstance(widget, QComboBox) else None

    def setWidgetValue(self, value, context) -> None:  # noqa: N802
        """Select a value (static string; an index or a one-item list are accepted too)."""
        combo = self._combo()
        if combo is None:
            return
        options = list(self.parameterDefinition().options())
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(value, int) and not isinstance(value, bool) and \
                0 <= value < len(options):
            value = options[value]
        index = combo.findData(str(value)) if value not in (None, "") else -1
        if index < 0:
            default = self.parameterDefinition().defaultValue()
            index = 0 if self._optional() or default is None else \
                max(0, combo.findData(str(default)))
        combo.setCurrentIndex(index)

    def widgetValue(self):  # noqa: N802
        """The static value of the chosen item (None for '[Not selected]')."""
        combo = self._combo()
        return combo.currentData() if combo is not None else None


class LabelledEnumWidget:
    """What the Processing plugin instantiates for our enums (``widget_wrapper['class']``).

    Called as ``LabelledEnumWidget(parameter, dialog, row, col, labels=[...])``; returns the
    wrapper the dialog needs (not an instance of this class).
    """

    def __new__(cls, parameter, dialog, row=0, col=0, labels=None, **_ignored):
        values = list(parameter.options())
        mapping = dict(zip(values, labels or values))
        kind = dialog_type(dialog)
        if kind == QgsProcessingGui.Modeler:
            widget = QgsGui.processingGuiRegistry().createModelerParameterWidget(
                dialog.model, dialog.childId, parameter, dialog.context)
            relabel(widget, mapping)
            return widget
        wrapper = LabelledEnumWidgetWrapper(parameter, kind, mapping, dialog)
        wrapper.setDialog(dialog)
        return wrapper
