# SPDX-License-Identifier: GPL-2.0-or-later
"""The monitoring panel's widgets, laid out (what Qt Designer would generate); no behaviour.

:class:`PanelWidgets` is mixed into :class:`boligsocial_plugin.gui.panel.BoligsocialDock`;
``build_ui`` creates every widget as an attribute of the panel and connects its signals to
the panel's slots.
"""
from qgis.core import QgsMapLayerProxyModel
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.criteria import DEFAULT_RULE_SET, RULE_SETS, rule_set_label
from boligsocial_plugin.core.i18n import tr


class PanelWidgets:
    """Builds the panel's widgets: a setup tab, a results tab, buttons and a message line."""

    def build_ui(self) -> None:
        """Create and lay out every widget of the panel, then connect their signals."""
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget(body)
        outer.addWidget(self.tabs, 1)
        setup = QWidget(self.tabs)
        slay = QVBoxLayout(setup)
        slay.setContentsMargins(2, 4, 2, 2)
        slay.addWidget(self._build_inputs(setup))
        slay.addWidget(self._build_discretion(setup))
        slay.addWidget(self._build_criteria(setup))
        slay.addStretch(1)
        self.tabs.addTab(setup, tr("Setup"))
        self.tabs.addTab(self._build_results(self.tabs), tr("Results"))
        outer.addLayout(self._build_buttons(body))
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        outer.addWidget(self.message)
        self.setWidget(body)
        self._connect_ui()

    def _build_inputs(self, parent: QWidget) -> QGroupBox:
        inputs = QGroupBox(tr("Input"), parent)
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
        self.output_file = QgsFileWidget(inputs)
        self.output_file.setStorageMode(QgsFileWidget.SaveFile)
        self.output_file.setFilter(tr("GeoPackage (*.gpkg)"))
        self.output_file.setConfirmOverwrite(False)  # results are added as new layers
        self.output_file.lineEdit().setPlaceholderText(tr("temporary (lost when QGIS closes)"))
        self.output_file.setToolTip(tr("GeoPackage the results are saved in; every run adds "
                                       "its layers (with their styles), so earlier results "
                                       "stay. Default: boligsocial.gpkg in the project "
                                       "folder. Empty: temporary files."))
        form.addRow(tr("Save results in"), self.output_file)
        return inputs

    def _build_discretion(self, parent: QWidget) -> QGroupBox:
        disc = QGroupBox(tr("Discretion"), parent)
        dform = QFormLayout(disc)
        self.preset_combo = QComboBox(disc)
        self.preset_combo.addItem(tr("Custom (numbers below)"), "")
        labels = discretion.preset_labels()
        for name in discretion.PRESETS:
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
        self.preset_combo.setVisible(self.has_presets)
        self.preset_label.setVisible(self.has_presets)
        return disc

    def _build_criteria(self, parent: QWidget) -> QGroupBox:
        self.criteria_group = QGroupBox(tr("Assess state criteria (needs two yearly "
                                           "snapshots)"), parent)
        self.criteria_group.setCheckable(True)
        self.criteria_group.setChecked(False)
        cform = QFormLayout(self.criteria_group)
        self.rule_set_combo = QComboBox(self.criteria_group)
        self.rule_set_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.rule_set_combo.setMinimumContentsLength(12)  # long labels must not widen the panel
        for code in RULE_SETS:
            self.rule_set_combo.addItem(rule_set_label(code), code)
        self.rule_set_combo.setCurrentIndex(self.rule_set_combo.findData(DEFAULT_RULE_SET))
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
        self.trend_check = QCheckBox(tr("Follow change over time"), self.criteria_group)
        self.trend_check.setToolTip(tr("Also assess every snapshot, fit the trends and project "
                                       "the next list (Monitor state criteria over time); the "
                                       "profile shows the trend chart. Needs several "
                                       "snapshots in the extract."))
        cform.addRow("", self.trend_check)
        return self.criteria_group

    def _build_results(self, parent: QWidget) -> QWidget:
        results = QWidget(parent)
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
        return results

    def _build_buttons(self, parent: QWidget) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"), parent)
        self.run_button.setToolTip(tr("Runs the same algorithms as the Processing toolbox in "
                                      "the background."))
        self.cancel_button = QPushButton(tr("Cancel"), parent)
        self.progress = QProgressBar(parent)
        self.progress.setRange(0, 100)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        return buttons

    def _connect_ui(self) -> None:
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
