# SPDX-License-Identifier: GPL-2.0-or-later
"""Dock panel "Boligsocial monitorering": run the algorithms in the background, map and inspect.

The panel runs the very algorithms of the toolbox (``boligsocial:computeindicators`` and, when
registered, ``boligsocial:assesscriteria``) with ``QgsProcessingAlgRunnerTask`` on the task
manager, so QGIS never freezes and every run can be repeated in a model with the same
parameters. Results are temporary GeoPackages in the processing temp folder.
"""
import html
import json
import os
from typing import Any, Callable, Dict, List, Optional, Tuple

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsFeatureRequest,
    QgsGraduatedSymbolRenderer,
    QgsMapLayerProxyModel,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
    QgsRendererCategory,
    QgsSettings,
    QgsStyle,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsDockWidget,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsMapToolIdentifyFeature,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate, QDateTime, QLocale, Qt, QVariant, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boligsocial_plugin.core.i18n import tr

OBJECT_NAME = "BoligsocialDock"
MAP_TOOL_NAME = "BoligsocialInspectTool"
SETTINGS_PREFIX = "boligsocial/dock/"
ALG_INDICATORS = "boligsocial:computeindicators"
ALG_CRITERIA = "boligsocial:assesscriteria"
RULE_SETS = ("2013", "2018", "2021")
CRITERIA_KEYS = ("outside", "convicted", "basic_edu", "income", "nonwestern")
REF_DATE_NAMES = ("ref_date", "opgoerelsesdato")
MAX_FEATURES_FOR_DATES = 100000  # reading the dates of a larger extract would stall the GUI
INDICATORS, CRITERIA = "indicators", "criteria"

# Runs whose panel went away (plugin unloaded) while the task was still working: the task
# uses the context and feedback until it ends, so they are kept here until then.
_ORPHANS: List["PanelRun"] = []


def criteria_algorithm() -> Optional[QgsProcessingAlgorithm]:
    """The criteria algorithm when the provider offers it, else None."""
    return QgsApplication.processingRegistry().algorithmById(ALG_CRITERIA)


def is_null(value: Any) -> bool:
    """True for None and QGIS NULL values."""
    return value is None or (isinstance(value, QVariant) and value.isNull())


def flag_text(flag: str) -> str:
    """What a discretion flag means, shown instead of a suppressed value."""
    return tr("suppressed")


def flag_reason(flag: str) -> str:
    """Why a value was suppressed (discretion flag P, S or A)."""
    texts = {
        "P": tr("count below the minimum"),
        "S": tr("protects another figure"),
        "A": tr("area below the minimum size"),
    }
    return texts.get(flag, "")


def category_label(code: str) -> str:
    """Translated label of a criteria category."""
    labels = {
        "omdannelsesomraade": tr("Omdannelsesområde"),
        "parallelsamfund": tr("Parallelsamfund"),
        "udsat": tr("Udsat boligområde"),
        "forebyggelse": tr("Forebyggelsesområde"),
        "ingen": tr("No category"),
    }
    return labels.get(code, code)


def format_value(value: Any, unit: str = "%") -> str:
    """A published value with its unit, in the same number format as the map legend."""
    if is_null(value):
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    try:
        from boligsocial_plugin.core import classes

        return classes.format_value(v, unit)
    except (ImportError, AttributeError):
        decimals = {"%": 1, "kr.": 0}.get(unit, 2)
        text = QLocale().toString(v, "f", decimals)
        return "{} {}".format(text, unit) if unit else text


def _number(value: Any) -> str:
    v = float(value)
    decimals = 0 if v == int(v) else 1
    try:
        from boligsocial_plugin.core import classes

        return classes.format_number(v, decimals)
    except (ImportError, AttributeError):
        return QLocale().toString(v, "f", decimals)


def criterion_label_unit(key: str, rule_set: str) -> Tuple[str, str]:
    """Readable name and unit of a criterion column K_val of the criteria layer."""
    try:
        from boligsocial_plugin.core import classes

        field = key + "_val"
        return (classes.field_label(field, criteria=True),
                classes.field_unit(field, criteria=True, rule_set=rule_set or "2021"))
    except Exception:  # noqa: BLE001 - labels are cosmetic; the key still tells
        return key, ""


def _text(value: Any) -> str:
    if is_null(value):
        return ""
    if isinstance(value, (QDate, QDateTime)):
        return value.toString("yyyy-MM-dd")
    return str(value)


def indicator_catalogue(json_path: str = "") -> Dict[str, Tuple[str, str]]:
    """Label and unit of each indicator code: built-in ones plus a user JSON file (if any)."""
    out: Dict[str, Tuple[str, str]] = {}
    try:
        from boligsocial_plugin.core.indicators import builtin_indicators

        for ind in builtin_indicators():
            out[ind.code] = (ind.label, ind.unit)
    except Exception:  # noqa: BLE001 - labels are cosmetic; codes still work
        pass
    if json_path and os.path.exists(json_path):
        try:
            with open(json_path, encoding="utf-8-sig") as f:
                data = json.load(f)
            items = data.get("indicators", []) if isinstance(data, dict) else data
            for d in items:
                if isinstance(d, dict) and d.get("code"):
                    unit = d.get("unit") or ("%" if d.get("type", "share") == "share" else "")
                    out[str(d["code"])] = (str(d.get("label") or d["code"]), str(unit))
        except (OSError, ValueError, AttributeError):
            pass
    return out


def apply_style(layer: QgsVectorLayer, field: str) -> None:
    """Choropleth of a value field, or categories for 'category' (styling module if present)."""
    try:
        from boligsocial_plugin.maps import styling
    except ImportError:
        styling = None
    if field == "category":
        if styling is not None and hasattr(styling, "apply_categories"):
            styling.apply_categories(layer, field)
        else:
            _fallback_categories(layer, field)
    elif styling is not None and hasattr(styling, "apply_choropleth"):
        styling.apply_choropleth(layer, field)
    else:
        _fallback_choropleth(layer, field)
    layer.triggerRepaint()


def _fallback_choropleth(layer: QgsVectorLayer, field: str) -> None:
    method = QgsApplication.classificationMethodRegistry().method("Quantile")
    method.setLabelPrecision(1)
    method.setLabelTrimTrailingZeroes(True)
    renderer = QgsGraduatedSymbolRenderer(field)
    renderer.setClassificationMethod(method)
    ramp = QgsStyle.defaultStyle().colorRamp("Viridis")
    if ramp is not None:
        renderer.setSourceColorRamp(ramp.clone())
    renderer.updateClasses(layer, 5)
    if ramp is not None:
        renderer.updateColorRamp(ramp.clone())
    layer.setRenderer(renderer)


def _fallback_categories(layer: QgsVectorLayer, field: str) -> None:
    colours = {"omdannelsesomraade": "#7f0000", "parallelsamfund": "#d7301f",
               "udsat": "#fc8d59", "forebyggelse": "#fdd49e", "ingen": "#f0f0f0"}
    cats = []
    for code, colour in colours.items():
        sym = QgsSymbol.defaultSymbol(layer.geometryType())
        sym.setColor(QColor(colour))
        cats.append(QgsRendererCategory(code, sym, category_label(code)))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))


def _sortable(text: str, key: Any) -> QTableWidgetItem:
    item = _SortItem(text)
    item.setData(Qt.UserRole + 1, key)
    return item


class _SortItem(QTableWidgetItem):
    """Table item sorting by a hidden key (numbers numerically, suppressed values last)."""

    def __lt__(self, other):
        a, b = self.data(Qt.UserRole + 1), other.data(Qt.UserRole + 1)
        if a is None or b is None:
            return a is not None and b is None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class PanelFeedback(QgsProcessingFeedback):
    """Feedback that keeps error messages and forwards progress text to the GUI thread."""

    textChanged = pyqtSignal(str)  # noqa: N815 - Qt naming

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802,N803
        """Keep the message for the panel (called from the task's thread)."""
        self.errors.append(error)
        super().reportError(error, fatalError)

    def setProgressText(self, text: str) -> None:  # noqa: N802
        """Forward to the panel through a queued signal."""
        super().setProgressText(text)
        self.textChanged.emit(text)


class PanelRun:
    """One algorithm run: the task with the context and feedback it uses (kept alive)."""

    def __init__(self, alg_id: str, kind: str, params: Dict[str, Any], step: int, steps: int):
        self.alg_id = alg_id
        self.kind = kind
        self.params = params
        self.step = step
        self.steps = steps
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = PanelFeedback()
        self.task: Optional[QgsProcessingAlgRunnerTask] = None
        self.done = False

    def release(self) -> None:
        """Forget this run once its task has ended."""
        self.done = True
        if self in _ORPHANS:
            _ORPHANS.remove(self)


class BoligsocialDock(QgsDockWidget):
    """The monitoring panel: inputs, background run, indicator map, results table, profile."""

    runFinished = pyqtSignal(bool)  # noqa: N815 - True when a result was loaded

    def __init__(self, iface, parent: Optional[QWidget] = None):
        super().__init__(tr("Boligsocial monitorering"), parent)
        self.setObjectName(OBJECT_NAME)
        self.iface = iface
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.indicator_layer: Optional[QgsVectorLayer] = None
        self.criteria_layer: Optional[QgsVectorLayer] = None
        self.inspect_layer: Optional[QgsVectorLayer] = None  # the layer the map tool picks from
        self._runs: List[PanelRun] = []
        self._queue: List[PanelRun] = []
        self._prev_tool = None
        self._switching_tool = False
        self._saved_layers_applied = False
        self._cleaned = False
        self._catalogue: Dict[str, Tuple[str, str]] = {}
        self._build_ui()
        self.map_tool: Optional[QgsMapToolIdentifyFeature] = None
        if self.canvas is not None:
            self.map_tool = QgsMapToolIdentifyFeature(self.canvas)
            self.map_tool.setObjectName(MAP_TOOL_NAME)
            self.map_tool.featureIdentified[QgsFeature].connect(self._on_feature_identified)
            self.canvas.mapToolSet.connect(self._on_map_tool_set)
        QgsProject.instance().layersWillBeRemoved.connect(self._on_layers_removed)
        self._restore_settings()
        self._update_criteria_visibility()
        self._set_running(False)

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget(body)
        outer.addWidget(self.tabs, 1)

        setup = QWidget(self.tabs)
        slay = QVBoxLayout(setup)
        slay.setContentsMargins(2, 4, 2, 2)
        inputs = QGroupBox(tr("Input"), setup)
        form = QFormLayout(inputs)
        self.persons_combo = QgsMapLayerComboBox(inputs)
        self.persons_combo.setFilters(QgsMapLayerProxyModel.PointLayer
                                      | QgsMapLayerProxyModel.NoGeometry)
        self.persons_combo.setToolTip(tr("One row per resident per reference date: a point "
                                         "layer or a table with x/y columns."))
        form.addRow(tr("Person extract"), self.persons_combo)
        self.areas_combo = QgsMapLayerComboBox(inputs)
        self.areas_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        form.addRow(tr("Areas"), self.areas_combo)
        self.id_field_combo = QgsFieldComboBox(inputs)
        form.addRow(tr("Area id field"), self.id_field_combo)
        self.name_field_combo = QgsFieldComboBox(inputs)
        self.name_field_combo.setAllowEmptyFieldName(True)
        form.addRow(tr("Area name field"), self.name_field_combo)
        self.ref_date_combo = QComboBox(inputs)
        self.ref_date_combo.setEditable(True)
        self.ref_date_combo.lineEdit().setPlaceholderText(tr("every date (YYYY-MM-DD)"))
        self.ref_date_combo.setToolTip(tr("Reference date to compute; empty computes every "
                                          "date and shows the latest."))
        form.addRow(tr("Reference date"), self.ref_date_combo)
        self.indicator_file = QgsFileWidget(inputs)
        self.indicator_file.setFilter(tr("Indicator definitions (*.json)"))
        self.indicator_file.setToolTip(tr("Optional user-defined indicators; the built-in "
                                          "indicators are always computed."))
        form.addRow(tr("Extra indicators"), self.indicator_file)
        slay.addWidget(inputs)

        disc = QGroupBox(tr("Discretion"), setup)
        dform = QFormLayout(disc)
        self.preset_combo = QComboBox(disc)
        self.preset_combo.addItem(tr("Custom (numbers below)"), "")
        presets, labels = self._presets()
        for name in presets:
            self.preset_combo.addItem(labels.get(name, name), name)
        self.preset_label = QLabel(tr("Preset"), disc)
        dform.addRow(self.preset_label, self.preset_combo)
        self.min_count_spin = QSpinBox(disc)
        self.min_count_spin.setRange(1, 1000)
        self.min_count_spin.setValue(5)
        dform.addRow(tr("Smallest published count"), self.min_count_spin)
        self.min_residents_spin = QSpinBox(disc)
        self.min_residents_spin.setRange(0, 100000)
        self.min_residents_spin.setValue(50)
        dform.addRow(tr("Smallest area (residents)"), self.min_residents_spin)
        self.has_presets = bool(presets) and self._indicator_alg_has("DISCRETION_PRESET")
        self.preset_combo.setVisible(self.has_presets)
        self.preset_label.setVisible(self.has_presets)
        slay.addWidget(disc)

        self.criteria_group = QGroupBox(tr("Assess state criteria (needs two yearly "
                                           "snapshots)"), setup)
        self.criteria_group.setCheckable(True)
        self.criteria_group.setChecked(False)
        cform = QFormLayout(self.criteria_group)
        self.rule_set_combo = QComboBox(self.criteria_group)
        for code in RULE_SETS:
            self.rule_set_combo.addItem(code, code)
        self.rule_set_combo.setCurrentIndex(len(RULE_SETS) - 1)
        cform.addRow(tr("Rule set"), self.rule_set_combo)
        self.conviction_spin = QDoubleSpinBox(self.criteria_group)
        self.conviction_spin.setRange(0.0, 100.0)
        self.conviction_spin.setDecimals(3)
        self.conviction_spin.setSuffix(" %")
        self.conviction_spin.setSpecialValueText(tr("algorithm default"))
        cform.addRow(tr("National conviction rate"), self.conviction_spin)
        self.income_spin = QDoubleSpinBox(self.criteria_group)
        self.income_spin.setRange(0.0, 10000000.0)
        self.income_spin.setDecimals(0)
        self.income_spin.setSingleStep(1000.0)
        self.income_spin.setSuffix(" kr.")
        self.income_spin.setSpecialValueText(tr("algorithm default"))
        cform.addRow(tr("Regional mean income"), self.income_spin)
        slay.addWidget(self.criteria_group)
        slay.addStretch(1)
        self.tabs.addTab(setup, tr("Setup"))

        results = QWidget(self.tabs)
        rlay = QVBoxLayout(results)
        rlay.setContentsMargins(2, 4, 2, 2)
        show_row = QHBoxLayout()
        show_row.addWidget(QLabel(tr("Show"), results))
        self.display_combo = QComboBox(results)
        self.display_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.display_combo.setMinimumContentsLength(12)
        show_row.addWidget(self.display_combo, 1)
        self.inspect_button = QPushButton(tr("Inspect area"), results)
        self.inspect_button.setCheckable(True)
        self.inspect_button.setToolTip(tr("Click an area on the map to see its profile."))
        show_row.addWidget(self.inspect_button)
        rlay.addLayout(show_row)
        splitter = QSplitter(Qt.Vertical, results)
        self.table = QTableWidget(splitter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSortingEnabled(True)
        self.profile = QTextBrowser(splitter)
        self.profile.setPlaceholderText(tr("Select an area in the table or on the map."))
        splitter.addWidget(self.table)
        splitter.addWidget(self.profile)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        rlay.addWidget(splitter, 1)
        self.tabs.addTab(results, tr("Results"))

        buttons = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"), body)
        self.run_button.setToolTip(tr("Runs the same algorithms as the Processing toolbox in "
                                      "the background."))
        self.cancel_button = QPushButton(tr("Cancel"), body)
        self.progress = QProgressBar(body)
        self.progress.setRange(0, 100)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        outer.addLayout(buttons)
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        outer.addWidget(self.message)
        self.setWidget(body)

        self.areas_combo.layerChanged.connect(self._on_areas_changed)
        self.persons_combo.layerChanged.connect(self._fill_dates)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_changed)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.display_combo.currentIndexChanged.connect(self._on_display_changed)
        self.inspect_button.toggled.connect(self._on_inspect_toggled)
        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self._on_areas_changed(self.areas_combo.currentLayer())
        self._fill_dates(self.persons_combo.currentLayer())

    @staticmethod
    def _presets() -> Tuple[List[str], Dict[str, str]]:
        try:
            from boligsocial_plugin.core import discretion
        except ImportError:
            return [], {}
        presets = list(getattr(discretion, "PRESETS", {}) or {})
        labels = discretion.preset_labels() if hasattr(discretion, "preset_labels") else {}
        return presets, labels

    @staticmethod
    def _indicator_alg_has(param: str) -> bool:
        alg = QgsApplication.processingRegistry().algorithmById(ALG_INDICATORS)
        return alg is not None and alg.parameterDefinition(param) is not None

    def _update_criteria_visibility(self) -> None:
        alg = criteria_algorithm()
        self.criteria_group.setVisible(alg is not None)
        if alg is None:
            return
        for name, spin in (("NATIONAL_CONVICTION_RATE", self.conviction_spin),
                           ("REGIONAL_MEAN_INCOME", self.income_spin)):
            p = alg.parameterDefinition(name)
            if p is not None and spin.value() == 0 and not is_null(p.defaultValue()):
                try:
                    spin.setValue(float(p.defaultValue()))
                except (TypeError, ValueError):
                    pass

    def showEvent(self, event) -> None:  # noqa: N802
        """Re-check the criteria algorithm and the remembered layers when shown."""
        super().showEvent(event)
        self._update_criteria_visibility()
        if not self._saved_layers_applied:
            self._apply_saved_layers()

    def hideEvent(self, event) -> None:  # noqa: N802
        """Give the map tool back when the panel is hidden."""
        if self.inspect_button.isChecked():
            self.inspect_button.setChecked(False)
        super().hideEvent(event)

    def _on_areas_changed(self, layer) -> None:
        self.id_field_combo.setLayer(layer)
        self.name_field_combo.setLayer(layer)
        if layer is None:
            return
        names = [f.name().lower() for f in layer.fields()]
        for combo, wanted in ((self.id_field_combo, ("area_id", "id", "omraade_id")),
                              (self.name_field_combo, ("area_name", "name", "navn"))):
            for w in wanted:
                if w in names:
                    combo.setField(layer.fields()[names.index(w)].name())
                    break

    def _fill_dates(self, layer) -> None:
        keep = self.ref_date_combo.currentText()
        self.ref_date_combo.blockSignals(True)
        self.ref_date_combo.clear()
        self.ref_date_combo.addItem("")
        dates = self._dates_of(layer)
        for d in dates:
            self.ref_date_combo.addItem(d)
        if keep and keep in dates:
            self.ref_date_combo.setCurrentText(keep)
        elif dates:
            self.ref_date_combo.setCurrentText(dates[-1])
        else:
            self.ref_date_combo.setCurrentText(keep)
        self.ref_date_combo.blockSignals(False)

    @staticmethod
    def _dates_of(layer) -> List[str]:
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return []
        # OGR answers DISTINCT in SQL; other providers read every feature on the GUI thread
        if layer.providerType() not in ("ogr", "memory") and \
                layer.featureCount() > MAX_FEATURES_FOR_DATES:
            return []
        names = [f.name().lower() for f in layer.fields()]
        for n in REF_DATE_NAMES:
            if n in names:
                values = layer.uniqueValues(names.index(n))
                return sorted({_text(v) for v in values if not is_null(v)})
        return []

    def _on_preset_changed(self, _index: int = 0) -> None:
        custom = not self.has_presets or not self.preset_combo.currentData()
        self.min_count_spin.setEnabled(custom)
        self.min_residents_spin.setEnabled(custom)

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = QgsSettings()
        p = SETTINGS_PREFIX
        self.ref_date_combo.setCurrentText(s.value(p + "ref_date", self.ref_date_combo
                                                   .currentText(), type=str))
        self.indicator_file.setFilePath(s.value(p + "indicator_file", "", type=str))
        i = self.preset_combo.findData(s.value(p + "preset", "", type=str))
        self.preset_combo.setCurrentIndex(max(i, 0))
        self.min_count_spin.setValue(s.value(p + "min_count", 5, type=int))
        self.min_residents_spin.setValue(s.value(p + "min_residents", 50, type=int))
        self.criteria_group.setChecked(s.value(p + "criteria", False, type=bool))
        i = self.rule_set_combo.findData(s.value(p + "rule_set", "2021", type=str))
        self.rule_set_combo.setCurrentIndex(i if i >= 0 else len(RULE_SETS) - 1)
        self.conviction_spin.setValue(s.value(p + "conviction_rate", 0.0, type=float))
        self.income_spin.setValue(s.value(p + "mean_income", 0.0, type=float))
        self._wanted_display = s.value(p + "display_field", "", type=str)
        self._on_preset_changed()
        self._apply_saved_layers()

    def _apply_saved_layers(self) -> None:
        s = QgsSettings()
        project = QgsProject.instance()
        found = False
        for key, combo in (("persons_layer", self.persons_combo),
                           ("areas_layer", self.areas_combo)):
            layer = project.mapLayer(s.value(SETTINGS_PREFIX + key, "", type=str))
            if layer is None:
                name = s.value(SETTINGS_PREFIX + key + "_name", "", type=str)
                matches = project.mapLayersByName(name) if name else []
                layer = matches[0] if matches else None
            if layer is not None:
                combo.setLayer(layer)
                found = True
        for key, combo in (("area_id_field", self.id_field_combo),
                           ("area_name_field", self.name_field_combo)):
            name = s.value(SETTINGS_PREFIX + key, "", type=str)
            layer = self.areas_combo.currentLayer()
            if name and layer is not None and layer.fields().indexOf(name) >= 0:
                combo.setField(name)
        self._saved_layers_applied = found

    def save_settings(self) -> None:
        """Remember the panel's choices under boligsocial/dock/."""
        s = QgsSettings()
        p = SETTINGS_PREFIX
        for key, combo in (("persons_layer", self.persons_combo),
                           ("areas_layer", self.areas_combo)):
            layer = combo.currentLayer()
            s.setValue(p + key, layer.id() if layer is not None else "")
            s.setValue(p + key + "_name", layer.name() if layer is not None else "")
        s.setValue(p + "area_id_field", self.id_field_combo.currentField())
        s.setValue(p + "area_name_field", self.name_field_combo.currentField())
        s.setValue(p + "ref_date", self.ref_date_combo.currentText().strip())
        s.setValue(p + "indicator_file", self.indicator_file.filePath())
        s.setValue(p + "preset", self.preset_combo.currentData() or "")
        s.setValue(p + "min_count", self.min_count_spin.value())
        s.setValue(p + "min_residents", self.min_residents_spin.value())
        s.setValue(p + "criteria", self.criteria_group.isChecked())
        s.setValue(p + "rule_set", self.rule_set_combo.currentData())
        s.setValue(p + "conviction_rate", self.conviction_spin.value())
        s.setValue(p + "mean_income", self.income_spin.value())
        field = self.display_field()
        if field:
            s.setValue(p + "display_field", field)
        s.setValue(p + "visible", not self.isHidden())  # open, even if tabbed behind another

    # ------------------------------------------------------------------ parameters
    def indicator_parameters(self, output: str) -> Dict[str, Any]:
        """Parameters of boligsocial:computeindicators as the panel is set."""
        params: Dict[str, Any] = self._common_parameters()
        date = self.ref_date_combo.currentText().strip()
        if date:
            params["REF_DATE"] = date
        path = self.indicator_file.filePath().strip()
        if path:
            params["INDICATOR_DEFINITIONS"] = path
        params["OUTPUT"] = output
        return params

    def criteria_parameters(self, output: str) -> Dict[str, Any]:
        """Parameters of boligsocial:assesscriteria as the panel is set."""
        alg = criteria_algorithm()

        def accepts(name: str) -> bool:
            return alg is None or alg.parameterDefinition(name) is not None

        params = self._common_parameters(with_preset=accepts("DISCRETION_PRESET"))
        params["RULE_SET"] = self.rule_set_combo.currentData()
        if self.conviction_spin.value() > 0:
            params["NATIONAL_CONVICTION_RATE"] = self.conviction_spin.value()
        if self.income_spin.value() > 0:
            params["REGIONAL_MEAN_INCOME"] = self.income_spin.value()
        date = self.ref_date_combo.currentText().strip()
        if date and accepts("ASSESSMENT_DATE"):
            params["ASSESSMENT_DATE"] = date
        params["OUTPUT"] = output
        return params

    def _common_parameters(self, with_preset: bool = True) -> Dict[str, Any]:
        persons = self.persons_combo.currentLayer()
        areas = self.areas_combo.currentLayer()
        params: Dict[str, Any] = {
            "PERSONS": persons.id() if persons is not None else None,
            "AREAS": areas.id() if areas is not None else None,
            "AREA_ID_FIELD": self.id_field_combo.currentField(),
            "MIN_COUNT": self.min_count_spin.value(),
            "MIN_RESIDENTS": self.min_residents_spin.value(),
        }
        if self.name_field_combo.currentField():
            params["AREA_NAME_FIELD"] = self.name_field_combo.currentField()
        preset = self.preset_combo.currentData() if self.has_presets else ""
        if with_preset and preset:
            params["DISCRETION_PRESET"] = preset
        return params

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        """True while a run (one or two tasks) is under way."""
        return bool(self._runs or self._queue)

    def run(self) -> None:
        """Check the inputs and start the algorithms as background tasks."""
        if self.is_running():
            return
        self._show_message("")
        if self.persons_combo.currentLayer() is None:
            self._show_error(tr("Choose a person extract layer (add it to the project first)."))
            return
        if self.areas_combo.currentLayer() is None:
            self._show_error(tr("Choose an area layer with polygons."))
            return
        if not self.id_field_combo.currentField():
            self._show_error(tr("Choose the field holding the area id."))
            return
        self.save_settings()
        self._catalogue = indicator_catalogue(self.indicator_file.filePath().strip())
        want_criteria = self.criteria_group.isChecked() and criteria_algorithm() is not None
        steps = 2 if want_criteria else 1
        runs = [PanelRun(ALG_INDICATORS, INDICATORS, self.indicator_parameters(
            QgsProcessingUtils.generateTempFilename("boligsocial_indicators.gpkg")), 0, steps)]
        if want_criteria:
            runs.append(PanelRun(ALG_CRITERIA, CRITERIA, self.criteria_parameters(
                QgsProcessingUtils.generateTempFilename("boligsocial_criteria.gpkg")), 1, steps))
        for r in runs:
            error = self._check(r)
            if error:
                self._show_error(error)
                return
        self._new_layers: Dict[str, QgsVectorLayer] = {}
        self._results: Dict[str, Dict[str, Any]] = {}
        self._queue = runs
        self.progress.setValue(0)
        self._set_running(True)
        self._start_next()

    def _check(self, run: PanelRun) -> str:
        alg = QgsApplication.processingRegistry().algorithmById(run.alg_id)
        if alg is None:
            return tr("The algorithm {alg} is not available; reinstall the plugin.").format(
                alg=run.alg_id)
        if alg.flags() & QgsProcessingAlgorithm.FlagNoThreading:
            return tr("{alg} must run on the main thread; run it from the Processing "
                      "toolbox.").format(alg=alg.displayName())
        ok, msg = alg.checkParameterValues(run.params, run.context)
        return "" if ok else msg

    def _start_next(self) -> None:
        if not self._queue:
            return
        run = self._queue.pop(0)
        alg = QgsApplication.processingRegistry().algorithmById(run.alg_id)
        run.feedback.progressChanged.connect(self._on_progress)
        run.feedback.textChanged.connect(self._on_progress_text)
        run.task = QgsProcessingAlgRunnerTask(alg, run.params, run.context, run.feedback)
        run.task.setDescription(tr("Boligsocial: {alg}").format(alg=alg.displayName()))
        run.task.executed.connect(self._on_executed)
        self._runs.append(run)
        self._on_progress_text(alg.displayName())
        QgsApplication.taskManager().addTask(run.task)

    def cancel(self) -> None:
        """Ask the running algorithm to stop (it checks between steps)."""
        for run in self._runs:
            run.feedback.cancel()
        self._queue = []
        if self._runs:
            self._show_message(tr("Cancelling…"))

    def _current_run(self) -> Optional[PanelRun]:
        return self._runs[0] if self._runs else None

    def _on_progress(self, value: float) -> None:
        run = self._current_run()
        if run is None:
            return
        self.progress.setValue(int((run.step + value / 100.0) / run.steps * 100))

    def _on_progress_text(self, text: str) -> None:
        if self.is_running():
            self.message.setStyleSheet("")
            self.message.setText(text)

    def _on_executed(self, ok: bool, results: Dict[str, Any]) -> None:
        run = self._current_run()
        if run is None:
            return
        self._runs.remove(run)
        self._disconnect_run(run)
        run.release()
        if run.feedback.isCanceled():
            self._finish(False, tr("Cancelled; nothing was loaded."))
            return
        if not ok:
            errors = [e for e in run.feedback.errors if e.strip()]
            text = "\n".join(errors) or tr("The algorithm failed; see the Processing log.")
            self._finish(False, text, error=True)
            return
        try:
            layer = self._load(run, results)
        except (RuntimeError, ValueError) as e:
            self._finish(False, str(e), error=True)
            return
        self._new_layers[run.kind] = layer
        self._results[run.kind] = results
        if self._queue:
            self._start_next()
            return
        self._show_results()

    def _load(self, run: PanelRun, results: Dict[str, Any]) -> QgsVectorLayer:
        dest = results.get("OUTPUT") or run.params["OUTPUT"]
        name = tr("Boligsocial indicators") if run.kind == INDICATORS \
            else tr("Boligsocial criteria")
        layer = QgsVectorLayer(dest, name, "ogr")
        if not layer.isValid():
            raise RuntimeError(tr("Could not open the result {path}.").format(path=dest))
        return layer

    def _show_results(self) -> None:
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        for old in (self.indicator_layer, self.criteria_layer):
            node = root.findLayer(old.id()) if old is not None else None
            if node is not None:
                node.setItemVisibilityChecked(False)
        self.indicator_layer = self._new_layers.get(INDICATORS)
        self.criteria_layer = self._new_layers.get(CRITERIA)
        shown = self._restrict_to_one_date(self.indicator_layer)
        for layer in (self.criteria_layer, self.indicator_layer):
            if layer is not None:
                project.addMapLayer(layer)
        self._set_inspect_layer(self.indicator_layer)
        self._fill_display_combo()
        n = self.indicator_layer.featureCount() if self.indicator_layer else 0
        self.tabs.setCurrentIndex(1)
        text = tr("{n} areas on {date}.").format(n=n, date=shown or "–")
        outside = self._results.get(INDICATORS, {}).get("PERSONS_OUTSIDE")
        if outside:
            text += " " + tr("{n} persons lie outside every area.").format(n=outside)
        crit = self._results.get(CRITERIA)
        if crit:
            text += " " + tr("{n} areas in a category, {r} at risk.").format(
                n=crit.get("AREAS_IN_CATEGORY", 0), r=crit.get("AREAS_AT_RISK", 0))
        self._finish(True, text)

    def _restrict_to_one_date(self, layer: Optional[QgsVectorLayer]) -> str:
        """Show the latest reference date when the layer holds several (one row per area)."""
        if layer is None:
            return ""
        idx = layer.fields().indexOf("ref_date")
        if idx < 0:
            return ""
        dates = sorted({_text(v) for v in layer.uniqueValues(idx) if not is_null(v)})
        if len(dates) > 1:
            layer.setSubsetString("\"ref_date\" = '{}'".format(dates[-1]))
        return dates[-1] if dates else ""

    def _finish(self, ok: bool, text: str, error: bool = False) -> None:
        self._queue = []
        self._set_running(False)
        self.progress.setValue(100 if ok else 0)
        if error:
            self._show_error(text)
        else:
            self._show_message(text)
        self.runFinished.emit(ok)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _show_message(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _disconnect_run(self, run: PanelRun) -> None:
        for signal, slot in ((run.feedback.progressChanged, self._on_progress),
                             (run.feedback.textChanged, self._on_progress_text)):
            _disconnect(signal, slot)
        if run.task is not None and not sip.isdeleted(run.task):
            _disconnect(run.task.executed, self._on_executed)

    # ------------------------------------------------------------------ display
    def display_field(self) -> str:
        """The field currently shown on the map ('' before a run)."""
        data = self.display_combo.currentData()
        return data[1] if data else ""

    def _fill_display_combo(self) -> None:
        self.display_combo.blockSignals(True)
        self.display_combo.clear()
        if self.indicator_layer is not None:
            for f in self.indicator_layer.fields():
                if f.name().endswith("_val"):
                    code = f.name()[:-4]
                    label = self._catalogue.get(code, (code, ""))[0]
                    self.display_combo.addItem(label, (INDICATORS, f.name()))
        if self.criteria_layer is not None and \
                self.criteria_layer.fields().indexOf("category") >= 0:
            self.display_combo.addItem(tr("State criteria: category"), (CRITERIA, "category"))
        wanted = getattr(self, "_wanted_display", "")
        index = 0
        for i in range(self.display_combo.count()):
            if self.display_combo.itemData(i)[1] == wanted:
                index = i
        self.display_combo.setCurrentIndex(index)
        self.display_combo.blockSignals(False)
        self._on_display_changed()

    def set_display_field(self, field: str) -> bool:
        """Show another field (an indicator's _val field, or 'category'); False if absent."""
        for i in range(self.display_combo.count()):
            if self.display_combo.itemData(i)[1] == field:
                self.display_combo.setCurrentIndex(i)
                return True
        return False

    def _on_display_changed(self, _index: int = 0) -> None:
        data = self.display_combo.currentData()
        if not data:
            self._fill_table()
            return
        kind, field = data
        self._wanted_display = field
        layer = self.indicator_layer if kind == INDICATORS else self.criteria_layer
        other = self.criteria_layer if kind == INDICATORS else self.indicator_layer
        if layer is None:
            return
        try:
            apply_style(layer, field)
        except Exception as e:  # noqa: BLE001 - a styling problem must not break the panel
            self._show_error(tr("Could not style {field}: {err}").format(field=field, err=e))
        root = QgsProject.instance().layerTreeRoot()
        for lyr, visible in ((layer, True), (other, False)):
            node = root.findLayer(lyr.id()) if lyr is not None else None
            if node is not None:
                node.setItemVisibilityChecked(visible)
        self._set_inspect_layer(layer)
        self._refresh_symbology(layer)
        self._fill_table()

    def _refresh_symbology(self, layer: QgsVectorLayer) -> None:
        view = getattr(self.iface, "layerTreeView", None)
        if callable(view):
            try:
                view().refreshLayerSymbology(layer.id())
            except (AttributeError, RuntimeError):
                pass

    # ------------------------------------------------------------------ table
    def _fill_table(self) -> None:
        selected = self.selected_area()
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(0)
        layer = self.indicator_layer or self.criteria_layer
        if layer is None:
            self.table.setColumnCount(0)
            return
        field = self.display_field()
        show_value = field.endswith("_val")
        crit = self._criteria_by_area() if self.criteria_layer is not None else {}
        headers = [tr("Area"), tr("Name"), tr("Residents")]
        if show_value:
            headers.append(tr("Value"))
        if crit:
            headers.append(tr("Category"))
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        header = self.table.horizontalHeader()
        for col in range(len(headers)):  # the name gives way (elided) so figures stay visible
            header.setSectionResizeMode(col, QHeaderView.Stretch if col == 1
                                        else QHeaderView.ResizeToContents)
        if show_value:
            self.table.horizontalHeaderItem(3).setToolTip(self.display_combo.currentText())
        code = field[:-4] if show_value else ""
        unit = self._catalogue.get(code, ("", "%"))[1]
        feats = list(layer.getFeatures())
        self.table.setRowCount(len(feats))
        for row, f in enumerate(feats):
            aid = _text(f["area_id"])
            items = [_sortable(aid, aid), _sortable(_text(f["area_name"]), _text(f["area_name"]))]
            res = f["residents"]
            items.append(_sortable("–" if is_null(res) else _number(res),
                                   None if is_null(res) else float(res)))
            if show_value:
                v = f[field] if layer.fields().indexOf(field) >= 0 else None
                flag = _text(f[code + "_flag"]) if layer.fields().indexOf(code + "_flag") >= 0 \
                    else ""
                text = format_value(v, unit) if not is_null(v) else \
                    (flag_text(flag) if flag else "")
                items.append(_sortable(text, None if is_null(v) else float(v)))
            if crit:
                cat = _text(crit.get(aid, {}).get("category"))
                items.append(_sortable(category_label(cat) if cat else "", cat))
            items[0].setData(Qt.UserRole, aid)
            for col, item in enumerate(items):
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        if selected:
            self.select_area(selected)

    def _criteria_by_area(self) -> Dict[str, Dict[str, Any]]:
        out: Dict[str, Dict[str, Any]] = {}
        if self.criteria_layer is None:
            return out
        names = self.criteria_layer.fields().names()
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        for f in self.criteria_layer.getFeatures(request):
            out[_text(f["area_id"])] = dict(zip(names, f.attributes()))
        return out

    def selected_area(self) -> str:
        """Area id of the selected table row ('' when none)."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return ""
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.UserRole) if item is not None else ""

    def select_area(self, area_id: str) -> bool:
        """Select an area's row (which shows its profile); False when it is not in the table."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.UserRole) == area_id:
                self.table.selectRow(row)
                self.table.scrollToItem(item)
                return True
        return False

    def _on_row_selected(self) -> None:
        aid = self.selected_area()
        if aid:
            self.show_profile(aid)

    # ------------------------------------------------------------------ profile
    def show_profile(self, area_id: str) -> None:
        """Show every indicator (and criterion) of an area in the profile box."""
        self.profile.setHtml(self.profile_html(area_id))
        layer = self.indicator_layer
        if layer is not None:
            ids = [f.id() for f in layer.getFeatures(_area_request(area_id))]
            layer.selectByIds(ids)

    def profile_html(self, area_id: str) -> str:
        """HTML profile of one area: indicator values with flags, criteria with margins."""
        parts: List[str] = []
        ind = _first(self.indicator_layer, area_id)
        crit = _first(self.criteria_layer, area_id)
        first = ind or crit
        if first is None:
            return "<p>{}</p>".format(html.escape(tr("No result for area {id}.").format(
                id=area_id)))
        name = _text(first["area_name"]) if "area_name" in first.fields().names() else ""
        parts.append("<h3>{}</h3>".format(html.escape(
            "{} – {}".format(area_id, name) if name else area_id)))
        residents = first["residents"]
        facts = [tr("Residents: {n}").format(n="–" if is_null(residents) else _number(residents))]
        if ind is not None and "ref_date" in ind.fields().names():
            facts.append(tr("Reference date: {d}").format(d=_text(ind["ref_date"])))
        parts.append("<p>{}</p>".format(html.escape(" · ".join(facts))))
        if ind is not None:
            parts.append(self._indicator_table(ind))
        if crit is not None:
            parts.append(self._criteria_html(crit))
        return "\n".join(parts)

    def _indicator_table(self, f: QgsFeature) -> str:
        names = f.fields().names()
        flags = {_text(f[n]) for n in names if n.endswith("_flag")}
        whole_area = flags == {"A"}
        rows = ["<tr><th align='left'>{}</th><th align='right'>{}</th>"
                "<th align='right'>{}</th></tr>".format(
                    html.escape(tr("Indicator")), html.escape(tr("Value")),
                    html.escape(tr("Count / base")))]
        for n in names:
            if not n.endswith("_val"):
                continue
            code = n[:-4]
            label, unit = self._catalogue.get(code, (code, "%"))
            flag = _text(f[code + "_flag"]) if code + "_flag" in names else ""
            value = f[n]
            if is_null(value):
                shown = "<i>{}</i>".format(html.escape(flag_text(flag) if flag else tr("none")))
                base = "" if whole_area else "<i>{}</i>".format(html.escape(flag_reason(flag)))
            else:
                shown = html.escape(format_value(value, unit))
                num = f[code + "_num"] if code + "_num" in names else None
                den = f[code + "_den"] if code + "_den" in names else None
                base = "" if unit == "kr." or is_null(num) or is_null(den) else \
                    html.escape("{} / {}".format(_number(num), _number(den)))
            rows.append("<tr><td>{}</td><td align='right'>{}</td><td align='right'>{}</td>"
                        "</tr>".format(html.escape(label), shown, base))
        note = "<p><i>{}</i></p>".format(html.escape(tr(
            "The area has fewer residents than the smallest area published, so only the "
            "number of residents is shown."))) if whole_area else ""
        return note + "<table cellspacing='0' cellpadding='2' width='100%'>{}</table>".format(
            "".join(rows))

    def _criteria_html(self, f: QgsFeature) -> str:
        names = f.fields().names()
        rule_set = _text(f["rule_set"]) if "rule_set" in names else ""
        out = ["<h4>{}</h4>".format(html.escape(tr("State criteria ({rules})").format(
            rules=rule_set)))]
        if "category" in names:
            out.append("<p><b>{}</b></p>".format(html.escape(
                tr("Category: {c}").format(c=category_label(_text(f["category"]))))))
        lists = sorted({n.rsplit("_", 1)[1] for n in names if n.startswith("criteria_met_")})
        out.append("<p><i>{}</i></p>".format(html.escape(tr(
            "Per list: met or not, with the margin to the threshold in brackets (positive "
            "when met)."))))
        ncol = 1 + len(lists)
        rows = ["<tr><th align='left'>{}</th>{}</tr>".format(
            html.escape(tr("Value")), "".join("<th align='right'>{}</th>".format(
                html.escape(lst)) for lst in lists))]
        for key in CRITERIA_KEYS:
            if key + "_val" not in names:
                continue
            label, unit = criterion_label_unit(key, rule_set)
            value = f[key + "_val"]
            flag = _text(f[key + "_flag"]) if key + "_flag" in names else ""
            shown = format_value(value, unit) if not is_null(value) else \
                (flag_text(flag) if flag else tr("not assessable"))
            cells = []
            for lst in lists:
                met_name, gap_name = "{}_met_{}".format(key, lst), "{}_gap_{}".format(key, lst)
                if met_name not in names:
                    cells.append("<td></td>")
                    continue
                met, gap = f[met_name], f[gap_name] if gap_name in names else None
                text = tr("n/a") if is_null(met) else (tr("yes") if int(met) else tr("no"))
                if not is_null(gap):
                    sign = "+" if float(gap) > 0 else ("−" if float(gap) < 0 else "±")
                    text += " ({}{})".format(sign, format_value(abs(float(gap)), unit))
                cells.append("<td align='right'>{}</td>".format(html.escape(text)))
            rows.append("<tr><td colspan='{}'><b>{}</b></td></tr>".format(
                ncol, html.escape(label)))
            rows.append("<tr><td>{}</td>{}</tr>".format(html.escape(shown), "".join(cells)))
        count = []
        for lst in lists:
            v = f["criteria_met_" + lst]
            count.append("<td align='right'>{}</td>".format(html.escape(_text(v))))
        rows.append("<tr><td><b>{}</b></td>{}</tr>".format(
            html.escape(tr("Criteria met")), "".join(count)))
        out.append("<table cellspacing='0' cellpadding='2' width='100%'>{}</table>".format(
            "".join(rows)))
        if "at_risk" in names and not is_null(f["at_risk"]) and int(f["at_risk"]):
            out.append("<p><b>{}</b></p>".format(html.escape(
                tr("At risk: within the margin of a criterion threshold."))))
        for field in ("explanation", "data_note"):
            if field in names and _text(f[field]):
                out.append("<p>{}</p>".format(html.escape(_text(f[field]))))
        return "\n".join(out)

    # ------------------------------------------------------------------ map tool
    def _on_inspect_toggled(self, checked: bool) -> None:
        if self.canvas is None or self.map_tool is None or self._switching_tool:
            return
        self._switching_tool = True
        try:
            if checked:
                self._prev_tool = self.canvas.mapTool()
                self._set_inspect_layer(self._displayed_layer())
                self.canvas.setMapTool(self.map_tool)
            else:
                prev, self._prev_tool = self._prev_tool, None
                if self.canvas.mapTool() is self.map_tool:
                    self.canvas.unsetMapTool(self.map_tool)
                    if prev is not None and not sip.isdeleted(prev):
                        self.canvas.setMapTool(prev)
        finally:
            self._switching_tool = False

    def _on_map_tool_set(self, new_tool, old_tool) -> None:
        if self._switching_tool or self.map_tool is None:
            return
        if old_tool is self.map_tool and new_tool is not self.map_tool:
            # the user picked another tool: leave it, just release the button
            self._prev_tool = None
            self._switching_tool = True
            try:
                self.inspect_button.setChecked(False)
            finally:
                self._switching_tool = False

    def _set_inspect_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        self.inspect_layer = layer
        if self.map_tool is not None:
            self.map_tool.setLayer(layer)

    def _displayed_layer(self) -> Optional[QgsVectorLayer]:
        data = self.display_combo.currentData()
        if data and data[0] == CRITERIA:
            return self.criteria_layer
        return self.indicator_layer or self.criteria_layer

    def _on_feature_identified(self, feature: QgsFeature) -> None:
        if "area_id" not in feature.fields().names():
            return
        aid = _text(feature["area_id"])
        if not self.select_area(aid):
            self.show_profile(aid)

    # ------------------------------------------------------------------ lifetime
    def _on_layers_removed(self, layer_ids) -> None:
        ids = set(layer_ids)
        changed = False
        if self.indicator_layer is not None and self.indicator_layer.id() in ids:
            self.indicator_layer = None
            changed = True
        if self.criteria_layer is not None and self.criteria_layer.id() in ids:
            self.criteria_layer = None
            changed = True
        if changed:
            self._set_inspect_layer(None)
            self.profile.clear()
            self._fill_display_combo()

    def cleanup(self) -> None:
        """Undo everything outside the panel: map tool, signal connections, running tasks."""
        if self._cleaned:
            return
        self._cleaned = True
        try:
            self.save_settings()
        except RuntimeError:
            pass
        if self.inspect_button.isChecked():
            self.inspect_button.setChecked(False)
        _disconnect(QgsProject.instance().layersWillBeRemoved, self._on_layers_removed)
        if self.canvas is not None and not sip.isdeleted(self.canvas):
            _disconnect(self.canvas.mapToolSet, self._on_map_tool_set)
            if self.map_tool is not None and self.canvas.mapTool() is self.map_tool:
                self.canvas.unsetMapTool(self.map_tool)
        if self.map_tool is not None:
            _disconnect(self.map_tool.featureIdentified[QgsFeature], self._on_feature_identified)
            self.map_tool.deleteLater()
            self.map_tool = None
        self._queue = []
        for run in self._runs:
            self._disconnect_run(run)
            run.feedback.cancel()
            if run.task is not None and not run.done:
                _ORPHANS.append(run)
                run.task.taskCompleted.connect(run.release)
                run.task.taskTerminated.connect(run.release)
        self._runs = []
        self.indicator_layer = None
        self.criteria_layer = None


def _disconnect(signal, slot: Callable) -> None:
    try:
        signal.disconnect(slot)
    except (TypeError, RuntimeError):
        pass


def _area_request(area_id: str) -> QgsFeatureRequest:
    expr = "\"area_id\" = '{}'".format(str(area_id).replace("'", "''"))
    return QgsFeatureRequest().setFilterExpression(expr)


def _first(layer: Optional[QgsVectorLayer], area_id: str) -> Optional[QgsFeature]:
    if layer is None:
        return None
    for f in layer.getFeatures(_area_request(area_id)):
        return f
    return None

