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
from typing import Dict

from qgis.core import QgsProcessingContext, QgsProcessingParameterDefinition
from qgis.gui import QgsAbstractProcessingParameterWidgetWrapper, QgsGui, QgsProcessingGui
from qgis.PyQt.QtWidgets import QComboBox, QWidget

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
    """QGIS's own enum widget with our labels on its items (toolbox and batch dialogs).

    The drop-down is created by QGIS's enum wrapper (kept inside this one) and relabelled;
    values are read and set through it, so behaviour (optional '[Not selected]', defaults,
    static values) stays QGIS's. A drop-down created in Python would be a sip-derived widget
    that QGIS 3.22 dialogs may outlive, which crashes when Qt polishes it.
    """

    def __init__(self, parameter: QgsProcessingParameterDefinition, kind: int,
                 labels: Dict[str, str], parent=None):
        super().__init__(parameter, kind, parent)
        self._labels = labels
        self._inner = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            parameter, kind)
        self._context = QgsProcessingContext()

    def createWidget(self) -> QWidget:  # noqa: N802
        """QGIS's drop-down for this enum, showing the labels."""
        widget = self._inner.createWrappedWidget(self._context)
        relabel(widget, self._labels)
        help_text = self.parameterDefinition().help()
        if help_text:
            widget.setToolTip(help_text)
        self._inner.widgetValueHasChanged.connect(self._changed)
        return widget

    def _changed(self, _wrapper) -> None:
        self.widgetValueHasChanged.emit(self)

    def setWidgetValue(self, value, context) -> None:  # noqa: N802
        """Select a value (as QGIS's enum widget takes it)."""
        self._inner.setParameterValue(value, context)

    def widgetValue(self):  # noqa: N802
        """The static value of the chosen item (None for '[Not selected]')."""
        return self._inner.parameterValue()


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
